"""The end of a run: how it ended, time spent, steps done, feelings named (when the exercise
asked), before and after ratings, and the notes written, each under its question."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach.core.kinds import kind_of
from coach.core.recap import Recap
from coach.core.runs import BreakTaken, NamedFeeling
from coach.core.session import summarize
from coach.ui.runner.step_text import WrittenNotes
from coach.ui.text import literal
from coach.ui.widgets.footer import CoachFooter

HEADINGS = {"done": "Well done", "skipped": "Skipped", "stopped early": "Stopped early"}
CLOSING = {
    "done": "Saved to your history.",
    "skipped": "Every step was skipped, so nothing was practised; it is kept in your history as skipped.",
    "stopped early": "What you did is kept in your history.",
    "not kept": "Nothing from this guide is kept in your history.",
}


def duration_text(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 60} min {s % 60} s" if s >= 60 else f"{s} s"


def feeling_text(f: NamedFeeling) -> str:
    word = f.word if f.word == f.core else f"{f.word} ({f.core})"
    return word if f.intensity is None else f"{word} {f.intensity}/10"


def break_text(taken: BreakTaken) -> str:
    """A break taken in the run: how long was agreed and when to come back (local time)."""
    if taken.minutes > 0:
        back = (taken.started_at + timedelta(minutes=taken.minutes)).astimezone()
        return f"{taken.minutes} min; you agreed to come back at {back:%H:%M}"
    return "you agreed to come back later"


def closing(recap: Recap) -> str:
    """How the summary ends: what was kept (the help guide keeps nothing)."""
    if recap.results and not any(kind_of(r.kind).recorded for r in recap.results):
        return CLOSING["not kept"]
    return CLOSING[recap.status]


def summary_lines(recap: Recap) -> list[tuple[str, str]]:
    """(label, value) rows for the summary screen."""
    s = summarize(recap.results)
    rows = [("Time spent", duration_text(s.active_seconds)),
            ("Steps done", f"{s.steps_done} of {s.steps_total}")]
    if recap.asks_feelings or s.feelings:
        rows.append(("Feelings named", ", ".join(feeling_text(f) for f in s.feelings) or "none this time"))
    for c in s.changes:
        if c.after is None:
            rows.append((c.measure.capitalize(), f"{c.before}/10"))
        else:
            delta = c.after - c.before
            rows.append((c.measure.capitalize(), f"{c.before} before → {c.after} after ({delta:+d})"))
    for result in recap.results:
        rows += [("Break", break_text(taken)) for taken in result.breaks]
    return rows


class SummaryScreen(Screen[None]):
    """Enter or Escape goes back to the home screen."""

    BINDINGS = [
        Binding("enter,escape", "home", "Home"),
        Binding("q", "app.quit", "Quit"),
    ]
    DEFAULT_CSS = """
    SummaryScreen #body { padding: 1 2; }
    SummaryScreen #heading { text-style: bold; color: $accent; height: auto; margin-bottom: 1; }
    SummaryScreen .row { height: auto; }
    SummaryScreen WrittenNotes { margin-top: 1; }
    SummaryScreen #closing { color: $text-muted; height: auto; margin-top: 1; }
    """
    CLOSE_HINT = "Enter to go back."

    def __init__(self, recap: Recap) -> None:
        super().__init__()
        self.recap = recap

    def compose(self) -> ComposeResult:
        status = self.recap.status
        with VerticalScroll(id="body"):
            yield Static(literal(f"{HEADINGS[status]}: {self.recap.title}"), id="heading")
            for label, value in summary_lines(self.recap):
                yield Static(Content.assemble(literal(f"{label + ':':<16}", "b"), " ", literal(value)),
                             classes="row")
            if self.recap.written:
                yield WrittenNotes(self.recap.written)
            yield Static(f"{closing(self.recap)} {self.CLOSE_HINT}", id="closing")
        yield CoachFooter()

    def action_home(self) -> None:
        self.app.pop_screen()


class ShellSummaryScreen(SummaryScreen, inherit_bindings=False):
    """The summary of the run coach was opened for (``coach run ID``): Enter goes back to
    the shell; Escape opens the home screen."""

    BINDINGS = [
        Binding("enter", "app.quit", "Back to the shell"),
        Binding("escape", "home", "Home screen"),
        Binding("q", "app.quit", "Quit", show=False),
    ]
    CLOSE_HINT = "Enter goes back to the shell; Escape opens the home screen."
