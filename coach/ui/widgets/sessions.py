"""Recent sessions: one line each (when, how long, how it ended, what); Enter or a click
opens one (the screen listens for OptionList.OptionSelected)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coach.core.insights import status
from coach.core.runs import RunResult
from coach.core.sessions import length, short_when
from coach.ui.text import literal

STATUS_STYLE = {"done": "$text-success", "stopped early": "$text-warning",
                "skipped": "$text-muted", "just opened": "$text-muted"}


def session_prompt(run: RunResult) -> Content:
    """' 4 Nov 19:00   5 min  done           Box breathing' (cut with … when narrow)."""
    how = status(run)
    return Content.assemble((f"{short_when(run)}  {length(run):>6}  ", "$text-muted"),
                            (f"{how:<13}  ", STATUS_STYLE.get(how, "")), literal(run.title))


class SessionsList(OptionList):
    """``runs`` newest first; option ids are their positions in ``runs``."""

    DEFAULT_CSS = """
    SessionsList, SessionsList:focus { height: auto; max-height: 10; border: none; padding: 0;
                                       background: $surface; text-wrap: nowrap;
                                       text-overflow: ellipsis; }
    """

    def __init__(self, runs: Sequence[RunResult] = (), *, id: str | None = None) -> None:
        super().__init__(*(Option(session_prompt(r), id=str(i)) for i, r in enumerate(runs)), id=id)
        self.runs = list(runs)

    def show(self, runs: Sequence[RunResult]) -> None:
        """List ``runs`` (newest first) instead."""
        self.runs = list(runs)
        self.set_options(Option(session_prompt(r), id=str(i)) for i, r in enumerate(self.runs))
        self.highlighted = 0 if self.runs else None

    def run_at(self, option_id: str | None) -> RunResult | None:
        """The run behind an option id (None for anything else)."""
        if option_id is None or not option_id.isdigit() or int(option_id) >= len(self.runs):
            return None
        return self.runs[int(option_id)]
