"""The home screen: suggestions, the library grouped by kind, and a preview."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from coach.core.model import Entry
from coach.ui.text import literal
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.header import CoachHeader
from coach.ui.widgets.library_list import LibraryList
from coach.ui.widgets.preview import Preview
from coach.ui.widgets.suggestions import SuggestionList

if TYPE_CHECKING:
    from coach.ui.app import CoachApp

FILTER_HINT = "/ filter: title, tag, kind, context"
QUICK_BREATHING = "cyclic-sighing"
"""Started by 'b': cyclic sighing for the settings' breathing length (two minutes by default),
opening straight on the pacer - the "two minutes before a hard talk" path."""


def load_suggestions(app: CoachApp) -> list[Any]:
    """Suggestions from coach.core.suggest when it exists, else none (the empty state)."""
    try:
        from coach.core.suggest import suggest  # type: ignore[import-not-found]
    except ImportError:
        return []
    ctx = app.ctx
    return list(suggest(ctx.library, ctx.history_runs(), ctx.clock.now()))


def quick_breathing_id(app: CoachApp) -> str | None:
    """The quick breathing exercise, or the shortest breathing exercise if it is missing."""
    library = app.ctx.library
    if library.get(QUICK_BREATHING) is not None:
        return QUICK_BREATHING
    breathing = sorted((e for e in library.exercises() if e.kind == "breathing"), key=lambda e: e.seconds)
    return breathing[0].id if breathing else None


class HomeScreen(Screen[None]):
    """Where ``coach`` opens. The preview folds away on narrow terminals."""

    AUTO_FOCUS = "#library"  # not the first focusable (suggestions): one focus change fewer
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-medium"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (18, "-tall")]
    BINDINGS = [
        Binding("slash", "filter", "Filter"),
        Binding("enter", "start", "Start"),
        Binding("s", "suggested", "Suggested"),
        Binding("b", "breathe", "Breathe"),
        Binding("h", "history", "History"),
        Binding("comma", "settings", "Settings", key_display=","),
        Binding("q", "app.quit", "Quit", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]
    DEFAULT_CSS = """
    HomeScreen { layout: vertical; background: $background; }
    HomeScreen #browse { height: 1fr; }
    HomeScreen #library-pane { width: 40; border: round $primary 40%; border-title-color: $text-primary;
                              background: $surface; }
    HomeScreen.-wide #library-pane { width: 56; }
    HomeScreen.-narrow #library-pane { width: 1fr; }
    HomeScreen.-narrow #preview { display: none; }
    HomeScreen.-short SuggestionList { display: none; }
    HomeScreen #filter, HomeScreen #filter-hint { border: none; height: 1; padding: 0 1;
                                                  background: $boost; }
    HomeScreen #filter-hint { color: $text-disabled; pointer: text; }
    HomeScreen #filter-hint:ansi { color: ansi_default; text-style: dim; }
    HomeScreen #filter:focus { background: $primary 20%; }
    HomeScreen #no-match { color: $text-muted; padding: 1 1; }
    HomeScreen #preview { width: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.suggested_ids: list[str] = []
        self._resumed = False

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def compose(self) -> ComposeResult:
        self._preset_breakpoints()
        yield CoachHeader()
        yield SuggestionList(id="suggest-list")
        with Horizontal(id="browse"):
            with Vertical(id="library-pane"):
                # Looks like the empty filter box; the Input takes its place when first needed
                # (an Input costs start-up time, and most starts never filter).
                yield Static(FILTER_HINT, id="filter-hint")
                yield LibraryList(self.coach.ctx.library.by_kind(), id="library")
                # "#no-match" is mounted when a filter first matches nothing
            yield Preview(id="preview")
        yield CoachFooter(compact=True)

    def _preset_breakpoints(self) -> None:
        """Set the size classes before the first layout. Textual sets them on the screen's
        first Resize, after a first layout at the wrong size classes (one more restyle and
        layout before the first frame)."""
        width, height = self.app.size
        for dimension, breakpoints in ((width, self.HORIZONTAL_BREAKPOINTS),
                                       (height, self.VERTICAL_BREAKPOINTS)):
            reached = [name for threshold, name in sorted(breakpoints) if dimension >= threshold]
            if reached:
                self.add_class(reached[-1])

    def on_mount(self) -> None:
        self.query_one("#library-pane").border_title = "Library"

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Shown first, or back from an exercise, history or settings: history and names may
        have changed. (Textual's own Screen handler runs right after this one.)"""
        if not self._resumed:
            # The first resume comes straight after the mount, which styled every widget:
            # Textual's restyle of the whole screen would only repeat that work.
            self._resumed = True
            event.refresh_styles = False
        self.refresh_data()

    def refresh_data(self) -> None:
        self.suggested_ids = self.query_one(SuggestionList).show(
            load_suggestions(self.coach), self.coach.ctx.library)
        self.show_preview(self.query_one(LibraryList).highlighted_id)

    # -- preview -----------------------------------------------------------------------
    def show_preview(self, entry_id: str | None) -> None:
        ctx = self.coach.ctx
        entry: Entry | None = ctx.library.get(entry_id) if entry_id else None
        self.query_one(Preview).show(entry, ctx.history_runs(), ctx.clock.now(),
                                     ctx.settings.partner_a, ctx.settings.partner_b)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_preview(event.option.id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.coach.start_entry(event.option.id)

    # -- filter ------------------------------------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        listing = self.query_one(LibraryList)
        shown = listing.show_filtered(event.value)
        listing.display = bool(shown)
        found = self.query("#no-match")
        message = literal(f"Nothing matches '{event.value.strip()}'.\nEscape clears the filter.")
        if found:
            found.first(Static).display = not shown
            if not shown:
                found.first(Static).update(message)
        elif not shown:
            self.query_one("#library-pane").mount(Static(message, id="no-match"))
        self.show_preview(listing.highlighted_id)

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
    async def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "filter-hint":
            await self.action_filter()

    async def action_filter(self) -> None:
        (await self._filter_field()).focus()

    async def _filter_field(self) -> Input:
        """The filter box, in place of its hint line from the first time it is needed."""
        found = self.query("#filter")
        if found:
            return found.first(Input)
        field = Input(placeholder=FILTER_HINT, id="filter")
        hint = self.query_one("#filter-hint")
        await self.query_one("#library-pane").mount(field, before=hint)
        await hint.remove()
        return field

    def action_clear_filter(self) -> None:
        found = self.query("#filter")
        if found:
            found.first(Input).value = ""
        self.query_one(LibraryList).focus()

    def action_start(self) -> None:
        """Start the highlighted entry of the focused list (the library by default)."""
        focused = self.focused
        listing = focused if isinstance(focused, SuggestionList) else self.query_one(LibraryList)
        entry_id = listing.highlighted_id
        if entry_id and listing.display:
            self.coach.start_entry(entry_id)

    def action_suggested(self) -> None:
        if self.suggested_ids:
            self.coach.start_entry(self.suggested_ids[0])
        else:
            self.notify("No suggestions yet: pick anything from the library to begin.", markup=False)

    def action_breathe(self) -> None:
        entry_id = quick_breathing_id(self.coach)
        if entry_id:
            self.coach.start_entry(entry_id, breathing_minutes=self.coach.ctx.settings.breathing_minutes)
        else:
            self.notify("There is no breathing exercise in the library.", severity="warning", markup=False)

    def action_history(self) -> None:
        self.coach.show_history()

    def action_settings(self) -> None:
        self.coach.show_settings()
