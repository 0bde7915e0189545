"""Welcome back: a run that stopped for a break can be picked up where it stopped, once both
say they feel calm enough (see coach.core.together)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from coach.core.breaks import calm_enough
from coach.core.together import Resume
from coach.ui.base import CoachModal
from coach.ui.runner.break_screen import NOT_YET
from coach.ui.runner.calm_check import CalmCheck
from coach.ui.text import literal


class PickUpDialog(CoachModal[str | None]):
    """Dismisses "pick_up" (both calm enough), "restart" (from the beginning), "not_yet", or
    None (back)."""

    BINDINGS = [
        Binding("s", "restart", "Start from the beginning"),
        Binding("escape", "dismiss(None)", "Back"),
        Binding("enter,escape", "not_yet", "Close", show=False),
    ]
    DEFAULT_CSS = """
    PickUpDialog { align: center middle; }
    PickUpDialog #box { width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1; overflow-y: auto; }
    PickUpDialog #keys { height: auto; margin-top: 1; color: $text-muted; }
    PickUpDialog #check { height: auto; }
    PickUpDialog #title { text-style: bold; color: $accent; height: auto; }
    PickUpDialog .text { height: auto; margin-top: 1; }
    """

    def __init__(self, point: Resume, title: str, names: tuple[str, str] | None) -> None:
        super().__init__()
        self.point, self.run_title, self.names = point, title, names
        self.declined = False

    def compose(self) -> ComposeResult:
        point = self.point
        when = point.stopped_at.astimezone().strftime("%H:%M")
        where = f"{point.exercise.title}, step {point.step + 1} of {len(point.exercise.steps)}"
        with Vertical(id="box"):
            yield Static("Welcome back", id="title")
            yield Static(literal(f"You stopped for a break at {when} ({where}). Pick up where you "
                                 "stopped, once you both feel calm enough?"), classes="text")
            with Vertical(id="check"):
                yield CalmCheck(self.names)
            yield Static("s starts from the beginning instead; Esc goes back.", id="keys")

    def on_mount(self) -> None:
        self.query_one(CalmCheck).focus_first()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "not_yet":
            return self.declined
        if action in ("restart", "dismiss"):
            return not self.declined
        return True

    def on_calm_check_rated(self, event: CalmCheck.Rated) -> None:
        event.stop()
        if calm_enough(event.first, event.second):
            self.dismiss("pick_up")
        else:
            self._decline("Not calm enough yet for both of you, and that's okay.")

    def on_calm_check_not_yet(self, event: CalmCheck.NotYet) -> None:
        event.stop()
        self._decline("Not yet, and that's okay.")

    def _decline(self, heading: str) -> None:
        self.declined = True
        check = self.query_one("#check", Vertical)
        check.remove_children()
        check.mount(Static(heading, classes="text"),
                    Static(f"{NOT_YET} Come back to it when you are both calm, within a day.",
                           classes="text"))
        self.query_one("#keys", Static).update("Enter closes.")
        self.set_focus(None)
        self.refresh_bindings()

    def action_restart(self) -> None:
        self.dismiss("restart")

    def action_not_yet(self) -> None:
        self.dismiss("not_yet")
