"""Notes are kept per step: a new optional field of the run record that old records lack."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core import cache
from coach.core.clock import FakeClock
from coach.core.history.store import HistoryStore
from coach.core.model import Exercise, Instruction, Note
from coach.core.runs import RunResult, StepNote
from coach.core.session import Session
from tests.history_data import make_run

DATA = Path(__file__).parent / "data"


def test_the_session_keeps_each_note_with_its_step() -> None:
    ex = Exercise("x", "X", "emotion", "s", (Note("First?"), Instruction("breathe"), Note("Then?")), "s")
    s = Session(ex, FakeClock())
    s.set_note("  one  ")
    s.complete()
    s.complete()
    s.set_note("two")
    s.complete()
    result = s.result()
    assert result.notes == (StepNote(0, "one"), StepNote(2, "two"))
    assert result.note == "one\n\ntwo", "the joined text stays for older readers and exports"


def test_notes_round_trip_and_old_records_have_none() -> None:
    run = make_run(note="a")
    run.notes = (StepNote(3, "a"),)
    assert RunResult.from_record(run.to_record()).notes == (StepNote(3, "a"),)
    old = run.to_record()
    del old["notes"]
    back = RunResult.from_record(old)
    assert back.notes == () and back.note == "a"


@pytest.mark.parametrize("bad", [{"step": -1, "text": "x"}, {"step": "1", "text": "x"},
                                 {"step": 1, "text": 5}, ["x"], {"text": "x"}])
def test_a_bad_note_is_a_bad_record(bad) -> None:
    rec = make_run().to_record()
    rec["notes"] = [bad]
    with pytest.raises(ValueError):
        RunResult.from_record(rec)


def test_a_version_1_history_still_reads_with_no_step_notes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "history.json").write_bytes((DATA / "history-v1.json").read_bytes())
    runs = HistoryStore(data).load().runs
    assert len(runs) == 5 and all(r.notes == () for r in runs)
    assert runs[1].note.startswith("felt lighter")


def test_the_fast_start_copy_keeps_step_notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.core.files import file_stamp
    from coach.core.history import fastcopy
    from coach.core.history import store as store_mod

    monkeypatch.setattr(cache, "RACY_NS", -10**18)
    monkeypatch.setattr(store_mod, "RECENT_LIMIT", 1)  # every run goes into history.json
    store = HistoryStore(tmp_path / "data", tmp_path / "cache")
    run = make_run(note="x\n\ny")
    run.notes = (StepNote(1, "x"), StepNote(4, "y"))
    store.add_many([run, make_run()])
    assert [r.notes for r in HistoryStore(store.data_dir, store.cache_dir).load().runs] == [run.notes, ()]
    copy = fastcopy.load(store.cache_dir, store.path, file_stamp(store.path))
    assert copy is not None, "the copy was written"
    assert sorted((r.notes for r in copy.runs.values()), key=len) == [(), run.notes]


def test_a_run_for_two_keeps_notes_breaks_and_passes_everywhere(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both branches' fields together: storage, the fast-start copy and the export all keep them."""
    import dataclasses
    import json
    from datetime import timedelta

    from coach.core.files import file_stamp
    from coach.core.history import fastcopy
    from coach.core.history import store as store_mod
    from coach.core.history.export import json_text
    from coach.core.runs import BreakTaken

    monkeypatch.setattr(cache, "RACY_NS", -10**18)
    monkeypatch.setattr(store_mod, "RECENT_LIMIT", 1)
    base = make_run("speaker-listener", kind="repair", note="we paused", partners=("Ann", "Bo"))
    run = dataclasses.replace(
        base, notes=(StepNote(2, "we paused"),), passed=(3,), swapped=True,
        breaks=(BreakTaken(2, base.started_at + timedelta(minutes=1), 20, "resumed", (6, 5)),))
    store = HistoryStore(tmp_path / "data", tmp_path / "cache")
    store.add_many([run, make_run()], keep_partner_names=True)
    [back, _] = HistoryStore(store.data_dir, store.cache_dir).load().runs
    assert back == run
    copy = fastcopy.load(store.cache_dir, store.path, file_stamp(store.path))
    assert copy is not None and run in copy.runs.values()
    [exported, _] = json.loads(json_text(store.records()))["runs"]
    assert exported["notes"] == [{"step": 2, "text": "we paused"}] and exported["passed"] == [3]
    assert exported["breaks"][0]["calm"] == [6, 5] and exported["swapped"] is True


def test_a_sessions_detail_says_its_breaks_and_passes_plainly() -> None:
    import dataclasses

    from coach.core.runs import BreakTaken
    from coach.core.sessions import care_back
    from coach.ui.screens.session import detail_lines

    run = make_run("speaker-listener", kind="repair")
    assert care_back(run) == []
    run = dataclasses.replace(run, passed=(3, 5), breaks=(
        BreakTaken(4, run.started_at, 20, "resumed", (6, 5)),
        BreakTaken(6, run.started_at, 0, "later")))
    assert care_back(run) == ["A break at step 5 (20 min): then you went on",
                              "A break at step 7: you agreed to come back later",
                              "2 turns passed: nothing has to be shared"]
    shown = [str(content) for css, content in detail_lines(run, []) if css != "meta"]
    assert "Breaks and passes" in shown and "2 turns passed: nothing has to be shared" in shown
    assert "No feelings, ratings or notes in this session." not in shown
