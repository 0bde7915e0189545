"""A TinyDB storage that never leaves a half-written file, plus the JSON reading it shares.

TinyDB's JSONStorage rewrites the database in place, so a process killed mid-write leaves a
file that no longer parses. This storage writes a temp file in the same folder, fsyncs it and
renames it over the database (see :func:`coach.core.files.atomic_write_bytes`).

Every TinyDB operation reads the whole file (an insert reads it twice). Parsing 20,000 runs
costs tens of milliseconds, so the parsed content is kept per path together with the exact
bytes it came from: a read that finds the same bytes on disk reuses it, any other bytes (another
process wrote) are parsed again. Bytes are compared, not timestamps, so the cache can never
hand out stale data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from coach.core.history.jsonfile import dump_tables, forget_cached, read_tables, remember


class AtomicJSONStorage(Storage):
    """TinyDB storage: whole-file JSON, written atomically with mode 0600."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The database content, or None for a missing or empty file (TinyDB then starts empty).

        Raises ValueError for content that is not JSON; the history store checks the file
        before TinyDB ever opens it, so this only happens if it changed underneath."""
        tables = read_tables(self.path)
        if tables is None:
            return None
        if not isinstance(tables, dict):
            raise ValueError(f"{self.path} does not hold a JSON object")
        return tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        forget_cached(self.path)  # TinyDB has changed the cached object; drop it if writing fails
        payload = dump_tables(data)
        from coach.core.files import atomic_write_bytes

        atomic_write_bytes(self.path, payload)
        remember(self.path, payload, data)

    def close(self) -> None:
        """Nothing to close: the file is only open during a read or a write."""

