"""Help: the keys of the screen it was opened from, what each family is for, the version."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from coach import __version__
from coach.core.kinds import KIND_TABLE
from coach.ui.text import literal

FAMILIES = tuple((kind.plural, kind.purpose) for kind in KIND_TABLE if kind.purpose)


def keys_text(keys: list[tuple[str, str]]) -> Content:
    width = max((len(k) for k, _ in keys), default=0)
    return Content("\n").join(Content.assemble(literal(k.ljust(width), "b"), "  ", literal(d))
                               for k, d in keys)


class HelpScreen(ModalScreen[None]):
    """A read-only panel; Escape, q, ? or F1 close it."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen > #help-box { width: 84; max-width: 100%; height: auto; max-height: 100%;
                             border: round $primary; border-title-color: $text-primary;
                             background: $surface; padding: 0 1; }
    HelpScreen .help-heading { text-style: bold; color: $text-primary; margin: 1 0 0 0; }
    HelpScreen #help-version { color: $text-muted; margin: 1 0 0 0; }
    """

    def __init__(self, screen_title: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.screen_title = screen_title
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(literal(f"Keys on {self.screen_title}"), classes="help-heading")
            yield Static(keys_text(self.keys), id="help-keys")
            yield Static("Kinds of exercise", classes="help-heading")
            yield Static("\n".join(f"[b]{name}[/b]: {text}" for name, text in FAMILIES), id="help-families")
            yield Static(f"coach {__version__} · Escape, or a click outside, closes this help",
                         id="help-version")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Help"

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # the dimmed background around the box
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


def keys_of(app: App[Any]) -> tuple[str, list[tuple[str, str]]]:
    """The current screen's name and its active keys with descriptions (app keys included)."""
    name = type(app.screen).__name__.removesuffix("Screen") or "this"
    keys: list[tuple[str, str]] = []
    seen: set[str] = set()
    for active in app.active_bindings.values():
        binding = active.binding
        wanted = binding.show or active.node is app.screen
        if (not wanted or not binding.description or binding.description in seen or not active.enabled
                or binding.action.endswith("command_palette")):
            continue
        seen.add(binding.description)
        keys.append((app.get_key_display(binding), binding.description))
    keys.append(("ctrl+p", "Command palette: start anything, open screens, switch theme"))
    return f"the {name} screen", keys
