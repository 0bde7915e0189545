"""A break step: the break screen opens by itself; this shows underneath, to open it again."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from coach.ui.runner.step_view import StepView
from coach.ui.text import literal


class BreakView(StepView):
    can_focus = True
    BINDINGS = [Binding("enter", "screen.take_break", "Take the break")]
    DEFAULT_CSS = """
    BreakView { align-vertical: middle; }
    """

    def compose(self) -> ComposeResult:
        text = self.session.text()
        if text:
            yield Static(literal(text), classes="step-text")
        yield Static("Press Enter to take the break and agree when you'll come back.", classes="hint")
