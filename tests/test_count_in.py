"""The optional 3-2-1 before the first breath: part of the step's time in the core session."""

from __future__ import annotations

from coach.core.breathing import LEAD_IN, count_in, next_boundary, phase_at
from coach.core.clock import FakeClock
from coach.core.model import Breathe, Exercise, Instruction
from coach.core.run import Run

BOX = Breathe(inhale=4, hold=4, exhale=4, hold_after=4, cycles=2)
EXERCISE = Exercise(id="x", title="X", kind="breathing", summary="s", source="s",
                    steps=(Instruction("Sit."), BOX))


def test_the_count_goes_three_two_one_then_breathing_starts() -> None:
    assert [count_in(e) for e in (-3.0, -2.5, -2.0, -1.2, -0.001, 0.0, 5.0)] == [3, 3, 2, 2, 1, 0, 0]
    assert [next_boundary(BOX, e) for e in (-3.0, -2.5, -0.4)] == [-2.0, -2.0, 0.0]
    assert next_boundary(BOX, 0.0) == 4.0


def test_a_lead_in_lengthens_the_breathing_step_only() -> None:
    clock = FakeClock()
    run = Run(EXERCISE, clock, lead_in=LEAD_IN)
    session = run.begin_next()
    assert session.duration is None and session.breath_elapsed == 0.0  # an untimed instruction
    session.complete()
    assert session.duration == BOX.seconds + 3
    clock.advance(1)
    assert session.breath_elapsed == -2.0
    clock.advance(2 + 5)
    assert phase_at(BOX, session.breath_elapsed).key == "hold"
    clock.advance(BOX.seconds - 5 - 0.01)
    assert not session.tick()  # the last breath is not cut short by the count
    clock.advance(0.02)
    assert session.tick() and session.ended and session.completed
