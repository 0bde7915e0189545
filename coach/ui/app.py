"""The Textual application: wires the pure core to screens. Keep it thin.

Screens read the context (:mod:`coach.ui.base`) and post messages (:mod:`coach.ui.messages`);
the handlers below are the only places features meet.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Iterable

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from coach import __version__
from coach.core.context import Context
from coach.core.model import Exercise, with_breathing_minutes
from coach.core.sound import BELLS
from coach.player import Sounds
from coach.ui import messages
from coach.ui.screens.home import HomeScreen
from coach.ui.text import clean
from coach.ui.theming import pick_theme, register_proven


class CoachApp(App[None]):
    """coach's terminal app. ``start`` opens straight into an exercise or plan."""

    TITLE = "coach"
    SUB_TITLE = f"v{__version__}"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "open('help')", "Help"),
        Binding("f1", "open('help')", "Help"),  # shown where ? is typed into a text box
    ]
    COMMANDS = App.COMMANDS | {lambda: _provider(0), lambda: _provider(1), lambda: _provider(2)}

    def __init__(self, ctx: Context, start: str | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.start = start
        self._start_opened = False
        """The exercise asked for on the command line was opened (its end closes the app)."""
        self.theme_problems = register_proven(self, ctx.theme_specs)
        """User themes Textual could not use (left out), beyond those the core refused."""
        self.theme, self.theme_message = pick_theme(self, ctx.settings.theme)
        self.apply_animation()
        self.sounds = Sounds(ctx.paths.cache_dir)
        """Plays the tones (the player is looked for on first use; tests put in their own)."""

    def apply_animation(self) -> None:
        """Animation level from the settings; TEXTUAL_ANIMATIONS in the environment wins."""
        level = os.environ.get("TEXTUAL_ANIMATIONS", "").strip().lower()
        if level not in ("none", "basic", "full"):
            level = self.ctx.settings.animation
        self.animation_level = level  # type: ignore[assignment]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, except its theme switcher (ours remembers the choice)."""
        return (c for c in super().get_system_commands(screen) if c.title != "Theme")

    def get_default_screen(self) -> Screen:
        """The home screen is the bottom of the stack."""
        return HomeScreen()

    def on_mount(self) -> None:
        self._exit_on_signals()
        self.call_later(self._open)

    def _exit_on_signals(self) -> None:
        """A closed terminal (SIGHUP) or a SIGTERM ends coach like ctrl+q: the screens close,
        so a running exercise is kept as stopped early, and the terminal is restored."""
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(number, self.exit, None, 128 + number)

    def _open(self) -> None:
        """Notices, then the welcome or the exercise asked for, on top of the home screen."""
        self.call_after_refresh(self.show_history_notices)
        for sentence in self.ctx.startup_problems(self.theme_problems):
            self.warn(sentence, "Some files were skipped")
        if self.theme_message:
            self.warn(self.theme_message, "Themes")
        if self.start:
            self.post_message(messages.StartEntry(self.start))
        elif not self.ctx.settings.welcomed:
            from coach.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(), lambda _: self._welcomed())

    def show_history_notices(self) -> None:
        """Tell the user, once, about a history file that was moved aside or is unreadable."""
        for notice in self.ctx.take_history_notices():
            self.notify(clean(notice), title="History", severity="warning", timeout=12, markup=False)

    def _welcomed(self) -> None:
        """Remember that the welcome was shown (once, even if saving fails)."""
        self.warn(self.ctx.update_settings(welcomed=True), "Settings")

    def warn(self, sentence: str, title: str) -> None:
        """Show a sentence from the core (if any) as a warning, literally."""
        if sentence:
            self.notify(clean(sentence), title=title, severity="warning", timeout=10, markup=False)

    # -- messages from screens ---------------------------------------------------------
    @on(messages.StartEntry)
    def start_entry(self, message: messages.StartEntry) -> None:
        """Run an exercise or plan, its breathing resized when asked. One at a time: while
        another runs (started from the palette, say), ask first whether to stop it."""
        from coach.ui.runner.confirm_switch import ConfirmSwitch
        from coach.ui.runner.runner_screen import RunnerScreen
        from coach.ui.runner.summary import SummaryScreen

        entry = self.ctx.library.get(message.entry_id)
        if entry is None:
            self.warn(f"There is no exercise or plan called '{message.entry_id}'.", "coach")
            return
        if message.breathing_minutes and isinstance(entry, Exercise):
            entry = with_breathing_minutes(entry, message.breathing_minutes)
        running = next((s for s in self.screen_stack if isinstance(s, RunnerScreen)), None)

        def start() -> None:
            while any(isinstance(s, (RunnerScreen, SummaryScreen)) for s in self.screen_stack[1:]):
                self.pop_screen()  # the runner keeps what was done (see RunnerScreen.on_unmount)
            leaves_app = self.start is not None and not self._start_opened
            self._start_opened = True
            self.push_screen(RunnerScreen(entry, leaves_app=leaves_app))

        if running is None:
            start()
            return
        self.push_screen(ConfirmSwitch(running.entry.title, entry.title),
                         lambda stop: start() if stop else None)

    @on(messages.Open)
    def open_place(self, message: messages.Open) -> None:
        self.action_open(message.place)

    def action_open(self, place: str) -> None:
        """Open history, settings or help (not twice on top of itself)."""
        from coach.ui.screens.help import HelpScreen, keys_of
        from coach.ui.screens.history import HistoryScreen
        from coach.ui.screens.settings import SettingsScreen

        screens = {"history": HistoryScreen, "settings": SettingsScreen, "help": HelpScreen}
        kind = screens.get(place)
        if kind is None or isinstance(self.screen, kind):
            return
        self.push_screen(HelpScreen(*keys_of(self.screen)) if kind is HelpScreen else kind())

    @on(messages.ChooseTheme)
    def choose_theme(self, message: messages.ChooseTheme) -> None:
        """Switch theme; remembered in the settings once it applied."""
        if message.name not in self.available_themes:
            self.warn(f"There is no theme called '{message.name}'.", "Themes")
            return
        self.theme = message.name  # Textual restyles everything before the next refresh
        self.call_after_refresh(self._remember_theme, message.name)

    def _remember_theme(self, name: str) -> None:
        """Save ``name`` as the choice if it is still the theme shown: it applied without
        error. (Saved first, a theme that crashed Textual would crash every later start.)"""
        if self.theme == name:
            self.warn(self.ctx.update_settings(theme=name), "Settings")

    @on(messages.Cue)
    def cue(self, message: messages.Cue) -> None:
        """Mark a cue as the sound setting says: a tone (rising in, falling out, a chime at
        the end), or the bell, once to breathe in and when time is up, twice to breathe out,
        three times at the end. Holds stay silent; tones with no player here ring the bell."""
        sound = self.ctx.settings.sound
        if sound == "off" or (sound == "tones" and self.sounds.play(message.kind)):
            return
        count = BELLS.get(message.kind, 0)
        if count == 0:
            return
        self.bell()
        for i in range(1, count):
            self.set_timer(0.3 * i, self.bell)

    @on(messages.SettingsChanged)
    def settings_changed(self) -> None:
        self.apply_animation()


def _provider(index: int) -> type:
    """Palette providers, imported when the palette first opens."""
    from coach.ui.commands import PROVIDERS

    return PROVIDERS[index]
