"""The first-run welcome, shown once: what coach is for and how to begin."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown

WELCOME = """\
# Welcome to coach

coach guides you - alone or as a couple - through short exercises that help you feel
steadier and closer. Each takes a few minutes and runs at your pace.

- **Breathing**: slow, paced breaths that calm the body, for example before a hard talk.
- **Naming feelings**: find the words for what you feel; naming it takes some of its heat.
- **Repair for two**: simple scripts for taking turns, listening and making up after a fight.

**How to start:** pick an exercise in the library and press **Enter**. Press **b** for a
minute of calm breathing straight away, **/** to search, and **?** for help at any time.

**If things feel unsafe:** these exercises are not therapy and not for emergencies. If anyone
is in danger, contact your local emergency services. A doctor, or an attachment-informed or
couples therapist, can help when things feel stuck or too much - see *When to look for more
help* in the library.
"""


class WelcomeScreen(ModalScreen[None]):
    """Closed with Enter, Escape or the button; the app then remembers it was shown."""

    BINDINGS = [Binding("escape", "close", "Close"), Binding("enter", "close", "Begin", show=False)]
    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; background: $background 60%; }
    WelcomeScreen > #welcome-box { width: 84; max-width: 100%; height: auto; max-height: 100%;
                                   border: round $primary; background: $surface; padding: 0 1; }
    WelcomeScreen Markdown { background: transparent; margin: 0; padding: 0; }
    WelcomeScreen Button { margin: 1 0 0 0; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="welcome-box"):
            yield Markdown(WELCOME)
            with Center():
                yield Button("Begin", variant="primary", id="begin")

    def on_mount(self) -> None:
        self.query_one("#begin").focus()

    def on_button_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)
