"""A plain list of the library, grouped by kind (the home screen replaces it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from coach.core.model import format_duration

if TYPE_CHECKING:
    from coach.ui.app import CoachApp

KIND_TITLES = {
    "breathing": "Breathing",
    "emotion": "Naming feelings",
    "repair": "Repair for two",
    "ritual": "Rituals",
    "family": "Family",
    "plan": "Plans",
}


class LibraryScreen(Screen[None]):
    BINDINGS = [Binding("q", "app.quit", "Quit")]
    DEFAULT_CSS = """
    LibraryScreen OptionList { height: 1fr; border: none; }
    """

    def compose(self) -> ComposeResult:
        app = cast("CoachApp", self.app)
        yield Header()
        options: list[Option | None] = []
        for kind, entries in app.ctx.library.by_kind().items():
            if options:
                options.append(None)
            options.append(Option(f"[b]{KIND_TITLES.get(kind, kind.title())}[/b]", disabled=True))
            for e in entries:
                who = "2 people" if e.participants == 2 else "1 person"
                options.append(Option(f"  {e.title}  [dim]{format_duration(e.seconds)} · {who}[/dim]",
                                      id=e.id))
        yield OptionList(*options)
        yield Footer()
