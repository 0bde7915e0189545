"""Text we did not write, shown as text: never markup, never a raw control character.

Every string from an exercise, a theme, the settings, the history, a file name or a problem
message reaches the screen through :func:`literal` (or :func:`clean` where Textual wants a
``str``, such as ``notify(clean(message), markup=False)``). Our own UI strings may still use
markup; where they surround untrusted text, compose ``Content`` around ``literal(text)``.
"""

from __future__ import annotations

import re

from textual.content import Content

UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f"  # C0 (newline kept) and C1 control characters, DEL
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"  # invisible format marks
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"  # zero-width, bidi, line separators
    "\ud800-\udfff\ufeff\ufff9-\ufffb"  # lone surrogates, byte order mark, annotations
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"  # tag characters
)
"""Every character of Unicode categories Cc, Cf, Zl, Zp and Cs, except the newline
(tests/test_hostile_text.py checks the list against :mod:`unicodedata`)."""

TAB = "    "
REPLACEMENT = "\ufffd"


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\t":
        return TAB
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the control picture: ESC shows as ␛, BEL as ␇
    return "\u2421" if code == 0x7F else REPLACEMENT


def clean(text: str) -> str:
    """``text`` with every control, bidi, zero-width and separator character replaced by a
    visible stand-in (a tab by spaces); newlines are kept."""
    return UNSAFE.sub(_stand_in, text) if UNSAFE.search(text) else text


def strip_unsafe(text: str) -> str:
    """One line of ``text`` without the characters :func:`clean` would replace, for a value a
    person types or pastes (a name): tabs and newlines become spaces, the rest go."""
    return UNSAFE.sub("", text.replace("\t", " ").replace("\n", " "))


def literal(text: str, style: str = "") -> Content:
    """``text`` as it is, optionally in one ``style`` (ours): its brackets are brackets."""
    return Content.styled(clean(text), style)
