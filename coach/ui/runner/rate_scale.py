"""A 0-10 scale with labelled ends: arrows or number keys, Enter to confirm, or a click.

It fits its width: 4 columns a number when there is room, 3 when not, and below that the
numbers wrap onto two rows (0-5, 6-10) with the ends named under them; a label is never cut.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coach.ui.text import clean

CELL = 4
"""Columns a number takes when there is room (3 at the least on one row)."""
ROWS = ((0, 1, 2, 3, 4, 5), (6, 7, 8, 9, 10))
"""The numbers' rows when one row does not fit."""


class RateScale(Widget, can_focus=True):
    BINDINGS = [
        Binding("left,down", "move(-1)", "Less", show=False),
        Binding("right,up", "move(1)", "More", show=False),
        Binding("enter", "confirm", "Confirm", show=False),
    ]
    DEFAULT_CSS = """
    RateScale { height: auto; width: 46; max-width: 100%; }
    RateScale > .rate--chosen { background: $accent; color: $background; text-style: bold; }
    RateScale > .rate--label { color: $text-muted; }
    RateScale:focus > .rate--chosen { background: $accent; }
    """
    COMPONENT_CLASSES = {"rate--chosen", "rate--label"}

    value: reactive[int] = reactive(5)

    class Confirmed(Message):
        def __init__(self, value: int) -> None:
            super().__init__()
            self.value = value

    def __init__(self, low: str, high: str, value: int = 5, id: str | None = None) -> None:
        super().__init__(id=id)
        self.low, self.high = low, high
        self.set_reactive(RateScale.value, value)
        self._last_digit = ""

    def layout_for(self, width: int) -> tuple[int, tuple[tuple[int, ...], ...]]:
        """(columns a number, rows of numbers) for ``width`` columns."""
        if width >= 11 * 3:
            return min(CELL, width // 11), (tuple(range(11)),)
        return max(2, min(CELL, width // 6)), ROWS

    def render(self) -> Text:
        width = self.size.width or 11 * CELL
        cell, rows = self.layout_for(width)
        chosen = self.get_component_rich_style("rate--chosen")
        label = self.get_component_rich_style("rate--label")
        low, high = clean(self.low), clean(self.high)  # from the file
        text = Text()
        for row in rows:
            for n in row:
                text.append(f"{n:^{cell}}", chosen if n == self.value else "")
            text.append("\n")
        if len(rows) == 1:
            line = 11 * cell
            text.append("↑".center(cell) + " " * (line - 2 * cell) + "↑".center(cell) + "\n", label)
            if len(low) + len(high) + 1 <= line:
                text.append(low + " " * (line - len(low) - len(high)) + high, label)
            else:  # each end on its own line, the high one to the right when it fits
                text.append(low + "\n" + high.rjust(line), label)
        else:
            text.append(f"0: {low}\n10: {high}", label)
        return text

    def action_move(self, delta: int) -> None:
        self.value = min(10, max(0, self.value + delta))

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed(self.value))

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            event.stop()
            digit = event.character
            self.value = 10 if (digit == "0" and self._last_digit == "1") else int(digit)
            self._last_digit = digit if digit != "0" else ""
        else:
            self._last_digit = ""

    def number_at(self, x: int, y: int) -> int | None:
        """The number drawn at (x, y) in the widget, if any."""
        cell, rows = self.layout_for(self.size.width or 11 * CELL)
        if 0 <= y < len(rows) and 0 <= x < len(rows[y]) * cell:
            return rows[y][x // cell]
        return None

    def on_click(self, event: events.Click) -> None:
        number = self.number_at(event.x, event.y)
        if number is not None:
            self.value = number
            self.focus()
