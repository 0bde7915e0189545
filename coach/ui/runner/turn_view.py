"""A turn: who speaks, who listens, a gentle timer that never cuts anyone off. Each partner
keeps a place (a on the left, b on the right); the speaker may pass (nothing has to be shared)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from coach.core.model import Turn
from coach.ui.messages import Cue
from coach.ui.runner.countdown import Countdown
from coach.ui.runner.step_view import StepView
from coach.ui.text import literal

TIME_UP = "Time's up — finish your thought, then hand over."


class TurnView(StepView):
    can_focus = True
    BINDINGS = [
        Binding("h,enter", "hand_over", "Hand over"),
        Binding("x", "pass_turn", "Pass"),
    ]
    DEFAULT_CSS = """
    TurnView #roles { height: auto; margin-top: 1; }
    TurnView .role { width: 1fr; height: auto; min-height: 3; border: round $panel-lighten-2; padding: 0 1; }
    TurnView #speaker { border: round $accent; text-style: bold; }
    TurnView #time-up { color: $warning; text-style: bold; height: auto; }
    """

    _cued = False
    """Time-up was announced (once: the countdown line only says 0:00)."""
    _time_up_shown = False
    """Whether the "Time's up" line is showing (it is updated only when that changes)."""

    class Passed(Message):
        """The speaker passes: the turn ends, kept as passed (not done)."""

        def __init__(self, view: TurnView) -> None:
            super().__init__()
            self.view = view

    def compose(self) -> ComposeResult:
        step = self.session.step
        assert isinstance(step, Turn)
        speaker, listener = self.session.name(step.speaker), self.session.name(step.listener)
        cards = [Static(literal(f"Speaking: {speaker}"), id="speaker", classes="role"),
                 Static(literal(f"Listening: {listener}"), id="listener", classes="role")]
        with Horizontal(id="roles"):  # a's card on the left, b's on the right, turn after turn
            yield from cards if step.speaker == "a" else reversed(cards)
        yield Static(literal(self.session.text()), classes="step-text")
        yield Countdown(float(step.seconds), self.session.remaining)
        yield Static("", id="time-up")
        yield Static(literal(f"When {speaker} has finished, press h to hand over. {speaker} may "
                             "pass with x: nothing has to be shared."), classes="hint")

    def redraw(self) -> None:
        self.query_one(Countdown).update(self.session.remaining or 0.0)
        time_up = self.session.time_up
        if time_up and not self._cued:  # once per turn: the bell, when it is on
            self._cued = True
            self.post_message(Cue("time_up"))
        if time_up != self._time_up_shown:  # updating a Static lays the screen out again
            self._time_up_shown = time_up
            self.query_one("#time-up", Static).update(TIME_UP if time_up else "")

    def action_hand_over(self) -> None:
        self.finish()

    def action_pass_turn(self) -> None:
        if self.current:
            self.post_message(self.Passed(self))
