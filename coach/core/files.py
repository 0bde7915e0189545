"""Atomic, private file writes: temp file in the same folder, fsync, replace, fsync folder."""

from __future__ import annotations

import errno
import os
import stat
import time

TYPE_CHECKING = False  # typing, pathlib and tempfile stay unimported: `coach nudge` reads caches
if TYPE_CHECKING:
    from pathlib import Path

TEMP_PREFIX = ".coach-tmp-"


def atomic_write_bytes(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` so a reader sees the old file or the new one, never half.

    The folder is created 0700 if missing; the file ends up with ``mode`` (0600 by default).
    Raises OSError (read-only folder, full disk); the old file is then left as it was.
    """
    folder = ensure_private_dir(path.parent)
    tmp = write_temp(folder, data)
    try:
        os.chmod(tmp, mode)
        _replace(tmp, path)
    except BaseException:
        remove_quietly(tmp)
        raise
    fsync_dir(folder)


def remove_quietly(path: Path) -> bool:
    """Delete ``path``; False where it could not be (already gone, not ours to delete)."""
    try:
        path.unlink()
    except OSError:
        return False
    return True


Stamp = tuple[int, int, int, int] | None
"""(mtime_ns, ctime_ns, size, inode) of a file, None when it cannot be stat'ed."""


def file_stamp(path: str | Path) -> Stamp:
    """What changes when the file at ``path`` does (for cache keys)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino


class NotRegularFile(OSError):
    """The path is a FIFO, device, socket or folder: coach never opens those as files."""


class FileTooLarge(OSError):
    """The file is larger than the reader accepts."""


_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def read_regular(path: str | Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Never blocks: the file is opened non-blocking (a FIFO with no writer opens at once) and
    refused unless it is a regular file. Its size is checked before anything is read, and
    reading stops after ``limit`` bytes in case it grew. With ``follow_symlinks=False`` a
    symbolic link is refused too. Raises FileNotFoundError, :class:`NotRegularFile`,
    :class:`FileTooLarge` or another OSError; each has a plain ``strerror``.
    """
    flags = _READ_FLAGS | (0 if follow_symlinks else getattr(os, "O_NOFOLLOW", 0))
    if os.name != "posix":  # no O_NONBLOCK: look before opening
        st = os.stat(path, follow_symlinks=follow_symlinks)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_symlinks:
            raise NotRegularFile(errno.ELOOP, "a symbolic link", str(path)) from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        if st.st_size > limit:
            raise FileTooLarge(errno.EFBIG, f"larger than {_size(limit)}", str(path))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FileTooLarge(errno.EFBIG, f"larger than {_size(limit)}", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _size(limit: int) -> str:
    return f"{limit // (1 << 20)} MiB" if limit >= 1 << 20 else f"{max(1, limit // 1024)} KiB"


def read_private_bytes(path: Path) -> bytes | None:
    """The bytes of ``path`` when it is ours and nobody else can write it; None when it is
    missing, unreadable, someone else's or group/world-writable (never to be unpickled)."""
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            if os.name == "posix" and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                return None
            return handle.read()
    except OSError:
        return None


def write_temp(folder: Path, data: bytes) -> Path:
    """A new temp file (0600) in ``folder`` holding ``data``, flushed and fsynced."""
    import tempfile
    from pathlib import Path

    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)  # mkstemp makes it 0600
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        remove_quietly(tmp)
        raise
    return tmp


def _replace(src: Path, dst: Path, attempts: int = 5) -> None:
    """os.replace, retried briefly: on Windows another program may hold the file."""
    for attempt in range(attempts):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if os.name != "nt" or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stray_temp_files(folder: Path) -> list[Path]:
    """Delete temp files left by an interrupted write; returns what was removed."""
    if not folder.is_dir():
        return []
    return [tmp for tmp in folder.glob(TEMP_PREFIX + "*") if remove_quietly(tmp)]


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and its missing parents) if needed; every folder created here is made
    0700 (a parent made for the cache folder may be the data folder itself).

    An existing folder keeps its mode: it may be one the user chose and shares on purpose.
    :func:`open_to_others` tells whether it is, so the caller can say so once."""
    missing = []
    folder = path
    while not folder.is_dir() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        folder.chmod(0o700)  # mkdir's mode is reduced by the umask
    return path


def open_to_others(path: Path) -> bool:
    """Whether the folder at ``path`` can be read, entered or written by other users (POSIX
    permission bits; False when it is missing or on systems without them)."""
    if os.name != "posix":
        return False
    try:
        return bool(stat.S_IMODE(os.stat(path).st_mode) & 0o077)
    except OSError:
        return False
