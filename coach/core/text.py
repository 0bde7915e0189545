"""Step text placeholders ({a} {b} {speaker} {listener}), reflowing, and plain text: which
characters text from a file may not contain, and how the CLI prints them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from coach.core.model import Partner, other

PLACEHOLDER = re.compile(r"\{(a|b|speaker|listener)\}")
DEFAULT_NAMES = ("Partner A", "Partner B")


def name_of(partner: Partner, names: tuple[str, str] | None) -> str:
    """The display name of partner ``a`` or ``b``."""
    a, b = names or DEFAULT_NAMES
    return (a or DEFAULT_NAMES[0]) if partner == "a" else (b or DEFAULT_NAMES[1])


def fill(text: str, names: tuple[str, str] | None = None, speaker: Partner | None = None) -> str:
    """Replace the known placeholders; any other braces are left as they are."""

    def sub(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in ("a", "b"):
            return name_of(key, names)  # type: ignore[arg-type]
        if speaker is None:
            return match.group(0)
        return name_of(speaker if key == "speaker" else other(speaker), names)

    return PLACEHOLDER.sub(sub, text)


LIST_ITEM = re.compile(r"^(?:[-*\u2022]|\d{1,3}[.)])\s+")
"""The start of a list item in step text: "- ", "* ", "\u2022 " or "1. " / "1) "."""


def reflow(text: str) -> str:
    """Undo hard wrapping from YAML block text so the terminal can wrap it to its width.

    A line break stays after a line ending a sentence (. ! ? :), between paragraphs and before
    a list item ("- ", "* ", "1. "); other single line breaks become spaces, so an item
    wrapped over two lines in the file stays one item. List items start with "- " after
    reflowing (numbers are kept: "2. ").
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    out = []
    for para in paragraphs:
        lines = [line.strip() for line in para.splitlines() if line.strip()]
        joined = ""
        for line in lines:
            item = LIST_ITEM.match(line)
            if item and item.group().rstrip()[-1:] not in ".)":
                line = "- " + line[item.end():]
            if not joined:
                joined = line
            elif item or joined[-1] in ".!?:…\"'":
                joined += "\n" + line
            else:
                joined += " " + line
        out.append(joined)
    return "\n\n".join(out)


def list_item(line: str) -> tuple[str, str] | None:
    """(marker, text) when a reflowed line is a list item: ("•", ...) or ("2.", ...)."""
    item = LIST_ITEM.match(line)
    if item is None:
        return None
    marker = item.group().strip()
    return ("\u2022" if marker in "-*\u2022" else marker), line[item.end():]


# -- plain text: what the format refuses and what the CLI never prints raw ----------------
# One set, used by the readers (refused, with path:line:col) and by printable() (shown as
# an escape): terminal control characters, text-direction overrides and isolates, invisible
# characters, Unicode line separators and lone surrogates. The three direction *marks*
# (U+200E LRM, U+200F RLM, U+061C ALM) are allowed: they only settle the direction of
# neighbouring punctuation, cannot reorder letters, and right-to-left writing needs them.
_REFUSED_RANGES = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 except tab and newline, DEL, C1
    "\u00ad"  # soft hyphen (invisible in most terminals)
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers: invisible letters
    "\u180e"  # Mongolian vowel separator
    "\u200b-\u200d"  # zero width space, non-joiner, joiner
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u206f"  # bidi isolates, deprecated format characters
    "\ud800-\udfff"  # lone surrogates (not characters: printing them fails)
    "\ufeff"  # zero width no-break space (byte order mark)
    "\ufff9-\ufffb"  # interlinear annotation
    "\U000e0001\U000e0020-\U000e007f"  # tag characters (invisible, can smuggle text)
)
REFUSED = re.compile(f"[{_REFUSED_RANGES}]")
"""Matches one character that text from a file may not contain."""

_C0 = ("NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF",
       "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
       "SUB", "ESC", "FS", "GS", "RS", "US")
_C1 = ("PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU",
       "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI",
       "SCI", "CSI", "ST", "OSC", "PM", "APC")


def char_name(char: str) -> str:
    """'\\x1b' -> 'U+001B ESC', '\\u202e' -> 'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    code = ord(char)
    if code < 0x20:
        name = _C0[code]
    elif code == 0x7F:
        name = "DEL"
    elif 0x80 <= code <= 0x9F:
        name = _C1[code - 0x80]
    else:
        name = unicodedata.name(char, "")
    return f"U+{code:04X} {name}".rstrip()


def char_kind(char: str) -> str:
    """What kind of refused character ``char`` is, for a message ('a control character')."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "a control character"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return "a text-direction control"
    if code in (0x2028, 0x2029):
        return "a Unicode line separator"
    if 0xD800 <= code <= 0xDFFF:
        return "a lone surrogate (not a character)"
    return "an invisible character"


@dataclass(frozen=True, slots=True)
class UnsafeChar:
    """The first refused character of a text: where (0-based) and which."""

    index: int
    char: str

    def message(self, field: str) -> str:
        """'title contains a control character (U+001B ESC) at character 5; ...'."""
        return (f"{field} contains {char_kind(self.char)} ({char_name(self.char)}) at character "
                f"{self.index + 1}; remove it: text in coach files must be plain, visible text")


def unsafe_char(text: str) -> UnsafeChar | None:
    """The first character of ``text`` that the format refuses, or None when it is plain.

    Refused: C0 and C1 control characters except newline and tab (ESC, BEL, CR, DEL, CSI...),
    bidi embeddings, overrides and isolates, zero-width and other invisible characters,
    Unicode line separators and lone surrogates (see :data:`REFUSED`).
    """
    found = REFUSED.search(text)
    return UnsafeChar(found.start(), found.group()) if found else None


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_REFUSED_OR_NEWLINE = re.compile(f"[\n{_REFUSED_RANGES}]")


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` safe to write to a terminal: every refused character (see :data:`REFUSED`)
    becomes a visible escape as YAML and Python write it (ESC -> ``\\x1b``, CR -> ``\\r``,
    U+202E -> ``\\u202e``); with ``one_line`` a newline becomes ``\\n`` too. Tab stays;
    everything else, backslashes included, is unchanged: plain text passes through as is."""
    pattern = _REFUSED_OR_NEWLINE if one_line else REFUSED
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape, text)
