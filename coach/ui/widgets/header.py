"""The title bar at the top of a screen: one widget instead of Textual's four-widget Header.

It looks like Textual's Header (icon on the left, "title — sub-title" centred) and clicking
the icon opens the command palette, but it draws itself in one pass: Header sets its title
after mounting, which costs the first frame an extra layout.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8
"""Columns kept for the icon on the left; the same number is kept free on the right so the
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
        """The screen's title and sub-title (the app's when the screen has none)."""
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> Content:
        width = self.size.width
        icon = Content(f" {ICON}".ljust(ICON_WIDTH) if self.app.ENABLE_COMMAND_PALETTE else " " * ICON_WIDTH)
        middle = max(0, width - ICON_WIDTH - RIGHT_WIDTH)
        title = self.title_content().truncate(middle, ellipsis=True)
        left = (middle - title.cell_length) // 2
        return Content.assemble(icon, " " * left, title, " " * (middle - left - title.cell_length))

    def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            self.app.action_command_palette()
