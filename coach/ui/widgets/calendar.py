"""A grid of the last weeks: one column per week, one row per weekday, shaded by practice."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget

from coach.core.history.stats import DayCell

GLYPHS = ("·", "▪", "■", "█")
"""No practice, one run, two, three or more (shape as well as colour, for any theme)."""
AWAY = "○"
"""A day marked away without practice (a day away with practice shows its practice)."""
DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


class PracticeCalendar(Widget):
    """Renders weeks of :class:`DayCell` (oldest week first), with month labels on top."""

    COMPONENT_CLASSES = {"calendar--empty", "calendar--low", "calendar--mid", "calendar--high",
                         "calendar--label", "calendar--today", "calendar--away"}
    DEFAULT_CSS = """
    PracticeCalendar { width: auto; height: auto; }
    PracticeCalendar > .calendar--away { color: $secondary; }
    PracticeCalendar > .calendar--empty { color: $text-muted; }
    PracticeCalendar > .calendar--low { color: $primary 55%; }
    PracticeCalendar > .calendar--mid { color: $primary 80%; }
    PracticeCalendar > .calendar--high { color: $primary; }
    PracticeCalendar > .calendar--label { color: $text-muted; }
    PracticeCalendar > .calendar--today { text-style: underline; }
    """

    def __init__(self, weeks: Sequence[Sequence[DayCell]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.weeks = list(weeks)

    def get_content_width(self, container: object, viewport: object) -> int:
        return 5 + 2 * len(self.weeks)

    def render(self) -> Text:
        label = self.get_component_rich_style("calendar--label")
        away = self.get_component_rich_style("calendar--away")
        styles = [self.get_component_rich_style(f"calendar--{n}") for n in ("empty", "low", "mid", "high")]
        text = Text(no_wrap=True)
        labels = [" "] * (2 * len(self.weeks) + 2)
        last_month = None
        for i, week in enumerate(self.weeks):
            month = week[0].day.month
            starts_short = i == 0 and len(self.weeks) > 1 and self.weeks[1][0].day.month != month
            if month != last_month and not starts_short and (i == 0 or labels[2 * i - 1] == " "):
                labels[2 * i: 2 * i + 3] = week[0].day.strftime("%b")
            last_month = month
        months = Text("    " + "".join(labels)[: 2 * len(self.weeks) + 1].rstrip(), style=label)
        text.append_text(months)
        today = max((c.day for w in self.weeks for c in w if not c.future), default=None)
        for row in range(7):
            text.append("\n")
            text.append(f"{DAY_LABELS[row]:<4}", style=label)
            for week in self.weeks:
                cell = week[row]
                if cell.future:
                    text.append(f"{AWAY} " if cell.away else "  ", style=away)
                    continue
                level = min(3, cell.runs)
                style, glyph = styles[level], GLYPHS[level]
                if cell.away and not cell.runs:
                    style, glyph = away, AWAY
                if cell.day == today:
                    style = style + self.get_component_rich_style("calendar--today")
                text.append(glyph, style=style)
                text.append(" ")
        text.append("\n    ")
        for level, name in enumerate(("none", "1", "2", "3+")):
            text.append(GLYPHS[level], style=styles[level])
            text.append(f" {name}  ", style=label)
        if any(c.away and not c.runs for w in self.weeks for c in w):
            text.append("\n    ")
            text.append(AWAY, style=away)
            text.append(" day away", style=label)
        return text
