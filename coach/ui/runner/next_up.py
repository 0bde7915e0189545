"""Between a plan's exercises: what was done, what comes next (with its caution, if it has
one), Enter to go on or Escape to stop here."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from coach.core.model import Exercise, for_whom, format_duration
from coach.ui.text import literal
from coach.ui.widgets.preview import markdown_content


class NextUp(VerticalScroll, can_focus=True):
    """Posts Go (Enter) or Stop (Escape); the runner acts."""

    BINDINGS = [
        Binding("enter", "go", "Go on"),
        Binding("escape", "stop", "Stop here"),
    ]
    DEFAULT_CSS = """
    NextUp { height: 1fr; padding: 1 2; }
    NextUp > #done { color: $text-muted; height: auto; }
    NextUp > #next { text-style: bold; color: $accent; height: auto; margin-top: 1; }
    NextUp > #about { height: auto; }
    NextUp > #caution { height: auto; margin-top: 1; border-left: thick $warning; padding: 0 1; }
    NextUp > .hint { color: $text-muted; height: auto; margin-top: 1; }
    """

    class Go(Message):
        """Start the next exercise."""

    class Stop(Message):
        """Stop the plan here (what was done is kept)."""

    def __init__(self, done: str, part: int, parts: int, nxt: Exercise, caution: str = "") -> None:
        """``caution``: the one to show before ``nxt`` (Markdown from its file), if any."""
        super().__init__(id="next-up")
        self.done_title, self.part, self.parts, self.nxt = done, part, parts, nxt
        self.caution = caution

    def compose(self) -> ComposeResult:
        yield Static(literal(f"Part {self.part} of {self.parts} done: {self.done_title}."), id="done")
        yield Static(Content("Next up: ") + literal(self.nxt.title), id="next")
        who = f", {for_whom(2)}" if self.nxt.participants == 2 else ""
        yield Static(literal(f"{self.nxt.summary} (about {format_duration(self.nxt.seconds)}{who})"),
                     id="about")
        if self.caution:
            yield Static(Content.styled("Before you start\n", "b") + markdown_content(self.caution),
                         id="caution")
        yield Static("Enter to go on · Escape to stop here (what you did is kept).", classes="hint")

    def action_go(self) -> None:
        self.post_message(self.Go())

    def action_stop(self) -> None:
        self.post_message(self.Stop())
