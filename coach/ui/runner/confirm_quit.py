"""Asks before stopping an exercise; what was done so far is kept either way."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.ui.widgets.footer import CoachFooter


class ConfirmQuit(ModalScreen[bool | str]):
    """Dismisses True to stop, False to keep going, or "break" for a break instead (offered in
    runs for two: also where b types into a text box)."""

    BINDINGS = [
        Binding("escape,n", "dismiss(False)", "Keep going"),
        Binding("y", "dismiss(True)", "Stop"),
        Binding("ctrl+c", "dismiss(True)", "Stop", show=False),
        Binding("b", "take_break", "Take a break"),
    ]
    DEFAULT_CSS = """
    ConfirmQuit { align: center middle; }
    ConfirmQuit.-for-two #box { width: 62; }
    ConfirmQuit #box { width: 46; max-width: 100%; height: auto; border: round $accent;
        background: $panel; padding: 0 1; }
    ConfirmQuit #question { text-style: bold; height: auto; }
    ConfirmQuit #buttons { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmQuit Button { margin-left: 1; }
    """

    def __init__(self, can_break: bool = False) -> None:
        super().__init__(classes="-for-two" if can_break else None)
        self.can_break = can_break

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static("Stop this exercise?", id="question")
            yield Static("What you have done so far is kept in your history.")
            with Horizontal(id="buttons"):
                if self.can_break:
                    yield Button("Take a break", id="break")
                yield Button("Keep going", id="no", variant="primary")
                yield Button("Stop", id="yes")
        # Its own key bar: the runner's, below, names keys that do something else here (esc).
        yield CoachFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_break if action == "take_break" else True

    def action_take_break(self) -> None:
        self.dismiss("break")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss("break" if event.button.id == "break" else event.button.id == "yes")
