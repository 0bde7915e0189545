"""What helps: the person's own before/after ratings, summed up per exercise or per kind.

Pure and deterministic: runs in (in any order), plain numbers out. Only calm is read as better
or worse ("calmer"); any other measure (energy, pleasantness) is reported as a change with no
judgement. Nothing here claims more than the person's own ratings say, and nothing is shown
below ``MIN_RUNS`` rated runs.

    >>> by_exercise = helped(runs)                 # {"box-breathing": Helped(runs=6, ...)}
    >>> describe(by_exercise["box-breathing"])     # "about 2 points calmer on average, over 6 runs"
    >>> helped(runs, key=by_kind)                  # the same per kind

Also here, because the history screen, the score and the suggestions must agree on them:
which runs count as practice (:func:`counts_as_practice`) and which are done (:func:`is_done`).

The whole report for the history screen and ``coach insights`` (:func:`report`): calm per
exercise, per kind and per context, and other measures as plain changes. The context of a run
is derived (:func:`run_contexts`): from the situations its exercise is meant for, and from the
hour it started.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from coach.core.clock import local_hour
from coach.core.kinds import kind_of
from coach.core.runs import RunResult

if TYPE_CHECKING:
    from coach.core.library import Library

MIN_RUNS = 3
"""Rated runs needed before a change is shown ("not enough runs to tell yet" below)."""
JUST_OPENED_SECONDS = 15.0
"""A run with no step done and less active time than this was only opened, not practised."""
CALM = "calm"
NOT_ENOUGH = "not enough runs to tell yet"


@dataclass(frozen=True, slots=True)
class Helped:
    """How one measure changed from the first to the last rating of a run, over rated runs."""

    runs: int
    """Runs with the measure rated at least twice (the rated runs)."""
    average_change: float
    """Mean of (last rating - first rating) over those runs, on the 0-10 scale."""
    measure: str = CALM

    @property
    def helped(self) -> bool:
        """Calm rose on average (only calm is ever read as better or worse)."""
        return self.measure == CALM and self.average_change > 0


# -- which runs count ---------------------------------------------------------------------------

def counts_as_practice(run: RunResult) -> bool:
    """False for a run that was only opened: no step done and under 15 seconds of practice.
    Such runs are kept and shown ("just opened"), but never counted (calendar, score,
    suggestions, insights)."""
    return bool(run.steps_done) or not run.active_seconds < JUST_OPENED_SECONDS


def is_done(run: RunResult) -> bool:
    """Finished with at least one step done: a run whose every step was skipped is not done."""
    return bool(run.completed and run.steps_done)


def status(run: RunResult) -> str:
    """One of "just opened", "skipped" (finished, every step skipped), "done", "stopped early"."""
    if not counts_as_practice(run):
        return "just opened"
    if run.completed:
        return "done" if run.steps_done else "skipped"
    return "stopped early"


def rating_change(run: RunResult, measure: str = CALM) -> int | None:
    """Last rating minus first (by step) of ``measure``; None unless rated at least twice.
    The same as ``RunResult.rating_change``, without sorting (this runs over every run)."""
    first = last = None
    count = 0
    for rating in run.ratings:
        if rating.measure != measure:
            continue
        count += 1
        if first is None or rating.step < first.step:
            first = rating
        if last is None or rating.step >= last.step:
            last = rating
    if count < 2 or first is None or last is None:
        return None
    return last.value - first.value


# -- grouping -----------------------------------------------------------------------------------

def by_exercise(run: RunResult) -> str | None:
    """Group key: the exercise (a plan's runs count for each of its exercises)."""
    return run.exercise_id if isinstance(run.exercise_id, str) else None


def by_kind(run: RunResult) -> str | None:
    """Group key: the kind of exercise, as stored with the run."""
    return run.kind if isinstance(run.kind, str) and run.kind else None


def helped(runs: Iterable[RunResult], *, min_runs: int = MIN_RUNS,
           key: Callable[[RunResult], str | None] = by_exercise,
           measure: str = CALM) -> dict[str, Helped]:
    """Per group (default: per exercise id), the average change of ``measure`` over the runs
    that rated it at least twice; only groups with ``min_runs`` or more rated runs.

    Runs that were only opened do not count; a run stopped early counts when it was rated
    twice. Integer sums, so the result does not depend on the order of ``runs``; groups are
    returned sorted by key."""
    changes: dict[str, list[int]] = defaultdict(list)
    default_key = key is by_exercise
    for run in runs:  # the app runs this over every run when it opens: kept lean
        ratings = run.ratings
        if not ratings:
            continue
        change: int | None = None
        if len(ratings) == 2:  # the usual before and after: the same result as rating_change()
            a, b = ratings
            if a.measure == measure and b.measure == measure:
                change = b.value - a.value if a.step <= b.step else a.value - b.value
        else:
            change = rating_change(run, measure)
        if change is None or (not run.steps_done and run.active_seconds < JUST_OPENED_SECONDS):
            continue
        group = (run.exercise_id if isinstance(run.exercise_id, str) else None) if default_key else key(run)
        if group is not None:
            changes[group].append(change)
    return {group: Helped(len(values), sum(values) / len(values), measure)
            for group, values in sorted(changes.items()) if len(values) >= max(1, min_runs)}


# -- words --------------------------------------------------------------------------------------

def _points(value: float) -> int:
    """Whole points, halves rounded away from zero (no banker's rounding in front of people)."""
    return int(abs(value) + 0.5)


def describe(h: Helped | None, *, on_average: bool = True) -> str:
    """One plain phrase: "about 2 points calmer on average, over 6 runs".

    Calm reads as calmer or less calm. Any other measure is only said to be higher or lower
    after than before ("energy: about 1 point higher after than before on average, over 4
    runs"), never better or worse. ``None`` (too few runs) gives :data:`NOT_ENOUGH`. Without
    ``on_average`` the phrase is shorter, for a suggestion's reason: "about 3 points calmer,
    over 21 runs"."""
    if h is None:
        return NOT_ENOUGH
    over = f"over {h.runs} run" + ("" if h.runs == 1 else "s")
    avg = " on average" if on_average else ""
    n = _points(h.average_change)
    if h.measure == CALM:
        up, down, same = "calmer", "less calm", "about as calm after as before"
        prefix = ""
    else:
        up, down = "higher after than before", "lower after than before"
        same, prefix = "about the same before and after", f"{h.measure}: "
    word = up if h.average_change > 0 else down
    if n == 0 and h.average_change == 0:
        amount = same
    elif n == 0:
        amount = f"a little {word}"
    else:
        amount = f"about {n} point{'' if n == 1 else 's'} {word}"
    return f"{prefix}{amount}{avg}, {over}"


# -- contexts -----------------------------------------------------------------------------------

SITUATIONS: dict[str, str] = {
    "before-a-hard-talk": "Before a hard talk",
    "after-conflict": "After conflict",
    "stressed": "When stressed",
    "waiting": "While waiting",
    "transitions": "Between things",
    "parenting": "Parenting",
}
"""Situations an exercise can be meant for, with the label of their part of the report."""
TIMES: dict[str, str] = {"morning": "In the morning", "evening": "In the evening"}
CONTEXT_LABELS: dict[str, str] = {**SITUATIONS, **TIMES}
"""Every context the report can show, in the order it shows them."""


def time_context(hour: int) -> str | None:
    """The time of day of a local hour: morning 05:00-10:59, evening 18:00-01:59 (the hours
    the suggestions use, coach.core.suggest.time_of_day_contexts), else None."""
    if 5 <= hour < 11:
        return "morning"
    if hour >= 18 or hour < 2:
        return "evening"
    return None


def run_contexts(run: RunResult, situations: Mapping[str, tuple[str, ...]],
                 tz: tzinfo | None = None) -> tuple[str, ...]:
    """The contexts a run is counted in. coach does not know why a run was started, so:

    * a run counts for each situation its exercise is meant for (``situations``: exercise id
      to the situations among its ``contexts``), e.g. every run of an exercise for before a
      hard talk counts there, whenever it was done;
    * and for the time of day it started (local hour in ``tz``, see :func:`time_context`).
    """
    found = situations.get(run.exercise_id, ()) if isinstance(run.exercise_id, str) else ()
    when = time_context(local_hour(run.started_at, tz))
    return (*found, when) if when else found


# -- the report ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Row:
    """One line of the report: how ``measure`` changed over one group's rated runs."""

    key: str
    """Exercise id, or kind id for the kinds."""
    label: str
    rated: int
    """Runs that rated ``measure`` twice (before and after)."""
    result: Helped | None
    """None below MIN_RUNS rated runs: nothing is claimed."""
    measure: str = CALM

    @property
    def text(self) -> str:
        """"about 2 points calmer on average, over 6 runs", or not enough runs to tell yet."""
        if self.result is None:
            return f"{NOT_ENOUGH} ({self.rated} rated so far)"
        return describe(self.result)


@dataclass(frozen=True, slots=True)
class Report:
    """What has helped, per exercise, per kind and per context, from the person's ratings."""

    exercises: list[Row]
    """Calm per exercise with a rated run: those with MIN_RUNS or more first (most runs
    first), then the others."""
    kinds: list[Row]
    contexts: list[tuple[str, list[Row]]]
    """(context, its rows per exercise), only contexts where some exercise has MIN_RUNS rated
    runs, and only those rows, in CONTEXT_LABELS order."""
    others: list[Row]
    """Measures other than calm per exercise (changes only, never better or worse)."""
    min_runs: int = MIN_RUNS

    @property
    def empty(self) -> bool:
        return not (self.exercises or self.others)


def _changes(run: RunResult) -> dict[str, int]:
    """Each measure the run rated at least twice, with its change (last minus first)."""
    if len(run.ratings) == 2:  # the usual before and after
        a, b = run.ratings
        if a.measure == b.measure and isinstance(a.measure, str):
            return {a.measure: b.value - a.value if a.step <= b.step else a.value - b.value}
        return {}
    measures = {r.measure for r in run.ratings if isinstance(r.measure, str)}
    out = {}
    for measure in sorted(measures):
        change = rating_change(run, measure)
        if change is not None:
            out[measure] = change
    return out


def _rows(changes: Mapping[tuple[str, str], list[int]], labels: Callable[[str], str],
          min_runs: int, *, enough_only: bool = False) -> list[Row]:
    rows = []
    for (measure, key), values in changes.items():
        result = Helped(len(values), sum(values) / len(values), measure) if len(values) >= min_runs else None
        if result is not None or not enough_only:
            rows.append(Row(key, labels(key), len(values), result, measure))
    rows.sort(key=lambda r: (r.measure, r.result is None, -r.rated, r.label.casefold(), r.key))
    return rows


def report(runs: Iterable[RunResult], library: Library, tz: tzinfo | None = None, *,
           min_runs: int = MIN_RUNS) -> Report:
    """The whole report in one pass over ``runs`` (any order: the same report). Runs only
    opened do not count; a run counts for a measure when it rated it twice."""
    situations: dict[str, tuple[str, ...]] = {}
    titles: dict[str, str] = {}
    for entry in library.entries.values():
        titles[entry.id] = entry.title
        situations[entry.id] = tuple(c for c in SITUATIONS if c in entry.contexts)
    calm: dict[str, list[int]] = defaultdict(list)
    other: dict[tuple[str, str], list[int]] = defaultdict(list)
    kinds: dict[str, list[int]] = defaultdict(list)
    contexts: dict[str, dict[str, list[int]]] = {c: defaultdict(list) for c in CONTEXT_LABELS}
    seen: dict[str, tuple[datetime, str]] = {}
    limit = JUST_OPENED_SECONDS
    for run in runs:  # over every run when the history screen opens: kept lean
        ratings = run.ratings
        if not ratings or (not run.steps_done and run.active_seconds < limit):
            continue  # not rated, or only opened (counts_as_practice(), inlined)
        eid = run.exercise_id
        if not isinstance(eid, str):
            continue
        if len(ratings) == 2:  # the usual before and after, as _changes() reads it
            a, b = ratings
            if a.measure != b.measure or not isinstance(a.measure, str):
                continue
            changes: Iterable[tuple[str, int]] = (
                (a.measure, b.value - a.value if a.step <= b.step else a.value - b.value),)
        else:
            changes = _changes(run).items()
        for measure, change in changes:
            if measure != CALM:
                other[measure, eid].append(change)
                continue
            calm[eid].append(change)
            kind = run.kind
            if isinstance(kind, str) and kind:
                kinds[kind].append(change)
            for context in situations.get(eid, ()):
                contexts[context][eid].append(change)
            when = time_context(local_hour(run.started_at, tz))
            if when is not None:
                contexts[when][eid].append(change)
        if eid not in titles and isinstance(run.title, str):
            newest = seen.get(eid)
            if newest is None or (run.started_at, run.title) > newest:
                seen[eid] = (run.started_at, run.title)

    def title(eid: str) -> str:
        return titles.get(eid) or (seen[eid][1] if eid in seen else eid)

    def by_calm(groups: dict[str, list[int]]) -> dict[tuple[str, str], list[int]]:
        return {(CALM, key): values for key, values in groups.items()}

    by_context = [(c, rows) for c in CONTEXT_LABELS
                  for rows in [_rows(by_calm(contexts[c]), title, min_runs, enough_only=True)] if rows]
    return Report(_rows(by_calm(calm), title, min_runs),
                  _rows(by_calm(kinds), lambda k: kind_of(k).label, min_runs),
                  by_context, _rows(other, title, min_runs), min_runs)
