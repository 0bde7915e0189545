"""Days away: typed dates, kept in the history's recent file (a table of its own), counted by
neither the calendar's strength nor the nudge."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from coach.core import away
from coach.core.history import store as store_mod
from coach.core.history.store import HistoryError, HistoryStore
from tests.history_data import make_run

TODAY = date(2026, 11, 4)


def test_typed_days_and_spans() -> None:
    assert away.parse_day("2026-12-24", TODAY) == date(2026, 12, 24)
    assert away.parse_day(" Yesterday ", TODAY) == date(2026, 11, 3)
    assert away.parse_day("tomorrow", TODAY) == date(2026, 11, 5)
    for bad in ("24/12/2026", "2026-02-30", "20261224", "soon", ""):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            away.parse_day(bad, TODAY)
    assert away.span(TODAY) == [TODAY]
    assert len(away.span(TODAY, TODAY + timedelta(days=9))) == 10
    with pytest.raises(ValueError, match="comes before"):
        away.span(TODAY, TODAY - timedelta(days=1))
    with pytest.raises(ValueError, match="at most 366"):
        away.span(TODAY, TODAY + timedelta(days=400))


def test_periods_are_said_back_plainly() -> None:
    days = [*away.span(date(2026, 12, 24), date(2027, 1, 2)), date(2027, 2, 1)]
    assert away.periods(reversed(days)) == [(date(2026, 12, 24), date(2027, 1, 2)),
                                            (date(2027, 2, 1), date(2027, 2, 1))]
    assert (away.say_period(date(2026, 12, 24), date(2027, 1, 2))
            == "Thu 24 Dec 2026 to Sat 2 Jan 2027 (10 days)")
    assert away.say_period(TODAY, TODAY) == "Wed 4 Nov 2026"


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "data", tmp_path / "cache")


def test_days_away_are_kept_in_a_table_of_their_own(store: HistoryStore) -> None:
    store.add(make_run())
    assert store.load().away == frozenset()
    store.set_away(away.span(TODAY, TODAY + timedelta(days=2)))
    assert store.load().away == frozenset(away.span(TODAY, TODAY + timedelta(days=2)))
    assert HistoryStore(store.data_dir).load().away == store.load().away, "read back from the file"
    store.set_away([TODAY + timedelta(days=1)], away=False)
    assert HistoryStore(store.data_dir).load().away == {TODAY, TODAY + timedelta(days=2)}
    recent = json.loads(store.recent_path.read_text())
    assert sorted(d["day"] for d in recent["away"].values()) == ["2026-11-04", "2026-11-06"]
    assert len(store.load().runs) == 1
    assert oct(store.recent_path.stat().st_mode & 0o777) == "0o600"


def test_days_away_survive_recording_and_merging(store: HistoryStore, monkeypatch) -> None:
    monkeypatch.setattr(store_mod, "RECENT_LIMIT", 2)
    store.set_away([TODAY])  # before any run: the recent file is created for them
    for hour in range(5):  # merges twice
        store.add(make_run(at=datetime(2026, 11, 1, hour, tzinfo=UTC)))
        assert store.load().away == {TODAY}
    fresh = HistoryStore(store.data_dir).load()
    assert fresh.away == {TODAY} and len(fresh.runs) == 5


def test_bad_away_records_are_left_out(store: HistoryStore) -> None:
    store.set_away([TODAY])
    tables = json.loads(store.recent_path.read_text())
    tables["away"].update({"7": {"day": "2026-13-01"}, "8": {"day": 5}, "9": {"when": "x"},
                           "10": {"day": "20261105"}})
    store.recent_path.write_text(json.dumps(tables))
    assert HistoryStore(store.data_dir).load().away == {TODAY}
    store.set_away([TODAY + timedelta(days=1)])  # a write keeps what it cannot read as a date
    assert HistoryStore(store.data_dir).load().away == {TODAY, TODAY + timedelta(days=1)}


def test_older_coaches_keep_the_table(store: HistoryStore) -> None:
    """A coach from before days away writes through TinyDB, which keeps tables it does not know."""
    from coach.core.history.storage import open_db

    store.set_away([TODAY])
    store.add(make_run())
    with store.locked():
        db = open_db(store.recent_path)
        db.table("runs").truncate()
    assert HistoryStore(store.data_dir).load().away == {TODAY}


def test_forget_deletes_the_days_away_too(store: HistoryStore) -> None:
    store.set_away([TODAY])
    store.forget()
    assert HistoryStore(store.data_dir).load().away == frozenset()


def test_a_failed_write_is_one_sentence(store: HistoryStore, monkeypatch) -> None:
    store.add(make_run())

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("coach.core.history.storage.atomic_write_bytes", full)
    with pytest.raises(HistoryError, match=r"Could not save the days away .*No space left"):
        store.set_away([TODAY])
    assert store.load().away == frozenset()


def test_the_context_marks_days_and_the_strength_passes_over_them(make_context, clock) -> None:
    ctx = make_context()
    today = clock.now().astimezone().date()
    for n in range(5, 15):
        ctx.record_run(make_run(at=clock.now() - timedelta(days=n)))
    before = ctx.progress().strength
    assert ctx.mark_away(away.span(today - timedelta(days=4), today)) == ""
    assert ctx.away_days() == frozenset(away.span(today - timedelta(days=4), today))
    p = ctx.progress()
    assert p.strength > before and p.today_away and p.away_days == 5
    assert ctx.mark_away(away.span(today - timedelta(days=4), today), away=False) == ""
    assert ctx.progress().strength == before
    assert [c.away for c in p.weeks[-1] if c.day == today] == [True]
