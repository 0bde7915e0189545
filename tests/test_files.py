"""coach.core.files.read_regular: every file coach reads is opened this way."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from coach.core.files import FileTooLarge, NotRegularFile, read_regular


def test_reads_a_regular_file_up_to_its_limit(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" * 10)
    assert read_regular(tmp_path / "a", 10) == b"x" * 10
    with pytest.raises(FileTooLarge) as err:
        read_regular(tmp_path / "a", 9)
    assert "larger than" in err.value.strerror


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_at_once_without_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "f")
    done: list[BaseException] = []

    def read() -> None:
        try:
            read_regular(tmp_path / "f", 100)
        except BaseException as exc:
            done.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert isinstance(done[0], NotRegularFile)


def test_folders_and_missing_files_are_errors_with_plain_reasons(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFile):
        read_regular(tmp_path, 100)
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "missing", 100)


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlinks_are_followed_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"hi")
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert read_regular(tmp_path / "link", 10) == b"hi"
    with pytest.raises(NotRegularFile):
        read_regular(tmp_path / "link", 10, follow_symlinks=False)
