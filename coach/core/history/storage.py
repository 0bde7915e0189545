"""The TinyDB storage of the history files: JSON, read totally, written atomically.

* Reading goes through :func:`coach.core.files.read_regular` (only a regular file, size capped,
  never blocks on a FIFO), checks the nesting depth before parsing, and checks the shape TinyDB
  needs (an object of tables, each an object of documents that are objects). A file that fails
  is :class:`CorruptFile`; one that cannot be read at all raises OSError (not damage: the
  caller must leave it where it is).
* Writing replaces the file in one step (temp file, fsync, rename, fsync of the folder, see
  :func:`coach.core.files.atomic_write_bytes`), so a kill leaves the old or the new file. A
  symbolic link is written through: its target is replaced and the link stays.
* One storage serves one TinyDB opened inside the history lock: it keeps what it read or wrote
  for the rest of that operation, so TinyDB's repeated reads do not parse the file again.

Documents are keyed by the strings found in the file (``document_id_class = str``): a record
under a key that is not a number is data to skip, never a reason an insert fails.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from coach.core.files import atomic_write_bytes, read_regular

MAX_BYTES = 256 << 20
"""Far above any real history (20,000 runs take about 9 MB)."""
MAX_DEPTH = 32
"""A history nests 5 deep; anything near this is damage."""
Tables = dict[str, dict[str, Any]]


class CorruptFile(ValueError):
    """The file is there and readable but is not a history; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def nested_deeper_than(data: bytes, limit: int) -> bool:
    """Whether the JSON text ``data`` nests arrays and objects more than ``limit`` deep. A few
    passes over bytes, no recursion. Brackets that do not pair up (a file cut short) count
    only as deep as they could make a parser go.

    Escapes are dropped, then everything but quotes and brackets. Dropping two adjacent quotes
    never changes which brackets are inside a string, so after ``""`` pairs go only quotes
    around brackets in strings are left (rare), and those strings are cut out. Each pass then
    removes the innermost bracket pairs: one level."""
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    marks = data.translate(None, _NOT_MARKS).replace(b'""', b"")
    if b'"' in marks:
        marks = b"".join(marks.split(b'"')[::2])
    for _ in range(limit + 1):
        paired = _INNERMOST.sub(b"", marks)
        if paired == marks:  # only brackets without a partner are left
            return marks.count(b"[") + marks.count(b"{") > limit
        marks = paired
    return True


_NOT_MARKS = bytes(b for b in range(256) if b not in b'"[]{}')
_INNERMOST = re.compile(rb"\[\]|\{\}")


def parse_tables(data: bytes) -> Tables | None:
    """The tables in ``data``; None when it is empty. Raises :class:`CorruptFile`."""
    if not data.strip():
        return None
    if nested_deeper_than(data, MAX_DEPTH):
        raise CorruptFile("it is nested too deeply")
    try:
        tables = json.loads(data)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise CorruptFile("it is not valid JSON") from None
    if type(tables) is not dict:
        raise CorruptFile("it does not hold a JSON object")
    for name, table in tables.items():
        if type(table) is not dict or not all(type(doc) is dict for doc in table.values()):
            raise CorruptFile(f"its '{name}' table is not a set of records")
    return tables


def read_tables(path: Path) -> Tables | None:
    """The tables in the file at ``path``; None when it is missing or empty. Raises
    :class:`CorruptFile`, or OSError when it cannot be read (permissions, a FIFO, too large)."""
    try:
        data = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return None
    return parse_tables(data)


def dump_tables(tables: Tables) -> bytes:
    """Compact UTF-8 JSON: no spaces, text as it is (not escaped to ASCII)."""
    return json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_tables(path: Path, tables: Tables) -> None:
    """Replace the file at ``path`` (or the target of the link at ``path``). Raises OSError."""
    atomic_write_bytes(Path(os.path.realpath(path)), dump_tables(tables))


class HistoryStorage(Storage):
    """TinyDB storage for one history file, for the span of one locked operation."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._tables: Tables | None = None

    def read(self) -> Tables | None:
        if self._tables is None:
            self._tables = read_tables(self.path)
        return self._tables

    def write(self, data: Tables) -> None:
        self._tables = None  # TinyDB changed what it read: if writing fails, read again
        write_tables(self.path, data)
        self._tables = data

    def keep(self, data: Tables) -> None:
        """Serve ``data`` for the rest of this operation without writing it (a migration that
        could not be saved is still read)."""
        self._tables = data

    def close(self) -> None:
        """Nothing to close: the file is only open during a read or a write."""


class _Table(Table):
    document_id_class = str  # type: ignore[assignment]


class _Database(TinyDB):
    table_class = _Table


def open_db(path: Path) -> TinyDB:
    """A TinyDB on the history file at ``path`` (nothing is read until it is used)."""
    return _Database(path, storage=HistoryStorage)
