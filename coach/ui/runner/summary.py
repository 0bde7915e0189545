"""The end of a run: time spent, steps done, feelings named, before and after ratings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach.core.kinds import kind_of
from coach.core.runs import NamedFeeling, RunResult
from coach.core.session import summarize
from coach.ui.text import literal
from coach.ui.widgets.footer import CoachFooter


def duration_text(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 60} min {s % 60} s" if s >= 60 else f"{s} s"


def feeling_text(f: NamedFeeling) -> str:
    word = f.word if f.word == f.core else f"{f.word} ({f.core})"
    return word if f.intensity is None else f"{word} {f.intensity}/10"


def summary_lines(results: list[RunResult]) -> list[tuple[str, str]]:
    """(label, value) rows for the summary screen."""
    s = summarize(results)
    feelings = ", ".join(feeling_text(f) for f in s.feelings) or "none this time"
    rows = [("Time spent", duration_text(s.active_seconds)),
            ("Steps done", f"{s.steps_done} of {s.steps_total}"),
            ("Feelings named", feelings)]
    for c in s.changes:
        if c.after is None:
            rows.append((c.measure.capitalize(), f"{c.before}/10"))
        else:
            delta = c.after - c.before
            rows.append((c.measure.capitalize(), f"{c.before} before → {c.after} after ({delta:+d})"))
    return rows


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("enter,escape", "app.pop_screen", "Home"),
        Binding("q", "app.quit", "Quit"),
    ]
    DEFAULT_CSS = """
    SummaryScreen #body { padding: 1 2; }
    SummaryScreen #heading { text-style: bold; color: $accent; height: auto; margin-bottom: 1; }
    SummaryScreen .row { height: auto; }
    SummaryScreen #closing { color: $text-muted; height: auto; margin-top: 1; }
    """

    def __init__(self, title: str, results: list[RunResult]) -> None:
        super().__init__()
        self.run_title, self.results = title, results

    def compose(self) -> ComposeResult:
        done = bool(self.results) and all(r.completed for r in self.results)
        with VerticalScroll(id="body"):
            heading = f"{'Well done' if done else 'Stopped early'}: {self.run_title}"
            yield Static(literal(heading), id="heading")
            for label, value in summary_lines(self.results):
                yield Static(Content.assemble(literal(f"{label + ':':<16}", "b"), " ", literal(value)),
                             classes="row")
            kept = any(kind_of(r.kind).recorded for r in self.results)
            yield Static("Nothing from this guide is kept in your history. Enter to go back."
                         if not kept else "Saved to your history. Enter to go back." if done else
                         "What you did is kept in your history. Enter to go back.", id="closing")
        yield CoachFooter()
