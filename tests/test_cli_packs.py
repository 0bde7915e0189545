"""`coach pack install|list|remove|export` as a person types them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.context import Context
from coach.core.paths import Paths
from tests.pack_support import BOX, EXHALE, GOOD, PLAN, add_entry, make_zip, record_run


def test_install_prints_every_problem_and_installs_nothing(
        tmp_path: Path, paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    broken = {**GOOD, "bad.yaml": "format: 1\ntitle: no\n", "escape.yaml":
              BOX.replace("title: Box breathing", 'title: "Box \\x1b[2J"')}
    source = make_zip(tmp_path / "calm.zip", broken)
    assert main(["pack", "install", str(source)]) == 1
    out, err = capsys.readouterr()
    assert f"{source}/calm/bad.yaml:2:8: title must be text" in out
    assert (f"{source}/calm/escape.yaml:2:13: title contains a control character (U+001B ESC) "
            "at character 5") in out
    assert "; nothing was installed." in err and "in 2 files" in err
    assert not (paths.packs_dir / "calm").exists()


def test_install_refuses_a_zip_slip(tmp_path: Path, paths: Paths,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    source = make_zip(tmp_path / "calm.zip")
    add_entry(source, "calm/../../../evil.yaml", b"format: 1\n")
    assert main(["pack", "install", str(source)]) == 1
    assert f"{source}/calm/../../../evil.yaml:1:1: its path climbs out" in capsys.readouterr().out
    assert not (paths.packs_dir / "calm").exists() and not (tmp_path.parent / "evil.yaml").exists()


def test_install_from_a_path_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "install", "https://example.org/calm.zip"]) == 1
    assert "coach installs packs from local paths only" in capsys.readouterr().err


def test_install_then_list_then_remove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "list"]) == 0
    assert capsys.readouterr().err.startswith("No packs.")
    source = make_zip(tmp_path / "calm.zip", {**GOOD, "README.md": "hello"})
    assert main(["pack", "install", str(source)]) == 0
    err = capsys.readouterr().err
    assert "Installed calm 1.0 by Ana Example (CC-BY-4.0): 3 exercises and plans." in err
    assert "Left out (not exercise files): calm/README.md." in err
    assert "Start one with: coach run calm/box" in err
    assert main(["list"]) == 0
    ids = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert {"calm/box", "calm/exhale", "calm/in-a-row"} <= set(ids)
    assert main(["pack", "remove", "calm"]) == 0
    assert "Removed the pack calm (3 exercises and plans). Its runs stay" in capsys.readouterr().err
    assert main(["pack", "remove", "calm"]) == 1
    assert capsys.readouterr().err == "coach: no pack called 'calm' is installed (none is installed)\n"


def test_export_remove_install_keeps_the_history(tmp_path: Path, paths: Paths,
                                                 make_context: Callable[[], Context],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The trial of the issue: three exercises of one's own exported as a pack, installed,
    practised, removed and installed again: the run is still in the history and still linked."""
    paths.exercises_dir.mkdir(parents=True)
    for name, text in (("box.yaml", BOX), ("exhale.yaml", EXHALE), ("in-a-row.yaml", PLAN)):
        (paths.exercises_dir / name).write_text(text.replace("title: ", "title: My "))
    pack = tmp_path / "evenings"
    assert main(["pack", "export", str(pack), "--author", "Ana", "--licence", "CC-BY-4.0"]) == 0
    assert "Wrote the pack evenings 1.0.0" in capsys.readouterr().err
    assert sorted(os.listdir(pack)) == [".coach-exercise.schema.json", ".coach-pack.schema.json",
                                        "box.yaml", "exhale.yaml", "in-a-row.yaml", "pack.yaml"]
    assert main(["pack", "install", str(pack)]) == 0
    record_run(make_context(), "evenings/box")
    assert main(["pack", "remove", "evenings"]) == 0
    assert main(["pack", "install", str(pack)]) == 0
    capsys.readouterr()
    assert main(["history"]) == 0
    assert "My Box breathing" in capsys.readouterr().out
    ctx = make_context()
    assert [r.exercise_id for r in ctx.history_runs()] == ["evenings/box"]
    assert ctx.library.entries["evenings/box"].title == "My Box breathing"


def test_export_without_own_exercises(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "export", str(tmp_path / "x")]) == 1
    assert "no exercise files of your own" in capsys.readouterr().err
