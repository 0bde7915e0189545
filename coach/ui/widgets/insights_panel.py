"""What helps you: the insights report as a few plain lines (``coach insights`` shows it all)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.core.insights import CONTEXT_LABELS, Report, Row
from coach.ui.text import literal

SHOWN = 6
"""Exercises listed before "and N more"."""


def _line(label: str, text: str) -> Content:
    return Content.assemble(literal(label, "bold"), literal(f": {text}"))


def insights_text(r: Report) -> Content:
    """The report in lines: exercises (most rated runs first), kinds, one line per context,
    other measures (as changes only)."""
    if r.empty:
        return Content.styled(
            f"Rate your calm before and after an exercise: from {r.min_runs} rated runs on, "
            "what helps you shows here.", "$text-muted")
    lines: list[Content] = [_line(x.label, x.text) for x in r.exercises[:SHOWN]]
    more = len(r.exercises) - SHOWN
    if more > 0:
        lines.append(Content.styled(f"and {more} more: 'coach insights' lists them all", "$text-muted"))
    kinds: list[Row] = [x for x in r.kinds if x.result is not None]
    if kinds:
        lines.append(Content.styled("By kind", "$text-muted"))
        lines += [_line(x.label, x.text) for x in kinds]
    if r.contexts:
        lines.append(Content.styled("By context (what the exercise is for, or the time you began)",
                                    "$text-muted"))
        for context, rows in r.contexts:
            top = rows[0]
            lines.append(Content.assemble(literal(CONTEXT_LABELS[context], "bold"),
                                          literal(f": {top.label}, {top.text}")))
    if r.others:
        lines.append(Content.styled("Other ratings: how they changed, neither better nor worse",
                                    "$text-muted"))
        lines += [_line(x.label, x.text) for x in r.others[:3]]
    return Content("\n").join(lines)


WORKING = "Adding up your ratings..."


class InsightsPanel(Static):
    """The report, read-only; without one yet it says it is adding up (see :meth:`show`)."""

    DEFAULT_CSS = """
    InsightsPanel { height: auto; width: 1fr; }
    """

    def __init__(self, report: Report | None = None, *, id: str | None = None) -> None:
        super().__init__(Content.styled(WORKING, "$text-muted") if report is None else
                         insights_text(report), id=id)
        self.report = report

    def show(self, report: Report) -> None:
        self.report = report
        self.update(insights_text(report))
