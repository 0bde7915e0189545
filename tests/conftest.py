"""Shared fixtures: every test runs in tmp folders with a fake clock."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from coach.core.clock import FakeClock
from coach.core.context import Context, build_context
from coach.core.paths import ENV_CACHE, ENV_CONFIG, ENV_DATA, ENV_EXERCISES, Paths, resolve_paths

SNAP_SIZE = (80, 24)

# CI runs the same examples every time (reproducible); locally hypothesis keeps exploring.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real home: point every coach folder at tmp, calm Textual down."""
    monkeypatch.setenv(ENV_CONFIG, str(tmp_path / "config"))
    monkeypatch.setenv(ENV_DATA, str(tmp_path / "data"))
    monkeypatch.setenv(ENV_EXERCISES, str(tmp_path / "config" / "exercises"))
    monkeypatch.setenv(ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return resolve_paths(tmp_path / "config", tmp_path / "data", tmp_path / "config" / "exercises")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_context(paths: Paths, clock: FakeClock) -> Callable[[], Context]:
    return lambda: build_context(paths, clock)


@pytest.fixture
def make_app(make_context: Callable[[], Context]) -> Callable[..., object]:
    """Build a CoachApp on tmp folders and the fake clock (import Textual lazily)."""

    def factory(start: str | None = None, ctx: Context | None = None) -> object:
        from coach.ui.app import CoachApp

        return CoachApp(ctx or make_context(), start=start)

    return factory
