"""Hand-made and generated practice runs for history, stats and suggestion tests."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from coach.core.library import Library
from coach.core.model import Exercise
from coach.core.runs import NamedFeeling, Rating, RunResult

FEELINGS = [("peaceful", "calm"), ("sad", "lonely"), ("scared", "anxious"), ("mad", "frustrated"),
            ("joyful", "hopeful"), ("powerful", "confident"), ("peaceful", "relieved"),
            ("sad", "tired"), ("joyful", "playful"), ("scared", "overwhelmed")]


def make_run(exercise_id: str = "box-breathing", *, kind: str = "breathing",
             at: datetime | None = None, minutes: float = 5.0, completed: bool = True,
             calm: tuple[int, int] | None = None, feelings: list[tuple[str, str, int]] | None = None,
             steps_total: int = 5, note: str = "", partners: tuple[str, str] | None = None,
             title: str | None = None) -> RunResult:
    """One run started at ``at`` (default 2026-11-01 19:00 UTC)."""
    start = at or datetime(2026, 11, 1, 19, 0, tzinfo=UTC)
    ratings = [] if calm is None else [Rating("calm", calm[0], 0), Rating("calm", calm[1], steps_total - 1)]
    return RunResult(
        exercise_id=exercise_id, content_hash="abc123", kind=kind, title=title or exercise_id,
        started_at=start, ended_at=start + timedelta(minutes=minutes), active_seconds=minutes * 60,
        steps_total=steps_total,
        steps_done=list(range(steps_total if completed else max(1, steps_total // 2))),
        completed=completed,
        feelings=[NamedFeeling(c, w, i) for c, w, i in (feelings or [])],
        ratings=ratings, note=note, partners=partners,
    )


def generate_runs(library: Library, count: int, end: datetime, *, days: int = 365,
                  seed: int = 7) -> list[RunResult]:
    """``count`` plausible runs spread over ``days`` days before ``end`` (deterministic)."""
    rng = random.Random(seed)
    exercises: list[Exercise] = sorted(library.exercises(), key=lambda e: e.id)
    runs = []
    for _ in range(count):
        ex = rng.choice(exercises)
        day = rng.randrange(days)
        at = (end - timedelta(days=day)).replace(hour=rng.choice([7, 8, 12, 18, 20, 21]),
                                                 minute=rng.randrange(60), second=0, microsecond=0)
        before = rng.randrange(2, 7)
        completed = rng.random() > 0.12
        feelings = ([(*rng.choice(FEELINGS), rng.randrange(1, 10))] if ex.kind == "emotion" else [])
        runs.append(make_run(ex.id, kind=ex.kind, title=ex.title, at=at,
                             minutes=round(ex.seconds / 60, 1), completed=completed,
                             calm=(before, min(10, before + rng.randrange(0, 4))) if completed else None,
                             feelings=feelings, steps_total=len(ex.steps)))
    runs.sort(key=lambda r: r.started_at)
    return runs
