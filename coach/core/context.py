"""Everything the app and the commands share, built once at start-up (pure Python)."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.core.clock import Clock, SystemClock
from coach.core.library import Library, load_library
from coach.core.paths import Paths, resolve_paths
from coach.core.runs import RunResult
from coach.core.settings import Settings, load_settings, save_settings
from coach.core.yamlnodes import Problem


@dataclass
class Context:
    paths: Paths
    clock: Clock
    library: Library
    settings: Settings
    settings_problems: list[Problem] = field(default_factory=list)
    recorded: list[RunResult] = field(default_factory=list)
    """Runs recorded in this process (the history issue stores them on disk)."""

    def record_run(self, result: RunResult) -> str:
        """Keep a finished or abandoned run. Returns a sentence for the user when storing
        failed (the practice itself is never lost from this process), else ''."""
        self.recorded.append(result)
        return ""

    def history_runs(self) -> list[RunResult]:
        """Every stored run, oldest first."""
        return list(self.recorded)

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
    """Load library and settings from ``paths`` (default: platformdirs and environment)."""
    paths = paths or resolve_paths()
    settings, problems = load_settings(paths.settings_file)
    return Context(
        paths=paths,
        clock=clock or SystemClock(),
        library=load_library(user=paths.exercises_dir),
        settings=settings,
        settings_problems=problems,
    )
