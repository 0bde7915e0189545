"""coach insights, coach away and coach history --notes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from coach.core.history.store import HistoryStore
from coach.core.library import load_library
from coach.core.runs import Rating, StepNote
from tests.history_data import make_run
from tests.test_cli_history import run_cli

NOW = datetime.now(UTC)


@pytest.fixture
def store(paths) -> HistoryStore:
    return HistoryStore(paths.data_dir)


def test_insights_say_nothing_before_three_rated_runs(paths, store, capsys) -> None:
    assert run_cli(paths, "insights") == 0
    assert "Nothing to tell yet" in capsys.readouterr().out
    store.add_many([make_run("box-breathing", title="Box breathing", calm=(3, 5),
                             at=NOW - timedelta(days=d)) for d in (1, 2)])
    assert run_cli(paths, "insights") == 0
    out = capsys.readouterr().out
    assert "Box breathing: not enough runs to tell yet (2 rated so far)" in out
    assert "By kind" not in out


def test_insights_as_text_and_json(paths, store, capsys) -> None:
    runs = [make_run("box-breathing", calm=(3, 6), at=(NOW - timedelta(days=d)).replace(hour=20))
            for d in range(1, 5)]
    energy = make_run("cyclic-sighing", at=NOW - timedelta(days=1))
    energy.ratings = [Rating("energy", 4, 0), Rating("energy", 6, 4)]
    store.add_many([*runs, energy, energy, energy])
    assert run_cli(paths, "insights") == 0
    out = capsys.readouterr().out
    title = load_library().entries["box-breathing"].title
    assert f"  {title}: about 3 points calmer on average, over 4 runs" in out
    assert "By kind:\n  Breathing: about 3 points calmer on average, over 4 runs" in out
    assert "  In the evening\n" in out and "Before a hard talk" in out
    assert "energy: about 2 points higher after than before on average, over 3 runs" in out
    assert run_cli(paths, "insights", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["min_runs"] == 3
    assert data["exercises"][0] | {"label": ""} == {
        "id": "box-breathing", "label": "", "measure": "calm", "rated_runs": 4,
        "average_change": 3.0, "text": "about 3 points calmer on average, over 4 runs"}
    contexts = {c["context"]: c for c in data["contexts"]}
    assert contexts["evening"]["exercises"][0]["rated_runs"] == 4
    assert data["other_measures"][0]["measure"] == "energy"
    assert "how_context" in data


def test_away_marks_lists_and_removes(paths, capsys) -> None:
    assert run_cli(paths, "away") == 0
    assert "No days are marked away" in capsys.readouterr().out
    assert run_cli(paths, "away", "2026-12-24", "2027-01-02") == 0
    assert "Thu 24 Dec 2026 to Sat 2 Jan 2027 (10 days): marked away" in capsys.readouterr().out
    assert run_cli(paths, "away", "today") == 0
    capsys.readouterr()
    assert run_cli(paths, "away") == 0
    out = capsys.readouterr().out
    assert "Days away (11 days;" in out and "  Thu 24 Dec 2026 to Sat 2 Jan 2027 (10 days)" in out
    assert run_cli(paths, "away", "2026-12-31", "2027-01-02", "--remove") == 0
    assert "ordinary days again" in capsys.readouterr().out
    assert len(HistoryStore(paths.data_dir).load().away) == 8


@pytest.mark.parametrize(("argv", "said"), [
    (("31/12/2026",), "is not a date"),
    (("2027-01-02", "2026-12-24"), "comes before"),
    (("2026-01-01", "2027-12-31"), "at most 366"),
])
def test_away_refuses_what_it_cannot_read(paths, capsys, argv, said) -> None:
    assert run_cli(paths, "away", *argv) == 2
    err = capsys.readouterr().err
    assert said in err and err.startswith("coach away: ")
    assert not (paths.data_dir / "history-recent.json").exists()


def test_history_notes_under_the_question_that_asked(paths, store, capsys) -> None:
    ex = load_library().entries["feeling-wheel-check-in"]
    run = make_run("feeling-wheel-check-in", kind="emotion", note="tired\n\nrest")
    run.content_hash = ex.content_hash
    run.notes = (StepNote(6, "tired"), StepNote(7, "rest"))
    old = make_run(note="from before\n\nsteps were kept", at=NOW - timedelta(days=3))
    store.add_many([old, run])
    assert run_cli(paths, "history") == 0
    assert "tired" not in capsys.readouterr().out
    assert run_cli(paths, "history", "--notes") == 0
    lines = capsys.readouterr().out.splitlines()
    i = lines.index("      tired")
    assert lines[i - 1] == "    If you like, add a few words: I feel this way because..."
    assert lines[i + 1].startswith("    What would be kind") and lines[i + 2] == "      rest"
    j = lines.index("      from before")
    assert lines[j - 1] == "    Your note" and lines[j + 2] == "      steps were kept"


def test_history_says_skipped_and_just_opened(paths, store, capsys) -> None:
    skipped = make_run(at=NOW - timedelta(days=1))
    skipped.steps_done = []
    opened = make_run(minutes=0.1, completed=False, at=NOW)
    opened.steps_done = []
    store.add_many([skipped, opened])
    assert run_cli(paths, "history") == 0
    rows = capsys.readouterr().out.splitlines()[1:3]
    assert "skipped" in rows[0] and "done" not in rows[0] and "just opened" in rows[1]
