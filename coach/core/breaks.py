"""A break in a run for two: when to come back, the calm timer, and the check that both feel
calm enough before going on. Pure: time comes from the injected clock.

Either partner can ask for a break at any step (the ``b`` key), and a ``break`` step starts the
same break. A break ends one of four ways (:data:`coach.core.runs.BREAK_OUTCOMES`): the run goes
on where it stopped after both rated their calm; one of them is not calm enough yet ("not
yet"), and the run ends kindly; they agreed to come back later today, and the run ends (it can
be picked up later: :mod:`coach.core.together`); or it was stopped during the break.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from coach.core.clock import Clock
from coach.core.runs import BREAK_OUTCOMES, BreakTaken

LATER = 0
"""The return time "later today": hours away, so the run ends and is picked up later."""
RETURN_CHOICES: tuple[tuple[int, str], ...] = (
    (20, "in 20 minutes"),
    (30, "in 30 minutes"),
    (60, "in an hour"),
    (LATER, "later today"),
)
"""(minutes, label) of each return time offered, in the order of their keys 1 to 4."""
CALM_ENOUGH = 5
"""Both partners rate their calm at least this (0-10) to go on after a break."""


def calm_enough(first: int, second: int) -> bool:
    """Whether both are calm enough to go on (each rating 0-10)."""
    return min(first, second) >= CALM_ENOUGH


class BreakState:
    """One break while it happens; :meth:`record` is what the run keeps of it."""

    def __init__(self, clock: Clock, step: int, *, break_step: bool = False) -> None:
        self.clock = clock
        self.step = step
        """Index of the step the break was taken at."""
        self.break_step = break_step
        """The exercise's own break step (it is done once the break is), not the ``b`` key."""
        self.started_at: datetime = clock.now()
        self.minutes: int | None = None
        """The agreed return (see :data:`RETURN_CHOICES`); None until chosen."""
        self.outcome = "stopped"
        self.calm: tuple[int, int] | None = None
        self._chosen_at: float | None = None
        self._chosen_wall: datetime | None = None

    @property
    def chosen(self) -> bool:
        return self.minutes is not None

    @property
    def later(self) -> bool:
        """Back later today: no timer, the run ends and can be picked up later."""
        return self.minutes == LATER

    def choose(self, minutes: int) -> None:
        """The agreed return time; the calm timer starts now."""
        if minutes not in {m for m, _ in RETURN_CHOICES}:
            raise ValueError(f"not a return time: {minutes!r}")
        self.minutes = minutes
        self.calm = None  # a check before another break does not count
        self._chosen_at = self.clock.monotonic()
        self._chosen_wall = self.clock.now()

    @property
    def seconds(self) -> float:
        return float(self.minutes or 0) * 60.0

    @property
    def elapsed(self) -> float:
        if self._chosen_at is None:
            return 0.0
        return max(0.0, self.clock.monotonic() - self._chosen_at)

    @property
    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed)

    @property
    def time_up(self) -> bool:
        return self.chosen and not self.later and self.elapsed >= self.seconds

    @property
    def back_at(self) -> datetime | None:
        """The wall-clock time agreed to come back (UTC), for a timed break."""
        if self._chosen_wall is None or self.later:
            return None
        return self._chosen_wall + timedelta(seconds=self.seconds)

    def check(self, first: int, second: int) -> bool:
        """Both partners' calm after the break; True when both are calm enough to go on."""
        if not (0 <= first <= 10 and 0 <= second <= 10):
            raise ValueError("a rating is 0 to 10")
        self.calm = (first, second)
        return calm_enough(first, second)

    def end(self, outcome: str) -> None:
        if outcome not in BREAK_OUTCOMES:
            raise ValueError(f"not a break outcome: {outcome!r}")
        self.outcome = outcome

    def record(self) -> BreakTaken:
        return BreakTaken(step=self.step, started_at=self.started_at, minutes=self.minutes or 0,
                          outcome=self.outcome, calm=self.calm)
