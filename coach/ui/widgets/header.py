"""The title bar at the top of a screen: one widget instead of Textual's four-widget Header.

It looks like Textual's Header (icon on the left, "title — sub-title" centred) and clicking
the icon opens the command palette, but it draws itself in one pass: Header sets its title
after mounting, which costs the first frame an extra layout.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

from coach.ui.text import literal

MENU = "≡ Menu"
"""On the left: clicking it opens the command palette (ctrl+p), where everything is."""
ICON_WIDTH = 8
"""Columns kept for the menu on the left; about as many are kept free on the right so the
title is centred on the screen, as Textual's Header does (it reserves a clock's width)."""
RIGHT_WIDTH = 10


class CoachHeader(Widget, can_focus=False):
    DEFAULT_CSS = """
    CoachHeader {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
    }
    """

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def title_content(self) -> Content:
        """'title — sub-title' of the screen (the app's when the screen has none); not dimmed
        as Textual's format_title does (dim fails WCAG AA on the light themes' panel)."""
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return literal(f"{title} — {sub_title}" if sub_title else title)

    def render(self) -> Content:
        """Menu, then the title centred; where it does not fit, the title moves right into the
        free space, then the sub-title is left out: never cut mid-word."""
        width = self.size.width
        icon = Content(f" {MENU}".ljust(ICON_WIDTH) if self.app.ENABLE_COMMAND_PALETTE else " " * ICON_WIDTH)
        full = self.title_content()
        middle = max(0, width - ICON_WIDTH - RIGHT_WIDTH)
        if full.cell_length > middle:
            middle = max(0, width - ICON_WIDTH - 1)
        title = full
        if title.cell_length > middle:
            screen, app = self.screen, self.app
            title = Content(screen.title if screen.title is not None else app.title)
        title = title.truncate(middle, ellipsis=True)
        left = (middle - title.cell_length) // 2
        right = width - ICON_WIDTH - left - title.cell_length
        return Content.assemble(icon, " " * left, title, " " * right)

    def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            self.app.action_command_palette()
