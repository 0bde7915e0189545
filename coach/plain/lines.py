"""Where the plain mode's answers come from: lines of standard input, read in a thread so a
breathing step can wait for its next phase and for a typed line at the same time (on every
platform). Tests use their own source with the same two methods and a fake clock."""

from __future__ import annotations

import queue
import threading
import time
from typing import IO, Protocol

SLICE = 0.5
"""Longest single wait, so ctrl+c is noticed on every platform."""


class EndOfInput(Exception):
    """Standard input ended (ctrl+d, or the end of a file): it stays ended."""


class Lines(Protocol):
    interactive: bool
    """A person typing at a terminal (else a file or a pipe: lines are answers in order)."""

    def get(self, timeout: float | None) -> str | None:
        """The next line without its newline; None when none came within ``timeout`` seconds
        (None: wait as long as it takes). Raises :class:`EndOfInput` once input has ended."""
        ...

    def unget(self, line: str) -> None:
        """Put ``line`` back: the next :meth:`get` returns it."""
        ...


class StreamLines:
    """Lines of ``stream`` (standard input), read by a daemon thread as they come. Bytes that
    are not UTF-8 become U+FFFD rather than an error."""

    def __init__(self, stream: IO[str], interactive: bool | None = None) -> None:
        self.stream = stream
        self.interactive = _isatty(stream) if interactive is None else interactive
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._back: list[str] = []
        self._ended = False
        self._thread: threading.Thread | None = None

    def _read(self) -> None:
        raw = getattr(self.stream, "buffer", None)
        try:
            while True:
                if raw is not None:
                    data = raw.readline()
                    line = data.decode("utf-8", "replace") if data else ""
                else:
                    line = self.stream.readline()
                if not line:
                    break
                self._queue.put(line.rstrip("\r\n"))
        except (OSError, ValueError):
            pass
        self._queue.put(None)

    def get(self, timeout: float | None) -> str | None:
        if self._back:
            return self._back.pop()
        if self._ended:
            raise EndOfInput
        if self._thread is None:
            self._thread = threading.Thread(target=self._read, name="coach-plain-input", daemon=True)
            self._thread.start()
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            wait = SLICE if deadline is None else min(SLICE, deadline - time.monotonic())
            if wait <= 0:
                return None
            try:
                item = self._queue.get(timeout=wait)
            except queue.Empty:
                continue
            if item is None:
                self._ended = True
                raise EndOfInput
            return item

    def unget(self, line: str) -> None:
        self._back.append(line)


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False
