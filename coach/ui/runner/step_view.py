"""The base of every step view: knows its session and its runner screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical

from coach.core.session import Session

if TYPE_CHECKING:
    from coach.ui.runner.runner_screen import RunnerScreen


class StepView(Vertical):
    """Shows the session's current step. ``tick`` redraws anything that depends on time."""

    FPS = 4.0
    """How often the runner refreshes this view (a redraw only: time comes from the session)."""

    DEFAULT_CSS = """
    StepView { height: 1fr; padding: 0 2; }
    StepView .step-text { width: 1fr; height: auto; margin: 1 0; }
    StepView .hint { color: $text-muted; height: auto; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__(classes="step-view")
        self.session = session
        self.index = session.index
        """The step this view shows; the session may already have moved on."""

    @property
    def current(self) -> bool:
        """True while the session is still on this view's step."""
        return self.is_mounted and not self.session.ended and self.session.index == self.index

    @property
    def runner(self) -> RunnerScreen:
        from coach.ui.runner.runner_screen import RunnerScreen

        screen = self.screen
        assert isinstance(screen, RunnerScreen)
        return screen

    def finish(self) -> None:
        """This step is done: the runner moves on (ignored once the session has moved)."""
        if self.current:
            self.runner.complete_step()

    def tick(self) -> None:
        """Redraw time-dependent parts (called by the runner's timer)."""

    def focus_first(self) -> None:
        """Give focus to where the keys of this step go."""
        self.focus()

    def fps(self) -> float:
        return self.FPS
