"""Reading and writing the history's JSON without TinyDB (fast paths such as ``coach nudge``).

Parsed content is cached per path with the exact bytes it came from; a read that finds other
bytes on disk parses again, so a cached value is never stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

_CACHE: dict[Path, tuple[bytes, Any]] = {}


def read_tables(path: Path) -> Any:
    """Parsed JSON of ``path``; None when missing or empty. Raises ValueError when it is not
    JSON (UnicodeDecodeError included) and OSError when it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == data:
        return cached[1]
    if not data.strip():
        return None
    import json  # only when there is a file to parse: start-up without history skips it

    tables = json.loads(data)
    _CACHE[path] = (data, tables)
    return tables


def dump_tables(tables: Any) -> bytes:
    """Compact UTF-8 JSON (a quarter smaller and faster to write than TinyDB's default)."""
    import json

    return json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def remember(path: Path, data: bytes, tables: Any) -> None:
    """Record that ``path`` now holds ``data``, which parses to ``tables``."""
    _CACHE[path] = (data, tables)


def forget_cached(path: Path) -> None:
    _CACHE.pop(path, None)
