"""Plain text: the one rule for which characters text from a file may hold, and printable(),
the CLI's second line of defence."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.text import REFUSED, char_name, printable, unsafe_char

MUST_REFUSE = ["\x1b", "\x07", "\x00", "\r", "\x0b", "\x0c", "\x7f", "\x85", "\x9b", "\x9d",
               *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)),
               "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029",
               "\U000e0041", "\ud800"]
ALLOWED = ["\n", "\t", " ", "a", "é", "[", "]", "\\", "{", "€", "\u00a0", "\u200e", "\u200f",
           "\u061c", "\ufe0f", "😀", "中", "ا"]
# Format characters that are visible signs of their script, not hidden ones: allowed.
VISIBLE_FORMAT = ("ARABIC", "SYRIAC", "KAITHI", "EGYPTIAN HIEROGLYPH", "SHORTHAND FORMAT",
                  "MUSICAL SYMBOL", "LEFT-TO-RIGHT MARK", "RIGHT-TO-LEFT MARK")


@pytest.mark.parametrize("char", MUST_REFUSE, ids=lambda c: f"U+{ord(c):04X}")
def test_refused_characters(char: str) -> None:
    found = unsafe_char(f"ab{char}c")
    assert found is not None and found.index == 2 and found.char == char


@pytest.mark.parametrize("char", ALLOWED, ids=lambda c: f"U+{ord(c):04X}")
def test_allowed_characters(char: str) -> None:
    assert unsafe_char(f"ab{char}c") is None


def test_every_control_and_hidden_format_character_is_refused() -> None:
    """Whatever this Python's Unicode tables say: all Cc but tab and newline, all Cf except the
    visible signs of a script and the two direction marks."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        hidden = category == "Cf" and not unicodedata.name(char, "").startswith(VISIBLE_FORMAT)
        if hidden or (category == "Cc" and char not in "\t\n"):
            assert REFUSED.match(char), char_name(char)


def test_messages_name_the_character_and_say_what_to_do() -> None:
    found = unsafe_char("Calm\x1b]0;hi")
    assert found is not None
    assert found.message("title") == (
        "title contains a control character (U+001B ESC) at character 5; remove it: text in "
        "coach files must be plain, visible text")
    assert char_name("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert char_name("\x9b") == "U+009B CSI"
    assert char_name("\x7f") == "U+007F DEL"
    assert char_name("\ud800") == "U+D800"
    assert "text-direction control" in unsafe_char("\u2067").message("x")  # type: ignore[union-attr]
    assert "invisible character" in unsafe_char("\u200b").message("x")  # type: ignore[union-attr]


def test_printable_escapes_what_could_act() -> None:
    assert printable("a\x1b]52;c;SGVsbG8=\x07b") == "a\\x1b]52;c;SGVsbG8=\\x07b"
    assert printable("x\u202ey\u200bz\U000e0041") == "x\\u202ey\\u200bz\\U000e0041"
    assert printable("one\r\ntwo\tthree") == "one\\r\ntwo\tthree"
    assert printable("one\ntwo", one_line=True) == "one\\ntwo"
    assert printable("\ud800").encode("utf-8")  # a lone surrogate no longer breaks printing


PLAIN = st.text(st.characters(codec="utf-8", exclude_characters="\n\t").filter(
    lambda c: not REFUSED.match(c)))


@given(PLAIN)
def test_plain_text_passes_unchanged(text: str) -> None:
    assert printable(text) == text
    assert printable(text, one_line=True) == text
    assert unsafe_char(text) is None


@given(st.text(), st.booleans())
def test_printable_output_is_always_safe(text: str, one_line: bool) -> None:
    out = printable(text, one_line=one_line)
    assert unsafe_char(out) is None
    assert not one_line or "\n" not in out
    out.encode("utf-8")  # never raises: no lone surrogate left
    assert printable(out, one_line=one_line) == out  # nothing left to escape
