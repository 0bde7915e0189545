"""Progress: 12 weeks of practice, a forgiving strength score, kinds, feelings and calm."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from coach.core.history.stats import Progress
from coach.core.kinds import kind_of
from coach.ui.base import CoachScreen
from coach.ui.text import clean, literal
from coach.ui.widgets.calendar import PracticeCalendar
from coach.ui.widgets.calm_trend import CalmTrend
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.header import CoachHeader

EMPTY = ("Your practice will show up here.\n\n"
         "Every exercise you do, even one you stop early, fills in a day on the calendar. "
         "There is no streak to keep: a missed day never wipes anything out.\n\n"
         "A gentle first step is a minute of breathing. Press Escape to choose one.")
STRENGTH_NOTE = "grows with each day you practise; a missed day only dents it"


def strength_bar(value: float, width: int = 10) -> str:
    filled = round(value * width)
    return "█" * filled + "░" * (width - filled)


def summary_text(p: Progress) -> Content:
    """Our markup (theme variables only) around the kinds, which come from the history."""
    kinds = " · ".join(f"{kind_of(k).plural} {n}" for k, n in p.by_kind.items())
    return Content.from_markup(
        f"[b]Practice strength[/b]  [b $text-success]{round(p.strength * 100)}%[/]\n"
        f"[$primary]{strength_bar(p.strength)}[/]  [$text-muted]{STRENGTH_NOTE}[/]\n"
        f"{p.days_practised} days practised · {p.total_runs} runs, {p.completed_runs} finished\n"
    ) + literal(kinds, "$text-muted")


def feelings_text(p: Progress) -> Content:
    """One line per month (the words come from the history), then how many different words."""
    lines = []
    for month, words in p.feelings:
        named = " · ".join(w for w, _n in words.most_common(4)) if words else "-"
        lines.append(Content.assemble(literal(f"{month:<5}", "$text-muted"), literal(named)))
    distinct = {w for _m, c in p.feelings for w in c}
    lines.append(Content.styled(f"{len(distinct)} different words in 6 months", "$text-muted"))
    return Content("\n").join(lines)


class HistoryScreen(CoachScreen[None]):
    """Read-only; Escape or q goes back."""

    SUB_TITLE = "Your practice"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
    ]
    DEFAULT_CSS = """
    HistoryScreen { background: $background; }
    HistoryScreen #history-body { padding: 0 1; }
    HistoryScreen #top { height: auto; }
    HistoryScreen #calendar-box { width: auto; height: auto; margin-right: 2; }
    HistoryScreen .title { text-style: bold; color: $text-primary; height: 1; }
    HistoryScreen #summary { width: 1fr; height: auto; }
    HistoryScreen #bottom { height: auto; margin-top: 1; }
    HistoryScreen #feelings-box { width: 1fr; height: auto; margin-right: 2; }
    HistoryScreen #calm-box { width: 1fr; height: auto; }
    HistoryScreen #feelings { text-wrap: nowrap; text-overflow: ellipsis; }
    HistoryScreen #empty { width: 1fr; color: $text; padding: 1 0 0 0; }
    HistoryScreen.-narrow #top, HistoryScreen.-narrow #bottom { layout: vertical; }
    HistoryScreen.-narrow #calendar-box, HistoryScreen.-narrow #feelings-box { margin-right: 0; }
    HistoryScreen.-narrow #summary, HistoryScreen.-narrow #calm-box { margin-top: 1; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    """Below 72 columns the columns stack: side by side they wrapped two words a line."""

    def compose(self) -> ComposeResult:
        runs = self.ctx.history_runs()
        p = self.ctx.progress()
        yield CoachHeader()
        with VerticalScroll(id="history-body"):
            with Horizontal(id="top"):
                with Vertical(id="calendar-box"):
                    yield Static("Last 12 weeks", classes="title")
                    yield PracticeCalendar(p.weeks, id="calendar")
                if runs:
                    with Vertical(id="summary"):
                        yield Static("Consistency", classes="title")
                        yield Static(summary_text(p), id="summary-text")
                else:
                    yield Static(EMPTY, id="empty")
            if runs:
                with Horizontal(id="bottom"):
                    with Vertical(id="feelings-box"):
                        yield Static("Feelings you named", classes="title")
                        yield Static(feelings_text(p), id="feelings")
                    with Vertical(id="calm-box"):
                        yield Static("Calm before and after", classes="title")
                        yield CalmTrend(p.calm, id="calm")
        yield CoachFooter()

    def on_mount(self) -> None:
        for notice in self.ctx.take_history_notices():
            self.notify(clean(notice), title="History", severity="warning", timeout=10, markup=False)

    def action_back(self) -> None:
        self.dismiss()
