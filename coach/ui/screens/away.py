"""Mark days away (holiday, illness) from the history screen, or make them ordinary again.
Dismisses with (days, away) or None; the history screen asks the context to keep them."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from coach.core import away
from coach.ui.base import CoachModal
from coach.ui.text import literal

Marked = tuple[list[date], bool]
"""The days, and True to mark them away (False: ordinary days again)."""
SHOWN = 5


class AwayDays(CoachModal[Marked | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    AwayDays { align: center middle; }
    AwayDays #away-box { width: 64; max-width: 100%; height: auto; max-height: 100%;
                         border: round $primary; background: $surface; padding: 0 1; }
    AwayDays .title { text-style: bold; color: $text-primary; }
    AwayDays .hint { color: $text-muted; }
    AwayDays #away-fields { height: auto; margin-top: 1; }
    AwayDays #away-fields Input { width: 1fr; }
    AwayDays #away-buttons { height: auto; }
    AwayDays #away-buttons Button { margin-right: 1; min-width: 10; }
    AwayDays #away-problem { color: $text-error; height: auto; }
    """

    def __init__(self, today: date, marked: frozenset[date]) -> None:
        super().__init__()
        self.today = today
        self.marked = marked

    def compose(self) -> ComposeResult:
        with Vertical(id="away-box"):
            yield Static("Days away", classes="title")
            yield Static("Holiday, illness: days that neither add to nor dent your practice "
                         "strength. Dates as YYYY-MM-DD, or today, yesterday, tomorrow.",
                         classes="hint")
            with Horizontal(id="away-fields"):
                yield Input(self.today.isoformat(), placeholder="first day", id="first")
                yield Input(self.today.isoformat(), placeholder="last day", id="last")
            yield Static("", id="away-problem")
            with Horizontal(id="away-buttons"):
                yield Button("Mark away", id="mark", variant="primary")
                yield Button("Make ordinary", id="unmark")
                yield Button("Cancel", id="cancel")
            periods = away.periods(self.marked)
            if periods:
                shown = [away.say_period(a, b) for a, b in periods[-SHOWN:]]
                more = f"\n(and {len(periods) - SHOWN} earlier)" if len(periods) > SHOWN else ""
                yield Static(literal("Marked away:\n" + "\n".join(shown) + more), classes="hint")

    def days(self) -> list[date] | None:
        """The days typed, or None (the problem is shown)."""
        try:
            first = away.parse_day(self.query_one("#first", Input).value, self.today)
            last_text = self.query_one("#last", Input).value.strip()
            last = away.parse_day(last_text, self.today) if last_text else first
            return away.span(first, last)
        except ValueError as exc:
            self.query_one("#away-problem", Static).update(literal(f"{str(exc)[0].upper()}{str(exc)[1:]}."))
            return None

    @on(Input.Submitted)
    @on(Button.Pressed, "#mark")
    def mark(self) -> None:
        days = self.days()
        if days is not None:
            self.dismiss((days, True))

    @on(Button.Pressed, "#unmark")
    def unmark(self) -> None:
        days = self.days()
        if days is not None:
            self.dismiss((days, False))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
