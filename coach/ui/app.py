"""The Textual application: wires the pure core to screens. Keep it thin.

Each feature lives in its own module; the methods below are the only places they meet.
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from coach import __version__
from coach.core.context import Context
from coach.core.runs import RunResult
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
        if self.start:
            self.start_entry(self.start)

    # -- hooks between features ------------------------------------------------------
    def start_entry(self, entry_id: str) -> None:
        """Run an exercise or plan (runner issue)."""
        self.notify(f"Starting '{entry_id}' is not available yet.")

    def record_run(self, result: RunResult) -> None:
        """Store a finished or abandoned run; tell the user in one sentence if that failed."""
        message = self.ctx.record_run(result)
        if message:
            self.notify(message, title="History", severity="warning", timeout=10)

    def show_history(self) -> None:
        """Open the history screen (history issue)."""

    def show_settings(self) -> None:
        """Open the settings screen (home screen issue)."""

    def show_help(self) -> None:
        """Open the help screen (home screen issue)."""
