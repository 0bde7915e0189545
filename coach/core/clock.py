"""Injected time. Elapsed time is always a difference of ``monotonic()`` readings."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol


def local_date(at: datetime, tz: tzinfo | None = None) -> date:
    """The day ``at`` fell on in ``tz``, by default this computer's time zone (with the offset
    in force at that moment: a summer evening stays on its day in winter)."""
    if tz is not None:
        return at.astimezone(tz).date()
    return date.fromtimestamp(at.timestamp())  # as at.astimezone().date(), without a tzinfo made


def local_hour(at: datetime, tz: tzinfo | None = None) -> int:
    """The hour of the day ``at`` fell in, in ``tz`` or this computer's time zone."""
    if tz is not None:
        return at.astimezone(tz).hour
    return datetime.fromtimestamp(at.timestamp()).hour


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds from an arbitrary start; never goes back."""
        ...

    def now(self) -> datetime:
        """Wall-clock time, timezone-aware UTC (for history timestamps)."""
        ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock tests move by hand: ``advance(seconds)`` moves both readings."""

    def __init__(self, start: datetime | None = None, monotonic: float = 1000.0) -> None:
        self._wall = start or datetime(2026, 11, 2, 18, 30, tzinfo=UTC)
        self._mono = monotonic

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time only moves forward")
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)


class Stopwatch:
    """Elapsed seconds from monotonic differences, accumulated across stops."""

    def __init__(self, clock: Clock, running: bool = True) -> None:
        self._clock = clock
        self._total = 0.0
        self._since: float | None = clock.monotonic() if running else None

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def elapsed(self) -> float:
        if self._since is None:
            return self._total
        return self._total + max(0.0, self._clock.monotonic() - self._since)

    def start(self) -> None:
        if self._since is None:
            self._since = self._clock.monotonic()

    def stop(self) -> None:
        if self._since is not None:
            self._total = self.elapsed
            self._since = None

    def reset(self, running: bool = True) -> None:
        self._total = 0.0
        self._since = self._clock.monotonic() if running else None
