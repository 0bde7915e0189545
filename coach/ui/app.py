"""The Textual application: wires the pure core to screens. Keep it thin.

Each feature lives in its own module; the methods below are the only places they meet.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from coach import __version__
from coach.core.context import Context
from coach.core.model import Exercise, with_breathing_minutes
from coach.core.runs import RunResult
from coach.ui import css_cache
from coach.ui.screens.home import HomeScreen
from coach.ui.text import clean
from coach.ui.theming import pick_theme, register_loaded


class CoachApp(App[None]):
    """coach's terminal app. ``start`` opens straight into an exercise or plan."""

    TITLE = "coach"
    SUB_TITLE = f"v{__version__}"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark,f1", "app.show_help", "Help", key_display="?"),
    ]
    COMMANDS = App.COMMANDS | {lambda: _provider(0), lambda: _provider(1), lambda: _provider(2)}
    _css_current = False
    _theme_set = False

    def __init__(self, ctx: Context, start: str | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.start = start
        self.css_cache = css_cache.install(ctx.paths.data_dir / css_cache.CACHE_NAME)
        self.theme_specs, self.theme_problems = register_loaded(self, ctx.theme_specs, ctx.theme_problems)
        self.theme, self.theme_message = pick_theme(self, ctx.settings.theme)
        # Setting the theme queued a refresh_css: a re-parse and restyle of everything. Nothing
        # is parsed or styled before the app runs, so the theme's variables are all it needs
        # (refresh_css skips calls until the app is mounted; snapshots of every theme check it).
        self._css_current = self._theme_set = True
        self.stylesheet.set_variables(self.get_css_variables())
        self.apply_animation()

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
        """The home screen is the bottom of the stack: no empty screen under it to compose,
        style and lay out before it."""
        return HomeScreen()

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables. App.__init__ asks too, for Textual's default theme, before
        coach has set its own: that answer would be thrown away (a ~2 ms colour system)."""
        return super().get_css_variables() if self._theme_set else {}

    def refresh_css(self, animate: bool = True) -> None:
        if not self._css_current:
            super().refresh_css(animate)

    def on_mount(self) -> None:
        self._css_current = False  # from now on a theme change must restyle what is shown
        self.call_later(self._open)

    def _open(self) -> None:
        """Notices, then the welcome or the exercise asked for, on top of the home screen.
        Called once Textual's start-up batch has ended: a screen pushed during it is laid out
        and drawn once for nothing (the batch discards that frame)."""
        self.call_after_refresh(self._first_frame_shown)
        self.call_after_refresh(self.show_history_notices)
        if self.theme_problems:
            more = len({p.path for p in self.theme_problems})
            self.notify(clean(f"Could not load theme {self.theme_problems[0]}"
                              f"{f' ({more} theme files skipped)' if more > 1 else ''}."),
                        title="Themes", severity="warning", timeout=10, markup=False)
        if self.theme_message:
            self.notify(clean(self.theme_message), title="Themes", severity="warning", markup=False)
        if self.ctx.library.problems:
            self.notify(clean(self.ctx.library.skipped_message()), title="Some exercises were skipped",
                        severity="warning", timeout=10, markup=False)
        for problem in self.ctx.settings_problems:
            self.notify(clean(f"{problem}; using the default."), title="Settings", severity="warning",
                        markup=False)
        if self.start:
            self.start_entry(self.start)
        elif not self.ctx.settings.welcomed:
            from coach.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(), lambda _: self._welcomed())

    def _first_frame_shown(self) -> None:
        """Turn the cyclic garbage collector back on: it is off while coach starts (see
        coach.commands.app). Keep the CSS parsed for this start for the next one."""
        gc.enable()
        self.css_cache.save()

    def show_history_notices(self) -> None:
        """Tell the user, once, about a history file that was moved aside or is unreadable."""
        for notice in self.ctx.take_history_notices():
            self.notify(clean(notice), title="History", severity="warning", timeout=12, markup=False)

    def _welcomed(self) -> None:
        """Remember that the welcome was shown (once, even if saving fails)."""
        import dataclasses

        message = self.ctx.save_settings(dataclasses.replace(self.ctx.settings, welcomed=True))
        if message:
            self.notify(clean(message), title="Settings", severity="warning", timeout=10, markup=False)

    # -- hooks between features ------------------------------------------------------
    def start_entry(self, entry_id: str, *, breathing_minutes: float | None = None) -> None:
        """Run an exercise or plan; ``breathing_minutes`` resizes an exercise's breathe steps."""
        from coach.ui.runner.runner_screen import RunnerScreen

        entry = self.ctx.library.get(entry_id)
        if entry is None:
            self.notify(clean(f"There is no exercise or plan called '{entry_id}'."), severity="warning",
                        markup=False)
            return
        if breathing_minutes and isinstance(entry, Exercise):
            entry = with_breathing_minutes(entry, breathing_minutes)
        self.push_screen(RunnerScreen(entry))

    def record_run(self, result: RunResult) -> None:
        """Store a finished or abandoned run; tell the user in one sentence if that failed."""
        message = self.ctx.record_run(result)
        if message:
            self.notify(clean(message), title="History", severity="warning", timeout=10, markup=False)

    def show_history(self) -> None:
        """Open the history screen (history issue)."""
        from coach.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def show_settings(self) -> None:
        """Open the settings screen (home screen issue)."""
        from coach.ui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def show_help(self) -> None:
        """Open the help screen (home screen issue)."""
        from coach.ui.screens.help import HelpScreen, keys_of

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(*keys_of(self)))

    def action_show_help(self) -> None:
        self.show_help()


def _provider(index: int) -> type:
    """Palette providers, imported when the palette first opens (faster start)."""
    from coach.ui.commands import PROVIDERS

    return PROVIDERS[index]
