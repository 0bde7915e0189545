"""Hostile strings and an exercise full of them, and reading what the screen shows."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from typing import Any

from coach.core.model import Breathe, Emotions, Exercise, Instruction, Note, Rate, Reflect, Timer, Turn
from coach.ui.text import UNSAFE

QUIT = "[@click=app.quit]Q1[/]"
SHOT = "[@click=app.screenshot('pwned.svg','.')]S1[/]"
"""Would write pwned.svg to the working folder when clicked (tests chdir to tmp)."""
LINK = "[link=https://example.org]L1[/link]"
CLOSE = "[/]"
BOLD = "[b]B1"
VARIABLE = "[$accent]V1"
"""Markup that textual.markup.escape does not escape."""
MD_LINK = "[M1](https://example.org)"
CONTROLS = "\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\u202e\u200b\x9b"
"""Window title, clipboard write, screen clear, bidi override, zero width, C1 CSI."""
ALL = f"{QUIT} {SHOT} {LINK} {CLOSE} {BOLD} {VARIABLE}"
MARKERS = ("Q1", "S1", "L1")
"""Where a click would run an action or open a link if the markup were obeyed."""
PARTNERS = ("Kim [/]", "[Ana]")


def hostile_exercise(extra: str = CONTROLS, entry_id: str = "hostile") -> Exercise:
    """An exercise for two with every step type, every text field hostile; built in Python,
    so it holds what the format would refuse (control characters, links)."""
    text = f"{{a}} and {{b}}: {ALL} {extra}"
    return Exercise(
        id=entry_id, title=f"T0 {QUIT} {CLOSE}{extra}", kind="repair", participants=2,
        summary=f"{LINK} {BOLD}{extra}", source=f"{SHOT}{extra}", tags=(QUIT, CLOSE),
        description=f"# Head {CLOSE}\n\nSee {MD_LINK} and **{VARIABLE}**{extra}\n\n- {QUIT}",
        caution=f"Careful {MD_LINK} {ALL}{extra}",
        safety=f"S9 {ALL}{extra}", roles=(f"R8 {QUIT}{extra}", f"R9 {BOLD}{extra}"),
        steps=(
            Instruction(text=f"I0 {text}"),
            Breathe(inhale=4, exhale=4, cycles=1, text=f"B0 {text}"),
            Timer(text=f"P0 {text}", seconds=5),
            Emotions(text=f"E0 {text}", intensity=True),
            Rate(text=f"R0 {text}", measure=f"calm{CLOSE}", low=f"{CLOSE}lo{extra}", high=f"{BOLD}hi"),
            Turn(speaker="a", text=f"U0 {{speaker}} {{listener}} {text}", seconds=5),
            Reflect(speaker="b", text=f"F0 {{speaker}} {{listener}} {text}"),
            Note(text=f"N0 {text}"),
        ),
    )


def screen_lines(app: Any) -> list[str]:
    """The text of each row of the screen, as a person sees it (from an SVG screenshot)."""
    svg = app.export_screenshot()
    rows: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows[int(float(m[2]) // 24.4)].append((round(float(m[1]) / 12.2), html.unescape(m[3])))
    lines = [""] * (max(rows, default=-1) + 1)
    for y, parts in rows.items():
        line = ""
        for x, text in sorted(parts):
            line = line.ljust(x) + text
        lines[y] = line.replace("\xa0", " ")
    return lines


def raw_controls(app: Any) -> list[str]:
    """Control, bidi and zero-width characters written to the screen (there must be none)."""
    return sorted({c for line in screen_lines(app) for c in UNSAFE.findall(line)})


def shows(app: Any, *texts: str) -> None:
    lines = screen_lines(app)
    for text in texts:
        assert any(text in line for line in lines), (text, "\n".join(lines))


async def click_markers(pilot: Any) -> int:
    """Click every place a hostile marker shows; returns how many were clicked."""
    clicked = 0
    for y, line in enumerate(screen_lines(pilot.app)):
        for marker in MARKERS:
            for found in re.finditer(re.escape(marker), line):
                await pilot.click(offset=(found.start(), y))  # (ends with a pause)
                clicked += 1
    return clicked
