"""What start-up had to skip or correct, one problem a line, each exactly as found."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.ui.text import literal

INTRO = ("coach skipped these files, or used the default for these settings, and carries on "
         "without them. 'coach validate FILE' explains an exercise file's problems in full.")


class ProblemsScreen(ModalScreen[None]):
    """A read-only list; Escape, q, Enter or a click outside close it."""

    BINDINGS = [Binding("escape,q,enter", "close", "Close")]
    DEFAULT_CSS = """
    ProblemsScreen { align: center middle; background: $background 60%; }
    ProblemsScreen > #problems-box { width: 100%; max-width: 140; height: auto; max-height: 100%;
                                     border: round $warning; border-title-color: $text-warning;
                                     background: $surface; padding: 0 1; }
    ProblemsScreen #problems-intro { color: $text-muted; margin: 0 0 1 0; }
    ProblemsScreen .problem { padding: 0 0 0 2; }
    """

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problems-box"):
            yield Static(INTRO, id="problems-intro")
            for problem in self.problems:
                yield Static(literal(problem), classes="problem")

    def on_mount(self) -> None:
        box = self.query_one("#problems-box")
        box.border_title = f"Start-up problems ({len(self.problems)})"
        box.focus()  # arrows and PgUp/PgDn scroll a long list
        self.app.clear_notifications()  # the notice that sent the person here would cover the list

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # the dimmed background around the box
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
