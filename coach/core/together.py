"""What a run for two reads from the history: who starts this time (and how to say so), and
where a run that stopped for a break can be picked up. Pure: the runs and the time are given.

Picking up, the simplest honest version: a run of an exercise or plan that ended at a break
(not yet calm, back later today, or stopped during the break) can be picked up within
:data:`RESUME_WITHIN`, at the step where the break was taken. A plan stopped at an exercise's
own break step goes on after it (the break is what happened: after-a-fight goes on to the
talk); an exercise that is a break (flooding-break) always starts on its break, with nothing
in the way. It is offered only while the exercise
file is unchanged, and only for the latest run of that entry; the picked-up run is a new run
in the history that begins at that step, after a check that both feel calm.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.core.model import Break, Entry, Exercise, Plan
from coach.core.runs import RunResult

RESUME_WITHIN = timedelta(hours=24)
"""A break's agreed return is within a day."""


def runs_of(entry: Entry, runs: Iterable[RunResult]) -> list[RunResult]:
    """Runs of ``entry``: a plan's by its id, an exercise's alone or inside a plan."""
    if isinstance(entry, Plan):
        return [r for r in runs if r.plan_id == entry.id]
    return [r for r in runs if r.exercise_id == entry.id]


def latest(runs: list[RunResult]) -> RunResult:
    """The run started last (of two started at once, the one recorded last)."""
    return max(reversed(runs), key=lambda r: r.started_at)


def starts_swapped(entry: Entry, runs: Iterable[RunResult]) -> bool:
    """Who starts alternates: the second name starts when the first one did last time."""
    mine = runs_of(entry, runs)
    if not mine:
        return False
    return not latest(mine).swapped


def starts_line(first: str, second: str, swapped: bool, roles: tuple[str, ...] = ()) -> str:
    """'Who starts today: Ben' or, with roles, 'Today Ben shares ...; Ada offers ...'."""
    names = (first or "the one named first", second or "the one named second")
    a, b = (names[1], names[0]) if swapped else names
    if len(roles) == 2:
        return f"Today {a} {roles[0]}; {b} {roles[1]}."
    return f"Who starts today: {a}."


@dataclass(frozen=True, slots=True)
class Resume:
    """Where to pick up a run that stopped for a break."""

    position: int
    """Which exercise of the entry (0 for an exercise)."""
    step: int
    """The step to begin at."""
    exercise: Exercise
    stopped_at: datetime
    """When the break began."""
    swapped: bool
    """Roles as they were: who started keeps starting."""


def resume_point(entry: Entry, runs: Iterable[RunResult], now: datetime) -> Resume | None:
    """Where the latest run of ``entry`` stopped for a break, if it can be picked up now."""
    mine = [r for r in runs_of(entry, runs) if not isinstance(entry, Exercise) or r.plan_id is None]
    if not mine:
        return None
    last = latest(mine)
    if last.completed or not last.breaks or last.breaks[-1].outcome == "resumed":
        return None
    stop = last.breaks[-1]
    if not timedelta(0) <= now - last.ended_at <= RESUME_WITHIN:
        return None
    exercises = entry.exercises if isinstance(entry, Plan) else (entry,)
    position = next((i for i, e in enumerate(exercises) if e.id == last.exercise_id), None)
    if position is None or exercises[position].content_hash != last.content_hash:
        return None  # the file changed since: its steps may not be the same steps
    exercise, step = exercises[position], stop.step
    if step < len(exercise.steps) and isinstance(exercise.steps[step], Break):
        if isinstance(entry, Exercise):
            return None  # a break exercise (flooding-break) starts on its break, every time
        step += 1
    if step >= len(exercise.steps):  # the break was the end of this exercise
        position, step = position + 1, 0
        if position >= len(exercises):
            return None
        exercise = exercises[position]
    return Resume(position, step, exercise, stop.started_at, last.swapped)
