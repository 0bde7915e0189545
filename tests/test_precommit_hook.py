"""The pre-commit hook this repository offers runs the strict check on exercise and pack files."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from coach.cli import main

HOOKS = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"


def hook() -> dict[str, object]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    return hooks[0]


def test_the_hook_runs_coach_validate_strict() -> None:
    entry = hook()
    assert entry["id"] == "coach-validate" and entry["language"] == "python"
    assert shlex.split(str(entry["entry"])) == ["coach", "validate", "--strict"]


@pytest.mark.parametrize(("path", "checked"), [
    ("exercises/box-breathing.yaml", True),
    ("my/exercises/x.yml", True),
    ("packs/calm/box.yaml", True),
    ("calm/pack.yaml", True),
    ("pack.yaml", True),
    ("themes/dusk.yaml", False),
    (".github/workflows/ci.yaml", False),
    ("exercises/README.md", False),
])
def test_the_hook_picks_exercise_and_pack_files(path: str, checked: bool) -> None:
    assert bool(re.search(str(hook()["files"]), path)) is checked


def test_the_entry_works_on_the_files_it_is_given(capsys: pytest.CaptureFixture[str]) -> None:
    """pre-commit appends the file names to the entry."""
    builtin = Path(__file__).resolve().parents[1] / "exercises"
    files = [str(p) for p in sorted(builtin.glob("*.yaml"))]
    argv = shlex.split(str(hook()["entry"]))[1:] + files
    assert main(argv) == 0
    assert "(strict: no risks)" in capsys.readouterr().err
