"""Specific feeling words: space (or a click) picks, typing filters, Enter confirms."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from coach.core.feelings import Vocabulary
from coach.ui.text import literal

Pair = tuple[str, str]
"""(core, word)"""


class WordList(SelectionList[Pair]):
    BINDINGS = [Binding("enter", "confirm", "Done", show=False)]

    class Confirmed(Message):
        pass

    class FilterChanged(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Back(Message):
        """Backspace with an empty filter: choose another core feeling."""

    def __init__(self, vocabulary: Vocabulary, core: str, max_words: int, id: str | None = None) -> None:
        super().__init__(id=id)
        self.vocabulary, self.core, self.max_words = vocabulary, core, max_words
        self.filter = ""
        self.picked: list[Pair] = []

    def choose_core(self, core: str) -> None:
        """Show the words of ``core`` (a new choice keeps words already picked)."""
        self.core = core
        self.filter = ""
        self.post_message(self.FilterChanged(""))
        self._rebuild()

    def pairs(self) -> list[Pair]:
        """The core's own words first; a filter also finds words under other cores."""
        core = self.vocabulary.core(self.core)
        own = [(self.core, w) for w in (core.words if core else ())]
        if not self.filter:
            return own
        q = self.filter.lower()
        mine = [p for p in own if q in p[1]]
        others = [p for p in self.vocabulary.search(q) if p[0] != self.core and p not in mine]
        seen = {p[1] for p in mine}
        return mine + [p for p in others if not (p[1] in seen or seen.add(p[1]))]  # type: ignore[func-returns-value]

    def _rebuild(self) -> None:
        self.clear_options()
        shown = self.pairs()
        for p in self.picked:
            if p not in shown:
                shown.append(p)
        self.add_options([
            Selection(literal(w if c == self.core else f"{w}  ({c})"), (c, w), (c, w) in self.picked)
            for c, w in shown
        ])
        if shown:
            self.highlighted = 0

    @staticmethod
    def filters(character: str | None) -> bool:
        """Whether a typed character goes into the filter: letters, a hyphen or an apostrophe
        (what feeling words are made of). Anything else (?, digits, space) keeps its key."""
        return character is not None and len(character) == 1 and (
            character.isalpha() or character in "-'")

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        """Letters are typed into the filter: the key bar leaves out keys they would shadow."""
        return key == "backspace" or self.filters(character)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Left and right are not for scrolling here: they stay the runner's back and skip."""
        if action in ("scroll_left", "scroll_right"):
            return False
        return super().check_action(action, parameters)

    def on_key(self, event: events.Key) -> None:
        if event.key == "backspace":
            event.stop()
            if self.filter:
                self._set_filter(self.filter[:-1])
            else:
                self.post_message(self.Back())
        elif self.filters(event.character):
            event.stop()
            self._set_filter(self.filter + (event.character or ""))

    def _set_filter(self, text: str) -> None:
        self.filter = text
        self._rebuild()
        self.post_message(self.FilterChanged(text))

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled[Pair]) -> None:
        event.stop()
        value = event.selection.value
        if value in self.picked:
            self.picked.remove(value)
        elif len(self.picked) >= self.max_words:
            self.deselect(value)
            self.notify(f"Up to {self.max_words} words; unpick one first.", timeout=3, markup=False)
        else:
            self.picked.append(value)

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed())
