"""The pacer's schedule: phases, cycles and sizes computed from the step start."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core import breathing
from coach.core.model import Breathe

BOX = Breathe(inhale=4, hold=4, exhale=4, hold_after=4, cycles=3)
SIGH = Breathe(inhale=2, top_up=1, exhale=6, cycles=2)


@pytest.mark.parametrize(("elapsed", "name", "cycle", "left"), [
    (0.0, "Breathe in", 1, 4.0),
    (3.5, "Breathe in", 1, 0.5),
    (4.0, "Hold", 1, 4.0),
    (8.25, "Breathe out", 1, 3.75),
    (12.0, "Hold (empty)", 1, 4.0),
    (16.0, "Breathe in", 2, 4.0),
    (47.9, "Hold (empty)", 3, pytest.approx(0.1)),
])
def test_box_phases(elapsed: float, name: str, cycle: int, left: float) -> None:
    state = breathing.phase_at(BOX, elapsed)
    assert (state.name, state.cycle, state.cycles) == (name, cycle, 3)
    assert state.seconds_left == pytest.approx(left)
    assert not state.done


def test_sizes_grow_hold_and_shrink() -> None:
    assert breathing.phase_at(BOX, 0).size == 0.0
    assert 0 < breathing.phase_at(BOX, 2).size < 1
    assert breathing.phase_at(BOX, 6).size == 1.0
    assert breathing.phase_at(BOX, 10).size < breathing.phase_at(BOX, 9).size
    assert breathing.phase_at(BOX, 14).size == 0.0


def test_top_up_fills_the_rest() -> None:
    assert breathing.phase_at(SIGH, 1.999).size == pytest.approx(breathing.TOP_UP_FROM, abs=1e-3)
    top = breathing.phase_at(SIGH, 2.5)
    assert top.name == "Top up" and breathing.TOP_UP_FROM < top.size < 1


def test_end_is_done() -> None:
    state = breathing.phase_at(BOX, 48.0)
    assert state.done and state.cycle == 3 and state.whole_seconds_left == 0


def test_countdown_rounds_up() -> None:
    assert breathing.phase_at(BOX, 0.2).whole_seconds_left == 4
    assert breathing.phase_at(BOX, 3.99).whole_seconds_left == 1


def test_boundaries_have_no_drift() -> None:
    long = Breathe(inhale=4, hold=4, exhale=4, hold_after=4, cycles=1000)
    b = breathing.boundaries(long)
    assert len(b) == 4000
    assert b[-1] == 16000.0
    assert b[2001] == 8008.0


@given(st.floats(min_value=0, max_value=47.99))
def test_next_boundary_is_the_next_change(elapsed: float) -> None:
    nxt = breathing.next_boundary(BOX, elapsed)
    assert nxt is not None and elapsed < nxt <= elapsed + 4
    before = breathing.phase_at(BOX, elapsed)
    assert nxt == pytest.approx(elapsed + before.seconds_left)


def test_next_boundary_at_the_end() -> None:
    assert breathing.next_boundary(BOX, 48.0) is None
    assert breathing.next_boundary(BOX, 47.0) == 48.0
