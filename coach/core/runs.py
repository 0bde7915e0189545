"""What one run of an exercise produced: the runner fills it, the history stores it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class NamedFeeling:
    core: str
    word: str
    intensity: int | None = None
    """0-10, or None when not rated."""


@dataclass(frozen=True, slots=True)
class Rating:
    measure: str
    value: int
    """0-10."""
    step: int
    """Index of the rate step, so before (first) and after (last) can be told apart."""


@dataclass(slots=True)
class RunResult:
    """A finished or abandoned run of one exercise (a plan gives one per exercise)."""

    exercise_id: str
    content_hash: str
    kind: str
    title: str
    started_at: datetime
    """UTC wall clock."""
    ended_at: datetime
    active_seconds: float
    """Time actually practised (pauses excluded), from monotonic differences."""
    steps_total: int
    steps_done: list[int] = field(default_factory=list)
    """Indexes of the steps finished (not skipped)."""
    completed: bool = False
    feelings: list[NamedFeeling] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    note: str = ""
    """Free-text answers of note steps, joined by blank lines."""
    partners: tuple[str, str] | None = None
    plan_id: str | None = None

    @property
    def abandoned(self) -> bool:
        return not self.completed

    def rating_change(self, measure: str) -> int | None:
        """Last rating minus first for ``measure``; None without two ratings."""
        values = [r.value for r in sorted(self.ratings, key=lambda r: r.step) if r.measure == measure]
        return values[-1] - values[0] if len(values) >= 2 else None

    def to_record(self, *, keep_partner_names: bool = False) -> dict[str, Any]:
        """A JSON-ready dict for storage; partner names only when allowed."""
        return {
            "exercise_id": self.exercise_id,
            "content_hash": self.content_hash,
            "kind": self.kind,
            "title": self.title,
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat(),
            "active_seconds": round(self.active_seconds, 3),
            "steps_total": self.steps_total,
            "steps_done": list(self.steps_done),
            "completed": self.completed,
            "feelings": [{"core": f.core, "word": f.word, "intensity": f.intensity}
                         for f in self.feelings],
            "ratings": [{"measure": r.measure, "value": r.value, "step": r.step}
                        for r in self.ratings],
            "note": self.note,
            "partners": list(self.partners) if (self.partners and keep_partner_names) else None,
            "plan_id": self.plan_id,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> RunResult:
        partners = rec.get("partners")
        return cls(
            exercise_id=rec["exercise_id"],
            content_hash=rec.get("content_hash", ""),
            kind=rec.get("kind", ""),
            title=rec.get("title", rec["exercise_id"]),
            started_at=datetime.fromisoformat(rec["started_at"]),
            ended_at=datetime.fromisoformat(rec["ended_at"]),
            active_seconds=float(rec.get("active_seconds", 0.0)),
            steps_total=int(rec.get("steps_total", 0)),
            steps_done=[int(i) for i in rec.get("steps_done", [])],
            completed=bool(rec.get("completed", False)),
            feelings=[NamedFeeling(f["core"], f["word"], f.get("intensity"))
                      for f in rec.get("feelings", [])],
            ratings=[Rating(r["measure"], int(r["value"]), int(r.get("step", 0)))
                     for r in rec.get("ratings", [])],
            note=rec.get("note", ""),
            partners=tuple(partners) if partners else None,
            plan_id=rec.get("plan_id"),
        )
