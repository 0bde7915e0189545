"""The breathing shape: a filled circle that grows on the in-breath and shrinks on the out-breath.

A dotted ring marks the full size, so 'how full' reads at a glance from across the room.
"""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import groupby

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

RADIUS_STEPS = 2
"""Radius steps per row: the shape is redrawn only when it grows or shrinks by one."""
MIN_FRACTION = 0.22
"""The empty shape's radius, as a fraction of the full radius (never a dot)."""


def radii(width: int, height: int, size: float) -> tuple[float, float]:
    """(radius, full radius) in rows; the radius moves in whole steps so redraws are few."""
    radius_max = max(0.75, min(width / 4.0, height / 2.0) - 0.25)
    radius = radius_max * (MIN_FRACTION + (1 - MIN_FRACTION) * min(1.0, max(0.0, size)))
    return round(radius * RADIUS_STEPS) / RADIUS_STEPS, radius_max


def shape_rows(width: int, height: int, size: float) -> list[tuple[str, str]]:
    """Rows of (fill, ring) characters for a circle ``size`` (0..1) full, fitted in the box.

    A terminal cell is about twice as tall as it is wide, so one row counts as two columns.
    """
    radius, radius_max = radii(width, height, size)
    rows: list[tuple[str, str]] = []
    for row, ring in enumerate(ring_rows(width, height, radius_max)):
        y = row + 0.5 - height / 2.0
        fill = " " * width
        if radius * radius >= y * y:
            half = 2.0 * math.sqrt(radius * radius - y * y)  # in columns
            first = max(0, math.ceil(width / 2.0 - half - 0.5))
            last = min(width - 1, math.floor(width / 2.0 + half - 0.5))
            if last >= first:
                fill = " " * first + "█" * (last - first + 1) + " " * (width - last - 1)
        rows.append((fill, ring))
    return rows


@lru_cache(maxsize=8)
def ring_rows(width: int, height: int, radius_max: float) -> tuple[str, ...]:
    """The dotted ring at full size (drawn only where the shape is not)."""
    rows = []
    for row in range(height):
        y = row + 0.5 - height / 2.0
        rows.append("".join(
            "·" if abs(math.hypot((col + 0.5 - width / 2.0) / 2.0, y) - radius_max) < 0.3 else " "
            for col in range(width)))
    return tuple(rows)


class Pacer(Widget):
    """Shows ``size`` (0..1) as a circle; colours come from the theme (component classes)."""

    DEFAULT_CSS = """
    Pacer { width: 1fr; max-width: 44; height: 1fr; min-height: 3; color: $accent; }
    Pacer > .pacer--inhale { color: $accent; }
    Pacer > .pacer--hold { color: $primary; }
    Pacer > .pacer--exhale { color: $secondary; }
    Pacer > .pacer--ring { color: $foreground-muted; }
    """
    COMPONENT_CLASSES = {"pacer--inhale", "pacer--hold", "pacer--exhale", "pacer--ring"}
    COLOURS = {"inhale": "inhale", "top_up": "inhale", "hold": "hold", "hold_after": "hold",
               "exhale": "exhale"}
    """Phase -> component class giving the shape its colour (no restyle at phase changes)."""

    def __init__(self, size: float = 0.0, phase: str = "inhale") -> None:
        super().__init__()
        self.fraction = size
        self.phase = phase
        self._rows: list[tuple[str, str]] = []
        self._box = (0, 0)
        self._drawn: tuple[int, int, float] | None = None
        self._strips: dict[int, Strip] = {}

    def show(self, size: float, phase: str) -> None:
        """Set the fullness; repaints only when a character of the drawing changes."""
        recolour = self.COLOURS.get(phase) != self.COLOURS.get(self.phase)
        self.phase = phase
        self.fraction = size
        if recolour:
            self._strips.clear()
        if self._update_rows() or recolour:
            self.refresh()

    def _update_rows(self) -> bool:
        box = (self.size.width, self.size.height)
        drawn = (*box, radii(*box, self.fraction)[0])
        if drawn == self._drawn:
            return False
        self._drawn = drawn
        rows = shape_rows(*box, self.fraction)
        if rows == self._rows and box == self._box:
            return False
        self._rows, self._box = rows, box
        self._strips.clear()
        return True

    def on_resize(self) -> None:
        self._update_rows()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if (width, self.size.height) != self._box:
            self._update_rows()
        if y >= len(self._rows):
            return Strip.blank(width)
        if y not in self._strips:
            self._strips[y] = self._strip(y, width)
        return self._strips[y]

    def _strip(self, y: int, width: int) -> Strip:
        fill, ring = self._rows[y]
        base = self.rich_style + self.get_component_rich_style(
            f"pacer--{self.COLOURS.get(self.phase, 'inhale')}", partial=True)
        ring_style = self.rich_style + self.get_component_rich_style("pacer--ring")
        cells = "".join(f if f != " " else r for f, r in zip(fill, ring, strict=True))
        segments = [Segment(ch * len(list(run)), ring_style if ch == "·" else base)
                    for ch, run in groupby(cells)]
        return Strip(segments, width)
