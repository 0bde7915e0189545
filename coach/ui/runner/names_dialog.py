"""Asks for the two names before an exercise for two, and who starts today (the last ones used
are filled in; who starts alternates unless the settings say otherwise). An exercise whose roles
differ says who does what, and ``s`` swaps roles."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from coach.core.together import starts_line
from coach.ui.text import literal, strip_unsafe

MAX_NAME = 30


class NamesDialog(ModalScreen[tuple[str, str, bool] | None]):
    """Dismisses (first name, second name, swapped), or None when the person goes back.
    ``swapped`` gives the second name role a ({a}): the one who starts."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back"), Binding("s", "swap", "Swap")]
    DEFAULT_CSS = """
    NamesDialog { align: center middle; }
    NamesDialog #box { width: 60; max-width: 100%; height: auto; border: round $accent;
        background: $panel; padding: 0 1; }
    NamesDialog #title { text-style: bold; height: auto; margin-bottom: 1; }
    NamesDialog .name-row { height: auto; margin-top: 1; }
    NamesDialog .name-row Label { width: 12; }
    NamesDialog .name-row Input { width: 1fr; }
    NamesDialog #starts { height: auto; margin-top: 1; text-style: bold; color: $accent; }
    NamesDialog #error { color: $error; height: auto; }
    NamesDialog #buttons { height: auto; align-horizontal: right; }
    NamesDialog Button { margin-left: 2; }
    """

    def __init__(self, a: str = "", b: str = "", *, swapped: bool = False,
                 roles: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.defaults = (strip_unsafe(a), strip_unsafe(b))  # from the settings file
        self.swapped = swapped
        self.roles = roles

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static("This exercise is for two. Who is taking part?", id="title")
            for key, label, name in (("a", "One of you", self.defaults[0]),
                                     ("b", "The other", self.defaults[1])):
                with Horizontal(classes="name-row"):
                    yield Label(label)
                    yield Input(name, placeholder="a name", max_length=MAX_NAME, id=key, compact=True)
            yield Static("", id="starts")
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button("Swap roles" if self.roles else "Swap who starts", id="swap")
                yield Button("Start", id="start", variant="primary")

    def on_mount(self) -> None:
        self._show_starts()
        # Names known: Enter starts at once and s swaps; else the names come first.
        self.query_one("#start" if all(self.defaults) else "#a").focus()

    def _names(self) -> tuple[str, str]:
        return (strip_unsafe(self.query_one("#a", Input).value).strip(),
                strip_unsafe(self.query_one("#b", Input).value).strip())

    def _show_starts(self) -> None:
        self.query_one("#starts", Static).update(literal(starts_line(*self._names(), self.swapped,
                                                                     self.roles)))

    def on_input_changed(self, event: Input.Changed) -> None:
        cleaned = strip_unsafe(event.value)  # a pasted control or bidi character goes at once
        if cleaned != event.value:
            event.input.value = cleaned
            return
        self._show_starts()

    def action_swap(self) -> None:
        self.swapped = not self.swapped
        self._show_starts()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "a":
            self.query_one("#b", Input).focus()
        else:
            self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "swap":
            self.action_swap()
        else:
            self._submit()

    def _submit(self) -> None:
        # A pasted control, bidi or zero-width character is dropped: names are shown as text.
        a, b = self._names()
        if not a or not b:
            self.query_one("#error", Static).update("Please write both names (a first name is enough).")
            self.query_one("#a" if not a else "#b", Input).focus()
            return
        if a.casefold() == b.casefold():
            self.query_one("#error", Static).update("The two names need to differ, so prompts are clear.")
            self.query_one("#b", Input).focus()
            return
        self.dismiss((a, b, self.swapped))
