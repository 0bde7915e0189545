"""A caution shown on its own screen before an exercise starts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.ui.text import literal
from coach.ui.widgets.preview import markdown_content


class CautionScreen(ModalScreen[bool]):
    """Dismisses True to start, False to go back."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Not now"), Binding("enter", "dismiss(True)", "Start")]
    DEFAULT_CSS = """
    CautionScreen { align: center middle; }
    CautionScreen #box { width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $warning; background: $panel; padding: 0 1; }
    CautionScreen #title { text-style: bold; color: $warning; height: auto; }
    CautionScreen VerticalScroll { height: auto; max-height: 60vh; }
    CautionScreen #caution-text { margin: 0 0 1 0; }
    CautionScreen #buttons { height: auto; align-horizontal: right; }
    CautionScreen Button { margin-left: 2; }
    """

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static(Content("Before you start: ") + literal(self.title_text), id="title")
            with VerticalScroll():
                yield Static(markdown_content(self.text), id="caution-text")
            with Horizontal(id="buttons"):
                yield Button("Not now", id="no")
                yield Button("Start", id="yes", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
