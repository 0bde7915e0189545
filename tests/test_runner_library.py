"""Every entry of the built-in library runs to its end: walked through the core session (fast),
and once through the real runner for each kind of step (one Pilot walk per step type)."""

from __future__ import annotations

import pytest

from coach.core.clock import FakeClock
from coach.core.library import load_library
from coach.core.model import Emotions, Entry, Note, Rate, Step
from coach.core.runs import NamedFeeling
from coach.core.session import Run, auto_advances
from tests.conftest import SNAP_SIZE
from tests.runner_support import walk_to_summary

LIBRARY = load_library()


def walk(entry: Entry, clock: FakeClock) -> Run:
    """Do every step of ``entry`` as a person would, on the fake clock."""
    run = Run(entry, clock, partners=("Ada", "Ben"))
    while run.upcoming() is not None:
        session = run.begin_next()
        while not session.ended:
            step = session.step
            text = session.text()
            assert "{" not in text or "{{" in str(getattr(step, "text", "")), text
            if auto_advances(step):
                clock.advance((session.remaining or 0) + 0.01)
                assert session.tick()
                continue
            if isinstance(step, Emotions):
                session.set_feelings([NamedFeeling("sad", "lonely", 6 if step.intensity else None)])
            elif isinstance(step, Rate):
                session.set_rating(7)
            elif isinstance(step, Note):
                session.set_note("ok")
            clock.advance(1)
            session.complete()
        run.close_session()
    return run


@pytest.mark.parametrize("entry_id", list(LIBRARY.entries))
def test_every_entry_runs_to_the_end_through_the_core(entry_id: str) -> None:
    entry = LIBRARY.entries[entry_id]
    run = walk(entry, FakeClock())
    assert [r.exercise_id for r in run.results] == [e.id for e in run.exercises]
    for r in run.results:
        assert r.completed and r.steps_done == list(range(r.steps_total))
        assert r.plan_id == (entry.id if entry.is_plan else None)


def _shortest_with(step_type: str, timed: bool | None = None) -> str:
    """The shortest exercise with a step of ``step_type`` (timed or not, for instructions)."""
    def has(step: Step) -> bool:
        if step.type != step_type:
            return False
        return timed is None or (getattr(step, "seconds", None) is not None) == timed

    found = sorted((e.seconds, e.id) for e in LIBRARY.exercises() if any(has(s) for s in e.steps))
    return found[0][1]


WALKS = sorted({_shortest_with("instruction", timed=False), _shortest_with("instruction", timed=True),
                *(_shortest_with(t) for t in ("breathe", "timer", "emotions", "rate", "turn",
                                              "reflect", "note"))})


@pytest.mark.parametrize("exercise_id", WALKS)
async def test_each_kind_of_step_runs_in_the_app(make_app, clock, exercise_id: str) -> None:
    app = make_app(start=exercise_id)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await walk_to_summary(pilot, clock)
        results = list(app.ctx.recorded)
    assert len(results) == 1
    r = results[0]
    assert r.exercise_id == exercise_id and r.completed
    assert r.steps_done == list(range(r.steps_total))
