"""Instruction and timer steps: text to read, with a countdown when the step is timed, and
(on a "read it back" step) what was written in the exercise's earlier note steps."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from coach.ui.runner.countdown import Countdown
from coach.ui.runner.step_text import WrittenNotes, step_text
from coach.ui.runner.step_view import StepView


class InstructionView(StepView):
    """Enter continues; a timed step also moves on by itself when its time is over."""

    can_focus = True
    BINDINGS = [
        Binding("enter", "continue", "Go on"),
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("down", "scroll_down", "Scroll down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]
    DEFAULT_CSS = """
    InstructionView { align-vertical: middle; overflow-y: auto; }
    InstructionView .step-text { text-style: none; }
    """

    def compose(self) -> ComposeResult:
        yield step_text(self.session.text())
        written = self.session.notes_to_show()
        if written:
            yield WrittenNotes(written)
        duration = self.session.duration
        if duration is not None:
            yield Countdown(duration, self.session.remaining)
        else:
            yield Static("Press Enter when you are ready to go on.", classes="hint")

    def redraw(self) -> None:
        left = self.session.remaining
        if left is not None:
            self.query_one(Countdown).update(left)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The scroll keys only when the text is longer than the screen."""
        if action in ("scroll_up", "scroll_down", "page_up", "page_down"):
            return self.allow_vertical_scroll
        return True

    def action_continue(self) -> None:
        self.finish()
