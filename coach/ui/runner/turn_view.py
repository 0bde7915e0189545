"""A turn: who speaks, who listens, a gentle timer that never cuts anyone off."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from coach.core.model import Turn
from coach.ui.messages import Cue
from coach.ui.runner.countdown import Countdown
from coach.ui.runner.step_view import StepView
from coach.ui.text import literal

TIME_UP = "Time's up — finish your thought, then hand over."


class TurnView(StepView):
    can_focus = True
    BINDINGS = [Binding("h,enter", "hand_over", "Hand over", show=False)]
    DEFAULT_CSS = """
    TurnView #roles { height: auto; margin-top: 1; }
    TurnView .role { width: 1fr; height: auto; min-height: 3; border: round $panel-lighten-2; padding: 0 1; }
    TurnView #speaker { border: round $accent; text-style: bold; }
    TurnView #time-up { color: $warning; text-style: bold; height: auto; }
    """

    _cued = False
    """Time-up was announced (once: the countdown line only says 0:00)."""

    def compose(self) -> ComposeResult:
        step = self.session.step
        assert isinstance(step, Turn)
        speaker, listener = self.session.name(step.speaker), self.session.name(step.listener)
        with Horizontal(id="roles"):
            yield Static(literal(f"Speaking: {speaker}"), id="speaker", classes="role")
            yield Static(literal(f"Listening: {listener}"), id="listener", classes="role")
        yield Static(literal(self.session.text()), classes="step-text")
        yield Countdown(float(step.seconds), self.session.remaining)
        yield Static("", id="time-up")
        yield Static(literal(f"When {speaker} has finished, press h to hand over."), classes="hint")

    def redraw(self) -> None:
        self.query_one(Countdown).update(self.session.remaining or 0.0)
        time_up = self.session.time_up
        if time_up and not self._cued:  # once per turn: the bell, when it is on
            self._cued = True
            self.post_message(Cue("time_up"))
        self.query_one("#time-up", Static).update(TIME_UP if time_up else "")

    def action_hand_over(self) -> None:
        self.finish()
