"""The library grouped by kind, narrowed by the filter text."""

from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option

from coach.core.browse import filter_groups, kind_title
from coach.core.model import Entry, format_duration
from coach.ui.text import literal
from coach.ui.widgets.entry_options import EntryOptions


def entry_prompt(entry: Entry) -> Content:
    """One line: length, title and 'for two' (the line is cut with … when narrow)."""
    who = " (for two)" if entry.participants == 2 else ""
    return Content.assemble((f"{format_duration(entry.seconds):<6}  ", "dim"), literal(entry.title),
                            (who, "dim"))


class LibraryList(EntryOptions):
    """Kind headings (not selectable) with the entries of each kind below."""

    DEFAULT_CSS = """
    LibraryList, LibraryList:focus { border: none; padding: 0 1 0 0; background: $surface;
                                     text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, groups: dict[str, list[Entry]], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.groups = groups
        self.query_text = ""

    def on_mount(self) -> None:
        self.show_filtered("")

    def show_filtered(self, query: str) -> int:
        """Show entries matching ``query``; keeps the highlighted entry when it still shows.

        Returns how many entries are shown."""
        keep = self.highlighted_id
        self.query_text = query
        options: list[Option | None] = []
        shown = 0
        for kind, entries in filter_groups(self.groups, query).items():
            options.append(Option(literal(kind_title(kind), "b"), disabled=True))
            for entry in entries:
                options.append(Option(entry_prompt(entry), id=entry.id))
                shown += 1
        self.set_options(options)
        ids = [o.id for o in self._options]
        if keep is not None and keep in ids:
            self.highlighted = ids.index(keep)
        elif shown:
            self.highlighted = next(i for i, o in enumerate(self._options) if not o.disabled)
        return shown
