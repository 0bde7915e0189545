"""The exercise format, version 1, as plain immutable data.

Nothing here reads files or imports Textual: :mod:`coach.core.schema` builds these objects
from YAML, the runner and the screens only read them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from coach.core.kinds import KIND_ORDER

FORMAT_VERSION = 1

KINDS: tuple[str, ...] = tuple(k for k in KIND_ORDER if k != "plan")
"""Kinds of exercise (see coach.core.kinds). Plans have the kind ``plan``."""

CONTEXTS: tuple[str, ...] = (
    "anytime",
    "before-a-hard-talk",
    "after-conflict",
    "stressed",
    "daily",
    "morning",
    "evening",
    "weekly",
    "bedtime",
    "waiting",
    "transitions",
    "parenting",
)
"""Situations an exercise suits; suggestions use them."""

Partner = Literal["a", "b"]


def other(partner: Partner) -> Partner:
    """The other partner of a two-person exercise."""
    return "b" if partner == "a" else "a"


@dataclass(frozen=True, slots=True)
class Instruction:
    """Text to read; continues on a key, or after ``seconds`` when given.

    ``part`` names a part of a longer script that starts here ("What each of you saw"): the
    runner counts parts in its header. ``show_notes`` shows, under the text, what was written
    in the exercise's earlier note steps (for a "read it back" step).
    """

    text: str
    seconds: float | None = None
    part: str = ""
    show_notes: bool = False
    type: Literal["instruction"] = "instruction"


@dataclass(frozen=True, slots=True)
class Breathe:
    """A paced breathing pattern repeated for whole cycles.

    ``top_up`` is a short second inhale straight after ``inhale`` (cyclic sighing).
    When the length is given in minutes, it is rounded up to whole cycles so the last
    cycle is never cut in half.
    """

    inhale: float
    exhale: float
    cycles: int
    hold: float = 0.0
    hold_after: float = 0.0
    top_up: float = 0.0
    minutes: float | None = None
    text: str = ""
    type: Literal["breathe"] = "breathe"

    @property
    def cycle_seconds(self) -> float:
        return self.inhale + self.top_up + self.hold + self.exhale + self.hold_after

    @property
    def seconds(self) -> float:
        """How long the whole step lasts."""
        return self.cycles * self.cycle_seconds

    @property
    def breaths_per_minute(self) -> float:
        return 60.0 / self.cycle_seconds

    @staticmethod
    def cycles_for(minutes: float, cycle_seconds: float) -> int:
        """Whole cycles that fill ``minutes`` (rounded up, at least one)."""
        return max(1, math.ceil(round(minutes * 60.0 / cycle_seconds, 6)))


@dataclass(frozen=True, slots=True)
class Timer:
    """A timed pause with text: a flooding break, a silent reflection."""

    text: str
    seconds: float
    type: Literal["timer"] = "timer"


@dataclass(frozen=True, slots=True)
class Emotions:
    """Name feelings: a core word, then up to ``max_words`` specific words."""

    text: str
    max_words: int = 3
    intensity: bool = True
    type: Literal["emotions"] = "emotions"


@dataclass(frozen=True, slots=True)
class Rate:
    """A 0-10 self-rating of ``measure`` with labelled ends."""

    text: str
    measure: str
    low: str
    high: str
    type: Literal["rate"] = "rate"


@dataclass(frozen=True, slots=True)
class Turn:
    """One partner speaks to a prompt while the other listens.

    The timer is gentle: when ``seconds`` are up the runner says so and waits.
    """

    speaker: Partner
    text: str
    seconds: float
    type: Literal["turn"] = "turn"

    @property
    def listener(self) -> Partner:
        return other(self.speaker)


@dataclass(frozen=True, slots=True)
class Reflect:
    """The listener says back what ``speaker`` said; the speaker confirms or asks again."""

    speaker: Partner
    text: str
    type: Literal["reflect"] = "reflect"

    @property
    def listener(self) -> Partner:
        return other(self.speaker)


@dataclass(frozen=True, slots=True)
class Note:
    """An optional free-text answer; never required."""

    text: str
    type: Literal["note"] = "note"


@dataclass(frozen=True, slots=True)
class Break:
    """A break both partners agree to (two-person exercises): the runner shows ``text``, asks
    when they will come back (20, 30 or 60 minutes, or later today), runs a calm timer and,
    when time is up, checks that both feel calm enough before going on. The same break the
    ``b`` key starts from any step."""

    text: str = ""
    type: Literal["break"] = "break"


Step = Instruction | Breathe | Timer | Emotions | Rate | Turn | Reflect | Note | Break
STEP_TYPES: tuple[str, ...] = (
    "instruction",
    "breathe",
    "timer",
    "emotions",
    "rate",
    "turn",
    "reflect",
    "note",
    "break",
)

# Estimates for steps whose length depends on the person (seconds).
READING_WORDS_PER_MINUTE = 180.0
MIN_READING_SECONDS = 8.0
EMOTIONS_SECONDS = 45.0
RATE_SECONDS = 10.0
REFLECT_SECONDS = 60.0
NOTE_SECONDS = 45.0
BREAK_SECONDS = 20 * 60.0
"""A break's usual length: twenty minutes for the body to settle."""


def step_seconds(step: Step) -> float:
    """Estimated seconds for one step, computed from its fields."""
    match step:
        case Instruction(seconds=float() | int() as s):
            return float(s)
        case Instruction(text=text):
            words = len(text.split())
            return max(MIN_READING_SECONDS, words * 60.0 / READING_WORDS_PER_MINUTE)
        case Breathe():
            return step.seconds
        case Timer(seconds=s) | Turn(seconds=s):
            return float(s)
        case Emotions():
            return EMOTIONS_SECONDS
        case Rate():
            return RATE_SECONDS
        case Reflect():
            return REFLECT_SECONDS
        case Note():
            return NOTE_SECONDS
        case Break():
            return BREAK_SECONDS
    raise TypeError(f"not a step: {step!r}")  # pragma: no cover


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise file."""

    id: str
    title: str
    kind: str
    summary: str
    steps: tuple[Step, ...]
    source: str
    description: str = ""
    tags: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()
    participants: int = 1
    caution: str = ""
    safety: str = ""
    """One short line the runner shows before the first step (e.g. for breath holds)."""
    roles: tuple[str, ...] = ()
    """Empty, or what {a} and {b} do in an exercise whose roles differ (e.g. "shares what is
    weighing on them", "offers support"): the names dialog then offers to swap roles."""
    format: int = FORMAT_VERSION
    path: Path | None = None
    builtin: bool = False
    content_hash: str = ""
    """Short hash of the file's bytes, stored with each run in the history."""

    @property
    def is_plan(self) -> bool:
        return False

    @property
    def seconds(self) -> float:
        """Estimated duration, summed from the steps."""
        return sum(step_seconds(s) for s in self.steps)


@dataclass(frozen=True, slots=True)
class Plan:
    """A sequence of existing exercises run in order."""

    id: str
    title: str
    summary: str
    exercise_ids: tuple[str, ...]
    source: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()
    caution: str = ""
    format: int = FORMAT_VERSION
    path: Path | None = None
    builtin: bool = False
    content_hash: str = ""
    kind: str = "plan"
    exercises: tuple[Exercise, ...] = field(default=(), compare=False)
    """Resolved by the library once every file is loaded."""

    @property
    def is_plan(self) -> bool:
        return True

    @property
    def participants(self) -> int:
        return max((e.participants for e in self.exercises), default=1)

    @property
    def seconds(self) -> float:
        return sum(e.seconds for e in self.exercises)


Entry = Exercise | Plan


def with_breathing_minutes(exercise: Exercise, minutes: float) -> Exercise:
    """A copy whose breathe steps last about ``minutes`` each, in whole cycles (rounded up,
    so the last breath is never cut in half). Other steps are unchanged."""
    import dataclasses

    steps = tuple(
        dataclasses.replace(s, minutes=minutes, cycles=Breathe.cycles_for(minutes, s.cycle_seconds))
        if isinstance(s, Breathe) else s
        for s in exercise.steps
    )
    return dataclasses.replace(exercise, steps=steps)


def format_duration(seconds: float) -> str:
    """Human duration for lists: '45 s', '3 min', '1 h 5 min'."""
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    minutes = max(1, round(seconds / 60))
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min" if minutes % 60 else f"{minutes // 60} h"


def for_whom(participants: int) -> str:
    """'for two' or 'for one': how every list says who an entry is for."""
    return "for two" if participants == 2 else "for one"
