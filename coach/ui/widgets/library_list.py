"""The library grouped by kind, narrowed by the filter text."""

from __future__ import annotations

from rich.table import Table
from textual.widgets.option_list import Option

from coach.core.browse import filter_groups, kind_title
from coach.core.model import Entry, format_duration
from coach.ui.widgets.entry_options import EntryOptions


def entry_prompt(entry: Entry) -> Table:
    """One line: the title (cut with … when narrow) and, on the right, length and 'for two'."""
    who = "for two, " if entry.participants == 2 else ""
    row = Table.grid(expand=True, padding=(0, 0, 0, 1))
    row.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    row.add_column(justify="right", no_wrap=True, style="dim")
    row.add_row(" " + entry.title, f"{who}{format_duration(entry.seconds)}")
    return row


class LibraryList(EntryOptions):
    """Kind headings (not selectable) with the entries of each kind below."""

    DEFAULT_CSS = """
    LibraryList, LibraryList:focus { border: none; padding: 0 1 0 0; background: $surface; }
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
            options.append(Option(f"[b]{kind_title(kind)}[/b]", disabled=True))
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
