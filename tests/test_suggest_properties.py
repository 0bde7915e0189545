"""Suggestions are total and order-proof: any history the store accepts, in any order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.library import Library
from coach.core.model import Exercise, Plan
from coach.core.runs import RunResult
from coach.core.suggest import suggest
from tests.history_data import make_run
from tests.test_suggest import ex

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
BOX = ex("box", "breathing", 5, ("stressed", "anytime"))
HOLD = ex("hold", "breathing", 2, ("stressed", "bedtime"), hold=7, exhale=8)
WHEEL = ex("wheel", "emotion", 4, ("evening", "stressed"))
TALK = ex("talk", "repair", 10, ("after-conflict", "before-a-hard-talk"), participants=2)
KID = ex("kid", "family", 3, ("parenting", "anytime"))
GUIDE = ex("guide", "help", 2, ("anytime",))
PLAN = Plan(id="plan", title="Plan", summary="s", exercise_ids=("box", "talk"), contexts=("after-conflict",),
            exercises=(BOX, TALK))
LIBRARY = Library(entries={e.id: e for e in (BOX, HOLD, WHEEL, TALK, KID, GUIDE, PLAN)})
SUGGESTABLE = {e for e in LIBRARY.entries if e != "guide"}

ZONES = st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12)), None])
ODD = st.one_of(st.integers(-3, 3), st.none(), st.lists(st.text(max_size=2), max_size=2),
                st.dictionaries(st.text(max_size=1), st.integers(), max_size=1))
# mostly real ids (so that runs of one entry meet), some gone, some not even text
IDS = st.one_of(st.sampled_from(["box", "talk"]), st.sampled_from(["box", "talk"]),
                st.sampled_from(["hold", "wheel", "kid", "guide", "plan", "gone", ""]), ODD)
KINDS = st.one_of(st.sampled_from(["breathing", "repair"]), st.sampled_from(["breathing", "repair"]),
                  st.sampled_from(["emotion", "family", "help", "plan", ""]), ODD)
# mostly the last weeks (a few moments, so runs often start at the same time), some near the
# edge of the window or in the future, some anywhere in datetime's range
NEAR = st.builds(lambda days, minutes: NOW - timedelta(days=days, minutes=minutes),
                 st.integers(0, 25), st.sampled_from([0, 30, 600]))
EDGE = st.builds(lambda days: NOW - timedelta(days=days), st.integers(-3, 130))
ANY = st.builds(lambda d, z: d.replace(tzinfo=z),
                st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)), ZONES)
WHEN = st.one_of(NEAR, NEAR, NEAR, EDGE, ANY)
RATING = st.fixed_dictionaries({"measure": st.one_of(st.sampled_from(["calm", "energy"]), ODD),
                                "value": st.integers(-5, 15), "step": st.integers(-1, 9)})
RECORD = st.fixed_dictionaries({
    "exercise_id": IDS,
    "kind": KINDS,
    "started_at": WHEN.map(lambda d: d.isoformat()),
    "ended_at": WHEN.map(lambda d: d.isoformat()),
    "active_seconds": st.one_of(st.floats(allow_nan=True), st.integers(-5, 5000)),
    "steps_total": st.integers(0, 9),
    "steps_done": st.lists(st.integers(-1, 9), max_size=4),
    "completed": st.one_of(st.booleans(), st.booleans(), ODD),
    "ratings": st.lists(RATING, max_size=4),
    "partners": st.one_of(st.none(), st.lists(st.text(max_size=3), max_size=3), st.text(max_size=3)),
    "plan_id": st.one_of(st.none(), st.none(), IDS),
})


def stored(record: dict[str, Any]) -> RunResult | None:
    """What the history store makes of a record (coach.core.history.store), or None if skipped."""
    try:
        run = RunResult.from_record(record)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    if run.started_at.tzinfo is None:
        run.started_at = run.started_at.replace(tzinfo=UTC)
    if run.ended_at.tzinfo is None:
        run.ended_at = run.ended_at.replace(tzinfo=UTC)
    return run


HISTORIES = st.lists(RECORD.map(stored), min_size=1, max_size=40).map(
    lambda runs: [r for r in runs if r is not None])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs=HISTORIES, context=st.sampled_from([None, "stressed", "after-conflict", "evening"]),
       practice=st.sampled_from(["", "alone", "together", "both", "nonsense"]),
       zone=st.sampled_from([UTC, timezone(timedelta(hours=10)), timezone(timedelta(hours=-9))]),
       data=st.data())
def test_any_stored_history_in_any_order_gives_the_same_suggestions(
        runs: list[RunResult], context: str | None, practice: str, zone: timezone,
        data: st.DataObject) -> None:
    first = suggest(LIBRARY, runs, NOW, context, tz=zone, practice=practice)
    assert {s.entry_id for s in first} == SUGGESTABLE and len(first) == len(SUGGESTABLE)
    for s in first:
        assert s.reason and "\n" not in s.reason and len(s.reason) <= 100
    assert len({s.reason for s in first}) == len(first)
    shuffled = data.draw(st.permutations(runs))
    assert suggest(LIBRARY, shuffled, NOW, context, tz=zone, practice=practice) == first
    if context == "stressed":
        assert first[-1].entry_id == "hold"


def plausible(entry: Exercise, when: datetime, completed: bool, calm: tuple[int, int] | None,
              in_plan: bool) -> RunResult:
    run = make_run(entry.id, kind=entry.kind, at=when, completed=completed, calm=calm,
                   minutes=entry.seconds / 60)
    run.plan_id = "plan" if in_plan and entry.id in PLAN.exercise_ids else None
    return run


PLAUSIBLE = st.builds(plausible, st.sampled_from([BOX, HOLD, WHEEL, TALK, KID, GUIDE]), NEAR, st.booleans(),
                      st.none() | st.tuples(st.integers(0, 10), st.integers(0, 10)), st.booleans())


@settings(max_examples=150, deadline=None)
@given(runs=st.lists(PLAUSIBLE, min_size=4, max_size=40),
       context=st.sampled_from([None, "stressed", "before-a-hard-talk", "evening"]), data=st.data())
def test_plausible_histories_in_any_order_give_the_same_suggestions(
        runs: list[RunResult], context: str | None, data: st.DataObject) -> None:
    first = suggest(LIBRARY, runs, NOW, context, tz=UTC)
    assert suggest(LIBRARY, data.draw(st.permutations(runs)), NOW, context, tz=UTC) == first
