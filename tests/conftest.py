"""Shared fixtures: every test runs in tmp folders with a fake clock."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from coach.core.clock import FakeClock
from coach.core.context import Context, build_context
from coach.core.paths import ENV_CACHE, ENV_CONFIG, ENV_DATA, ENV_EXERCISES, Paths, resolve_paths

SNAP_SIZE = (80, 24)

# The suite's collector, not the app's: a Pilot test makes millions of short-lived objects and
# Textual keeps caches that grow the heap, so Python's default thresholds (700, 10, 10) ran
# about one full collection per test over an ever-larger heap: 30% of the suite's CPU
# (measured with gc.callbacks on four runner/home test files: 14 s of 47 s in full
# collections). Young collections every 100,000 allocations free an app's cycles before they
# are promoted, so full collections become rare and memory stays flat (about 150 MB a worker).
gc.set_threshold(100_000, 10, 10)


def pytest_unconfigure(config: pytest.Config) -> None:
    """The tests are over and this process is about to exit: Python's last full collection
    would walk every object Textual's caches still hold (2.5 s of CPU per process, 9.8 -> 7.2 s
    for test_home.py and test_runner_keys.py run alone), and the suite runs seven processes.
    Frozen objects are left to the operating system, which frees them all at once."""
    gc.freeze()

# Locally a quick pass; CI runs more examples, the same ones every time (reproducible).
hypothesis_settings.register_profile("dev", max_examples=60, deadline=None)
hypothesis_settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True,
                                     database=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked slow (several seconds each) run first: xdist hands tests out two at a time
    (addopts' --maxschedchunk), so the long ones spread over the workers at the start instead of
    one worker still running a long test at the end while the others wait."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: else in order


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
def utc_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC (dates and "back at 18:50" read the same on every machine)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return resolve_paths(tmp_path / "config", tmp_path / "data", tmp_path / "config" / "exercises",
                         cache_dir=tmp_path / "cache")


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
        from textual import on

        from coach.ui.app import CoachApp
        from coach.ui.messages import StartEntry

        class TestApp(CoachApp):
            """The app, able to record what it is asked to start instead of starting it
            (see tests.home_support.record_starts)."""

            recording: list[str] | None = None

            @on(StartEntry)
            def _record_start(self, message: StartEntry) -> None:
                if self.recording is not None:
                    self.recording.append(message.entry_id)
                    message.prevent_default()

        from coach.player import Sounds

        app = TestApp(ctx or make_context(), start=start)
        app.sounds = Sounds(app.ctx.paths.cache_dir, None, find=False)  # nothing plays in tests
        return app

    return factory
