"""Every file coach reads but does not control is read totally: a FIFO, device or folder in
its place, an oversized or unreadable file is a problem with its path, never a hang or a
traceback. Each FIFO test runs the reader in a thread with a join timeout, so a regression
fails instead of hanging the suite."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from coach.core import yamlnodes
from coach.core.feelings import VocabularyError, load_vocabulary
from coach.core.library import load_library, load_paths
from coach.core.paths import Paths
from coach.core.settings import Settings, load_settings, save_settings
from coach.core.startup import parse_all
from coach.core.themes import load_themes

T = TypeVar("T")
GOOD = (b"format: 1\ntitle: Good\nkind: emotion\nsummary: s\nsource: s\n"
        b"steps: [{type: note, text: t}]\n")
THEME = b'name: mine\ndark: true\nprimary: "#8fb3c9"\nforeground: "#eeeeee"\nbackground: "#111111"\n'
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
as_root = hasattr(os, "geteuid") and os.geteuid() == 0


def finishes(call: Callable[[], T]) -> T:
    """The result of ``call``, run in a thread that must finish within seconds."""
    result: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as exc:  # handed back to the test
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "the reader blocked"
    if errors:
        raise errors[0]
    return result[0]


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


@needs_fifo
def test_a_fifo_in_the_exercises_folder_is_skipped_with_a_problem(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_bytes(GOOD)
    pipe = fifo(tmp_path / "x.yaml")
    library = finishes(lambda: load_library(tmp_path / "none", tmp_path))
    assert list(library.entries) == ["good"]
    assert [str(p) for p in library.problems] == [
        f"{pipe}:1:1: it is a FIFO (named pipe), not a regular file; coach only reads regular files"]


@needs_fifo
def test_validate_given_a_fifo_reports_it(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "x.yaml")
    library = finishes(lambda: load_paths([pipe]))
    assert library.skipped_files == [str(pipe)] and not library.entries


@needs_fifo
def test_a_fifo_in_place_of_settings_gives_defaults_and_is_moved_aside_on_save(tmp_path: Path) -> None:
    path = fifo(tmp_path / "settings.yaml")
    settings, problems = finishes(lambda: load_settings(path))
    assert settings == Settings()
    assert [p.message for p in problems] == [
        "it is a FIFO (named pipe), not a regular file; coach only reads regular files"]
    moved = finishes(lambda: save_settings(path, Settings(sound="bell")))
    assert moved is not None and moved.name.startswith("settings.yaml.broken-")
    assert load_settings(path) == (Settings(sound="bell"), [])


@needs_fifo
def test_a_fifo_theme_is_a_problem_and_the_rest_load(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_bytes(THEME)
    pipe = fifo(tmp_path / "pipe.yaml")
    specs, problems = finishes(lambda: load_themes(user=tmp_path))
    assert "mine" in {s.name for s in specs}
    assert [p.path for p in problems] == [str(pipe)] and "FIFO" in problems[0].message


@needs_fifo
def test_start_up_with_fifos_everywhere_finishes(paths: Paths) -> None:
    fifo(paths.settings_file)
    fifo(paths.exercises_dir / "a.yaml")
    fifo(paths.themes_dir / "b.yaml")
    loaded = finishes(lambda: parse_all(paths))
    assert loaded.settings == Settings() and len(loaded.settings_problems) == 1
    assert len(loaded.library.problems) == 1 and len(loaded.theme_problems) == 1


@needs_fifo
def test_the_feelings_file_as_a_fifo_is_a_vocabulary_error(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "feelings.yaml")
    with pytest.raises(VocabularyError) as err:
        finishes(lambda: load_vocabulary(pipe))
    assert "FIFO" in str(err.value)


def test_a_folder_named_like_a_file_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "settings.yaml").mkdir()
    library = load_library(tmp_path / "none", tmp_path)
    assert [p.message for p in library.problems] == [
        "it is a folder, not a regular file; coach only reads regular files"] * 2
    assert load_settings(tmp_path / "settings.yaml")[1][0].message.startswith("it is a folder")


def test_a_file_where_the_exercises_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "exercises").write_text("oops")
    library = load_library(tmp_path / "none", tmp_path / "exercises")
    assert [p.message for p in library.problems] == [
        "this should be a folder of .yaml files, but it is not a folder"]


def test_oversized_files_are_refused_by_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:  # sparse: reading it whole would take a while
        handle.truncate(1 << 30)
    library = load_paths([big])
    assert [p.message for p in library.problems] == [
        "file is larger than 256 KiB, the limit for this file"]
    settings = tmp_path / "settings.yaml"
    settings.write_bytes(b"# comment\n" * 7000)
    assert load_settings(settings)[1][0].message == "file is larger than 64 KiB, the limit for this file"


@pytest.mark.skipif(as_root or os.name != "posix", reason="root reads any file")
def test_an_unreadable_file_says_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "locked.yaml"
    path.write_bytes(GOOD)
    path.chmod(0)
    assert load_paths([path]).problems[0].message.startswith("cannot read the file: permission denied")


def test_permission_denied_is_reported_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(path: object, limit: int) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(yamlnodes, "read_regular", denied)
    data, problem = yamlnodes.read_source(tmp_path / "x.yaml")
    assert data is None and problem is not None
    assert problem.message == ("cannot read the file: permission denied (check who owns it and "
                               "its mode)")


def test_unreadable_settings_are_never_replaced_unseen(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text("partner_a: Sam\n")

    def denied(path: object, limit: int) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("coach.core.settings.read_regular", denied)
    with pytest.raises(PermissionError):
        save_settings(path, Settings(sound="bell"))
    assert path.read_text() == "partner_a: Sam\n"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.yaml"]


def test_a_broken_link_is_reported(tmp_path: Path) -> None:
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    library = load_library(tmp_path / "none", tmp_path)
    assert [p.message for p in library.problems] == ["file not found (a broken link?)"]
