"""What one run of an exercise produced: the runner fills it, the history stores it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
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


@dataclass(frozen=True, slots=True)
class StepNote:
    """What the person wrote at one note step."""

    step: int
    """Index of the note step that asked."""
    text: str


BREAK_OUTCOMES = ("resumed", "not_yet", "later", "stopped")
"""How a break ended: the run went on after the calm check; one of them was not calm enough
yet; they agreed to come back later today (hours); or the run was stopped during the break."""
MAX_BREAK_MINUTES = 24 * 60


@dataclass(frozen=True, slots=True)
class BreakTaken:
    """A break taken during a run (the ``b`` key, or a break step)."""

    step: int
    """Index of the step the break was taken at."""
    started_at: datetime
    minutes: int
    """The agreed return, in minutes; 0 for "later today" (hours away)."""
    outcome: str = "stopped"
    """One of :data:`BREAK_OUTCOMES`."""
    calm: tuple[int, int] | None = None
    """Both partners' calm (0-10) at the check after the break, when they gave it."""

    def to_record(self) -> dict[str, Any]:
        return {"step": self.step, "started_at": self.started_at.isoformat(),
                "minutes": self.minutes, "outcome": self.outcome,
                "calm": list(self.calm) if self.calm is not None else None}


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
    """Free-text answers of note steps, joined by blank lines (kept for older readers and
    exports; :attr:`notes` says which step asked each)."""
    partners: tuple[str, str] | None = None
    plan_id: str | None = None
    notes: tuple[StepNote, ...] = ()
    """The same answers, each with its step (empty in records from before it was kept; a
    tuple, so the many runs without notes share one)."""
    passed: tuple[int, ...] = ()
    """Indexes of the turns a speaker passed (nothing has to be shared): not done, not skipped.
    (Tuples, like ``breaks``: the fast-start copy shares one empty tuple among all runs.)"""
    swapped: bool = False
    """The second of the two names took role a ({a}) in this run: who starts alternates from
    it (stored without names)."""
    breaks: tuple[BreakTaken, ...] = ()

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
            "notes": [{"step": n.step, "text": n.text} for n in self.notes],
            "passed": list(self.passed),
            "swapped": self.swapped,
            "breaks": [b.to_record() for b in self.breaks],
        }

    @classmethod
    def from_record(cls, rec: object) -> RunResult:
        """The run a stored record describes, checked field by field (a record is data from a
        file: any field may have any type). Raises ValueError naming the first bad field.
        Times without a zone are taken as UTC. Fields added later (passed, swapped, breaks)
        may be missing: older records have none."""
        if not isinstance(rec, dict):  # a TinyDB Document is a dict
            raise ValueError("the record is not an object")
        get = rec.get
        exercise_id = _text(rec, "exercise_id", None)
        if not exercise_id:
            raise ValueError("exercise_id is empty")
        partners = get("partners")
        if partners is not None:
            if type(partners) not in (list, tuple) or len(partners) != 2 or not all(
                    type(p) is str for p in partners):
                raise ValueError("partners is not two names")
            partners = (partners[0], partners[1])
        plan_id = get("plan_id")
        if plan_id is not None and type(plan_id) is not str:
            raise ValueError("plan_id is not text")
        return cls(
            exercise_id=exercise_id,
            content_hash=_text(rec, "content_hash", ""),
            kind=_text(rec, "kind", ""),
            title=_text(rec, "title", exercise_id),
            started_at=_time(rec, "started_at"),
            ended_at=_time(rec, "ended_at"),
            active_seconds=_number(get("active_seconds", 0.0)),
            steps_total=_count(get("steps_total", 0), "steps_total"),
            steps_done=[_count(i, "steps_done") for i in _list(rec, "steps_done")],
            completed=_flag(get("completed", False), "completed"),
            feelings=[_feeling(f) for f in _list(rec, "feelings")],
            ratings=[_rating(r) for r in _list(rec, "ratings")],
            note=_text(rec, "note", ""),
            partners=partners,
            plan_id=plan_id,
            notes=tuple(_step_note(n) for n in _list(rec, "notes")),
            passed=tuple(_count(i, "passed") for i in _list(rec, "passed")),
            swapped=_flag(get("swapped", False), "swapped"),
            breaks=tuple(_break(b) for b in _list(rec, "breaks")),
        )


MAX_SECONDS = 1e6
"""Longer than any run (11 days): a bigger stored time is damage, not practice."""
MAX_COUNT = 100_000
MIN_YEAR, MAX_YEAR = 1900, 9000


def _text(rec: dict[str, Any], name: str, default: str | None) -> str:
    value = rec.get(name, default)
    if type(value) is not str:
        raise ValueError(f"{name} is not text")
    return value


def _time(rec: dict[str, Any], name: str) -> datetime:
    value = rec.get(name)
    if type(value) is not str or len(value) > 40:
        raise ValueError(f"{name} is not a time")
    when = datetime.fromisoformat(value)  # ValueError for a wrong date
    if not MIN_YEAR <= when.year <= MAX_YEAR:  # room for any time zone's local date
        raise ValueError(f"{name} is out of range")
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _number(value: object) -> float:
    if type(value) not in (int, float) or not 0 <= value <= MAX_SECONDS:  # type: ignore[operator]
        raise ValueError("active_seconds is not a number of seconds")  # NaN fails the test too
    return float(value)  # type: ignore[arg-type]


def _count(value: object, name: str) -> int:
    if type(value) is not int or not 0 <= value <= MAX_COUNT:
        raise ValueError(f"{name} is not a count")
    return value


def _score(value: object, name: str) -> int:
    if type(value) is not int or not 0 <= value <= 10:
        raise ValueError(f"{name} is not a number from 0 to 10")
    return value


def _flag(value: object, name: str) -> bool:
    if type(value) is not bool:
        raise ValueError(f"{name} is not true or false")
    return value


def _list(rec: dict[str, Any], name: str) -> list[Any]:
    value = rec.get(name, [])
    if type(value) is not list or len(value) > MAX_COUNT:
        raise ValueError(f"{name} is not a list")
    return value


def _feeling(value: object) -> NamedFeeling:
    if type(value) is not dict:
        raise ValueError("a feeling is not an object")
    intensity = value.get("intensity")
    return NamedFeeling(_text(value, "core", None), _text(value, "word", None),
                        None if intensity is None else _score(intensity, "intensity"))


def _rating(value: object) -> Rating:
    if type(value) is not dict:
        raise ValueError("a rating is not an object")
    return Rating(_text(value, "measure", None), _score(value.get("value"), "value"),
                  _count(value.get("step", 0), "step"))


def _step_note(value: object) -> StepNote:
    if type(value) is not dict:
        raise ValueError("a note is not an object")
    return StepNote(_count(value.get("step"), "a note's step"), _text(value, "text", None))


def _break(value: object) -> BreakTaken:
    if type(value) is not dict:
        raise ValueError("a break is not an object")
    minutes = _count(value.get("minutes"), "a break's minutes")
    if minutes > MAX_BREAK_MINUTES:
        raise ValueError("a break's minutes is out of range")
    outcome = _text(value, "outcome", None)
    if outcome not in BREAK_OUTCOMES:
        raise ValueError("a break's outcome is unknown")
    calm = value.get("calm")
    if calm is not None:
        if type(calm) is not list or len(calm) != 2:
            raise ValueError("a break's calm is not two ratings")
        calm = (_score(calm[0], "calm"), _score(calm[1], "calm"))
    return BreakTaken(_count(value.get("step"), "a break's step"), _time(value, "started_at"),
                      minutes, outcome, calm)
