"""Where coach keeps its files. Functions only: nothing is created at import time.

Each folder comes from platformdirs and can be overridden by an argument or an environment
variable (arguments win), so tests and careful users can point coach anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "coach"
ENV_CONFIG = "COACH_CONFIG_DIR"
ENV_DATA = "COACH_DATA_DIR"
ENV_EXERCISES = "COACH_EXERCISES_DIR"
ENV_CACHE = "COACH_CACHE_DIR"


@dataclass(frozen=True, slots=True)
class Paths:
    """The folders coach reads and writes."""

    config_dir: Path
    data_dir: Path
    exercises_dir: Path
    cache_dir: Path
    """Disposable copies that only make start-up faster (see coach.core.cache)."""

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.yaml"

    @property
    def themes_dir(self) -> Path:
        return self.config_dir / "themes"

    @property
    def packs_dir(self) -> Path:
        """Installed exercise packs, one folder each (see coach.core.packs)."""
        return self.config_dir / "packs"

    @property
    def history_file(self) -> Path:
        return self.data_dir / "history.json"


def resolve_paths(
    config_dir: str | Path | None = None,
    data_dir: str | Path | None = None,
    exercises_dir: str | Path | None = None,
    cache_dir: str | Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Paths:
    """Folders from arguments, else environment variables, else platformdirs."""
    env = os.environ if env is None else env

    def pick(arg: str | Path | None, var: str, default: Path) -> Path:
        if arg:
            return Path(arg).expanduser()
        if env.get(var):
            return Path(env[var]).expanduser()
        return default

    config = pick(config_dir, ENV_CONFIG, platformdirs.user_config_path(APP_NAME, appauthor=False))
    data = pick(data_dir, ENV_DATA, platformdirs.user_data_path(APP_NAME, appauthor=False))
    exercises = pick(exercises_dir, ENV_EXERCISES, config / "exercises")
    cache = pick(cache_dir, ENV_CACHE, platformdirs.user_cache_path(APP_NAME, appauthor=False))
    return Paths(config_dir=config, data_dir=data, exercises_dir=exercises, cache_dir=cache)
