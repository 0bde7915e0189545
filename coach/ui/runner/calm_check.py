"""The check after a break (or before picking up a run later): how calm does each of you feel?
Two ratings, or "not yet" from either of you."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from coach.ui.runner.rate_scale import RateScale
from coach.ui.text import literal

UNNAMED = ("One of you", "The other")
"""Labels when the names are not known (a break needs no names)."""


class CalmCheck(Vertical):
    """Rate one, Enter, rate the other, Enter; ``n`` is "not yet" at any moment."""

    BINDINGS = [Binding("n", "not_yet", "Not yet")]
    DEFAULT_CSS = """
    CalmCheck { height: auto; }
    CalmCheck .who { height: auto; margin-top: 1; text-style: bold; }
    CalmCheck RateScale { margin: 0; }
    CalmCheck #calm-hint { color: $text-muted; height: auto; margin-top: 1; }
    """

    class Rated(Message):
        def __init__(self, first: int, second: int) -> None:
            super().__init__()
            self.first, self.second = first, second

    class NotYet(Message):
        """One of them is not calm enough yet."""

    def __init__(self, names: tuple[str, str] | None) -> None:
        super().__init__()
        self.names = names or UNNAMED
        self.values: list[int] = []

    def compose(self) -> ComposeResult:
        for i, name in enumerate(self.names):
            yield Static(literal(f"{name}:"), classes="who")
            yield RateScale("Very tense", "Completely calm", id=f"calm-{i}")
        yield Static("Arrows or 0-9, Enter for each of you. Not calm enough yet? n, and that's "
                     "fine.", id="calm-hint")

    def focus_first(self) -> None:
        self.query_one("#calm-0", RateScale).focus()

    def on_rate_scale_confirmed(self, event: RateScale.Confirmed) -> None:
        event.stop()
        if self.screen.focused is self.query_one("#calm-0"):
            self.query_one("#calm-1", RateScale).focus()
            return
        first = self.query_one("#calm-0", RateScale).value
        self.post_message(self.Rated(first, event.value))

    def action_not_yet(self) -> None:
        self.post_message(self.NotYet())
