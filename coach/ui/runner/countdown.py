"""A quiet countdown: time left and a thin progress bar, both from the session's clock."""

from __future__ import annotations

import math

from rich.text import Text
from textual.widget import Widget


def clock_text(seconds: float) -> str:
    """'1:05' style, rounded up so it reaches 0:00 only when time is really up."""
    s = max(0, math.ceil(round(seconds, 6)))
    return f"{s // 60}:{s % 60:02d}"


class Countdown(Widget):
    """``left`` seconds of ``total``: label above a bar that fills as time passes."""

    DEFAULT_CSS = """
    Countdown { height: 2; width: 1fr; max-width: 60; }
    Countdown > .countdown--bar { color: $accent; }
    Countdown > .countdown--track { color: $panel-lighten-2; }
    """
    COMPONENT_CLASSES = {"countdown--bar", "countdown--track"}

    def __init__(self, total: float, left: float | None = None, suffix: str = "left",
                 done_text: str = "") -> None:
        super().__init__()
        self.done_text = done_text
        self.total = max(0.001, total)
        self.left = total if left is None else left
        self.suffix = suffix

    def _key(self, left: float) -> tuple[str, int]:
        return clock_text(left), round((1 - left / self.total) * max(1, self.size.width))

    def update(self, left: float) -> None:
        """Redraw only when the label or a bar cell changes."""
        if self._key(left) != self._key(self.left):
            self.refresh()
        self.left = left

    def render(self) -> Text:
        width = max(1, self.size.width)
        done = min(1.0, max(0.0, 1 - self.left / self.total))
        filled = round(done * width)
        label = f"{clock_text(self.left)} {self.suffix}"
        if self.done_text and self.left <= 0:
            label = self.done_text
        text = Text(label + "\n")
        text.append("━" * filled, self.get_component_rich_style("countdown--bar"))
        text.append("━" * (width - filled), self.get_component_rich_style("countdown--track"))
        return text
