"""The plain runner's state, output and input: one line out at a time, answers and commands in.
The start and end of a run are in :mod:`coach.plain.flow`, the steps in :mod:`coach.plain.steps`.

Every wait goes through :meth:`PlainRunner.wait`: for a line (with a time limit) or, when the
answers come from a file, for the time alone. Time is the injected clock's; the steps' timing
comes from the core session and the breathing schedule, so nothing drifts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import IO

from coach.core.context import Context
from coach.core.model import Entry
from coach.core.run import Run
from coach.core.session import Session
from coach.core.text import REFUSED, printable
from coach.plain.lines import EndOfInput, Lines

KEYS = ("Keys, each followed by Enter: Enter alone goes on; s skips this step; b goes back a step; "
        "p pauses; q stops (what you did is kept).")
GO_ON = "Press Enter to go on; s to skip; q to stop."
MAX_NAME = 30
COMMANDS = {"s": "skip", "b": "back", "q": "stop", "p": "pause", "?": "help"}
"""Single-letter lines that are commands wherever a line is read (a word is always an answer)."""


class Stopped(Exception):
    """The person stopped: q, end of input, ctrl+c or a signal. ``code`` is the exit status."""

    def __init__(self, code: int = 0) -> None:
        super().__init__(code)
        self.code = code


class Move(Exception):
    """Skip the step, or go back one (``kind``)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def command(line: str) -> str | None:
    """The command a typed line is ('skip', 'stop', ...), or None for an answer."""
    return COMMANDS.get(line.strip().lower())


def clean_answer(line: str) -> str:
    """A typed answer without characters text may not hold (controls, bidi, invisible)."""
    return REFUSED.sub("", line.replace("\t", " ")).strip()


class PlainRunner:
    """Runs ``entry`` on ``ctx``, reading ``lines`` and writing plain lines to ``out``.

    ``sleep`` waits without reading (answers from a file); ``cue`` marks a moment with sound
    (a coach.ui.messages.Cue kind); ``lead_in`` counts 3-2-1 before breathing.
    """

    def __init__(self, ctx: Context, entry: Entry, lines: Lines, out: IO[str], *,
                 sleep: Callable[[float], None] = time.sleep, cue: Callable[[str], None] | None = None,
                 lead_in: float = 0.0) -> None:
        self.ctx, self.entry, self.lines, self.out = ctx, entry, lines, out
        self.sleep = sleep
        self.cue = cue or (lambda kind: None)
        self.run = Run(entry, ctx.clock, lead_in=lead_in)
        self.waiting = False
        self.stop_code: int | None = None

    # -- output ------------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        """Print ``text`` (from a file or typed: made printable), one line per line."""
        try:
            for line in (text.split("\n") if text else [""]):
                self.out.write(printable(line, one_line=True) + "\n")
            self.out.flush()
        except (OSError, ValueError):  # the output was closed (a pipe whose reader went)
            raise Stopped(0) from None

    # -- waiting -------------------------------------------------------------------------
    def request_stop(self, code: int) -> None:
        """From a signal handler: stop now if waiting, else at the next wait."""
        self.stop_code = code
        if self.waiting:
            raise Stopped(code)

    def wait(self, timeout: float | None, read: bool = True) -> str | None:
        """A line typed within ``timeout`` seconds (None: no limit), or None when the time
        passed first; with ``read`` False only the time passes."""
        if self.stop_code is not None:
            raise Stopped(self.stop_code)
        self.waiting = True
        try:
            if not read:
                if timeout:
                    self.sleep(timeout)
                return None
            return self.lines.get(timeout)
        finally:
            self.waiting = False

    def ask(self, session: Session | None = None) -> str:
        """The next answer (commands act on the way, see :meth:`handle`). End of input stops."""
        while True:
            try:
                line = self.wait(None)
            except EndOfInput:
                raise Stopped(0) from None
            assert line is not None
            if self.handle(line, session):
                return line

    def handle(self, line: str, session: Session | None) -> bool:
        """True when ``line`` is an answer. A command acts: q stops and s or b move (both
        raise), p pauses, ? lists the keys. Before a step (no ``session``) only q and ? act."""
        what = command(line)
        if what == "stop":
            raise Stopped(0)
        if what == "help":
            self.say(KEYS)
            return False
        if session is None or what is None:
            return True
        if what in ("skip", "back"):
            raise Move(what)
        self.pause(session)
        return False

    def pause(self, session: Session) -> None:
        """Pause until Enter (or p again); q, or the end of input, stops."""
        session.pause()
        self.say("Paused. Press Enter to go on; q to stop.")
        while True:
            try:
                what = command(self.wait(None) or "")
            except EndOfInput:
                raise Stopped(0) from None
            if what == "stop":
                raise Stopped(0)
            if what in (None, "pause"):
                break
            self.say("Paused. Press Enter to go on; q to stop.")
        session.resume()
        self.say("Going on.")
