"""The breathing pacer's schedule, computed from the step's start (no drift).

Given a :class:`Breathe` step and the seconds elapsed since it started (pauses excluded),
:func:`phase_at` says which phase is running, how long is left in it, which cycle it is and
how big the pacer shape should be. Every boundary is ``cycle * cycle_seconds + offset``, so
an error in one frame never carries into the next.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from coach.core.model import Breathe

PHASE_NAMES = {
    "inhale": "Breathe in",
    "top_up": "Top up",
    "hold": "Hold",
    "exhale": "Breathe out",
    "hold_after": "Hold (empty)",
}
TOP_UP_FROM = 0.8
"""With a top-up, the first inhale fills the shape to this size; the top-up fills the rest."""


@dataclass(frozen=True)
class Phase:
    key: str
    seconds: float
    start: float
    """Offset from the start of the cycle."""
    size_from: float
    size_to: float

    @property
    def name(self) -> str:
        return PHASE_NAMES[self.key]


@dataclass(frozen=True)
class PhaseState:
    phase: Phase
    cycle: int
    """1-based."""
    cycles: int
    seconds_left: float
    progress: float
    """0..1 through the phase."""
    size: float
    """0..1: how full the pacer shape is."""
    done: bool = False

    @property
    def name(self) -> str:
        return self.phase.name

    @property
    def key(self) -> str:
        return self.phase.key

    @property
    def whole_seconds_left(self) -> int:
        """Seconds left rounded up, as a countdown shows them (never 0 while running)."""
        return max(1, math.ceil(round(self.seconds_left, 6))) if not self.done else 0


def phases(step: Breathe) -> list[Phase]:
    """The phases of one cycle, zero-length ones left out."""
    inhale_to = TOP_UP_FROM if step.top_up > 0 else 1.0
    spec = [
        ("inhale", step.inhale, 0.0, inhale_to),
        ("top_up", step.top_up, inhale_to, 1.0),
        ("hold", step.hold, 1.0, 1.0),
        ("exhale", step.exhale, 1.0, 0.0),
        ("hold_after", step.hold_after, 0.0, 0.0),
    ]
    out: list[Phase] = []
    start = 0.0
    for key, seconds, a, b in spec:
        if seconds > 0:
            out.append(Phase(key, float(seconds), start, a, b))
            start += seconds
    return out


def phase_at(step: Breathe, elapsed: float) -> PhaseState:
    """The pacer's state ``elapsed`` seconds after the step started."""
    cycle_len = step.cycle_seconds
    ps = phases(step)
    if elapsed >= step.seconds:
        last = ps[-1]
        return PhaseState(last, step.cycles, step.cycles, 0.0, 1.0, last.size_to, done=True)
    elapsed = max(0.0, elapsed)
    cycle_index = min(step.cycles - 1, int(elapsed // cycle_len))
    offset = elapsed - cycle_index * cycle_len
    phase = ps[-1]
    for p in ps:
        if offset < p.start + p.seconds:
            phase = p
            break
    into = min(phase.seconds, max(0.0, offset - phase.start))
    progress = into / phase.seconds
    size = phase.size_from + (phase.size_to - phase.size_from) * ease(progress)
    return PhaseState(phase, cycle_index + 1, step.cycles, phase.seconds - into, progress, size)


def ease(t: float) -> float:
    """Smooth in-out easing so the shape starts and ends each phase gently."""
    t = min(1.0, max(0.0, t))
    return 0.5 - 0.5 * math.cos(math.pi * t)


def boundaries(step: Breathe) -> list[float]:
    """Every phase change, in seconds from the step's start (the end included)."""
    out = []
    for c in range(step.cycles):
        for p in phases(step):
            out.append(c * step.cycle_seconds + p.start + p.seconds)
    return out


LEAD_IN = 3.0
"""Seconds of the optional 3-2-1 count before the first breath."""


def count_in(elapsed: float) -> int:
    """During a lead-in (``elapsed`` < 0): the number to show, 3, 2, 1; 0 once breathing began."""
    return math.ceil(round(-elapsed, 6)) if elapsed < 0 else 0


def next_boundary(step: Breathe, elapsed: float) -> float | None:
    """The first phase change strictly after ``elapsed``, or None when the step is over. During
    a lead-in (negative ``elapsed``) every whole second up to 0 is a change of the count."""
    if elapsed < 0:
        return float(math.floor(elapsed) + 1)
    cycle_len = step.cycle_seconds
    cycle_index = int(max(0.0, elapsed) // cycle_len)
    for c in (cycle_index, cycle_index + 1):
        if c >= step.cycles:
            return None
        for p in phases(step):
            t = c * cycle_len + p.start + p.seconds
            if t > elapsed + 1e-9:
                return t
    return None
