"""How practice strength works: three plain sentences with the person's own numbers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from coach.ui.base import CoachModal
from coach.ui.text import literal

AWAY_NOTE = ("Days away (holiday, illness) neither add nor dent: press a on the history screen "
             "to mark them.")


class ScoreHelp(CoachModal[None]):
    BINDINGS = [Binding("escape,enter,question_mark,q", "close", "Close")]
    DEFAULT_CSS = """
    ScoreHelp { align: center middle; }
    ScoreHelp #score-box { width: 72; max-width: 100%; height: auto; max-height: 100%;
                           border: round $primary; background: $surface; padding: 0 1; }
    ScoreHelp .title { text-style: bold; color: $text-primary; }
    ScoreHelp .sentence { margin-top: 1; }
    ScoreHelp .hint { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, sentences: list[str]) -> None:
        super().__init__()
        self.sentences = sentences

    def compose(self) -> ComposeResult:
        with Vertical(id="score-box"):
            yield Static("How practice strength works", classes="title")
            for sentence in self.sentences:
                yield Static(literal(sentence), classes="sentence")
            yield Static(AWAY_NOTE, classes="hint")
            yield Static("Escape closes this.", classes="hint")

    def action_close(self) -> None:
        self.dismiss()
