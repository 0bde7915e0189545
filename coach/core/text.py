"""Fill the partner placeholders of step text: {a} {b} {speaker} {listener}."""

from __future__ import annotations

import re

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


def reflow(text: str) -> str:
    """Undo hard wrapping from YAML block text so the terminal can wrap it to its width.

    A line break stays after a line ending a sentence (. ! ? :) and between paragraphs;
    other single line breaks become spaces.
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    out = []
    for para in paragraphs:
        lines = [line.strip() for line in para.splitlines() if line.strip()]
        joined = ""
        for line in lines:
            if not joined:
                joined = line
            elif joined[-1] in ".!?:…\"'":
                joined += "\n" + line
            else:
                joined += " " + line
        out.append(joined)
    return "\n\n".join(out)
