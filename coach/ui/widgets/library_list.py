"""The library grouped by kind, narrowed by the filter text."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets.option_list import Option

from coach.core.browse import filter_groups, kind_title
from coach.core.model import Entry, format_duration
from coach.ui.text import literal
from coach.ui.widgets.entry_options import EntryOptions

FOR_TWO = " (for two)"
LIBRARY_CHROME = 4
"""Columns around the lines: the pane's border (2), the list's right padding and scrollbar."""


def entry_prompt(entry: Entry, width: int | None = None) -> Content:
    """One line: length, title and '(for two)'. When ``width`` is too small for all of it
    the title is cut with …, never the '(for two)'."""
    who = FOR_TWO if entry.participants == 2 else ""
    length = f"{format_duration(entry.seconds):<6} "
    title = literal(entry.title)
    if width is not None:
        room = width - len(length) - len(who)
        if title.cell_length > room:
            title = title.truncate(max(1, room), ellipsis=True)
    return Content.assemble(length, title, who)  # no 'dim': on a highlighted row it fails AA


class LibraryList(EntryOptions):
    """Kind headings (not selectable) with the entries of each kind below."""

    DEFAULT_CSS = """
    LibraryList, LibraryList:focus { border: none; padding: 0 1 0 0; background: $surface;
                                     text-wrap: nowrap; text-overflow: ellipsis;
                                     scrollbar-size-vertical: 1; }
    LibraryList > .option-list--option-disabled { color: $text-primary; text-style: bold; }
    """

    def __init__(self, groups: dict[str, list[Entry]], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.groups = groups
        self.query_text = ""
        self._fits: int | None = None
        """The width prompts were cut to (None: whole)."""
        lines = [entry_prompt(e).cell_length for entries in groups.values() for e in entries]
        lines += [len(kind_title(kind)) for kind in groups]
        self.widest = max(lines, default=0)
        """Cells of the longest line, uncut (headings included)."""

    def on_mount(self) -> None:
        self.show_filtered("")

    def on_resize(self, event: events.Resize) -> None:
        fits = self.scrollable_content_region.width or None
        if fits is not None and fits >= self.widest:
            fits = None
        if fits != self._fits:
            self._fits = fits
            self.show_filtered(self.query_text)

    def show_filtered(self, query: str) -> int:
        """Show entries matching ``query``; keeps the highlighted entry when it still shows.

        Returns how many entries are shown."""
        keep = self.highlighted_id
        self.query_text = query
        options: list[Option | None] = []
        shown = 0
        for kind, entries in filter_groups(self.groups, query).items():
            options.append(Option(literal(kind_title(kind)), disabled=True))
            for entry in entries:
                options.append(Option(entry_prompt(entry, self._fits), id=entry.id))
                shown += 1
        self.set_options(options)
        ids = [o.id for o in self.options]
        if keep is not None and keep in ids:
            self.highlighted = ids.index(keep)
        elif shown:
            self.highlighted = next(i for i, o in enumerate(self.options) if not o.disabled)
        return shown
