"""Writing a new private file (exports): never overwrites, never half-written."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from coach.core.files import fsync_dir, write_temp


def write_new_file(dest: Path, data: bytes) -> None:
    """Write ``data`` to ``dest`` (mode 0600) only if it does not exist yet.

    A temp file in the same folder is written and fsynced, then hard-linked to ``dest``,
    which fails with FileExistsError rather than replace anything. The folder's own mode is
    left alone (it is the user's). Raises OSError."""
    if dest.exists():
        raise FileExistsError(dest)
    tmp = write_temp(dest.parent, data)
    try:
        try:
            os.link(tmp, dest)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (some network or FAT folders)
            if dest.exists():
                raise FileExistsError(dest) from None
            os.replace(tmp, dest)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    fsync_dir(dest.parent)
