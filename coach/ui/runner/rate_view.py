"""A rate step: a 0-10 self-rating of one measure."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from coach.core.model import Rate
from coach.ui.runner.rate_scale import RateScale
from coach.ui.runner.step_view import StepView
from coach.ui.text import literal


class RateView(StepView):
    DEFAULT_CSS = """
    RateView RateScale { margin: 1 0; }
    """

    def compose(self) -> ComposeResult:
        step = self.session.step
        assert isinstance(step, Rate)
        yield Static(literal(self.session.text()), classes="step-text")
        yield RateScale(step.low, step.high, self.session.ratings.get(self.session.index, 5))
        yield Static("Arrows or 0-9 (1 then 0 for 10), Enter to confirm; or click a number.",
                     classes="hint")

    def focus_first(self) -> None:
        self.query_one(RateScale).focus()

    def on_rate_scale_confirmed(self, event: RateScale.Confirmed) -> None:
        event.stop()
        if self.current:
            self.session.set_rating(event.value)
        self.finish()
