"""The first-run welcome, shown once: what coach is for, how to begin, and (if the person likes)
whether they practise alone, with a partner or both."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, RadioButton, RadioSet, Static

from coach.core.kinds import KIND_TABLE

KINDS = ", ".join(kind.plural.lower() for kind in KIND_TABLE if kind.id not in ("help", "plan"))
"""Every kind the library groups by (from the kinds table, so the welcome never miscounts)."""

WELCOME = f"""\
[b]Welcome to coach[/b]

Short guided exercises, alone or as a couple, to feel steadier and closer. \
Each takes a few minutes and goes at your pace. The library groups them by kind: \
{KINDS}, and plans that put a few in a row. Help ([b]?[/b]) says what each kind is for.

[b]How to start[/b]: pick an exercise in the library and press [b]Enter[/b]. \
Press [b]b[/b] for a couple of minutes of calm breathing now, [b]/[/b] to search, [b]?[/b] for help.

[b]If things feel unsafe[/b]: these exercises are not therapy and not for emergencies. \
If anyone is in danger, contact your local emergency services. If you are afraid of your \
partner, start with support for yourself, not couples exercises. A doctor or a couples \
therapist can help when things feel stuck or too much: press [b]g[/b] on the home screen \
for [i]When to look for more help[/i].\
"""
PRACTICE_QUESTION = ("If you like, say how you practise (it only shapes the suggestions; "
                     "Settings can change it):")
PRACTICE = (("alone", "Alone"), ("together", "With a partner"), ("both", "Both"))
"""The practice setting's values and how the welcome words them."""


class WelcomeScreen(ModalScreen[str | None]):
    """Closed with Enter, Escape or the button; dismissed with how the person practises
    ('alone', 'together', 'both') or None when they did not say."""

    BINDINGS = [Binding("escape", "close", "Close"), Binding("enter", "close", "Begin", show=False)]
    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; background: $background 60%; }
    WelcomeScreen > #welcome-box { width: 84; max-width: 100%; height: auto; max-height: 100%;
                                   border: round $primary; background: $surface; padding: 0 1; }
    WelcomeScreen #welcome-text { padding: 0 1; }
    WelcomeScreen #practice-question { padding: 0 1; margin: 1 0 0 0; color: $text-muted; }
    WelcomeScreen #practice { layout: horizontal; width: auto; height: auto; margin: 0 1;
                              background: $surface; }
    WelcomeScreen #practice > RadioButton { width: auto; margin-right: 3; background: $surface; }
    /* Unfocused, no choice looks made: the cursor shows only while the choices have focus. */
    WelcomeScreen #practice:blur > RadioButton.-selected > .toggle--label { background: $surface; }
    WelcomeScreen Center { height: auto; }
    WelcomeScreen Button { margin: 1 0 0 0; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="welcome-box"):
            yield Static(WELCOME, id="welcome-text")
            yield Static(PRACTICE_QUESTION, id="practice-question")
            with RadioSet(id="practice", compact=True):
                for value, label in PRACTICE:
                    yield RadioButton(label, name=value, compact=True)
            with Center():
                yield Button("Begin", variant="primary", id="begin", compact=True)

    def on_mount(self) -> None:
        box = self.query_one("#welcome-box", VerticalScroll)
        box.can_focus = False  # Tab goes between the choices and Begin; arrows still scroll
        self.query_one("#begin").focus(scroll_visible=False)  # open at the top, not at Begin

    def on_button_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        pressed = self.query_one("#practice", RadioSet).pressed_button
        self.dismiss(pressed.name if pressed is not None else None)
