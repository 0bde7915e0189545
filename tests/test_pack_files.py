"""Reading a pack without trusting it: zips are checked whole before anything is read (unsafe
paths, links, devices, bombs by ratio and size, too many entries), folders never followed
through links, and nothing is ever extracted."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core import pack_files
from coach.core.pack_files import read_folder, read_pack, read_zip, unsafe_path
from tests.pack_support import DEVICE, FIFO, GOOD, SYMLINK, add_entry, make_folder, make_zip


def assert_refused(files: pack_files.PackFiles, fragment: str) -> None:
    assert files.meta is None and files.exercises == {}, "nothing may be read from a bad zip"
    assert any(fragment in p.message for p in files.problems), files.problems


def test_a_folder_pack_is_read(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "calm", {**GOOD, "README.md": "hello"})
    (folder / "sub").mkdir()
    files = read_pack(folder)
    assert files.problems == [] and files.meta is not None
    assert sorted(files.exercises) == ["box.yaml", "exhale.yaml", "in-a-row.yaml"]
    assert files.ignored == ["README.md", "sub"]
    assert files.shown("box.yaml") == folder / "box.yaml"


@pytest.mark.parametrize("top", ["", "calm/"])
def test_a_zip_is_read_at_the_top_or_in_one_folder(tmp_path: Path, top: str) -> None:
    path = make_zip(tmp_path / "calm.zip", {**GOOD, "notes/x.yaml": "ignored"}, top=top)
    files = read_zip(path)
    assert files.problems == [] and files.meta is not None
    assert sorted(files.exercises) == ["box.yaml", "exhale.yaml", "in-a-row.yaml"]
    assert files.ignored == [f"{top}notes/x.yaml"]
    assert str(files.shown("box.yaml")) == f"{path}/{top}box.yaml"


@pytest.mark.parametrize(("name", "why"), [
    ("../evil.yaml", "climbs out"),
    ("calm/../../evil.yaml", "climbs out"),
    ("/etc/evil.yaml", "absolute"),
    ("C:/evil.yaml", "absolute"),
    ("calm\\..\\evil.yaml", "backslash"),
    ("calm/./box.yaml", "odd path"),
    ("calm/\x1b[31m.yaml", "control"),
])
def test_zip_slip_paths_refuse_the_whole_zip(tmp_path: Path, name: str, why: str) -> None:
    path = make_zip(tmp_path / "calm.zip")
    add_entry(path, name, b"format: 1\n")
    assert_refused(read_zip(path), why)
    assert unsafe_path(name)
    assert sorted(os.listdir(tmp_path)) == ["calm.zip"], "nothing is ever extracted"


@pytest.mark.parametrize(("mode", "what"), [(SYMLINK, "symbolic link"), (DEVICE, "device"),
                                             (FIFO, "FIFO")])
def test_links_and_special_entries_refuse_the_zip(tmp_path: Path, mode: int, what: str) -> None:
    path = make_zip(tmp_path / "calm.zip")
    add_entry(path, "calm/link.yaml", b"/etc/passwd", mode=mode)
    assert_refused(read_zip(path), what)


def test_a_bomb_by_ratio_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "calm.zip")
    add_entry(path, "calm/README.md", b"\0" * (4 << 20))  # 4 MiB of zeros: a few KiB packed
    assert_refused(read_zip(path), "zip bomb")


def test_an_exercise_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "calm.zip")
    add_entry(path, "calm/huge.yaml", os.urandom(300 * 1024), compression=zipfile.ZIP_STORED)
    assert_refused(read_zip(path), "at most 256 KiB")


def test_a_zip_unpacking_to_too_much_is_refused(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pack_files, "MAX_TOTAL_BYTES", 64 * 1024)
    path = make_zip(tmp_path / "calm.zip")
    for n in range(3):
        add_entry(path, f"calm/data{n}.bin", os.urandom(30 * 1024), compression=zipfile.ZIP_STORED)
    assert_refused(read_zip(path), "a pack may be at most")


def test_too_many_entries_are_refused(tmp_path: Path) -> None:
    files = {**GOOD, **{f"x{n}.yaml": "format: 1\n" for n in range(pack_files.MAX_FILES)}}
    assert_refused(read_zip(make_zip(tmp_path / "calm.zip", files)), "at most 200")


def test_bzip2_and_encrypted_entries_are_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "calm.zip")
    add_entry(path, "calm/other.yaml", b"format: 1\n", compression=zipfile.ZIP_BZIP2)
    assert_refused(read_zip(path), "deflate")
    secret = zipfile.ZipInfo("calm/secret.yaml")  # the standard library cannot write one
    secret.flag_bits |= 0x1
    problems = pack_files.check_entries(tmp_path / "locked.zip", [secret])
    assert [p.message for p in problems] == ["encrypted; a pack is never encrypted"]


def test_duplicate_entries_are_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "calm.zip")
    with pytest.warns(UserWarning):  # zipfile warns about the duplicate name
        add_entry(path, "calm/box.yaml", b"format: 1\n")
    assert_refused(read_zip(path), "two entries")


def test_not_a_zip_and_no_pack_yaml(tmp_path: Path) -> None:
    (tmp_path / "x.zip").write_text("just text")
    assert_refused(read_zip(tmp_path / "x.zip"), "not a zip file")
    no_meta = {k: v for k, v in GOOD.items() if k != "pack.yaml"}
    assert_refused(read_zip(make_zip(tmp_path / "y.zip", no_meta)), "no pack.yaml")
    folder = read_folder(make_folder(tmp_path / "z", no_meta))
    assert [p.message[:17] for p in folder.problems] == ["no pack.yaml here"]


def test_a_fifo_named_like_a_zip_is_refused_without_blocking(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "calm.zip")
    assert_refused(read_pack(tmp_path / "calm.zip"), "not a regular file")


def test_a_folder_refuses_links_and_odd_names(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "calm")
    (tmp_path / "elsewhere.yaml").write_text("format: 1\n")
    (folder / "link.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    (folder / "with space.yaml").write_text("format: 1\n")
    files = read_folder(folder)
    messages = [p.message for p in files.problems]
    assert any("symbolic link" in m for m in messages)
    assert any("file names are letters" in m for m in messages)


def test_a_zip_made_by_a_macs_finder_is_read(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "calm.zip", {**GOOD, ".DS_Store": "x", "._box.yaml": "\0\x05"})
    add_entry(path, "__MACOSX/calm/._box.yaml", b"\0\x05\x16\x07")
    files = read_zip(path)
    assert files.problems == [] and sorted(files.exercises) == ["box.yaml", "exhale.yaml",
                                                                "in-a-row.yaml"]


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow,
                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_zip_is_a_problem_never_an_exception(tmp_path: Path, data: st.DataObject) -> None:
    """Bytes of a good zip with some changed, cut short or extended: reading says what is
    wrong or reads what it can, and never raises."""
    good = make_zip(tmp_path / "good.zip").read_bytes()
    damaged = bytearray(good)
    for _ in range(data.draw(st.integers(1, 8))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    damaged = damaged[: data.draw(st.integers(0, len(damaged)))] + data.draw(st.binary(max_size=40))
    path = tmp_path / "damaged.zip"
    path.write_bytes(bytes(damaged))
    files = read_zip(path)
    assert files.problems or files.meta is not None
    assert all(str(p).startswith(str(path)) for p in files.problems)
