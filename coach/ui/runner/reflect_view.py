"""Reflect: the listener says back what they heard; the speaker confirms (Enter or y) or asks
again (n or a), at most three times: then it is fine to move on and come back to it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from coach.core.model import Reflect
from coach.ui.runner.step_view import StepView
from coach.ui.text import literal


class ReflectView(StepView):
    can_focus = True
    BINDINGS = [
        Binding("y,enter", "yes", "Yes, that's it", show=False),
        Binding("n,a", "not_quite", "Not quite", show=False),
    ]
    DEFAULT_CSS = """
    ReflectView #who { height: auto; margin-top: 1; text-style: bold; color: $accent; }
    ReflectView #attempt { height: auto; color: $text-muted; }
    ReflectView #attempt.-first { display: none; }
    ReflectView #answers { height: auto; margin-top: 1; }
    ReflectView Button { margin-right: 2; }
    """

    def compose(self) -> ComposeResult:
        step = self.session.step
        assert isinstance(step, Reflect)
        speaker, listener = self.session.name(step.speaker), self.session.name(step.listener)
        yield Static(literal(f"{listener} reflects back to {speaker}"), id="who")
        yield Static(literal(self.session.text()), classes="step-text")
        first = "-first" if self.session.attempt() == 1 else ""
        yield Static(self._attempt_text(), id="attempt", classes=first)
        yield Static(literal(f"{speaker}, did {listener} get it?"), classes="hint")
        with Horizontal(id="answers"):
            yield Button("y  Yes, that's it", id="yes", variant="primary")
            yield Button("n  Not quite", id="not-quite", disabled=not self.session.may_ask_again())

    def _attempt_text(self) -> str:
        if not self.session.may_ask_again():
            return ("That's fine for now: you can move on and come back to it another time. "
                    "Enter goes on.")
        n = self.session.attempt()
        return f"Try {n}: say it again in other words, and ask what was missed." if n > 1 else ""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "yes":
            self.action_yes()
        else:
            self.action_not_quite()

    def action_yes(self) -> None:
        self.finish()

    def action_not_quite(self) -> None:
        """Another try (at most three); after that the step says it is fine to move on."""
        if not self.current:
            return
        self.session.not_quite()
        attempt = self.query_one("#attempt", Static)
        attempt.update(self._attempt_text())
        attempt.remove_class("-first")
        self.query_one("#not-quite", Button).disabled = not self.session.may_ask_again()
        self.focus()
