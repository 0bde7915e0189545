"""The plain mode from the command line: ``coach run ID --plain`` (and bare ``coach``) as plain
lines, on real standard input and output, stopped cleanly by q, ctrl+c, end of input or SIGTERM.

Plain mode starts with ``--plain``, ``COACH_PLAIN=1`` or the ``plain`` setting, and by itself
when standard output is not a terminal; ``--no-plain`` or ``COACH_PLAIN=0`` opens the app.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING

from coach.commands.output import say
from coach.core.context import Context
from coach.core.model import Entry

if TYPE_CHECKING:
    from coach.plain.lines import Lines
    from coach.player import Sounds

ENV_PLAIN = "COACH_PLAIN"
YES = ("1", "true", "yes", "on")
NO = ("0", "false", "no", "off")


def wants_plain(flag: bool | None, setting: bool, stdout: IO[str] | None = None,
                env: dict[str, str] | None = None) -> bool:
    """Plain mode? The flag wins, then COACH_PLAIN, then the setting; else plain when standard
    output is not a terminal (a pipe, a file, a screen reader's log)."""
    if flag is not None:
        return flag
    value = (os.environ if env is None else env).get(ENV_PLAIN, "").strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    if setting:
        return True
    stream = sys.stdout if stdout is None else stdout
    try:
        return not stream.isatty()
    except (OSError, ValueError):
        return True


def make_cue(ctx: Context, out: IO[str], sounds: Sounds | None = None) -> Callable[[str], None]:
    """Sound as the setting says: tones through the platform's player (``sounds``, found when
    not given), else the terminal bell, rung only when the output is a terminal (never written
    into a file or a pipe)."""
    from coach.core.sound import BELLS

    sound = ctx.settings.sound
    if sound == "off":
        return lambda kind: None
    if sounds is None:
        from coach.player import Sounds

        sounds = Sounds(ctx.paths.cache_dir)
    terminal = _isatty(out)

    def cue(kind: str) -> None:
        if sound == "tones" and sounds.play(kind):
            return
        if terminal and BELLS.get(kind):
            with contextlib.suppress(OSError, ValueError):
                out.write("\a")
                out.flush()

    return cue


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


@contextlib.contextmanager
def stops_on_signals(stop: Callable[[int], None]) -> Iterator[None]:
    """ctrl+c (SIGINT), SIGTERM and a closed terminal (SIGHUP) call ``stop(exit code)`` while
    the run is on; the handlers before are put back after."""
    names = ("SIGINT", "SIGTERM", "SIGHUP")
    before: dict[int, object] = {}
    for name in names:
        number = getattr(signal, name, None)
        if number is None:
            continue
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            before[number] = signal.signal(number, lambda n, _f: stop(128 + n))
    try:
        yield
    finally:
        for number, handler in before.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(number, handler)  # type: ignore[arg-type]


def run_plain(ctx: Context, entry: Entry, lines: Lines | None = None,
              stdout: IO[str] | None = None) -> int:
    """Run ``entry`` as plain lines on standard input (or ``lines``) and output; returns the
    exit code."""
    from coach.core.breathing import LEAD_IN
    from coach.plain.flow import start
    from coach.plain.lines import StreamLines
    from coach.plain.runner import PlainRunner

    out = sys.stdout if stdout is None else stdout
    for sentence in ctx.startup_problems():
        say(sentence, err=True)
    runner = PlainRunner(ctx, entry, lines or StreamLines(sys.stdin), out,
                         cue=make_cue(ctx, out), lead_in=LEAD_IN if ctx.settings.count_in else 0.0)
    with stops_on_signals(runner.request_stop):
        code = start(runner)
    for sentence in ctx.take_history_notices():
        say(sentence, err=True)
    return code


def plain_home(ctx: Context, stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> int:
    """Bare ``coach`` in plain mode: what to practise now, numbered; type one to start it."""
    from coach.core.model import for_whom, format_duration
    from coach.plain.lines import EndOfInput, StreamLines

    suggestions = ctx.suggestions()[:5]
    say("coach: guided exercises for secure attachment. Suggested now:")
    for number, s in enumerate(suggestions, 1):
        e = ctx.library.entries[s.entry_id]
        say(f"{number}. {e.title} ({format_duration(e.seconds)}, {for_whom(e.participants)}): "
            f"{s.reason}. Its id: {e.id}")
    say("Type a number, or an exercise's id or title, then Enter; q to quit. "
        "'coach list' prints the whole library.")
    lines = StreamLines(sys.stdin if stdin is None else stdin)
    while True:
        try:
            typed = (lines.get(None) or "").strip()
        except (EndOfInput, KeyboardInterrupt):
            return 0
        if typed.lower() in ("q", "quit", ""):
            return 0
        entry = (ctx.library.entries[suggestions[int(typed) - 1].entry_id]
                 if typed.isdigit() and 1 <= int(typed) <= len(suggestions) else ctx.library.find(typed))
        if entry is not None:
            return run_plain(ctx, entry, lines, stdout)
        nearest = ctx.library.nearest(typed)
        say(f"There is no exercise called '{typed}'." +
            (f" Did you mean {' or '.join(nearest)}?" if nearest else ""))
