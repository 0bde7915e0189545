"""A 0-10 scale with labelled ends: arrows or number keys, Enter to confirm, or a click."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coach.ui.text import clean

CELL = 4


class RateScale(Widget, can_focus=True):
    BINDINGS = [
        Binding("left,down", "move(-1)", "Less", show=False),
        Binding("right,up", "move(1)", "More", show=False),
        Binding("enter", "confirm", "Confirm", show=False),
    ]
    DEFAULT_CSS = """
    RateScale { height: 3; width: 46; }
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

    def render(self) -> Text:
        chosen = self.get_component_rich_style("rate--chosen")
        label = self.get_component_rich_style("rate--label")
        text = Text()
        for n in range(11):
            text.append(f"{n:^{CELL}}", chosen if n == self.value else "")
        width = 11 * CELL
        low, high = clean(self.low)[: width // 2 - 1], clean(self.high)[: width // 2 - 1]  # from the file
        text.append("\n")
        text.append("↑".center(CELL) + " " * (width - 2 * CELL) + "↑".center(CELL), label)
        text.append("\n")
        text.append(low + " " * max(1, width - len(low) - len(high)) + high, label)
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

    def on_click(self, event: events.Click) -> None:
        if event.y == 0 and 0 <= event.x < 11 * CELL:
            self.value = event.x // CELL
            self.focus()
