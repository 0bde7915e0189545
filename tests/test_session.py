"""The runner's state machine on a fake clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.clock import FakeClock
from coach.core.library import load_library
from coach.core.model import Breathe, Emotions, Exercise, Instruction, Plan, Rate, Reflect, Turn
from coach.core.run import Run
from coach.core.runs import NamedFeeling
from coach.core.session import Session, Stopwatch, summarize
from coach.core.text import fill


def exercise(*steps, participants: int = 1) -> Exercise:  # type: ignore[no-untyped-def]
    return Exercise(id="t", title="T", kind="breathing", summary="s", steps=tuple(steps), source="s",
                    participants=participants, path=Path("t.yaml"))


CALM = Rate(text="How calm?", measure="calm", low="tense", high="calm")
EX = exercise(CALM, Instruction("Read"), Breathe(inhale=4, exhale=4, cycles=2),
              Instruction("Wait", seconds=10), CALM)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_stopwatch_accumulates_across_stops(clock: FakeClock) -> None:
    w = Stopwatch(clock)
    clock.advance(3)
    w.stop()
    clock.advance(100)
    assert w.elapsed == 3
    w.start()
    clock.advance(2)
    assert w.elapsed == 5


def test_pause_freezes_step_and_active_time(clock: FakeClock) -> None:
    s = Session(EX, clock)
    clock.advance(2)
    s.pause()
    clock.advance(600)
    assert s.step_elapsed == 2 and s.active_seconds == 2 and s.paused
    s.resume()
    clock.advance(1)
    assert s.step_elapsed == 3


def test_timed_steps_advance_by_themselves_untimed_wait(clock: FakeClock) -> None:
    s = Session(EX, clock)
    s.complete()
    clock.advance(1000)
    assert not s.tick() and s.index == 1  # untimed instruction waits
    s.complete()
    clock.advance(15.9)
    assert not s.tick()
    clock.advance(0.1)
    assert s.tick() and s.index == 3
    s.pause()
    clock.advance(20)
    assert not s.tick()
    s.resume()
    clock.advance(10)
    assert s.tick() and s.index == 4


def test_skip_back_restart(clock: FakeClock) -> None:
    s = Session(EX, clock)
    s.skip()
    assert s.index == 1 and s.done == set()
    s.back()
    assert s.index == 0
    s.back()
    assert s.index == 0
    s.skip()
    s.skip()
    clock.advance(5)
    s.restart()
    assert s.index == 2 and s.step_elapsed == 0
    assert s.number == 3 and s.total == 5


def test_completed_run_result(clock: FakeClock) -> None:
    s = Session(EX, clock)
    s.set_rating(3)
    s.complete()
    clock.advance(30)
    s.complete()
    clock.advance(16)
    s.tick()
    clock.advance(10)
    s.tick()
    s.set_rating(8)
    s.complete()
    r = s.result()
    assert r.completed and r.steps_done == [0, 1, 2, 3, 4]
    assert r.rating_change("calm") == 5
    assert r.active_seconds == 56
    summary = summarize([r])
    assert (summary.changes[0].before, summary.changes[0].after) == (3, 8)
    assert summary.steps_done == summary.steps_total == 5


def test_quit_keeps_a_partial_run(clock: FakeClock) -> None:
    s = Session(EX, clock)
    s.set_rating(4)
    s.complete()
    s.skip()
    clock.advance(3)
    s.quit()
    r = s.result()
    assert not r.completed and r.abandoned
    assert r.steps_done == [0] and r.steps_total == 5
    assert [x.value for x in r.ratings] == [4]
    s.complete()
    assert s.result().steps_done == [0]  # nothing moves after quitting


def test_feelings_notes_and_redo_replace(clock: FakeClock) -> None:
    s = Session(exercise(Emotions("How?"), Instruction("x")), clock)
    s.set_feelings([NamedFeeling("sad", "lonely", 3)])
    s.complete()
    s.back()
    s.set_feelings([NamedFeeling("mad", "annoyed", None)])
    s.complete()
    assert s.result().feelings == [NamedFeeling("mad", "annoyed", None)]


def test_turns_never_advance_and_reflect_counts_tries(clock: FakeClock) -> None:
    ex = exercise(Turn("a", "{speaker} speaks, {listener} listens", 60), Reflect("a", "{listener} reflects"),
                  participants=2)
    s = Session(ex, clock, partners=("Ada", "Ben"))
    assert s.text() == "Ada speaks, Ben listens"
    clock.advance(600)
    assert s.time_up and not s.tick() and s.index == 0
    s.complete()
    assert s.text() == "Ben reflects"
    assert s.not_quite() == 2 and s.not_quite() == 3
    s.complete()
    assert s.ended and s.completed and s.result().partners == ("Ada", "Ben")


def test_plan_runs_exercises_in_order(clock: FakeClock) -> None:
    lib = load_library()
    plan = next(p for p in lib.plans())
    run = Run(plan, clock)
    ids = []
    while run.upcoming() is not None:
        session = run.begin_next()
        ids.append(session.exercise.id)
        while not session.ended:
            session.skip()
        run.close_session()
    assert ids == list(plan.exercise_ids)
    assert all(r.plan_id == plan.id for r in run.results)
    assert isinstance(plan, Plan)


def test_fill_leaves_other_braces() -> None:
    assert fill("{a} and {b} {x}", ("A", "B")) == "A and B {x}"
    assert fill("{speaker}", None, "b") == "Partner B"


def test_rating_range(clock: FakeClock) -> None:
    s = Session(EX, clock)
    with pytest.raises(ValueError):
        s.set_rating(11)


def test_reflow_joins_hard_wrapped_lines_only() -> None:
    from coach.core.text import reflow

    text = "Sit upright.\nBreathe in and rest before the\nnext breath.\n\nSecond paragraph\ngoes on."
    expected = "Sit upright.\nBreathe in and rest before the next breath.\n\nSecond paragraph goes on."
    assert reflow(text) == expected
