"""Totals over the runs of one sitting, for the summary screen."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.core.runs import NamedFeeling, RunResult


@dataclass(frozen=True)
class Change:
    measure: str
    before: int
    after: int | None


@dataclass(frozen=True)
class Summary:
    active_seconds: float
    steps_done: int
    steps_total: int
    feelings: list[NamedFeeling] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    completed: bool = True


def summarize(results: list[RunResult]) -> Summary:
    """Totals over the runs of one sitting; before/after is first vs last rating of a measure."""
    changes: list[Change] = []
    for r in results:
        for measure in dict.fromkeys(x.measure for x in r.ratings):
            values = [x.value for x in sorted(r.ratings, key=lambda x: x.step) if x.measure == measure]
            changes.append(Change(measure, values[0], values[-1] if len(values) > 1 else None))
    return Summary(
        active_seconds=sum(r.active_seconds for r in results),
        steps_done=sum(len(r.steps_done) for r in results),
        steps_total=sum(r.steps_total for r in results),
        feelings=[f for r in results for f in r.feelings],
        changes=changes,
        completed=bool(results) and all(r.completed for r in results),
    )
