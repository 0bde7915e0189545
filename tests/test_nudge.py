"""`coach nudge` keeps its line in the cache folder and reuses it only while nothing changed."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.cli import main
from coach.core import nudge
from coach.core.history.store import HistoryStore
from coach.core.paths import resolve_paths
from tests.history_data import make_run

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the kept line is found this way on Linux")


@pytest.fixture
def kept(paths, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the nudge keeps its line; racy-change protection off (tmp files are brand new)."""
    from coach.core import cache

    monkeypatch.setattr(cache, "RACY_NS", -10**18)
    return paths.cache_dir / nudge.FILE_NAME


@linux_only
def test_the_line_is_kept_then_reused_until_the_history_changes(paths, kept, capsys) -> None:
    assert main(["nudge"]) == 0
    first = capsys.readouterr().out
    assert first.startswith("coach: ") and "coach run " in first and kept.exists()
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    assert nudge.kept_line(os.environ) == first
    HistoryStore(paths.data_dir).add(make_run(at=datetime.now(UTC)))
    assert nudge.kept_line(os.environ) is None, "the history changed: the kept line is stale"
    assert main(["nudge"]) == 0
    assert capsys.readouterr().out == "", "practised today: nothing to nudge"
    assert nudge.kept_line(os.environ) == ""


@linux_only
@pytest.mark.parametrize("change", ["settings", "exercise", "another's file"])
def test_any_input_change_is_a_miss(paths, kept, change) -> None:
    assert main(["nudge"]) == 0 and nudge.kept_line(os.environ) is not None
    if change == "settings":
        paths.config_dir.mkdir(parents=True, exist_ok=True)
        paths.settings_file.write_text("bell: true\n")
        assert nudge.kept_line(os.environ) is None
    elif change == "exercise":
        paths.exercises_dir.mkdir(parents=True)
        (paths.exercises_dir / "mine.yaml").write_text("title: x\n")
        assert nudge.kept_line(os.environ) is None
    else:
        kept.chmod(0o666)
        assert nudge.kept_line(os.environ) is None, "a file others can write is never read"


@linux_only
def test_a_fifo_or_symlink_in_place_of_the_kept_line_is_ignored(paths, kept, tmp_path) -> None:
    kept.parent.mkdir(parents=True, mode=0o700)
    os.mkfifo(kept)
    assert nudge.kept_line(os.environ) is None
    kept.unlink()
    (tmp_path / "elsewhere").write_text("x")
    kept.symlink_to(tmp_path / "elsewhere")
    assert nudge.kept_line(os.environ) is None


@linux_only
def test_the_kept_line_costs_no_heavy_import(paths, kept) -> None:
    env = {**os.environ}
    assert main(["nudge"]) == 0
    code = ("import sys\nfrom coach.cli import main\nmain(['nudge'])\n"
            "heavy = {'argparse', 'typing', 'dataclasses', 'platformdirs', 'pathlib', 'yaml', 'textual'}\n"
            "print(sorted(heavy & set(sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True).stdout
    assert out.splitlines()[-1] == "[]"


@linux_only
@pytest.mark.parametrize("env", [
    {},
    {"XDG_CONFIG_HOME": "/x/conf", "XDG_DATA_HOME": "/x/data", "XDG_CACHE_HOME": "/x/cache"},
    {"XDG_CONFIG_HOME": "relative/conf", "XDG_CACHE_HOME": ""},
    {"COACH_DATA_DIR": "/x/d/", "COACH_CONFIG_DIR": "~/c"},
    {"COACH_EXERCISES_DIR": "/x/e//f", "COACH_CACHE_DIR": "/x/./c"},
])
def test_folders_found_without_platformdirs_are_platformdirs_folders(env, tmp_path, monkeypatch) -> None:
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "COACH_CONFIG_DIR",
                "COACH_DATA_DIR", "COACH_EXERCISES_DIR", "COACH_CACHE_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    p = resolve_paths()
    assert nudge.folders_from(os.environ) == (str(p.config_dir), str(p.data_dir),
                                              str(p.exercises_dir), str(p.cache_dir))
