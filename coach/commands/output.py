"""What the commands print: one line at a time, never a raw control character (text from
files is refused by the format already; this is the second line of defence)."""

from __future__ import annotations

import sys

from coach.core.text import printable


def say(text: str = "", *, err: bool = False, end: str = "\n") -> None:
    """Print ``text`` as one safe line (to stderr with ``err``); flushed when it ends a line
    early (a prompt)."""
    print(printable(text, one_line=True), end=end, file=sys.stderr if err else sys.stdout,
          flush=end != "\n")


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 run', '3 runs', '2 people'."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"it must be 1 or more, not {value}")
    return value
