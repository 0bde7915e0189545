"""`coach list`, `coach validate`, `coach paths`, `python -m coach`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coach import __version__
from coach.cli import main
from coach.core.library import builtin_dir


def test_validate_builtin_library_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(builtin_dir())]) == 0
    err = capsys.readouterr().err
    assert "valid" in err and "problem" not in err


def test_validate_reports_every_problem_and_fails(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.yaml").write_text("format: 1\ntitle: no\nkind: emotion\nsummary: s\nsource: s\n"
                                     "stepz: []\n")
    (tmp_path / "b.yaml").write_text("format: 1\ntitle: [\n")
    assert main(["validate", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert any(line.startswith(f"{tmp_path / 'a.yaml'}:2:8: title must be text") for line in lines)
    assert f"{tmp_path / 'a.yaml'}:1:1: an exercise is missing 'steps'" in lines
    assert any("unknown key 'stepz'" in line and "did you mean 'steps'?" in line for line in lines)
    assert any(line.startswith(f"{tmp_path / 'b.yaml'}:") and "YAML syntax" in line for line in lines)
    assert "4 problems in 2 files" in err


def test_validate_missing_path_fails_in_one_line(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    assert capsys.readouterr().err == f"coach: {tmp_path / 'nope.yaml'}: no such file or folder\n"


def test_validate_defaults_to_library_and_user_folder(paths, capsys) -> None:
    paths.exercises_dir.mkdir(parents=True)
    (paths.exercises_dir / "box-breathing.yaml").write_text(
        (builtin_dir() / "box-breathing.yaml").read_text())
    assert main(["validate"]) == 1
    assert "id 'box-breathing' is already used by" in capsys.readouterr().out


def test_list_prints_id_kind_duration_participants(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "KIND", "LENGTH", "FOR", "TITLE"]
    rows = {line.split()[0]: line for line in lines}
    kind, minutes, unit = rows["box-breathing"].split()[1:4]
    assert (kind, unit) == ("breathing", "min") and 5 <= int(minutes) <= 7
    assert "for two" in rows["after-a-regrettable-incident"]
    assert "for one" in rows["cyclic-sighing"]
    assert "plan" in rows["before-a-hard-talk"]


def test_paths_follow_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config-dir", str(tmp_path / "c"), "--data-dir", str(tmp_path / "d"), "paths"]) == 0
    out = capsys.readouterr().out
    assert f"settings:   {tmp_path / 'c' / 'settings.yaml'}" in out
    assert f"history:    {tmp_path / 'd' / 'history.json'}" in out
    assert not (tmp_path / "c").exists(), "printing paths must not create folders"


def test_run_unknown_id_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "no-such-thing"]) == 2
    assert capsys.readouterr().err.startswith("coach: no exercise or plan called 'no-such-thing'")


def test_run_suggests_the_nearest_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "box-breathin"]) == 2
    assert "Did you mean box-breathing" in capsys.readouterr().err


def test_run_accepts_a_title(monkeypatch: pytest.MonkeyPatch) -> None:
    import coach.ui.app

    started: list[str | None] = []
    monkeypatch.setattr(coach.ui.app.CoachApp, "run", lambda self: started.append(self.start))
    assert main(["run", "box BREATHING", "--no-plain"]) == 0
    assert started == ["box-breathing"]


def test_suggest_refuses_a_limit_below_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["suggest", "-n", "0"])
    assert "it must be 1 or more, not 0" in capsys.readouterr().err


def test_python_dash_m_works() -> None:
    out = subprocess.run([sys.executable, "-m", "coach", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("coach ")


def test_plain_coach_and_coach_run_id_need_no_parser_and_version_imports_nothing_heavy() -> None:
    plain = ("import sys\nimport coach.commands.app as app\nfrom coach import cli\n"
             "app.open_app = lambda paths, start=None, plain=None: print('opened', start, plain) or 0\n"
             "assert cli.main([]) == 0\nassert cli.main(['run', 'box-breathing']) == 0\n"
             "assert 'argparse' not in sys.modules\n"
             "assert cli.main(['run', '--plain', 'box-breathing']) == 0\nassert 'argparse' in sys.modules\n")
    out = subprocess.run([sys.executable, "-c", plain], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["opened None None", "opened box-breathing None", "opened box-breathing True"]
    version = ("import sys\nfrom coach import cli\nassert cli.main(['--version']) == 0\n"
               "heavy = {'argparse', 'typing', 'dataclasses', 'platformdirs', 'pathlib', 'yaml'}\n"
               "assert not heavy & set(sys.modules), heavy & set(sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", version], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [f"coach {__version__}"]


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("run", "list", "validate", "paths", "suggest", "history", "export", "forget", "nudge"):
        assert command in out


def test_unknown_option_is_still_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--bogus"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_the_path_to_a_breathing_pacer_imports_no_scheduler_and_no_feelings() -> None:
    """`coach run cyclic-sighing` (two minutes before a hard talk) builds the parser, which
    imports every command module, the app and the runner: none may pull in what only other
    commands (reminders), other steps (the word list and its vocabulary, PyYAML), the home
    screen (suggestions) or a run's later screens (a break, the summary) need."""
    code = ("import sys\nfrom coach import cli\ncli.build_parser()\nimport coach.ui.app\n"
            "import coach.ui.runner.runner_screen\nfrom coach.ui.runner.views import view_class\n"
            "from coach.core.model import Breathe\nview_class(Breathe)\n"
            "unwanted = {'coach.core.remind', 'coach.core.feelings', 'yaml', 'coach.ui.screens.home',\n"
            "            'coach.core.suggest', 'coach.ui.runner.summary', 'coach.ui.runner.break_screen'}\n"
            "assert not unwanted & set(sys.modules), unwanted & set(sys.modules)\n")
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
