"""The cache policy (coach.core.cache): keyed, whole, private, never through a link or from a
folder others can write, never hanging, never raising; and everything listed for forget."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coach.core import cache
from coach.core.paths import Paths

KEY = ("test", 1, ("a", (1, 2, 3, 4)))


@pytest.fixture(autouse=True)
def _old_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_round_trip_private_files_in_a_private_folder(folder: Path) -> None:
    assert cache.write(folder, "x.cache", KEY, b"payload")
    assert cache.read(folder, "x.cache", KEY) == b"payload"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "x.cache").stat().st_mode) == 0o600


def test_another_key_or_version_is_ignored(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.write(folder, "x.cache", KEY, b"payload")
    assert cache.read(folder, "x.cache", ("test", 2)) is None
    monkeypatch.setattr("coach.__version__", "0.0.0-other")
    assert cache.read(folder, "x.cache", KEY) is None


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "magic", "appended"])
def test_a_damaged_cache_is_ignored(folder: Path, damage: str) -> None:
    cache.write(folder, "x.cache", KEY, b"payload" * 100)
    path = folder / "x.cache"
    data = path.read_bytes()
    path.write_bytes({"truncated": data[:-5], "flipped": data[:-1] + bytes([data[-1] ^ 1]),
                      "empty": b"", "magic": b"X" + data[1:], "appended": data + b"!"}[damage])
    assert cache.read(folder, "x.cache", KEY) is None


def test_a_file_others_can_write_is_ignored(folder: Path) -> None:
    cache.write(folder, "x.cache", KEY, b"payload")
    (folder / "x.cache").chmod(0o646)
    assert cache.read(folder, "x.cache", KEY) is None


def test_a_folder_others_can_write_is_neither_read_nor_written(folder: Path) -> None:
    cache.write(folder, "x.cache", KEY, b"payload")
    folder.chmod(0o733)
    assert cache.read(folder, "x.cache", KEY) is None
    assert not cache.write(folder, "y.cache", KEY, b"payload")
    assert not (folder / "y.cache").exists()


def test_links_are_never_followed(folder: Path, tmp_path: Path) -> None:
    cache.write(folder, "x.cache", KEY, b"payload")
    (folder / "link.cache").symlink_to(folder / "x.cache")
    assert cache.read(folder, "link.cache", KEY) is None
    linked = tmp_path / "linked"
    linked.symlink_to(folder)
    assert cache.read(linked, "x.cache", KEY) is None
    assert not cache.write(linked, "z.cache", KEY, b"payload")


def test_a_fifo_or_a_folder_in_place_of_a_cache_never_hangs(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    os.mkfifo(folder / "fifo.cache")
    (folder / "dir.cache").mkdir()
    assert cache.read(folder, "fifo.cache", KEY) is None
    assert cache.read(folder, "dir.cache", KEY) is None


def test_a_fresh_source_is_not_cached_yet(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 2_000_000_000)
    now = cache.now_ns()
    assert not cache.write(folder, "x.cache", KEY, b"p", newest_ns=now - 1_000_000_000)
    assert cache.write(folder, "x.cache", KEY, b"p", newest_ns=now - 3_000_000_000)
    assert not cache.write(folder, "x.cache", KEY, b"p", newest_ns=now - 3_000_000_000,
                           stamped_at=now - 2_000_000_000)


def test_writing_never_raises(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert not cache.write(blocker / "cache", "x.cache", KEY, b"payload")
    assert cache.read(blocker / "cache", "x.cache", KEY) is None


def test_names_differ_by_what_they_are_for() -> None:
    a, b = cache.name("history", "/one"), cache.name("history", "/two")
    assert a != b and a.startswith("history-") and a.endswith(".cache")


def test_every_cache_file_is_listed_and_cleared(paths: Paths) -> None:
    cache.write(paths.cache_dir, "a.cache", KEY, b"1")
    (paths.cache_dir / ".coach-tmp-left").write_bytes(b"half")
    (paths.cache_dir / "notes.txt").write_text("not ours")
    paths.data_dir.mkdir(parents=True)
    for name in cache.LEGACY_IN_DATA:
        (paths.data_dir / name).write_bytes(b"an older version's cache")
    (paths.data_dir / "history.json").write_text("{}")
    listed = cache.cache_files(paths)
    assert {p.name for p in listed} == {"a.cache", ".coach-tmp-left", *cache.LEGACY_IN_DATA}
    assert cache.clear(paths) == listed
    assert cache.cache_files(paths) == []
    assert (paths.cache_dir / "notes.txt").exists() and (paths.data_dir / "history.json").exists()
