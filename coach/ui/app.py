"""The Textual application: wires the pure core to screens. Keep it thin."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from coach import __version__
from coach.core.context import Context
from coach.ui.screens.library import LibraryScreen


class CoachApp(App[None]):
    """coach's terminal app. ``start`` opens straight into an exercise or plan."""

    TITLE = "coach"
    SUB_TITLE = f"v{__version__}"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, ctx: Context, start: str | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.start = start

    def on_mount(self) -> None:
        self.push_screen(LibraryScreen())
        if self.ctx.library.problems:
            self.notify(self.ctx.library.skipped_message(), title="Some exercises were skipped",
                        severity="warning", timeout=10)
        for problem in self.ctx.settings_problems:
            self.notify(f"{problem}; using the default.", title="Settings", severity="warning")
