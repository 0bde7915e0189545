"""A note: an optional free-text answer; Enter moves on, empty is fine."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static

from coach.ui.runner.step_view import StepView
from coach.ui.text import literal


class NoteView(StepView):
    DEFAULT_CSS = """
    NoteView Input { margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(literal(self.session.text()), classes="step-text")
        yield Input(value=self.session.notes.get(self.session.index, ""),
                    placeholder="Write a few words, or leave it empty", id="note")
        yield Static("Optional. Enter to go on; nothing you write leaves this computer.", classes="hint")

    def focus_first(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.current:
            self.session.set_note(event.value)
        self.finish()
