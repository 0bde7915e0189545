"""Asks for the two names before a two-person exercise (the last ones used are filled in)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from coach.ui.text import strip_unsafe

MAX_NAME = 30


class NamesDialog(ModalScreen[tuple[str, str] | None]):
    """Dismisses (a, b), or None when the person goes back."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back")]
    DEFAULT_CSS = """
    NamesDialog { align: center middle; }
    NamesDialog #box { width: 60; max-width: 100%; height: auto; border: round $accent;
        background: $panel; padding: 0 1; }
    NamesDialog #title { text-style: bold; height: auto; }
    NamesDialog Label { margin-top: 1; }
    NamesDialog #error { color: $error; height: auto; }
    NamesDialog #buttons { height: auto; align-horizontal: right; }
    """

    def __init__(self, a: str = "", b: str = "") -> None:
        super().__init__()
        self.defaults = (strip_unsafe(a), strip_unsafe(b))  # from the settings file

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static("This exercise is for two. Who is taking part?", id="title")
            yield Label("First person (speaks first)")
            yield Input(self.defaults[0], placeholder="a name", max_length=MAX_NAME, id="a")
            yield Label("Second person")
            yield Input(self.defaults[1], placeholder="a name", max_length=MAX_NAME, id="b")
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button("Start", id="start", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#a", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "a":
            self.query_one("#b", Input).focus()
        else:
            self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._submit()

    def _submit(self) -> None:
        # A pasted control, bidi or zero-width character is dropped: names are shown as text.
        a = strip_unsafe(self.query_one("#a", Input).value).strip()
        b = strip_unsafe(self.query_one("#b", Input).value).strip()
        if not a or not b:
            self.query_one("#error", Static).update("Please write both names (a first name is enough).")
            self.query_one("#a" if not a else "#b", Input).focus()
            return
        if a.casefold() == b.casefold():
            self.query_one("#error", Static).update("The two names need to differ, so prompts are clear.")
            self.query_one("#b", Input).focus()
            return
        self.dismiss((a, b))
