"""The first-run welcome, shown once: what coach is for and how to begin."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

WELCOME = """\
[b]Welcome to coach[/b]

Short guided exercises, alone or as a couple, to feel steadier and closer. \
Each takes a few minutes and goes at your pace. Three families:

• [b]Breathing[/b]: slow breaths that calm the body, e.g. before a hard talk.
• [b]Naming feelings[/b]: find words for what you feel; it can take some of the heat out.
• [b]Repair for two[/b]: simple scripts to take turns, listen and make up.

[b]How to start[/b]: pick an exercise in the library and press [b]Enter[/b]. \
Press [b]b[/b] for a couple of minutes of calm breathing now, [b]/[/b] to search, [b]?[/b] for help.

[b]If things feel unsafe[/b]: these exercises are not therapy and not for emergencies. \
If anyone is in danger, contact your local emergency services. If you are afraid of your \
partner, start with support for yourself, not couples exercises. A doctor or a couples \
therapist can help when things feel stuck or too much \
(see [i]When to look for more help[/i] in the library).\
"""


class WelcomeScreen(ModalScreen[None]):
    """Closed with Enter, Escape or the button; the app then remembers it was shown."""

    BINDINGS = [Binding("escape", "close", "Close"), Binding("enter", "close", "Begin", show=False)]
    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; background: $background 60%; }
    WelcomeScreen > #welcome-box { width: 84; max-width: 100%; height: auto; max-height: 100%;
                                   border: round $primary; background: $surface; padding: 0 1; }
    WelcomeScreen #welcome-text { padding: 0 1; }
    WelcomeScreen Center { height: auto; }
    WelcomeScreen Button { margin: 1 0 0 0; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="welcome-box"):
            yield Static(WELCOME, id="welcome-text")
            with Center():
                yield Button("Begin", variant="primary", id="begin", compact=True)

    def on_mount(self) -> None:
        self.query_one("#begin").focus()

    def on_button_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)
