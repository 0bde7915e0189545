"""A person's practice as the suggestions read it, gathered in one pass over the history.

Order-proof and total: the runs may come in any order and hold any values the history store
accepts (ids that are not text, runs in the future or long ago, zero-length runs); the same
runs in another order give the same facts. Runs that were only opened do not count
(:func:`coach.core.insights.counts_as_practice`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from coach.core import insights
from coach.core.clock import local_date
from coach.core.library import Library
from coach.core.model import Entry
from coach.core.runs import RunResult

WINDOW_DAYS = 120
"""Only this much recent history shapes suggestions: spacing, balance, habits and what has
helped lately (older practice is already spaced; and the app opens fast with years of runs)."""
STOPPED_DAYS = 14
"""A run stopped early is remembered this long."""
MAX_GAP_DAYS = 21.0
EASE_START, EASE_MIN, EASE_MAX = 1.8, 1.3, 3.0
PRACTICE_MODES = ("alone", "together", "both")
"""The ``practice`` setting's answers ('' when not said yet)."""


def order_key(run: RunResult) -> tuple[datetime, bool, bool, bool, int]:
    """Time order with a total tie-break on everything the rules read, so runs that start at
    the same moment give the same result whichever comes first in the input."""
    change = insights.rating_change(run)
    return (run.started_at, run.completed, bool(run.steps_done), change is not None, change or 0)


def spacing_gap(runs: Sequence[RunResult]) -> float:
    """Days to wait after the last of ``runs`` (one entry, oldest first) before offering it
    again: grows with each done run, faster when calm rose. Nothing ever resets it."""
    gap, ease, reps = 0.0, EASE_START, 0
    for run in runs:
        if not insights.is_done(run):
            continue
        gap = 1.0 if reps == 0 else 3.0 if reps == 1 else min(MAX_GAP_DAYS, gap * ease)
        change = insights.rating_change(run)
        if change is not None and change > 0:
            ease = min(EASE_MAX, ease + 0.15)
        elif change is not None and change < 0:
            ease = max(EASE_MIN, ease - 0.2)
        reps += 1
    return gap


@dataclass(eq=False, repr=False)
class PracticeFacts:
    """What the suggestion rules need from the history (build with :meth:`gather`)."""

    now: datetime
    tz: tzinfo | None
    by_entry: dict[str, list[RunResult]] = field(default_factory=dict)
    """Practice runs in the window (not after ``now``) per exercise and plan id, in order_key order."""
    kind_last: dict[tuple[str, bool], datetime] = field(default_factory=dict)
    """When each kind was last practised in the window, for one and for two apart: keys are
    (kind, for two). A repair for two says nothing of the repair someone does alone."""
    week_kind: dict[tuple[str, bool], int] = field(default_factory=dict)
    """Practice runs per (kind, for two) in the last 7 days."""
    tried: set[object] = field(default_factory=set)
    """Exercise and plan ids ever practised."""
    helped: dict[str, insights.Helped] = field(default_factory=dict)
    """Per exercise, over the window: what has helped lately, from MIN_RUNS rated runs on
    (:func:`coach.core.insights.helped`)."""
    pairs: int = 0
    solos: int = 0
    """Practice runs in the window of exercises for two (or with partners) and for one."""
    long_stops: int = 0
    """Runs of longer entries (over ``long_seconds``) stopped early in the last 30 days."""
    shortest_long_stop: float = math.inf
    """The length of the shortest of those entries (inf when none)."""

    @classmethod
    def gather(cls, library: Library, runs: Sequence[RunResult], now: datetime,
               tz: tzinfo | None, *, long_seconds: float) -> PracticeFacts:
        facts = cls(now, tz)
        cutoff, week, month = (now - timedelta(days=d) for d in (WINDOW_DAYS, 7, 30))
        sizes = {e.id: (e.participants, e.seconds) for e in library.entries.values()}
        # This runs over every run each time the app opens: three comprehensions over all
        # runs (about 2 ms for 20,000), everything else over the window only.
        limit = insights.JUST_OPENED_SECONDS
        opened = [r for r in runs if not r.steps_done and r.active_seconds < limit]
        facts.tried = _ids([r for r in runs if r.steps_done or not r.active_seconds < limit]
                           if opened else runs)
        window = [r for r in runs if cutoff <= r.started_at <= now
                  and (r.steps_done or not r.active_seconds < limit)]
        facts.helped = insights.helped(window)
        for run in window:
            eid = run.exercise_id
            if not isinstance(eid, str):
                continue
            plan = run.plan_id if isinstance(run.plan_id, str) else None
            started = run.started_at
            for key in (eid, plan) if plan else (eid,):
                facts.by_entry.setdefault(key, []).append(run)
            kind = run.kind if isinstance(run.kind, str) else ""
            participants, seconds = sizes.get(eid, (1, 0.0))
            two = run.partners is not None or participants > 1
            kind_two = (kind, two)
            if kind and (kind_two not in facts.kind_last or started > facts.kind_last[kind_two]):
                facts.kind_last[kind_two] = started
            if started >= week:
                facts.week_kind[kind_two] = facts.week_kind.get(kind_two, 0) + 1
            if two:
                facts.pairs += 1
            else:
                facts.solos += 1
            if not run.completed and started >= month and seconds > long_seconds:
                facts.long_stops += 1
                facts.shortest_long_stop = min(facts.shortest_long_stop, seconds)
        for mine in facts.by_entry.values():
            mine.sort(key=order_key)
        return facts

    def mode(self, practice: str) -> str:
        """alone, together or both from the setting; else from the history ("both" from two
        runs for two on, if they are a fifth of the practice); '' with no history at all."""
        if practice in PRACTICE_MODES:
            return practice
        if not self.pairs + self.solos:
            return ""
        return "both" if self.pairs >= 2 and self.pairs * 5 >= self.pairs + self.solos else "alone"

    def days_since(self, at: datetime) -> int:
        """Calendar days from ``at`` to now, in the zone ``tz`` (only for times in the window)."""
        return (local_date(self.now, self.tz) - local_date(at, self.tz)).days

    def done_today(self, mine: list[RunResult]) -> bool:
        return any(insights.is_done(r) and self.days_since(r.started_at) == 0 for r in mine[-3:])

    def stopped(self, library: Library) -> dict[str, Entry]:
        """Entries whose last practice run, in the last STOPPED_DAYS days, was stopped early
        (not a run whose every step was skipped: that one was finished)."""
        out: dict[str, Entry] = {}
        for entry_id, mine in self.by_entry.items():
            entry = library.get(entry_id)
            last = mine[-1]
            if (entry is not None and not last.completed
                    and self.now - last.started_at <= timedelta(days=STOPPED_DAYS)):
                out[entry_id] = entry
        return out


def _ids(runs: Sequence[RunResult]) -> set[object]:
    """Exercise and plan ids of ``runs``; ids that are not text are left out."""
    try:
        ids: set[object] = {r.exercise_id for r in runs}
        ids.update(r.plan_id for r in runs if r.plan_id)
    except TypeError:  # an id the store read from JSON as a list or an object
        ids = {r.exercise_id for r in runs if isinstance(r.exercise_id, str)}
        ids.update(r.plan_id for r in runs if isinstance(r.plan_id, str))
    return {i for i in ids if isinstance(i, str)}
