"""Helpers for the home screen tests: a welcomed user, a recorder of starts, runs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from coach.core.paths import Paths
from coach.core.runs import RunResult
from tests.conftest import SNAP_SIZE


def write_settings(paths: Paths, text: str = "welcomed: true\n") -> Path:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(text)
    return paths.settings_file


def record_starts(app) -> list[str]:
    """From now on the app (made by the make_app fixture) records the ids it is asked to
    start instead of starting them; returns that list."""
    app.recording = []
    return app.recording


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


def a_run(exercise_id: str, ended, *, plan_id: str | None = None, completed: bool = True) -> RunResult:
    return RunResult(exercise_id=exercise_id, content_hash="x", kind="breathing", title=exercise_id,
                     started_at=ended - timedelta(minutes=3), ended_at=ended, active_seconds=180,
                     steps_total=3, steps_done=[0, 1, 2], completed=completed, plan_id=plan_id)


@asynccontextmanager
async def opened(make_app, paths: Paths, size: tuple[int, int] = SNAP_SIZE,
                 settings: str | None = "welcomed: true\n", **kwargs) -> AsyncIterator[tuple]:
    """The app (welcome already seen, unless ``settings`` says otherwise) running headless."""
    if settings is not None:
        write_settings(paths, settings)
    app = make_app(**kwargs)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app, pilot


async def press(pilot, *keys: str) -> None:
    """Press keys, then let the app settle."""
    await pilot.press(*keys)
    await pilot.pause()
