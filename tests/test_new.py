"""`coach new`: a starter of every kind that is valid, passes --strict and runs; never an
overwrite, never a clashing id; --edit opens the editor without a shell and checks the result."""

from __future__ import annotations

import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.clock import FakeClock
from coach.core.context import Context
from coach.core.json_schema import FILE_NAME, MODELINE, dumps, exercise_schema
from coach.core.paths import Paths
from coach.core.risks import find_risks
from coach.core.run import Run
from coach.core.starters import ALWAYS_FOR_TWO, KINDS_FOR_NEW, NEVER_FOR_TWO
from tests.test_content_walk import walk

CASES = [(kind, two) for kind in KINDS_FOR_NEW for two in (False, True)
         if not (two and kind in NEVER_FOR_TWO) and not (not two and kind in ALWAYS_FOR_TWO)]


@pytest.mark.parametrize(("kind", "two"), CASES)
def test_a_starter_is_valid_strict_and_runs(kind: str, two: bool, paths: Paths,
                                            make_context: Callable[[], Context],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", kind, *(["--for-two"] if two else [])]) == 0
    path = paths.exercises_dir / f"my-{kind}.yaml"
    assert f"Wrote {path} (id my-{kind})." in capsys.readouterr().err
    assert path.read_text().splitlines()[0] == MODELINE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (paths.exercises_dir / FILE_NAME).read_text() == dumps(exercise_schema())
    ctx = make_context()
    assert ctx.library.problems == []
    entry = ctx.library.entries[f"my-{kind}"]
    assert entry.kind == kind and entry.participants == (2 if two or kind in ALWAYS_FOR_TWO else 1)
    assert find_risks(entry) == []
    assert main(["validate", "--strict", str(path)]) == 0
    clock = FakeClock()
    run = Run(entry, clock, ("Ada", "Ben") if entry.participants == 2 else None)
    while run.upcoming() is not None:
        walk(run.begin_next(), clock)
        assert run.close_session().completed


def test_ids_are_numbered_when_taken_and_a_given_clash_is_named(
        paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "emotion"]) == 0
    assert main(["new", "emotion"]) == 0
    assert (paths.exercises_dir / "my-emotion-2.yaml").is_file()
    capsys.readouterr()
    assert main(["new", "breathing", "box-breathing"]) == 1
    assert capsys.readouterr().err == ("coach: the id 'box-breathing' is already used by the "
                                       "built-in exercise 'Box breathing'; choose another id\n")
    assert main(["new", "breathing", "my-emotion"]) == 1
    assert f"used by your file {paths.exercises_dir / 'my-emotion.yaml'}" in capsys.readouterr().err
    assert main(["new", "breathing", "Bad_Id"]) == 2
    assert main(["new", "plan", "--for-two"]) == 2


def test_it_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("keep me")
    assert main(["new", "ritual", "--to", str(target)]) == 1
    assert "already exists; coach new never overwrites" in capsys.readouterr().err
    assert target.read_text() == "keep me"


def test_to_a_folder_or_a_file(tmp_path: Path, paths: Paths) -> None:
    assert main(["new", "family", "--to", str(tmp_path)]) == 0
    assert (tmp_path / "my-family.yaml").is_file() and (tmp_path / FILE_NAME).is_file()
    assert main(["new", "help", "--to", str(tmp_path / "sub" / "where-to-turn.yaml")]) == 0
    assert "id: where-to-turn" in (tmp_path / "sub" / "where-to-turn.yaml").read_text()
    assert not paths.exercises_dir.exists()


def editor(tmp_path: Path, body: str) -> str:
    """A command line for a fake editor: a Python script that rewrites the file it is given."""
    script = tmp_path / "edit it.py"  # a space: the command is split, never run by a shell
    script.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n" + body)
    return f"{sys.executable} '{script}'"


def test_edit_opens_the_editor_then_checks_the_file(tmp_path: Path, paths: Paths,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("VISUAL", editor(tmp_path, "p.write_text(p.read_text().replace("
                                        "'inhale: 4', 'inhale: 0'))\n"))
    assert main(["new", "breathing", "--edit"]) == 1
    out, err = capsys.readouterr()
    path = paths.exercises_dir / "my-breathing.yaml"
    assert out.startswith(f"{path}:33:13: step 3 inhale must be more than 0")
    assert "1 problem in" in err


def test_edit_reports_an_id_clash_and_risks(tmp_path: Path, paths: Paths,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor(tmp_path, "p.write_text(p.read_text().replace("
                                        "'id: my-breathing', 'id: box-breathing').replace("
                                        "'minutes: 3', 'minutes: 3\\n    hold: 12'))\n"))
    assert main(["new", "breathing", "--edit"]) == 1
    out = capsys.readouterr().out
    path = paths.exercises_dir / "my-breathing.yaml"
    assert f"{path}:6:5: the id 'box-breathing' is already used by the built-in" in out
    assert f"{path}:36:11: risk long-hold" in out


def test_edit_with_no_editor_says_how(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    assert main(["new", "emotion", "--edit"]) == 1
    assert "no editor: set VISUAL or EDITOR" in capsys.readouterr().err
    monkeypatch.setenv("EDITOR", "no-such-editor-anywhere")
    assert main(["new", "emotion", "--edit"]) == 1
    assert "cannot start the editor 'no-such-editor-anywhere'" in capsys.readouterr().err
