"""The base of every step view: shows its session's step and posts messages up."""

from __future__ import annotations

from textual.containers import Vertical
from textual.message import Message

from coach.core.session import Session


class StepView(Vertical):
    """Shows the session's current step. ``redraw`` updates anything that depends on time."""

    FPS = 4.0
    """How often the runner refreshes this view (a redraw only: time comes from the session)."""

    DEFAULT_CSS = """
    StepView { height: 1fr; padding: 0 2; }
    StepView .step-text { width: 1fr; height: auto; margin: 1 0; }
    StepView .hint { color: $text-muted; height: auto; }
    """

    class Finished(Message):
        """The view's step is done (Enter, hand-over, an answer): the runner moves on."""

        def __init__(self, view: StepView) -> None:
            super().__init__()
            self.view = view

    class Due(Message):
        """A moment the step's timing depends on has come: the runner reads the clock now."""

    def __init__(self, session: Session) -> None:
        super().__init__(classes="step-view")
        self.session = session
        self.index = session.index
        """The step this view shows; the session may already have moved on."""

    @property
    def current(self) -> bool:
        """True while the session is still on this view's step."""
        return self.is_mounted and not self.session.ended and self.session.index == self.index

    def finish(self) -> None:
        """This step is done: the runner moves on (ignored once the session has moved)."""
        if self.current:
            self.post_message(self.Finished(self))

    def redraw(self) -> None:
        """Redraw time-dependent parts (called by the runner's timer)."""

    def focus_first(self) -> None:
        """Give focus to where the keys of this step go."""
        self.focus()

    def fps(self) -> float:
        return self.FPS
