"""An OptionList of library entries: a click highlights, a double click (or Enter) starts."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import OptionList


class EntryOptions(OptionList):
    """Options whose ids are entry ids; selecting one means "start it"."""

    BINDINGS = [Binding("enter", "select", "Start")]

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # the base class would select (start) on a single click
        clicked = event.style.meta.get("option")
        if clicked is None or self.get_option_at_index(clicked).disabled:
            return
        self.highlighted = clicked
        if event.chain >= 2:
            self.action_select()

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None and not option.disabled else None
