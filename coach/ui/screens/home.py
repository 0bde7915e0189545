"""The home screen: suggestions, the library grouped by kind, and a preview."""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static

from coach.core.browse import help_guide_id
from coach.core.library import Library
from coach.core.model import Entry
from coach.ui.base import CoachScreen
from coach.ui.messages import Open, StartEntry
from coach.ui.text import literal
from coach.ui.widgets.entry_options import EntryOptions
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.header import CoachHeader
from coach.ui.widgets.library_list import LIBRARY_CHROME, LibraryList
from coach.ui.widgets.preview import Preview
from coach.ui.widgets.suggestions import SuggestionList

FILTER_HINT = "/ filter: words, kind, feeling"
NARROW = 72
"""Below this many columns the preview folds away and the library takes the width."""
LIBRARY_MIN = 40
"""The library's width at least; it widens to show long titles whole up to half the screen
(and a little), so the preview keeps room too: at 120 columns and more every title is whole."""
QUICK_BREATHING = "cyclic-sighing"
"""Started by 'b': cyclic sighing for the settings' breathing length (two minutes by default),
opening straight on the pacer - the "two minutes before a hard talk" path."""


def quick_breathing_id(library: Library) -> str | None:
    """The quick breathing exercise, or the shortest breathing exercise if it is missing."""
    if library.get(QUICK_BREATHING) is not None:
        return QUICK_BREATHING
    breathing = sorted((e for e in library.exercises() if e.kind == "breathing"), key=lambda e: e.seconds)
    return breathing[0].id if breathing else None


class HomeScreen(CoachScreen[None]):
    """Where ``coach`` opens. The preview folds away on narrow terminals."""

    AUTO_FOCUS = "#library"  # not the first focusable (suggestions): one focus change fewer
    SUB_TITLE = "Home"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-medium")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (18, "-tall")]
    BINDINGS = [
        Binding("slash", "filter", "Filter"),
        Binding("enter", "start", "Start"),
        Binding("s", "suggested", "Suggested"),
        Binding("b", "breathe", "Breathe"),
        Binding("h", "history", "History"),
        Binding("comma", "settings", "Settings", key_display=","),
        Binding("g", "get_help", "Get help"),
        Binding("p", "app.open('problems')", "Problems"),
        Binding("pagedown", "preview(1)", "Scroll the preview down", key_display="PgDn", show=False,
                priority=True),
        Binding("pageup", "preview(-1)", "Scroll the preview up", key_display="PgUp", show=False,
                priority=True),
        Binding("q,ctrl+c", "app.quit", "Quit", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]
    DEFAULT_CSS = """
    HomeScreen { layout: vertical; background: $background; }
    HomeScreen #browse { height: 1fr; }
    HomeScreen #library-pane { width: 40; border: round $primary 40%; border-title-color: $text-primary;
                              background: $surface; }
    HomeScreen.-narrow #preview { display: none; }
    HomeScreen.-short SuggestionList { display: none; }
    HomeScreen #filter { border: none; height: 1; padding: 0 1; background: $boost; }
    HomeScreen #filter:focus { background: $primary 20%; }
    HomeScreen #no-match { color: $text-muted; padding: 1 1; display: none; }
    HomeScreen #preview { width: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.suggested_ids: list[str] = []
        self._left = False
        """Covered by a full screen (an exercise, history, settings) rather than a modal."""

    def compose(self) -> ComposeResult:
        yield CoachHeader()
        yield SuggestionList(id="suggest-list")
        with Horizontal(id="browse"):
            with Vertical(id="library-pane"):
                yield Input(placeholder=FILTER_HINT, id="filter", compact=True)
                yield LibraryList(self.ctx.library.by_kind(), id="library")
                yield Static(id="no-match")
            yield Preview(id="preview")
        yield CoachFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#library-pane").border_title = "Library"
        self._fit_library()

    def on_screen_suspend(self) -> None:
        # Posted once the new screen is on the stack: a modal (help, the palette) is a look
        # aside; a full screen (an exercise, history, settings) is leaving.
        self._left = not isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        """Shown first, or back from an exercise, history or settings: history and names may
        have changed. Back from a full screen, the filter is cleared and the library has the
        keys again, so home keys never type into an old query."""
        if self._left:
            self._left = False
            self.query_one("#filter", Input).value = ""
            self._show_matches("")
            self.query_one(LibraryList).focus()
        self.refresh_data()

    def refresh_data(self) -> None:
        self.suggested_ids = self.query_one(SuggestionList).show(self.ctx.suggestions(), self.ctx.library)
        self.sync_preview()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_library()
        self.sync_preview()

    def _fit_library(self) -> None:
        """Wide enough for every title while the preview keeps room; all of it when narrow."""
        width = self.size.width
        pane = self.query_one("#library-pane")
        if width < NARROW:
            pane.styles.width = "1fr"
            return
        needed = self.query_one(LibraryList).widest + LIBRARY_CHROME
        pane.styles.width = max(LIBRARY_MIN, min(needed, width // 2 + 2))

    # -- preview -----------------------------------------------------------------------
    def target(self) -> EntryOptions:
        """The list whose highlighted row Enter would start: the focused list, else the library."""
        focused = self.focused
        return focused if isinstance(focused, SuggestionList) else self.query_one(LibraryList)

    def sync_preview(self) -> None:
        """Describe the row Enter would start (nothing when the filter hides every row)."""
        listing = self.target()
        self.show_preview(listing.highlighted_id if listing.display else None)

    def show_preview(self, entry_id: str | None) -> None:
        ctx = self.ctx
        entry: Entry | None = ctx.library.get(entry_id) if entry_id else None
        self.query_one(Preview).show(entry, ctx.history_runs(), ctx.clock.now(),
                                     ctx.settings.partner_a, ctx.settings.partner_b)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self.sync_preview()

    def on_descendant_focus(self) -> None:
        self.sync_preview()

    def action_preview(self, pages: int) -> None:
        """PgUp/PgDn scroll the preview while the list keeps the keys; with the preview folded
        away they page the focused list as usual."""
        preview = self.query_one(Preview)
        if preview.display and preview.size.width:
            if pages > 0:
                preview.scroll_page_down(animate=False)
            else:
                preview.scroll_page_up(animate=False)
            return
        listing = self.target()
        listing.action_page_down() if pages > 0 else listing.action_page_up()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(StartEntry(event.option.id))

    # -- filter ------------------------------------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._show_matches(event.value)

    def _show_matches(self, query: str) -> None:
        listing = self.query_one(LibraryList)
        shown = listing.show_filtered(query)
        listing.display = bool(shown)
        no_match = self.query_one("#no-match", Static)
        no_match.display = not shown
        if not shown:
            no_match.update(literal(f"Nothing matches '{query.strip()}'.\nEscape clears the filter."))
        self.sync_preview()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.action_start()

    def on_key(self, event: Any) -> None:
        """Up and down from the filter move through the list without leaving the filter."""
        if self.focused is not None and self.focused.id == "filter" and event.key in ("down", "up"):
            listing = self.query_one(LibraryList)
            listing.action_cursor_down() if event.key == "down" else listing.action_cursor_up()
            event.stop()

    # -- actions -----------------------------------------------------------------------
    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_one(LibraryList).focus()

    def action_start(self) -> None:
        """Start the highlighted entry of the focused list (the library by default)."""
        listing = self.target()
        entry_id = listing.highlighted_id
        if entry_id and listing.display:
            self.post_message(StartEntry(entry_id))

    def action_suggested(self) -> None:
        if self.suggested_ids:
            self.post_message(StartEntry(self.suggested_ids[0]))
        else:
            self.notify("No suggestions yet: pick anything from the library to begin.", markup=False)

    def action_breathe(self) -> None:
        entry_id = quick_breathing_id(self.ctx.library)
        if entry_id:
            self.post_message(StartEntry(entry_id, self.ctx.settings.breathing_minutes))
        else:
            self.notify("There is no breathing exercise in the library.", severity="warning", markup=False)

    def action_get_help(self) -> None:
        """The guide on when and where to look for more help, one key from home."""
        entry_id = help_guide_id(self.ctx.library)
        if entry_id:
            self.post_message(StartEntry(entry_id))
        else:
            self.notify("The guide 'When to look for more help' is not in the library.",
                        severity="warning", markup=False)

    def action_history(self) -> None:
        self.post_message(Open("history"))

    def action_settings(self) -> None:
        self.post_message(Open("settings"))
