"""One policy for every disposable cache coach keeps (the start-up cache, the history's
fast-start copy).

* Caches live in the platform's cache folder (``Paths.cache_dir``), one file each, named by
  what they cache (:func:`name`). Deleting any of them loses nothing.
* A cache file is ``MAGIC``, the length of its key and the CRC-32 of its payload, the key
  (as text), then the payload. The key always includes coach's version and the Python; callers
  add the stamps of the files the cache derives from. The key is compared byte for byte and
  the payload's checksum checked before the caller deserialises anything, so a cache for other
  files, another version or another shape, or a damaged one, is ignored.
* A cache is read only from a folder that is the user's own and that nobody else can write, only
  from a regular file (never through a symbolic link, a FIFO or a device) that is the user's and
  that nobody else can write. pickle and marshal are therefore only ever run on bytes the user's
  own coach wrote.
* Files are 0600; a cache folder coach creates is 0700. Writing is best effort (a full or
  read-only disk only means the next start is slower) and skipped while a source file is so
  fresh that a change within the same clock tick could go unseen by its stamp
  (:data:`RACY_NS`). Nothing here raises.
* A cache another program reads (a tone for a sound player, :func:`own_file`) is its payload
  alone, with no header: its name carries the payload's checksum and a file already there is
  used only when it holds exactly those bytes, under the same rules of folder and file.
* :func:`cache_files` lists every cache file for ``coach forget``, including those older
  versions kept in the data folder.
"""

from __future__ import annotations

import os
import stat
import struct
import sys
import time
import zlib

import coach
from coach.core.files import TEMP_PREFIX, atomic_write_bytes, ensure_private_dir, read_regular

TYPE_CHECKING = False  # typing and pathlib stay unimported: `coach nudge` reads a cache
if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from coach.core.files import Stamp
    from coach.core.paths import Paths

MAGIC = b"coach cache 1\n"
_SIZES = struct.Struct(">II")
SUFFIX = ".cache"
MAX_BYTES = 256 << 20
RACY_NS = 2_000_000_000
"""A file changed this recently (ns) may change again within the same timestamp tick (2 s on
FAT), unseen by its stamp: a cache derived from it is not written this time."""
OWN_SUFFIXES = (".wav",)
"""Suffixes of the caches other programs read (:func:`own_file`)."""
LEGACY_IN_DATA = ("startup.cache", "css.cache", "history.json.cache")
"""Caches that older versions (and the app's CSS cache) keep in the data folder."""


def name(kind: str, *parts: object) -> str:
    """A file name for the cache of ``kind`` derived from ``parts`` (e.g. the folders it reads),
    so that two sets of folders sharing one cache folder do not overwrite each other's cache."""
    tag = zlib.crc32(repr(parts).encode("utf-8", "backslashreplace"))
    return f"{kind}-{tag:08x}{SUFFIX}"


def key_bytes(key: object) -> bytes:
    """``key`` (a repr-stable value: tuples, str, int, None) as stored, together with coach's
    version and the Python, which every cache depends on."""
    full = (coach.__version__, sys.implementation.cache_tag, key)
    return repr(full).encode("utf-8", "backslashreplace")


def newest_change(stamps: Iterable[Stamp]) -> int:
    """The latest modification or change time (ns) among ``stamps`` (0 for none)."""
    return max((max(s[0], s[1]) for s in stamps if s is not None), default=0)


def now_ns() -> int:
    """The wall clock in ns, for stamps' ages (one place, so tests can move it)."""
    return time.time_ns()


def settled(newest_ns: int, stamped_at: int | None = None) -> bool:
    """Whether a source whose newest change is ``newest_ns`` was older than :data:`RACY_NS` when
    its stamp was taken (``stamped_at``, default now): only then may a cache be keyed on it."""
    return newest_ns <= (now_ns() if stamped_at is None else stamped_at) - RACY_NS


def safe_folder(folder: str | Path) -> bool:
    """Whether ``folder`` is a real folder (not a link) of the user's that nobody else can write."""
    try:
        st = os.lstat(folder)
    except (OSError, ValueError):
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    return os.name != "posix" or (st.st_uid == os.getuid() and not st.st_mode & 0o022)


def read(folder: str | Path, file_name: str, key: object) -> bytes | None:
    """The payload of the cache ``file_name`` in ``folder`` when it was written for ``key`` and
    is whole; None otherwise (missing, unsafe, another key, damaged). Never raises."""
    data = _read_own(folder, file_name)
    if data is None:
        return None
    head = len(MAGIC) + _SIZES.size
    if len(data) < head or data[:len(MAGIC)] != MAGIC:
        return None
    size, checksum = _SIZES.unpack_from(data, len(MAGIC))
    if data[head:head + size] != key_bytes(key):
        return None
    payload = data[head + size:]
    return payload if zlib.crc32(payload) == checksum else None


def _read_own(folder: str | Path, file_name: str) -> bytes | None:
    """The bytes of ``file_name`` in a safe ``folder`` when it is a regular file of the user's
    that nobody else can write; None otherwise. Never raises."""
    path = os.path.join(folder, file_name)
    try:
        if not safe_folder(folder):
            return None
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            return None
        if os.name == "posix" and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return None
        return read_regular(path, MAX_BYTES, follow_symlinks=False)
    except (OSError, ValueError):
        return None


def own_file(folder: Path, kind: str, payload: bytes, suffix: str) -> Path | None:
    """A file holding ``payload`` alone, for another program to read: ``<kind>-<crc32><suffix>``
    in ``folder`` (``suffix`` one of :data:`OWN_SUFFIXES`), written (0600, atomically; the folder
    0700 when created) unless a safe file with exactly these bytes is there already. Returns its
    path, or None when it could not be written or the folder is not safe. Never raises."""
    file_name = f"{kind}-{zlib.crc32(payload):08x}{suffix}"
    if _read_own(folder, file_name) == payload:
        return folder / file_name
    try:
        if not os.path.isdir(folder):
            ensure_private_dir(folder)
        if not safe_folder(folder):
            return None
        atomic_write_bytes(folder / file_name, payload)
    except (OSError, ValueError):
        return None
    return folder / file_name


def write(folder: Path, file_name: str, key: object, payload: bytes, *, newest_ns: int = 0,
          stamped_at: int | None = None) -> bool:
    """Store ``payload`` under ``key`` (0600; the folder is created 0700 when missing).

    Skipped when a source changed (``newest_ns``) within :data:`RACY_NS` before its stamp was
    taken (``stamped_at``, default now), or when the folder is not safe to read back from.
    Returns whether the cache was written; never raises."""
    if not settled(newest_ns, stamped_at):
        return False
    try:
        if not os.path.isdir(folder):
            ensure_private_dir(folder)
        if not safe_folder(folder):
            return False
        key_text = key_bytes(key)
        head = MAGIC + _SIZES.pack(len(key_text), zlib.crc32(payload)) + key_text
        atomic_write_bytes(folder / file_name, head + payload)
    except (OSError, ValueError):
        return False
    return True


def cache_files(paths: Paths) -> list[Path]:
    """Every cache file coach keeps for ``paths``: all of the cache folder's (with temp files a
    killed write left) and the ones older versions kept in the data folder."""
    try:
        names = os.listdir(paths.cache_dir)
    except OSError:
        names = []
    found = [paths.cache_dir / n for n in names
             if n.endswith((SUFFIX, *OWN_SUFFIXES)) or n.startswith(TEMP_PREFIX)]
    found += [p for p in (paths.data_dir / n for n in LEGACY_IN_DATA) if os.path.lexists(p)]
    return sorted(found)


def clear(paths: Paths) -> list[Path]:
    """Delete every file of :func:`cache_files`; returns what was deleted. Raises OSError."""
    deleted = []
    for path in cache_files(paths):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        deleted.append(path)
    return deleted
