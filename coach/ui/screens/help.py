"""Help: the keys of the screen it was opened from (a step's own keys included), what each
family is for, one key to the guide "When to look for more help", and the version."""

from __future__ import annotations

import re
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach import __version__
from coach.core.kinds import KIND_TABLE
from coach.core.model import Entry
from coach.ui.base import CoachModal
from coach.ui.messages import StartEntry
from coach.ui.text import literal

FAMILIES = tuple((kind.plural, kind.purpose) for kind in KIND_TABLE if kind.purpose)
GUIDE_KEY = "g"  # the same key as on the home screen


def keys_text(keys: list[tuple[str, str]]) -> Content:
    width = max((len(k) for k, _ in keys), default=0)
    return Content("\n").join(Content.assemble(literal(k.ljust(width), "b"), "  ", literal(d))
                               for k, d in keys)


class HelpScreen(CoachModal[None]):
    """A read-only panel; Escape, q, ? or F1 close it; g opens the guide to more help."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close"),
        Binding(GUIDE_KEY, "guide", "When to look for more help"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen > #help-box { width: 84; max-width: 100%; height: auto; max-height: 100%;
                             border: round $primary; border-title-color: $text-primary;
                             background: $surface; padding: 0 1; }
    HelpScreen .help-heading { text-style: bold; color: $text-primary; margin: 1 0 0 0; }
    HelpScreen #help-version { color: $text-muted; margin: 1 0 0 0; }
    """

    def __init__(self, heading: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.heading = heading
        self.keys = keys

    def guide(self) -> Entry | None:
        """The library's guide to getting help (the first entry of kind help), if any."""
        return next((e for e in self.ctx.library.entries.values() if e.kind == "help"), None)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(literal(self.heading), classes="help-heading")
            guide = self.guide()
            more = [(GUIDE_KEY, f'Open the guide "{guide.title}"')] if guide is not None else []
            yield Static(keys_text(self.keys + more), id="help-keys")
            yield Static("Kinds of exercise", classes="help-heading")
            yield Static("\n".join(f"[b]{name}[/b]: {text}" for name, text in FAMILIES), id="help-families")
            yield Static(f"coach {__version__} · Escape, or a click outside, closes this help",
                         id="help-version")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Help"

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # the dimmed background around the box
            self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "guide" or self.guide() is not None

    def action_close(self) -> None:
        self.dismiss(None)

    def action_guide(self) -> None:
        """Close help and start the guide (over a running exercise, the app asks first)."""
        guide = self.guide()
        if guide is not None:
            self.dismiss(None)
            self.app.post_message(StartEntry(guide.id))


def screen_name(screen: Screen[Any]) -> str:
    """'Keys on the home screen': a screen's own ``help_title``, else its class in words."""
    title = getattr(screen, "help_title", None)
    if isinstance(title, str) and title:
        return title
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", type(screen).__name__.removesuffix("Screen")).lower()
    return f"Keys on the {words or 'this'} screen"


def ours(node: object, binding: Binding) -> bool:
    """Whether a coach class declared ``binding`` (not Textual's own, such as Tab or Copy)."""
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("coach."):
            continue
        for declared in cls.__dict__.get("BINDINGS", ()):
            if (isinstance(declared, Binding) and declared.action == binding.action
                    and declared.description == binding.description):
                return True
    return False


def keys_of(screen: Screen[Any]) -> tuple[str, list[tuple[str, str]]]:
    """The screen's name for help, and its live keys with what they do: the keys it shows,
    the keys coach declares but does not show (a step's h, y, ctrl+z), and the keys the
    screen lists itself (``help_keys()``: typing, digits)."""
    app = screen.app
    shown: dict[str, list[str]] = {}
    hidden: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if (not binding.description or not active.enabled
                or binding.action.endswith("command_palette")):
            continue
        if binding.show or ours(node, binding):  # the key bar's keys first, then the rest
            group = shown if binding.show else hidden
            group.setdefault(binding.description, []).append(app.get_key_display(binding))
    for description, more_keys in hidden.items():
        if description in shown:
            shown[description] += more_keys
        else:
            shown[description] = more_keys
    keys = [(", ".join(dict.fromkeys(k)), d) for d, k in shown.items()]
    seen = set(shown)
    more = getattr(screen, "help_keys", None)
    if callable(more):
        keys += [(k, d) for k, d in more() if d not in seen]
    keys.append(("ctrl+p", "Command palette: start anything, open screens, switch theme"))
    return screen_name(screen), keys
