"""One session, opened from the history: its feelings, ratings and notes, each note under the
question that asked it. Read-only; Escape goes back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from coach.core.insights import status
from coach.core.runs import RunResult
from coach.core.sessions import care_back, feelings_back, length, notes_back, ratings_back, when
from coach.ui.base import CoachScreen
from coach.ui.text import literal
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.header import CoachHeader

OPENED = ("This exercise was opened and left before any practice. It is kept here, and not "
          "counted on the calendar or in your practice strength.")
NOTHING = "No feelings, ratings or notes in this session."


def detail_lines(run: RunResult, notes: list[tuple[str, str]]) -> list[tuple[str, Content]]:
    """(css class, content) for each part of the detail, in order."""
    parts: list[tuple[str, Content]] = [
        ("heading", literal(run.title)),
        ("meta", literal(f"{when(run)} · {length(run)} · {status(run)}")),
    ]
    if status(run) == "just opened":
        parts.append(("plain", literal(OPENED)))
    feelings = feelings_back(run)
    if feelings:
        parts += [("title", Content("Feelings you named")), ("plain", literal(" · ".join(feelings)))]
    ratings = ratings_back(run)
    if ratings:
        parts.append(("title", Content("Your ratings")))
        parts += [("plain", Content.assemble(literal(r.measure.capitalize(), "bold"),
                                             literal(f": {r.text}"))) for r in ratings]
    if notes:
        parts.append(("title", Content("Your notes")))
        for question, text in notes:
            parts += [("question", literal(question)), ("note", literal(text))]
    care = care_back(run)
    if care:
        parts.append(("title", Content("Breaks and passes")))
        parts += [("plain", literal(text)) for text in care]
    if not (feelings or ratings or notes or care) and status(run) != "just opened":
        parts.append(("plain", Content.styled(NOTHING, "$text-muted")))
    return parts


class SessionScreen(CoachScreen[None]):
    SUB_TITLE = "A session"
    BINDINGS = [Binding("escape", "back", "Back"), Binding("q", "back", "Back", show=False)]
    DEFAULT_CSS = """
    SessionScreen { background: $background; }
    SessionScreen #session-body { padding: 0 2; }
    SessionScreen .heading { text-style: bold; color: $accent; margin-top: 1; }
    SessionScreen .meta { color: $text-muted; }
    SessionScreen .title { text-style: bold; color: $text-primary; margin-top: 1; }
    SessionScreen .question { color: $text-muted; margin-top: 1; }
    SessionScreen .note { padding-left: 2; }
    """

    def __init__(self, run: RunResult) -> None:
        super().__init__()
        self.shown = run

    def compose(self) -> ComposeResult:
        notes = [(n.heading, n.text) for n in notes_back(self.shown, self.ctx.library)]
        yield CoachHeader()
        with VerticalScroll(id="session-body"):
            for css, content in detail_lines(self.shown, notes):
                yield Static(content, classes=css)
        yield CoachFooter()

    def action_back(self) -> None:
        self.dismiss()
