"""Weekly calm before and after practice, as two small bar lines on a fixed 0-10 scale."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget

from coach.core.history.stats import CalmWeek

BARS = "▁▂▃▄▅▆▇█"


def bar(value: float | None) -> str:
    """One block for a 0-10 value (a space for a week without ratings)."""
    if value is None:
        return " "
    return BARS[min(len(BARS) - 1, max(0, round(value / 10 * (len(BARS) - 1))))]


def average(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


class CalmTrend(Widget):
    COMPONENT_CLASSES = {"trend--before", "trend--after", "trend--label"}
    DEFAULT_CSS = """
    CalmTrend { height: 3; width: 1fr; }
    CalmTrend > .trend--before { color: $text-muted; }
    CalmTrend > .trend--after { color: $success; }
    CalmTrend > .trend--label { color: $text-muted; }
    """

    def __init__(self, weeks: Sequence[CalmWeek], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.weeks = list(weeks)

    def render(self) -> Text:
        label = self.get_component_rich_style("trend--label")
        before = [w.before for w in self.weeks]
        after = [w.after for w in self.weeks]
        b, a = average(before), average(after)
        text = Text(no_wrap=True)
        if b is None or a is None:
            text.append("Rate your calm before and after an exercise\nand the change shows here.",
                        style=label)
            return text
        rows = (("before", before, b, "trend--before"), ("after ", after, a, "trend--after"))
        for name, values, avg, cls in rows:
            text.append(f"{name} ", style=label)
            text.append("".join(bar(v) for v in values), style=self.get_component_rich_style(cls))
            text.append(f"   {avg:.1f}\n", style=label)
        text.append(f"12 weeks, 0-10; on average {a - b:+.1f} after practice", style=label)
        return text
