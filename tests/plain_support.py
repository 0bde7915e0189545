"""Drive the plain mode as a person (or a file of answers) would, on the fake clock."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coach.core.clock import FakeClock
from coach.core.context import Context
from coach.plain.flow import start
from coach.plain.lines import EndOfInput
from coach.plain.runner import PlainRunner


@dataclass(frozen=True)
class Later:
    """A line typed ``after`` seconds (of the fake clock) after the line before it was read."""

    after: float
    text: str


@dataclass(frozen=True)
class Signal:
    """A signal (SIGTERM: 143) arriving ``after`` seconds after the line before was read."""

    after: float
    code: int = 143


class ScriptedLines:
    """The plain mode's input from a script: strings are there at once (as from a file), a
    :class:`Later` arrives when its time comes. Waiting moves the fake clock; nothing sleeps."""

    def __init__(self, clock: FakeClock, script: Sequence[str | Later | Signal],
                 interactive: bool = False) -> None:
        self.clock = clock
        self.on_signal: Callable[[int], None] | None = None
        """What the signal handler calls (the runner's request_stop)."""
        self.script = list(script)
        self.interactive = interactive
        self.back: list[str] = []
        self.since = clock.monotonic()
        self.read: list[tuple[float, str]] = []
        """(clock, line) for each line taken."""

    def get(self, timeout: float | None) -> str | None:
        if self.back:
            return self.back.pop()
        if not self.script:
            raise EndOfInput
        head = self.script[0]
        delay = head.after if isinstance(head, Later | Signal) else 0.0
        now = self.clock.monotonic()
        ready = self.since + delay
        if ready > now:
            if timeout is not None and now + timeout < ready:
                self.clock.advance(timeout)
                return None
            self.clock.advance(ready - now)
        self.script.pop(0)
        if isinstance(head, Signal):
            assert self.on_signal is not None
            self.on_signal(head.code)  # raises: the runner was waiting
            raise AssertionError("a signal while waiting must stop the run")
        text = head.text if isinstance(head, Later) else head
        self.since = self.clock.monotonic()
        self.read.append((self.since, text))
        return text

    def unget(self, line: str) -> None:
        self.back.append(line)


@dataclass
class Outcome:
    code: int
    out: str
    cues: list[tuple[float, str]] = field(default_factory=list)
    """(clock, kind) of each sound cue."""
    lines: ScriptedLines | None = None
    timeline: list[tuple[float, str]] = field(default_factory=list)
    """(clock, line) of each line printed."""

    @property
    def said(self) -> list[str]:
        return self.out.splitlines()

    def at(self, text: str) -> list[float]:
        """When (clock) each line saying exactly ``text`` was printed."""
        return [t for t, line in self.timeline if line == text]


class TimedOut(io.StringIO):
    """Output that remembers when (fake clock) each line was written."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__()
        self.clock = clock
        self.timeline: list[tuple[float, str]] = []

    def write(self, s: str) -> int:
        for line in s.splitlines():
            self.timeline.append((self.clock.monotonic(), line))
        return super().write(s)


def run_script(ctx: Context, entry_id: str, script: Sequence[str | Later | Signal], *,
               interactive: bool = False, lead_in: float = 0.0) -> Outcome:
    """Run ``entry_id`` in plain mode on ``ctx`` (whose clock is a FakeClock) with ``script``."""
    clock = ctx.clock
    assert isinstance(clock, FakeClock)
    lines = ScriptedLines(clock, script, interactive)
    out = TimedOut(clock)
    cues: list[tuple[float, str]] = []
    entry = ctx.library.get(entry_id)
    assert entry is not None, entry_id
    runner = PlainRunner(ctx, entry, lines, out, sleep=clock.advance,
                         cue=lambda kind: cues.append((clock.monotonic(), kind)), lead_in=lead_in)
    lines.on_signal = runner.request_stop
    code = start(runner)
    return Outcome(code, out.getvalue(), cues, lines, out.timeline)
