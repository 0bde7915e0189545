"""Instruction and timer steps: text to read, with a countdown when the step is timed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from coach.ui.runner.countdown import Countdown
from coach.ui.runner.step_view import StepView
from coach.ui.text import literal


class InstructionView(StepView):
    """Enter continues; a timed step also moves on by itself when its time is over."""

    can_focus = True
    BINDINGS = [Binding("enter", "continue", "Continue", show=False)]
    DEFAULT_CSS = """
    InstructionView { align-vertical: middle; }
    InstructionView .step-text { text-style: none; }
    """

    def compose(self) -> ComposeResult:
        yield Static(literal(self.session.text()), classes="step-text")
        duration = self.session.duration
        if duration is not None:
            yield Countdown(duration, self.session.remaining)
        else:
            yield Static("Press Enter when you are ready to go on.", classes="hint")

    def redraw(self) -> None:
        left = self.session.remaining
        if left is not None:
            self.query_one(Countdown).update(left)

    def action_continue(self) -> None:
        self.finish()
