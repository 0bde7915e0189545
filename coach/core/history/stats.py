"""Progress from the history, as plain data for the history screen and ``coach history``.

Every function is pure: runs in, numbers out; days are counted in the zone ``tz`` (default:
this computer's). Showing up counts: abandoned runs fill the calendar as well.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from coach.core.kinds import KIND_ORDER
from coach.core.runs import RunResult

HABIT_FREQUENCY = 1.0
"""Loop Habit Tracker's frequency (times per day) for the strength score."""


def local_date(at: datetime, tz: tzinfo | None = None) -> date:
    return (at.astimezone(tz) if tz is not None else at.astimezone()).date()


@dataclass(frozen=True)
class DayCell:
    day: date
    runs: int
    minutes: float
    future: bool = False


@dataclass(frozen=True)
class CalmWeek:
    start: date
    before: float | None
    after: float | None


@dataclass
class Progress:
    """Everything the history screen shows."""

    weeks: list[list[DayCell]]
    strength: float
    """0..1, forgiving (a missed day only dents it)."""
    days_practised: int
    total_runs: int
    completed_runs: int
    by_kind: dict[str, int]
    feelings: list[tuple[str, Counter[str]]]
    calm: list[CalmWeek]
    top_feelings: list[tuple[str, int]] = field(default_factory=list)


def per_day(runs: Sequence[RunResult], tz: tzinfo | None = None) -> dict[date, list[RunResult]]:
    days: dict[date, list[RunResult]] = {}
    for run in runs:
        days.setdefault(local_date(run.started_at, tz), []).append(run)
    return days


def calendar_weeks(days: dict[date, list[RunResult]], today: date, weeks: int = 12) -> list[list[DayCell]]:
    """``weeks`` columns of Monday..Sunday, oldest first, the last holding ``today``."""
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    out = []
    for w in range(weeks):
        column = []
        for d in range(7):
            day = first + timedelta(days=7 * w + d)
            runs = days.get(day, [])
            column.append(DayCell(day, len(runs), sum(r.active_seconds for r in runs) / 60, day > today))
        out.append(column)
    return out


def habit_strength(practised: set[date], today: date, frequency: float = HABIT_FREQUENCY) -> float:
    """Loop Habit Tracker's score: s = s * m + done * (1 - m), m = 0.5 ** (sqrt(freq) / 13),
    stepped once a day from the first day practised to ``today``. Never resets to zero."""
    if not practised:
        return 0.0
    m = 0.5 ** (math.sqrt(frequency) / 13)
    score, day = 0.0, min(practised)
    while day <= today:
        score = score * m + (1 - m) * (day in practised)
        day += timedelta(days=1)
    return score


def counts_by_kind(runs: Sequence[RunResult]) -> dict[str, int]:
    counts = Counter(r.kind for r in runs)
    ordered = {k: counts[k] for k in KIND_ORDER if counts[k]}
    ordered.update({k: v for k, v in sorted(counts.items()) if k not in ordered})
    return ordered


def feelings_by_month(runs: Sequence[RunResult], today: date, months: int = 6,
                      tz: tzinfo | None = None) -> list[tuple[str, Counter[str]]]:
    """Feeling words named per month, the last ``months`` months, oldest first."""
    keys = []
    y, m = today.year, today.month
    for _ in range(months):
        keys.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    keys.reverse()
    counters: dict[tuple[int, int], Counter[str]] = {k: Counter() for k in keys}
    for run in runs:
        if not run.feelings:
            continue
        d = local_date(run.started_at, tz)
        bucket = counters.get((d.year, d.month))
        if bucket is not None:
            bucket.update(f.word for f in run.feelings)
    return [(date(y, m, 1).strftime("%b"), counters[(y, m)]) for y, m in keys]


def calm_trend(days: dict[date, list[RunResult]], today: date, weeks: int = 12) -> list[CalmWeek]:
    """Average first and last calm rating per week (runs rated twice), oldest week first."""
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    out = []
    for w in range(weeks):
        before: list[int] = []
        after: list[int] = []
        for d in range(7):
            for run in days.get(first + timedelta(days=7 * w + d), []):
                calm = [r.value for r in sorted(run.ratings, key=lambda r: r.step) if r.measure == "calm"]
                if len(calm) >= 2:
                    before.append(calm[0])
                    after.append(calm[-1])
        start = first + timedelta(days=7 * w)
        out.append(CalmWeek(start, sum(before) / len(before) if before else None,
                            sum(after) / len(after) if after else None))
    return out


def practised_today(runs: Sequence[RunResult], now: datetime, tz: tzinfo | None = None) -> bool:
    """Whether a run was completed today (local day). Looks only at the newest runs."""
    today = local_date(now, tz)
    for run in reversed(runs):
        day = local_date(run.started_at, tz)
        if day < today - timedelta(days=1):
            return False
        if run.completed and day == today:
            return True
    return False


def progress(runs: Sequence[RunResult], now: datetime, tz: tzinfo | None = None) -> Progress:
    """All the numbers for the history screen."""
    today = local_date(now, tz)
    days = per_day(runs, tz)
    words: Counter[str] = Counter(f.word for r in runs for f in r.feelings)
    return Progress(
        weeks=calendar_weeks(days, today),
        strength=habit_strength({d for d in days if d <= today}, today),
        days_practised=len(days),
        total_runs=len(runs),
        completed_runs=sum(r.completed for r in runs),
        by_kind=counts_by_kind(runs),
        feelings=feelings_by_month(runs, today, tz=tz),
        calm=calm_trend(days, today),
        top_feelings=words.most_common(6),
    )
