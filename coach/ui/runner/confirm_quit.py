"""Asks before stopping an exercise; what was done so far is kept either way."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmQuit(ModalScreen[bool]):
    """Dismisses True to stop, False to keep going."""

    BINDINGS = [
        Binding("escape,n", "dismiss(False)", "Keep going"),
        Binding("y,ctrl+c", "dismiss(True)", "Stop"),
    ]
    DEFAULT_CSS = """
    ConfirmQuit { align: center middle; }
    ConfirmQuit #box { width: 46; max-width: 100%; height: auto; border: round $accent;
        background: $panel; padding: 0 1; }
    ConfirmQuit #question { text-style: bold; height: auto; }
    ConfirmQuit #buttons { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmQuit Button { margin-left: 1; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static("Stop this exercise?", id="question")
            yield Static("What you have done so far is kept in your history.")
            with Horizontal(id="buttons"):
                yield Button("Keep going", id="no", variant="primary")
                yield Button("Stop", id="yes")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
