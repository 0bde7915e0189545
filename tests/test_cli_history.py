"""coach suggest / history / export / forget / nudge."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.history.store import HistoryStore
from tests.history_data import make_run

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(paths) -> HistoryStore:
    return HistoryStore(paths.data_dir)


def run_cli(paths, *argv: str) -> int:
    return main(["--data-dir", str(paths.data_dir), "--config-dir", str(paths.config_dir), *argv])


def test_suggest_prints_reasons(paths, capsys) -> None:
    assert run_cli(paths, "suggest", "--context", "before-a-hard-talk", "-n", "2") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all("coach run " in line for line in lines)
    assert "Short and calming before a hard talk" in lines[0]


def test_suggest_as_json(paths, store, capsys) -> None:
    from coach.core.library import load_library

    for day in range(1, 4):
        store.add(make_run("box-breathing", at=datetime(2026, 10, day, 8, tzinfo=UTC), calm=(3, 6)))
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    (paths.config_dir / "settings.yaml").write_text("practice: alone\n")
    assert run_cli(paths, "suggest", "--context", "stressed", "--format", "json", "-n", "4") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["context"] == "stressed" and len(data["suggestions"]) == 4
    library = load_library()
    first = data["suggestions"][0]
    assert set(first) == {"id", "title", "minutes", "participants", "reason", "score"}
    assert first["id"] == "box-breathing"
    assert first["reason"].startswith("It has helped you: about 3 points calmer")
    for item in data["suggestions"]:
        entry = library.entries[item["id"]]
        assert (item["title"], item["participants"]) == (entry.title, entry.participants)
        assert item["minutes"] == round(entry.seconds / 60, 1) and isinstance(item["score"], float)
    assert sum(item["participants"] > 1 for item in data["suggestions"][:3]) <= 1
    assert run_cli(paths, "suggest", "--format", "text", "-n", "1") == 0
    assert capsys.readouterr().out.count("coach run ") == 1
    # the setting is read: together, nothing is marked "for two" (alone, those for two are)
    reasons = {}
    for practice in ("alone", "together"):
        (paths.config_dir / "settings.yaml").write_text(f"practice: {practice}\n")
        assert run_cli(paths, "suggest", "--format", "json", "-n", "30") == 0
        reasons[practice] = [i["reason"] for i in json.loads(capsys.readouterr().out)["suggestions"]]
    assert any("for two" in r.lower() for r in reasons["alone"])
    assert not any("for two" in r.lower() for r in reasons["together"])


def test_suggest_rejects_unknown_context(paths, capsys) -> None:
    with pytest.raises(SystemExit):
        run_cli(paths, "suggest", "--context", "nope")
    assert "invalid choice" in capsys.readouterr().err


def test_history_formats(paths, store, capsys) -> None:
    assert run_cli(paths, "history") == 0
    assert "No practice stored yet" in capsys.readouterr().out
    store.add(make_run("box-breathing", calm=(3, 7), feelings=[("sad", "lonely", 4)]))
    store.add(make_run("soft-start-up", kind="repair", completed=False,
                       at=datetime(2026, 11, 1, 20, tzinfo=UTC)))
    assert run_cli(paths, "history") == 0
    table = capsys.readouterr().out
    assert "lonely 4" in table and "stopped early" in table and "2 runs, 1 completed." in table
    assert table.splitlines()[0].split() == ["WHEN", "EXERCISE", "TIME", "HOW", "FEELINGS"]
    assert run_cli(paths, "history", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["exercise_id"] for r in data["runs"]] == ["box-breathing", "soft-start-up"]
    assert data["runs"][0]["id"] == 1
    assert run_cli(paths, "history", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["ratings"] == "calm 3; calm 7" and rows[1]["completed"] == "False"


def test_history_reports_a_broken_file(paths, store, capsys) -> None:
    paths.data_dir.mkdir(parents=True)
    store.path.write_text("{broken")
    assert run_cli(paths, "history") == 0
    err = capsys.readouterr().err
    assert "moved to" in err and "history.json.corrupt-" in err


@pytest.mark.parametrize("name", ["out.json", "out.csv"])
def test_export_is_private_and_never_overwrites(paths, store, tmp_path, capsys, name) -> None:
    store.add(make_run())
    dest = tmp_path / "exports" / name
    dest.parent.mkdir(mode=0o755)
    assert run_cli(paths, "export", str(dest)) == 0
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert stat.S_IMODE(dest.parent.stat().st_mode) == 0o755, "the user's folder is left alone"
    assert "Exported 1 run to" in capsys.readouterr().out
    content = dest.read_bytes()
    assert (b"box-breathing" in content) and (content.startswith(b"id,") == name.endswith(".csv"))
    assert run_cli(paths, "export", str(dest)) == 1
    assert "already exists" in capsys.readouterr().err
    assert dest.read_bytes() == content
    assert not list(dest.parent.glob(".coach-tmp-*"))


def test_forget_asks_and_says_what_it_deleted(paths, store, capsys, monkeypatch) -> None:
    store.add(make_run())
    monkeypatch.setattr(sys, "stdin", io.StringIO("no\n"))
    assert run_cli(paths, "forget") == 1
    assert "Nothing was deleted." in capsys.readouterr().out and store.path.exists()
    monkeypatch.setattr(sys, "stdin", io.StringIO("yes\n"))
    assert run_cli(paths, "forget") == 0
    out = capsys.readouterr().out
    assert f"Deleted {store.path}" in out and f"Deleted {store.lock_path}" in out
    assert not store.path.exists() and not store.lock_path.exists()
    assert run_cli(paths, "forget", "--yes") == 0
    assert "no history to forget" in capsys.readouterr().out


def test_forget_also_deletes_the_caches(paths, store, capsys) -> None:
    from coach.core.cache import cache_files

    store.add(make_run())
    paths.cache_dir.mkdir()
    caches = [paths.cache_dir / "startup-0123456789abcdef.cache",
              paths.data_dir / "startup.cache", paths.data_dir / "css.cache"]  # older versions'
    for cache in caches:
        cache.write_bytes(b"a copy of the settings, partner names included")
    assert cache_files(paths) == sorted(caches)
    assert run_cli(paths, "forget", "--yes") == 0
    out = capsys.readouterr().out
    for cache in caches:
        assert f"Deleted {cache}" in out and not cache.exists()
    assert not store.path.exists()


def test_forget_yes_flag_needs_no_input(paths, store, capsys, monkeypatch) -> None:
    store.add(make_run())
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert run_cli(paths, "forget", "--yes") == 0
    assert not store.path.exists()


def names_in_settings(paths, text: str = "partner_a: Ada\npartner_b: Ben\n") -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(text)


def test_forget_offers_to_remove_partner_names_default_no(paths, store, capsys, monkeypatch) -> None:
    from coach.core.settings import load_settings

    store.add(make_run())
    names_in_settings(paths)
    monkeypatch.setattr(sys, "stdin", io.StringIO("yes\n\n"))
    assert run_cli(paths, "forget") == 0
    out = capsys.readouterr().out
    assert "Also remove the two partner names" in out and "The partner names were kept." in out
    assert "Ada" not in out, "the question names nobody"
    assert load_settings(paths.settings_file)[0].partner_a == "Ada"
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # no history left: only the names
    assert run_cli(paths, "forget") == 0
    out = capsys.readouterr().out
    assert "no history to forget" in out and f"Removed the partner names from {paths.settings_file}" in out
    settings = load_settings(paths.settings_file)[0]
    assert (settings.partner_a, settings.partner_b) == ("", "")
    assert run_cli(paths, "forget") == 0
    assert "no history to forget" in capsys.readouterr().out


def test_forget_yes_removes_the_names_and_their_cached_copies(paths, store, capsys) -> None:
    store.add(make_run())
    names_in_settings(paths, "partner_a: Ada\npartner_b: Ben\nbell: maybe\n")  # broken too
    paths.cache_dir.mkdir()
    (paths.cache_dir / "startup-0123456789abcdef.cache").write_bytes(b"Ada Ben")
    assert run_cli(paths, "forget", "--yes") == 0
    assert "Removed the partner names" in capsys.readouterr().out
    assert not list(paths.cache_dir.iterdir())
    left = b"".join(f.read_bytes() for f in paths.config_dir.iterdir())
    assert b"Ada" not in left and b"Ben" not in left


def test_nudge_never_prints_a_note_or_a_name(paths, store, capsys) -> None:
    """Every line the nudge can print, over runs that carry notes and names."""
    import dataclasses

    from coach.core.context import build_context
    from coach.core.nudge import line

    names_in_settings(paths, "partner_a: Zorabel\npartner_b: Quillon\nkeep_partner_names: true\n")
    store.add(dataclasses.replace(make_run("noticing-my-pattern", kind="emotion", note="secret xyzzy"),
                                  partners=("Zorabel", "Quillon")), keep_partner_names=True)
    ctx = build_context(paths)
    outputs = []
    for hour in range(24):
        ctx.clock = _At(datetime(2026, 11, 3, hour, 15, tzinfo=UTC))
        outputs.append(line(ctx))
    assert run_cli(paths, "nudge") == 0
    outputs.append(capsys.readouterr().out)
    assert any(outputs)
    for text in outputs:
        assert "xyzzy" not in text and "Zorabel" not in text and "Quillon" not in text


class _At:
    def __init__(self, when: datetime) -> None:
        self.when = when

    def now(self) -> datetime:
        return self.when

    def monotonic(self) -> float:
        return 0.0


def test_nudge_suggests_then_goes_quiet(paths, store, capsys) -> None:
    assert run_cli(paths, "nudge") == 0
    line = capsys.readouterr().out
    assert line.count("\n") == 1 and line.startswith("coach: ") and "coach run " in line
    store.add(make_run(at=datetime.now(UTC)))
    assert run_cli(paths, "nudge") == 0
    assert capsys.readouterr().out == ""


def test_nudge_loads_neither_textual_nor_tinydb(paths) -> None:
    code = ("import sys; from coach.cli import main; main(['nudge']); "
            "print('textual' in sys.modules, 'tinydb' in sys.modules)")
    env = {**os.environ, "COACH_DATA_DIR": str(paths.data_dir), "COACH_CONFIG_DIR": str(paths.config_dir)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True).stdout
    assert out.splitlines()[-1] == "False False"
