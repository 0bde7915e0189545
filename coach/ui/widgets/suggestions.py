"""The "Suggested next" panel: up to three entries, each with its reason."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

from coach.core.library import Library
from coach.ui.widgets.entry_options import EntryOptions

EMPTY = "Suggestions appear after your first practice."


class SuggestionLike(Protocol):
    entry_id: str
    reason: str


class SuggestionList(EntryOptions):
    DEFAULT_CSS = """
    SuggestionList, SuggestionList:focus { border: none; padding: 0; height: auto; max-height: 3;
                                           background: $surface; text-wrap: nowrap; text-overflow: ellipsis; }
    """


class SuggestionsPanel(Vertical):
    """Shows suggestions, or a short empty state while there are none."""

    DEFAULT_CSS = """
    SuggestionsPanel { height: auto; border: round $primary 60%; border-title-color: $text-primary;
                       background: $surface; padding: 0 1; }
    SuggestionsPanel > #suggest-empty { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield SuggestionList(id="suggest-list")  # the empty state is mounted when needed

    def on_mount(self) -> None:
        self.border_title = "Suggested next"

    def show(self, suggestions: Sequence[SuggestionLike], library: Library) -> list[str]:
        """Show the first three suggestions whose entries exist; returns their ids."""
        shown = [s for s in suggestions if library.get(s.entry_id) is not None][:3]
        options = []
        for number, s in enumerate(shown, 1):
            entry = library.get(s.entry_id)
            assert entry is not None
            line = Content.assemble(f"{number}. ", (entry.title, "bold"), (f" - {s.reason}", "dim"))
            options.append(Option(line, id=s.entry_id))
        listing = self.query_one(SuggestionList)
        listing.set_options(options)
        listing.display = bool(options)
        empty = self.query("#suggest-empty")
        if empty:
            empty.first().display = not options
        elif not options:
            self.mount(Static(EMPTY, id="suggest-empty"))
        if options:
            listing.highlighted = 0
        return [s.entry_id for s in shown]
