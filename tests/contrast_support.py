"""Rendered colours of a screen, cell by cell, read from Textual's screenshot (the SVG Rich
exports: each run of text has its colour, each cell's background a rectangle). This measures
what a person sees, after theme variables, alpha, tint and dim have all been applied."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

CHAR_WIDTH = 20 * 0.61
"""Rich's SVG: 20 px characters, 0.61 as wide as tall."""
LINE_HEIGHT = 20 * 1.22
_CLASS = re.compile(r"\.(terminal-(?:\d+-)?r\d+) \{ fill: (#[0-9a-f]{6})")
_RECT = re.compile(r'<rect fill="(#[0-9a-f]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" '
                   r'height="[\d.]+" shape-rendering="crispEdges"/>')
_TEXT = re.compile(r'<text class="(terminal-(?:\d+-)?r\d+)" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
                   r'clip-path="url\(#terminal-(?:\d+-)?line-(\d+)\)">([^<]*)</text>')
NOT_TEXT = re.compile("[\u2500-\u25ff\u2800-\u28ff\u00b7\u2022\u2219]")
"""Box drawing, block elements and geometric shapes (borders, scrollbars, bars, the calendar's
marks), braille and dots: graphics, held to WCAG's 3:1 for non-text, not to 4.5:1."""


@dataclass(frozen=True, slots=True)
class Cell:
    line: int
    column: int
    char: str
    colour: str
    background: str


def cells(svg: str) -> list[Cell]:
    """Every drawn character with its colour and the colour behind it."""
    colours = dict(_CLASS.findall(svg))
    grounds: dict[tuple[int, int], str] = {}
    for fill, x, y, width in _RECT.findall(svg):
        line = round((float(y) - 1.5) / LINE_HEIGHT)
        start = round(float(x) / CHAR_WIDTH)
        for column in range(start, start + round(float(width) / CHAR_WIDTH)):
            grounds[(line, column)] = fill
    out = []
    for css_class, x, line_text, content in _TEXT.findall(svg):
        line, start = int(line_text), round(float(x) / CHAR_WIDTH)
        for offset, char in enumerate(html.unescape(content).replace("\xa0", " ")):
            ground = grounds.get((line, start + offset))
            if ground is not None:
                out.append(Cell(line, start + offset, char, colours[css_class], ground))
    return out


def text_cells(svg: str) -> list[Cell]:
    """The cells that hold text (letters, digits, punctuation), graphics left out."""
    return [c for c in cells(svg) if not c.char.isspace() and not NOT_TEXT.match(c.char)]


def screen_lines(svg: str) -> dict[int, str]:
    """The text of each line (a column with no text is a space)."""
    lines: dict[int, dict[int, str]] = {}
    for cell in cells(svg):
        lines.setdefault(cell.line, {})[cell.column] = cell.char
    return {n: "".join(row.get(c, " ") for c in range(max(row) + 1)) for n, row in sorted(lines.items())}
