"""The "Suggested next" list: up to three entries, each with its reason."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets.option_list import Option

from coach.core.library import Library
from coach.core.suggest import Suggestion
from coach.ui.text import literal
from coach.ui.widgets.entry_options import EntryOptions

EMPTY = "Suggestions appear after your first practice."


class SuggestionList(EntryOptions):
    """Suggestions, or one line saying there are none yet. Border and title included: one
    widget rather than a panel around a list, which the home screen's first frame waits for."""

    DEFAULT_CSS = """
    SuggestionList, SuggestionList:focus { height: auto; max-height: 5; padding: 0 1;
                                           border: round $primary 60%; border-title-color: $text-primary;
                                           background: $surface; text-wrap: nowrap; text-overflow: ellipsis; }
    SuggestionList > .option-list--option-disabled { color: $text-muted; }
    """

    def on_mount(self) -> None:
        self.border_title = "Suggested next"

    def show(self, suggestions: Sequence[Suggestion], library: Library) -> list[str]:
        """Show the first three suggestions whose entries exist; returns their ids."""
        shown = [s for s in suggestions if library.get(s.entry_id) is not None][:3]
        options = []
        for number, s in enumerate(shown, 1):
            entry = library.get(s.entry_id)
            assert entry is not None
            line = Content.assemble(f"{number}. ", literal(entry.title, "bold"),
                                    literal(f" - {s.reason}"))  # no 'dim': highlighted, it fails AA
            options.append(Option(line, id=s.entry_id))
        self.set_options(options or [Option(EMPTY, disabled=True)])
        self.can_focus = bool(options)  # nothing to pick in the empty state
        if options:
            self.highlighted = 0
        return [s.entry_id for s in shown]
