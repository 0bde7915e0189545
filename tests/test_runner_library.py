"""The real runner walks once for each kind of step (one Pilot walk per step type); every entry
of the library walks to its end through the core in tests/test_content_walk.py."""

from __future__ import annotations

import pytest

from coach.core.library import load_library
from coach.core.model import Step
from tests.conftest import SNAP_SIZE
from tests.runner_support import walk_to_summary

LIBRARY = load_library()


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
