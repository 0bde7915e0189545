"""The Textual application: wires the pure core to screens. Keep it thin.

Screens read the context (:mod:`coach.ui.base`) and post messages (:mod:`coach.ui.messages`);
the handlers below are the only places features meet.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Callable, Iterable

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from coach.core.context import Context
from coach.core.model import Exercise, with_breathing_minutes
from coach.core.sound import BELLS
from coach.player import Sounds
from coach.ui import messages
from coach.ui.text import clean
from coach.ui.theming import pick_theme, register_proven

SYSTEM_COMMANDS = ("Quit",)
"""Textual's own palette commands that coach keeps. Its theme switcher is replaced by ours
(which remembers the choice); Keys and Maximize are generic, and Screenshot fails without a
Downloads folder and would write private words to disk."""
Notice = tuple[str, str, SeverityLevel, float | None, bool]
"""A held notification: message, title, severity, timeout, markup."""


BEFORE_HOME = "before-home"
"""The id of the empty bottom screen while the app is opened for one exercise."""

class CoachApp(App[None]):
    """coach's terminal app. ``start`` opens straight into an exercise or plan."""

    TITLE = "coach"
    SUB_TITLE = ""
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
        self.problems: list[str] = []
        """Every problem start-up found in the user's files, one line each (see 'p' at home)."""
        self._held: list[Notice] = []
        """Warnings waiting for the exercise on screen to end."""
        self._shown: list[tuple[float, Notice]] = []
        """Warnings on screen (with when they were shown), to hold again if an exercise starts."""
        self._starting_run = bool(start)
        """Opened straight into an exercise: warnings wait from the very start."""
        self._before_hangup: signal.Handlers | Callable[..., object] | int | None = None
        self._on_continue: signal.Handlers | Callable[..., object] | int | None = None
        """The SIGHUP and SIGCONT handlers before coach's (the driver's, for SIGCONT)."""
        self._terminal_gone = False
        """A SIGHUP came: the terminal is gone, nothing is to be resumed."""
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
        """Of Textual's own commands, only those in SYSTEM_COMMANDS."""
        return (c for c in super().get_system_commands(screen) if c.title in SYSTEM_COMMANDS)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The problems list is offered (and its key shown) only when there are problems."""
        if action == "open" and parameters == ("problems",):
            return bool(self.problems)
        return True

    def get_default_screen(self) -> Screen:
        """The home screen is the bottom of the stack. Opened for one exercise (``coach run
        ID``: two minutes before a hard talk), an empty screen waits there instead and the home
        screen is built only if it is ever shown (see :meth:`_screen_changed`), so the first
        step comes without composing home or reading the history for its suggestions."""
        if self.start is not None:
            return Screen(id=BEFORE_HOME)
        from coach.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self._exit_on_signals()
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self.call_later(self._open)

    def _exit_on_signals(self) -> None:
        """A closed terminal (SIGHUP) or a SIGTERM ends coach like ctrl+q: the screens close,
        so a running exercise is kept as stopped early, and the terminal is restored.

        The kernel sends SIGCONT right after a hangup's SIGHUP, and Textual's driver answers any
        SIGCONT by starting its screen again, as after ctrl+z: on a terminal that is gone, its
        new writer dies and the exit then waits for it for ever (seven closes in ten on the home
        screen). Python may run the SIGCONT handler inside the SIGHUP one, so a flag set there
        can come too late; instead the driver's SIGCONT handler is called from the event loop,
        which runs after both handlers, and not at all once the terminal is gone."""
        loop = asyncio.get_running_loop()
        self._signal_loop = loop
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError, AttributeError):
            loop.add_signal_handler(signal.SIGTERM, self.exit, None, 128 + signal.SIGTERM)
        with contextlib.suppress(ValueError, AttributeError):  # not the main thread; Windows
            self._before_hangup = signal.signal(signal.SIGHUP, self._hung_up)
            self._on_continue = signal.signal(signal.SIGCONT, self._continued)

    def _hung_up(self, number: int, _frame: object) -> None:
        self._terminal_gone = True
        self._signal_loop.call_soon_threadsafe(self.exit, None, 128 + number)

    def _continued(self, number: int, _frame: object) -> None:
        self._signal_loop.call_soon_threadsafe(self._resume_unless_gone, number)

    def _resume_unless_gone(self, number: int) -> None:
        """Back from ctrl+z (or any SIGCONT): the driver's own handler, unless it came with a
        hangup."""
        if not self._terminal_gone and callable(self._on_continue):
            self._on_continue(number, None)

    def on_unmount(self) -> None:
        """Give SIGHUP and SIGCONT back (asyncio gives SIGTERM back when its loop closes)."""
        for number, handler in ((signal.SIGHUP, self._before_hangup),
                                (signal.SIGCONT, self._on_continue)):
            if handler is not None:
                with contextlib.suppress(ValueError, AttributeError, TypeError):
                    signal.signal(number, handler)

    def _open(self) -> None:
        """Notices, then the welcome or the exercise asked for, on top of the home screen."""
        self.call_after_refresh(self.show_history_notices)
        self.show_startup_problems()
        if self.start:
            self.post_message(messages.StartEntry(self.start))
        elif not self.ctx.settings.welcomed:
            from coach.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(), self._welcomed)

    def show_startup_problems(self) -> None:
        """One notice for what start-up skipped or corrected: the sentence itself when there
        is one problem, else how many there are and where to read each one ('p' at home)."""
        ctx = self.ctx
        self.problems = [*(str(p) for p in ctx.library.problems),
                         *(str(p) for p in [*ctx.theme_problems, *self.theme_problems]),
                         *(f"{p}; using the default." for p in ctx.settings_problems),
                         *([self.theme_message] if self.theme_message else [])]
        sentences = [*ctx.startup_problems(self.theme_problems),
                     *([self.theme_message] if self.theme_message else [])]
        if len(self.problems) <= 1:
            for sentence in sentences:
                self.warn(sentence, "Some files were skipped")
            return
        self.warn(f"{len(self.problems)} problems in your files: coach skipped or corrected them and "
                  "carries on. Press p on the home screen (or ctrl+p, 'problems') to see each one.",
                  "Some files were skipped")

    def show_history_notices(self) -> None:
        """Tell the user, once, about a history file that was moved aside or is unreadable."""
        for notice in self.ctx.take_history_notices():
            self.notify(clean(notice), title="History", severity="warning", timeout=12, markup=False)

    def _welcomed(self, practice: str | None) -> None:
        """Remember that the welcome was shown (once, even if saving fails), and how the
        person practises when they said."""
        changes: dict[str, object] = {"welcomed": True}
        if practice:
            changes["practice"] = practice
        self.warn(self.ctx.update_settings(**changes), "Settings")

    def warn(self, sentence: str, title: str) -> None:
        """Show a sentence from the core (if any) as a warning, literally."""
        if sentence:
            self.notify(clean(sentence), title=title, severity="warning", timeout=10, markup=False)

    # -- notifications: never over an exercise ---------------------------------------------
    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Warnings wait while an exercise runs (a toast would cover the pacer) and show
        once it is over; a step's own gentle notes (information) show at once."""
        notice: Notice = (message, title, severity, timeout, markup)
        if severity != "information":
            if self._starting_run or self._exercise_running():
                self._held.append(notice)
                return
            self._shown = [*self._still_showing(), (self.ctx.clock.monotonic(), notice)]
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def _exercise_running(self) -> bool:
        from coach.ui.runner.runner_screen import RunnerScreen

        return any(isinstance(screen, RunnerScreen) for screen in self.screen_stack)

    def _still_showing(self) -> list[tuple[float, Notice]]:
        now = self.ctx.clock.monotonic()
        return [(shown, n) for shown, n in self._shown if now - shown < (n[3] or self.NOTIFICATION_TIMEOUT)]

    def _screen_changed(self, _screen: Screen | None = None) -> None:
        """An exercise begins: warnings still on screen go and wait with the others. None is on
        screen: show the warnings that waited. The empty screen under ``coach run ID`` comes on
        top once the exercise is over (or was not found): the home screen goes over it."""
        if self.screen.id == BEFORE_HOME and not self._starting_run:
            from coach.ui.screens.home import HomeScreen

            self.call_later(self.push_screen, HomeScreen())  # (the bottom screen cannot be switched)
            return
        if self._exercise_running():
            self._starting_run = False
            self._held[:0] = [notice for _shown, notice in self._still_showing()]
            self._shown = []
            self.clear_notifications()  # nothing over the exercise (a home note is moot there)
            return
        if self._held and not self._starting_run:
            held, self._held = self._held, []
            for message, title, severity, timeout, markup in held:
                super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # -- messages from screens ---------------------------------------------------------
    @on(messages.StartEntry)
    def start_entry(self, message: messages.StartEntry) -> None:
        """Run an exercise or plan, its breathing resized when asked. One at a time: while
        another runs (started from the palette, say), ask first whether to stop it."""
        from coach.ui.runner.runner_screen import RunnerScreen

        entry = self.ctx.library.get(message.entry_id)
        if entry is None:
            self._starting_run = False
            self.warn(f"There is no exercise or plan called '{message.entry_id}'.", "coach")
            self._screen_changed()
            return
        if message.breathing_minutes and isinstance(entry, Exercise):
            entry = with_breathing_minutes(entry, message.breathing_minutes)
        running = next((s for s in self.screen_stack if isinstance(s, RunnerScreen)), None)

        def start() -> None:
            if self.screen_stack[1:]:
                from coach.ui.runner.summary import SummaryScreen

                while any(isinstance(s, (RunnerScreen, SummaryScreen)) for s in self.screen_stack[1:]):
                    self.pop_screen()  # the runner keeps what was done (see RunnerScreen.on_unmount)
            leaves_app = self.start is not None and not self._start_opened
            self._start_opened = True
            self.push_screen(RunnerScreen(entry, leaves_app=leaves_app))

        if running is None:
            start()
            return
        from coach.ui.runner.confirm_switch import ConfirmSwitch

        self.push_screen(ConfirmSwitch(running.entry.title, entry.title),
                         lambda stop: start() if stop else None)

    @on(messages.Open)
    def open_place(self, message: messages.Open) -> None:
        self.action_open(message.place)

    def action_open(self, place: str) -> None:
        """Open history, settings or help (not twice on top of itself)."""
        from coach.ui.screens.help import HelpScreen, keys_of
        from coach.ui.screens.history import HistoryScreen
        from coach.ui.screens.problems import ProblemsScreen
        from coach.ui.screens.settings import SettingsScreen

        screens = {"history": HistoryScreen, "settings": SettingsScreen, "help": HelpScreen,
                   "problems": ProblemsScreen}
        kind = screens.get(place)
        if kind is None or isinstance(self.screen, kind):
            return
        if kind is HelpScreen:
            self.push_screen(HelpScreen(*keys_of(self.screen)))
        elif kind is ProblemsScreen:
            if self.problems:
                self.push_screen(ProblemsScreen(self.problems))
        else:
            self.push_screen(kind())

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
