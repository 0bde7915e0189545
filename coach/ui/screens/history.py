"""Progress: 12 weeks of practice, a forgiving strength score (``?`` explains it), days away
(``a``), what helps, kinds, feelings, calm, and the recent sessions (Enter opens one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static

from coach.core.clock import local_date
from coach.core.history.stats import Progress, strength_sentences
from coach.core.kinds import kind_of
from coach.core.sessions import recent
from coach.ui.base import CoachScreen
from coach.ui.text import clean, literal
from coach.ui.widgets.calendar import PracticeCalendar
from coach.ui.widgets.calm_trend import CalmTrend
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.header import CoachHeader
from coach.ui.widgets.insights_panel import InsightsPanel
from coach.ui.widgets.sessions import SessionsList

if TYPE_CHECKING:
    from coach.ui.screens.away import Marked

EMPTY = ("Your practice will show up here.\n\n"
         "Every exercise you do, even one you stop early, fills in a day on the calendar. "
         "There is no streak to keep: a missed day never wipes anything out.\n\n"
         "A gentle first step is a minute of breathing. Press Escape to choose one.")
STRENGTH_NOTE = "grows with each day you practise; a missed day only dents it (? explains)"


def strength_bar(value: float, width: int = 10) -> str:
    filled = round(value * width)
    return "█" * filled + "░" * (width - filled)


def summary_text(p: Progress) -> Content:
    """Our markup (theme variables only) around the kinds, which come from the history."""
    kinds = " · ".join(f"{kind_of(k).plural} {n}" for k, n in p.by_kind.items())
    return Content.from_markup(
        f"[b]Practice strength[/b]  [b $text-success]{round(p.strength * 100)}%[/]\n"
        f"[$primary]{strength_bar(p.strength)}[/]  [$text-muted]{STRENGTH_NOTE}[/]\n"
        f"{p.days_practised} days practised · {p.total_runs} runs, {p.completed_runs} finished"
        + (f" · {p.opened_runs} just opened" if p.opened_runs else "")
        + (f" · {p.away_days} days away" if p.away_days else "") + "\n"
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
        Binding("question_mark", "explain", "The score", key_display="?"),
        Binding("a", "away", "Days away"),
        Binding("s", "sessions", "Sessions"),
        Binding("f1", "app.open('help')", "Help", key_display="F1"),
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
    HistoryScreen .part { height: auto; margin-top: 1; }
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
                with Vertical(id="insights-box", classes="part"):
                    yield Static("What helps you", classes="title")
                    yield InsightsPanel(id="insights")  # filled in after the first frame
                with Vertical(id="sessions-box", classes="part"):
                    yield Static("Recent sessions · s, then Enter opens one", classes="title")
                    yield SessionsList(id="sessions")  # the same (fill_below)
        yield CoachFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(self.fill_below)
        for notice in self.ctx.take_history_notices():
            self.notify(clean(notice), title="History", severity="warning", timeout=10, markup=False)

    def fill_below(self) -> None:
        """What helps (a pass over every rated run) and the recent sessions, added once the
        calendar and the score are on screen: with years of history those show sooner."""
        for panel in self.query(InsightsPanel):
            panel.show(self.ctx.insights())
        for sessions in self.query(SessionsList):
            sessions.show(recent(self.ctx.history_runs()))

    def action_back(self) -> None:
        self.dismiss()

    def action_explain(self) -> None:
        """How the score works, with this person's numbers."""
        from coach.ui.screens.score_help import ScoreHelp  # the modals load when first asked for

        self.app.push_screen(ScoreHelp(strength_sentences(self.ctx.progress())))

    def action_away(self) -> None:
        """Mark days away (or ordinary again); the calendar and score follow."""
        from coach.ui.screens.away import AwayDays

        today = local_date(self.ctx.now())
        self.app.push_screen(AwayDays(today, self.ctx.away_days()), self._marked)

    def _marked(self, marked: Marked | None) -> None:
        if marked is None:
            return
        days, away = marked
        problem = self.ctx.mark_away(days, away=away)
        if problem:
            self.notify(clean(problem), title="Days away", severity="warning", timeout=10, markup=False)
        self.refresh(recompose=True)

    async def recompose(self) -> None:
        """The screen composed again (days away changed), the parts below filled again too:
        on_mount does not run a second time."""
        await super().recompose()
        self.fill_below()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No Sessions key while there is no session to list."""
        return action != "sessions" or bool(self.query(SessionsList))

    def action_sessions(self) -> None:
        """Focus the list of recent sessions (it scrolls into view)."""
        for sessions in self.query(SessionsList):
            sessions.focus()

    @on(OptionList.OptionSelected, "#sessions")
    def open_session(self, event: OptionList.OptionSelected) -> None:
        from coach.ui.screens.session import SessionScreen

        run = self.query_one(SessionsList).run_at(event.option_id)
        if run is not None:
            self.app.push_screen(SessionScreen(run))
