"""The runner's one-line header: the entry's title, "Paused" when paused, and the one step
count ("Part 2 of 3: Name it to tame it · step 10 of 19"), shortened to fit the width."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from coach.core.recap import Where
from coach.ui.text import clean, literal

MIN_TITLE = 12
"""Columns the entry's title needs to be worth showing (it is cut with an ellipsis)."""


class RunHeader(Horizontal):
    DEFAULT_CSS = """
    RunHeader { height: 1; padding: 0 1; background: $panel; }
    RunHeader #title { width: 1fr; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    RunHeader #paused { width: auto; color: $warning; text-style: bold; margin-right: 2; }
    RunHeader #position { width: auto; color: $text-muted; text-wrap: nowrap; }
    """

    def __init__(self, title: str) -> None:
        super().__init__(id="top")
        self.title_text = title

    def compose(self) -> ComposeResult:
        yield Static(literal(self.title_text), id="title")
        yield Static("", id="paused")
        yield Static("", id="position")

    def show(self, where: Where | None, paused: bool, *, done: str = "") -> None:
        """Draw ``where`` (or ``done``, between a plan's parts) in the room there is."""
        room = max(0, self.size.width - 2) or 80
        paused_text = ""
        if paused:
            paused_text = "Paused — space to go on" if room >= 60 else "Paused"
        used = cell_len(paused_text) + (2 if paused_text else 0)
        if where is None:
            position = done
        else:
            position = where.text()
            if cell_len(clean(position)) + used > room:
                position = where.text(with_title=False)
        if cell_len(clean(position)) + used > room:  # still too wide: the count alone
            position = "" if where is None else f"{where.step}/{where.steps}"
        self.query_one("#position", Static).update(literal(position))
        self.query_one("#paused", Static).update(paused_text)
        title = self.query_one("#title", Static)
        title.display = room - used - cell_len(clean(position)) - 1 >= MIN_TITLE
