"""Asked when something starts while an exercise runs: stop it and start the new one, or
keep going. What was done so far is kept either way."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from coach.ui.runner.confirm_quit import ConfirmQuit
from coach.ui.text import literal


class ConfirmSwitch(ConfirmQuit):
    """Dismisses True to stop the running exercise and start ``new``, False to keep going
    (Escape or n, as when stopping; y or the "Stop and start" button)."""

    def __init__(self, running: str, new: str) -> None:
        super().__init__()
        self.running, self.new = running, new

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static(literal(f"Stop {self.running} and start {self.new}?"), id="question")
            yield Static("What you have done so far is kept in your history.")
            with Horizontal(id="buttons"):
                yield Button("Keep going", id="no", variant="primary")
                yield Button("Stop and start", id="yes")
