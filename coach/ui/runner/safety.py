"""The exercise's safety line, at the top of the runner while it matters (see
``Session.safety_visible``): a fast Enter cannot skip it."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.core.session import Session
from coach.ui.text import literal


class SafetyLine(Static):
    DEFAULT_CSS = """
    SafetyLine { height: auto; padding: 0 2; margin: 1 0 0 0; color: $text-warning; display: none; }
    """

    def __init__(self) -> None:
        super().__init__("", id="safety")
        self._shown = ""

    def follow(self, session: Session | None) -> None:
        """Show the session's safety line while it should be seen; hide it after."""
        visible = session is not None and session.safety_visible
        text = session.exercise.safety if session is not None and visible else ""
        if text != self._shown:
            self._shown = text
            self.update(Content.assemble(Content.styled("Take care: ", "bold"), literal(text)))
        if self.display != visible:
            self.display = visible
