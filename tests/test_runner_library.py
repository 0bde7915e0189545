"""Every exercise in the built-in library runs from start to summary (issue 6)."""

from __future__ import annotations

import pytest

from coach.core.library import load_library
from tests.conftest import SNAP_SIZE
from tests.runner_support import walk_to_summary

EXERCISE_IDS = [e.id for e in load_library().exercises()]


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
async def test_every_exercise_runs_to_the_end(make_app, clock, exercise_id: str) -> None:
    app = make_app(start=exercise_id)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await walk_to_summary(pilot, clock)
        results = list(app.ctx.recorded)
    assert len(results) == 1
    r = results[0]
    assert r.exercise_id == exercise_id and r.completed
    assert r.steps_done == list(range(r.steps_total))
