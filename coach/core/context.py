"""Everything the app and the commands share, built once at start-up (pure Python)."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.core.clock import Clock, SystemClock
from coach.core.history.store import HistoryError, HistoryStore, Loaded
from coach.core.library import Library
from coach.core.paths import Paths, resolve_paths
from coach.core.problems import Problem
from coach.core.runs import RunResult
from coach.core.settings import Settings, save_settings
from coach.core.startup import load_startup
from coach.core.themes import ThemeSpec


@dataclass(eq=False, repr=False)
class Context:
    paths: Paths
    clock: Clock
    library: Library
    settings: Settings
    settings_problems: list[Problem] = field(default_factory=list)
    theme_specs: list[ThemeSpec] = field(default_factory=list)
    """Built-in and user themes (the UI registers them with Textual)."""
    theme_problems: list[Problem] = field(default_factory=list)
    """Why theme files were skipped."""
    recorded: list[RunResult] = field(default_factory=list)
    """Runs recorded in this process (also stored on disk unless that failed)."""
    unsaved: list[RunResult] = field(default_factory=list)
    """Runs that could not be stored (read-only or full disk): kept until the app closes."""
    history_notices: list[str] = field(default_factory=list)
    """Sentences about the history for the user (e.g. a corrupt file moved aside)."""
    _history: HistoryStore | None = field(default=None, repr=False)
    _seen: Loaded | None = field(default=None, repr=False)
    """The last history read whose notices were taken up."""

    @property
    def history(self) -> HistoryStore:
        """The history files, opened on first use."""
        if self._history is None:
            self._history = HistoryStore(self.paths.data_dir, self.paths.cache_dir,
                                         now=self.clock.now)
        return self._history

    def record_run(self, result: RunResult) -> str:
        """Keep a finished or abandoned run. Returns a sentence for the user when storing
        failed (the practice itself is never lost from this process), else ''."""
        self.recorded.append(result)
        try:
            notices = self.history.add(result, keep_partner_names=self.settings.keep_partner_names)
        except HistoryError as err:
            self.unsaved.append(result)
            return err.message
        return " ".join(notices)

    def history_runs(self) -> list[RunResult]:
        """Every stored run (and any that could not be stored), oldest first. Reads the files
        only when they changed, e.g. when a coach in another terminal records a run."""
        loaded = self.history.load()
        if loaded is not self._seen:
            self._seen = loaded
            self.history_notices.extend(loaded.notices)
        if not self.unsaved:
            return list(loaded.runs)
        return sorted([*loaded.runs, *self.unsaved], key=lambda r: r.started_at)

    def take_history_notices(self) -> list[str]:
        """Sentences about the history not yet shown to the user (then forgotten)."""
        notices, self.history_notices = self.history_notices, []
        return notices

    def save_settings(self, settings: Settings) -> str:
        """Persist settings; returns a sentence for the user if something needs saying."""
        self.settings = settings
        try:
            moved = save_settings(self.paths.settings_file, settings)
        except OSError as exc:
            return f"Could not save settings to {self.paths.settings_file}: {exc.strerror}."
        self.settings_problems = []
        return f"The broken settings file was kept as {moved}." if moved else ""


def build_context(paths: Paths | None = None, clock: Clock | None = None) -> Context:
    """Library, settings and themes for ``paths`` (default: platformdirs and environment),
    from the start-up cache when no file changed since it was written."""
    paths = paths or resolve_paths()
    loaded = load_startup(paths)
    return Context(
        paths=paths,
        clock=clock or SystemClock(),
        library=loaded.library,
        settings=loaded.settings,
        settings_problems=loaded.settings_problems,
        theme_specs=loaded.theme_specs,
        theme_problems=loaded.theme_problems,
    )
