"""Progress from the history, as plain data for the history screen and ``coach history``.

Every function is pure: runs in, numbers out; days are counted in the zone ``tz`` (default:
this computer's). Showing up counts: abandoned runs fill the calendar as well. Runs that were
only opened (:func:`coach.core.insights.counts_as_practice`) are kept but never counted here.

Days away (holiday, illness: marked by the person) neither add to nor dent the strength; a
day with practice counts as practice even when it is marked away. Today is not a missed day
until it is over: the strength counts today only once it has practice in it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from coach.core.clock import local_date
from coach.core.insights import JUST_OPENED_SECONDS, is_done
from coach.core.kinds import KIND_ORDER
from coach.core.runs import RunResult

HABIT_FREQUENCY = 1.0
"""Loop Habit Tracker's frequency (times per day) for the strength score."""
NO_DAYS: frozenset[date] = frozenset()


@dataclass(frozen=True)
class DayCell:
    day: date
    runs: int
    minutes: float
    future: bool = False
    away: bool = False
    """Marked as a day away (shown apart; it neither adds to nor dents the strength)."""


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
    opened_runs: int = 0
    """Runs that were only opened (kept, shown as "just opened", not counted above)."""
    today_done: bool = False
    """Today has practice in it (so the strength counts it)."""
    today_away: bool = False
    away_days: int = 0
    """Days marked away, in all."""


def per_day(runs: Sequence[RunResult], tz: tzinfo | None = None) -> dict[date, list[RunResult]]:
    days: dict[date, list[RunResult]] = {}
    for run in runs:  # over every run when the history opens
        day = local_date(run.started_at, tz)
        if day in days:
            days[day].append(run)
        else:
            days[day] = [run]
    return days


def calendar_weeks(days: dict[date, list[RunResult]], today: date, weeks: int = 12,
                   away: frozenset[date] = NO_DAYS) -> list[list[DayCell]]:
    """``weeks`` columns of Monday..Sunday, oldest first, the last holding ``today``."""
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    out = []
    for w in range(weeks):
        column = []
        for d in range(7):
            day = first + timedelta(days=7 * w + d)
            runs = days.get(day, [])
            column.append(DayCell(day, len(runs), sum(r.active_seconds for r in runs) / 60,
                                  day > today, day in away))
        out.append(column)
    return out


def habit_step(frequency: float = HABIT_FREQUENCY) -> float:
    """The share of the score a day keeps: m = 0.5 ** (sqrt(frequency) / 13), about 0.948."""
    return float(0.5 ** (math.sqrt(frequency) / 13))


def habit_strength(practised: set[date] | frozenset[date], today: date,
                   frequency: float = HABIT_FREQUENCY, away: frozenset[date] = NO_DAYS) -> float:
    """Loop Habit Tracker's score: s = s * m + done * (1 - m) (see :func:`habit_step`),
    stepped once a day from the first day practised to ``today``. Never resets to zero.

    Today counts only once it has practice in it (it is not missed until it is over); a day
    away without practice is passed over (neither adds nor dents)."""
    if not practised:
        return 0.0
    m = habit_step(frequency)
    score, day = 0.0, min(practised)
    last = today if today in practised else today - timedelta(days=1)
    while day <= last:
        if day in practised:
            score = score * m + (1 - m)
        elif day not in away:
            score *= m
        day += timedelta(days=1)
    return score


def _percents(a: float, b: float) -> tuple[str, str]:
    """Two scores as percentages, with a decimal when whole numbers would read the same."""
    if round(a * 100) != round(b * 100):
        return f"{round(a * 100)}%", f"{round(b * 100)}%"
    return f"{a * 100:.1f}%", f"{b * 100:.1f}%"


def strength_sentences(p: Progress, frequency: float = HABIT_FREQUENCY) -> list[str]:
    """How the strength works, in three plain sentences with the person's own numbers: how a
    day adds, how a missed day dents, and that it never resets."""
    m, s = habit_step(frequency), p.strength
    if not p.days_practised:
        return ["Each day you practise adds a little: a first day takes it from 0% to "
                f"{round((1 - m) * 100)}%.",
                "A day without practice only dents it, by about a twentieth of what it is.",
                "It never resets: days you practised stay counted, however long a break."]
    if p.today_done:
        before, after = _percents((s - (1 - m)) / m, s)
        adds = f"Each day you practise adds a little: today's practice took it from {before} to {after}."
        now, dented = _percents(s, s * m)
        dents = f"A missed day only dents it: a day without practice would take it from {now} to {dented}."
    else:
        now, after = _percents(s, s * m + (1 - m))
        adds = f"Each day you practise adds a little: practising today would take it from {now} to {after}."
        now, dented = _percents(s, s * m)
        dents = ("A missed day only dents it: today is not missed until it is over, and "
                 f"then it would go from {now} to {dented}.")
        if p.today_away:
            dents = ("A missed day only dents it, and today is marked as a day away: it neither "
                     f"adds nor dents, so {now} stays {now}.")
    days = f"{p.days_practised} day{'' if p.days_practised == 1 else 's'}"
    resets = (f"It never resets: even four weeks without practice would leave it at "
              f"{round(s * m ** 28 * 100)}%, and your {days} of practice stay counted.")
    return [adds, dents, resets]


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
    """Whether a run was done today (local day; finished with a step done, see
    :func:`coach.core.insights.is_done`). Looks only at the newest runs."""
    today = local_date(now, tz)
    for run in reversed(runs):
        day = local_date(run.started_at, tz)
        if day < today - timedelta(days=1):
            return False
        if day == today and is_done(run):
            return True
    return False


def progress(runs: Sequence[RunResult], now: datetime, tz: tzinfo | None = None,
             away: frozenset[date] = NO_DAYS) -> Progress:
    """All the numbers for the history screen (``away``: the days marked away)."""
    today = local_date(now, tz)
    # what counts_as_practice() and is_done() say, inlined: this runs over every run
    practice = [r for r in runs if r.steps_done or not r.active_seconds < JUST_OPENED_SECONDS]
    days = per_day(practice, tz)
    named = [r for r in practice if r.feelings]
    words: Counter[str] = Counter(f.word for r in named for f in r.feelings)
    half_year = now - timedelta(days=190)  # more than the 6 months shown, in any zone
    return Progress(
        weeks=calendar_weeks(days, today, away=away),
        strength=habit_strength({d for d in days if d <= today}, today, away=away),
        days_practised=len(days),
        total_runs=len(practice),
        completed_runs=sum(1 for r in practice if r.completed and r.steps_done),
        by_kind=counts_by_kind(practice),
        feelings=feelings_by_month([r for r in named if r.started_at >= half_year], today, tz=tz),
        calm=calm_trend(days, today),
        top_feelings=words.most_common(6),
        opened_runs=len(runs) - len(practice),
        today_done=today in days,
        today_away=today in away,
        away_days=len(away),
    )
