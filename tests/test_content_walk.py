"""Every built-in exercise and plan walks to its summary through the core (issue 15): each step
completed, answers given through the session, names filled into every text, on a fake clock."""

from __future__ import annotations

import pytest

from coach.core.clock import FakeClock
from coach.core.feelings import load_vocabulary
from coach.core.library import builtin_dir, load_library
from coach.core.model import Break, Emotions, Exercise, Note, Rate
from coach.core.run import Run
from coach.core.runs import NamedFeeling
from coach.core.session import Session, auto_advances, summarize

LIBRARY = load_library(builtin=builtin_dir(), user=None)
PARTNERS = ("Ada", "Ben")


def walk(session: Session, clock: FakeClock) -> None:
    """Do what a person would: answer what asks, wait out what is timed, go on."""
    vocabulary = load_vocabulary()
    core = vocabulary.cores[0]
    for _ in range(len(session.exercise.steps)):
        step = session.step
        text = session.text()
        assert "{" not in text and "}" not in text, f"unfilled placeholder in {text!r}"
        if session.exercise.participants == 2:
            assert "{a}" not in text
        if isinstance(step, Emotions):
            session.set_feelings([NamedFeeling(core.word, core.words[0], 5 if step.intensity else None)])
        elif isinstance(step, Rate):
            session.set_rating(6)
        elif isinstance(step, Note):
            session.set_note("a note")
        if isinstance(step, Break):  # agree a time, wait it out, both calm: go on
            state = session.start_break()
            state.choose(20)
            clock.advance(state.remaining)
            assert state.time_up and state.check(6, 7)
            session.end_break(state, "resumed")
        elif auto_advances(step):
            clock.advance((session.remaining or 0) + 0.01)
            assert session.tick()
        else:
            session.complete()
    assert session.ended and session.completed


@pytest.mark.parametrize("entry_id", sorted(LIBRARY.entries))
def test_entry_walks_to_its_summary(entry_id: str) -> None:
    entry = LIBRARY.entries[entry_id]
    clock = FakeClock()
    run = Run(entry, clock, PARTNERS if entry.participants == 2 else None)
    while run.upcoming() is not None:
        walk(run.begin_next(), clock)
        result = run.close_session()
        assert result.completed and result.steps_done == list(range(result.steps_total))
        assert (result.partners is not None) == (LIBRARY.entries[result.exercise_id].participants == 2)
    summary = summarize(run.results)
    assert summary.completed and summary.steps_done == summary.steps_total
    exercises = [entry] if isinstance(entry, Exercise) else list(entry.exercises)
    assert len(run.results) == len(exercises)
    rated = {s.measure for e in exercises for s in e.steps if isinstance(s, Rate)}
    assert {c.measure for c in summary.changes} == rated
