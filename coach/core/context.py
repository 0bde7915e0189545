"""The one way in: what start-up read, the history and the clock, with the app's and the
commands' intents as methods (pure Python; the UI and every command build it one way)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from coach.core.clock import Clock, SystemClock
from coach.core.history.store import HistoryError, HistoryStore, Loaded
from coach.core.library import Library
from coach.core.paths import Paths, resolve_paths
from coach.core.problems import Problem
from coach.core.runs import RunResult
from coach.core.settings import Settings, save_settings
from coach.core.startup import Startup, load_startup
from coach.core.themes import ThemeSpec

if TYPE_CHECKING:
    from coach.core.history.stats import Progress
    from coach.core.insights import Report
    from coach.core.model import Entry
    from coach.core.suggest import Suggestion
    from coach.core.together import Resume


@dataclass(eq=False, repr=False)
class Context:
    """Built by :func:`build_context`. ``settings`` changes only through :meth:`update_settings`."""

    paths: Paths
    clock: Clock
    startup: Startup
    """What start-up read from the exercise, theme and settings files (and their problems)."""
    settings: Settings
    recorded: list[RunResult] = field(default_factory=list)
    """Runs recorded in this process (also stored on disk unless that failed)."""
    unsaved: list[RunResult] = field(default_factory=list)
    """Runs that could not be stored (read-only or full disk): kept until the app closes."""
    history_notices: list[str] = field(default_factory=list)
    """Sentences about the history for the user (e.g. a corrupt file moved aside)."""
    _history: HistoryStore | None = field(default=None, repr=False)
    _seen: Loaded | None = field(default=None, repr=False)
    """The last history read whose notices were taken up."""

    # -- what start-up read --------------------------------------------------------------
    @property
    def library(self) -> Library:
        return self.startup.library

    @property
    def theme_specs(self) -> list[ThemeSpec]:
        return self.startup.theme_specs

    @property
    def theme_problems(self) -> list[Problem]:
        return self.startup.theme_problems

    @property
    def settings_problems(self) -> list[Problem]:
        return self.startup.settings_problems

    def now(self) -> datetime:
        return self.clock.now()

    # -- settings ------------------------------------------------------------------------
    def update_settings(self, **changes: Any) -> str:
        """Change some settings and save them; returns a sentence for the user when something
        needs saying (saving failed, a broken file was kept aside), else ''. Unchanged values
        are not written."""
        updated = dataclasses.replace(self.settings, **changes)
        if updated == self.settings:
            return ""
        return self.save_settings(updated)

    def save_settings(self, settings: Settings) -> str:
        """Persist ``settings`` (see :meth:`update_settings`)."""
        self.settings = settings
        try:
            moved = save_settings(self.paths.settings_file, settings)
        except OSError as exc:
            return f"Could not save settings to {self.paths.settings_file}: {exc.strerror or exc}."
        if self.startup.settings_problems:
            self.startup = dataclasses.replace(self.startup, settings_problems=[])
        return f"The broken settings file was kept as {moved}." if moved else ""

    # -- what to practise ----------------------------------------------------------------
    def suggestions(self, context: str | None = None) -> list[Suggestion]:
        """The library ranked for now (and ``context``), best first, each with its reason."""
        from coach.core.suggest import suggest

        return suggest(self.library, self.history_runs(), self.clock.now(), context,
                       practice=self.settings.practice)

    def progress(self) -> Progress:
        """Everything the history screen shows."""
        from coach.core.history.stats import progress

        return progress(self.history_runs(), self.clock.now(), away=self.away_days())

    def insights(self) -> Report:
        """What has helped, from the person's own ratings: per exercise, kind and context."""
        from coach.core.insights import report

        return report(self.history_runs(), self.library)

    # -- history -------------------------------------------------------------------------
    @property
    def history(self) -> HistoryStore:
        """The history files, opened on first use."""
        if self._history is None:
            self._history = HistoryStore(self.paths.data_dir, self.paths.cache_dir,
                                         now=self.clock.now)
        return self._history

    def record_run(self, result: RunResult) -> str:
        """Keep a finished or abandoned run. Returns a sentence for the user when storing
        failed (the practice itself is never lost from this process), else ''. The help
        guide's runs are not kept; notes only when the settings keep them."""
        from coach.core.kinds import kind_of

        if not kind_of(result.kind).recorded:
            return ""
        if (result.note or result.notes) and not self.settings.keep_notes:
            result = dataclasses.replace(result, note="", notes=())
        self.recorded.append(result)
        try:
            notices = self.history.add(result, keep_partner_names=self.settings.keep_partner_names)
        except HistoryError as err:
            self.unsaved.append(result)
            return err.message
        return " ".join(notices)

    def _load(self) -> Loaded:
        loaded = self.history.load()
        if loaded is not self._seen:
            self._seen = loaded
            self.history_notices.extend(loaded.notices)
        return loaded

    def history_runs(self) -> list[RunResult]:
        """Every stored run (and any that could not be stored), oldest first. Reads the files
        only when they changed, e.g. when a coach in another terminal records a run."""
        loaded = self._load()
        if not self.unsaved:
            return list(loaded.runs)
        return sorted([*loaded.runs, *self.unsaved], key=lambda r: r.started_at)

    def away_days(self) -> frozenset[date]:
        """The days marked away (holiday, illness): they neither add to nor dent the strength."""
        return self._load().away

    def mark_away(self, days: list[date], *, away: bool = True) -> str:
        """Mark ``days`` as days away (or, without ``away``, as ordinary days again). Returns a
        sentence for the user when something needs saying (saving failed), else ''."""
        try:
            return " ".join(self.history.set_away(days, away=away))
        except HistoryError as err:
            return err.message

    def starts_swapped(self, entry: Entry) -> bool:
        """Whether the second of the two names starts this time (see coach.core.together)."""
        from coach.core.together import starts_swapped

        return self.settings.alternate_starter and starts_swapped(entry, self.history_runs())

    def resume_point(self, entry: Entry) -> Resume | None:
        """Where a run of ``entry`` stopped for a break, if it can be picked up now."""
        from coach.core.together import resume_point

        return resume_point(entry, self.history_runs(), self.clock.now())

    def take_history_notices(self) -> list[str]:
        """Sentences about the history not yet shown to the user (then forgotten)."""
        notices, self.history_notices = self.history_notices, []
        return notices

    # -- for the user ----------------------------------------------------------------------
    def startup_problems(self, unusable_themes: list[Problem] | None = None) -> list[str]:
        """One sentence for each kind of file start-up had to skip or correct, in a fixed
        order: exercises, themes, settings (empty when all was well). ``unusable_themes`` are
        problems the UI found when it tried the themes the core accepted."""
        out = []
        if self.library.problems:
            out.append(self.library.skipped_message())
        themes = [*self.theme_problems, *(unusable_themes or [])]
        if themes:
            files = len({p.path for p in themes})
            more = f" ({files} theme files skipped)" if files > 1 else ""
            out.append(f"Could not load theme {themes[0]}{more}.")
        out.extend(f"{problem}; using the default." for problem in self.settings_problems)
        return out


def build_context(paths: Paths | None = None, clock: Clock | None = None) -> Context:
    """Library, settings and themes for ``paths`` (default: platformdirs and environment),
    from the start-up cache when no file changed since it was written."""
    paths = paths or resolve_paths()
    startup = load_startup(paths)
    return Context(paths=paths, clock=clock or SystemClock(), startup=startup,
                   settings=startup.settings)
