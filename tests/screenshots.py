"""The README's pictures, drawn by the app itself on a fixed clock and made-up practice data.

Regenerate after a visible change (tests/test_screenshots.py fails until you do):

    .venv/bin/python -m tests.screenshots

It writes docs/screenshots/{home,breathing,turn,history}.svg; look at each before committing.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coach.core.clock import FakeClock
from coach.core.context import Context, build_context
from coach.core.paths import resolve_paths
from coach.core.runs import NamedFeeling, Rating, RunResult

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "docs" / "screenshots"
SIZE = (100, 30)
NOW = datetime(2026, 11, 2, 18, 30, tzinfo=UTC)
SHOTS = ("home", "breathing", "turn", "history")
PRACTICE = [("box-breathing", "breathing"), ("cyclic-sighing", "breathing"),
            ("feeling-wheel-check-in", "emotion"), ("daily-highs-and-lows", "ritual"),
            ("speaker-listener", "repair"), ("extended-exhale", "breathing")]
FEELINGS = [("peaceful", "calm"), ("sad", "tired"), ("scared", "anxious"), ("joyful", "hopeful")]


def practice(ctx: Context, days: int = 84, seed: int = 3) -> list[RunResult]:
    """About eleven weeks of made-up practice, most days, calmer after than before."""
    rng = random.Random(seed)
    runs = []
    for day in range(days, 0, -1):
        if rng.random() < 0.3:
            continue
        exercise_id, kind = rng.choice(PRACTICE)
        entry = ctx.library.get(exercise_id)
        title = entry.title if entry else exercise_id
        start = (NOW - timedelta(days=day)).replace(hour=rng.choice([7, 12, 20]), minute=rng.randrange(60))
        before = rng.randrange(2, 6)
        feelings = [NamedFeeling(*rng.choice(FEELINGS), rng.randrange(3, 8))] if kind == "emotion" else []
        runs.append(RunResult(
            exercise_id=exercise_id, content_hash="screenshot", kind=kind, title=title,
            started_at=start, ended_at=start + timedelta(minutes=5), active_seconds=300, steps_total=5,
            steps_done=[0, 1, 2, 3, 4], completed=True, feelings=feelings,
            ratings=[Rating("calm", before, 0), Rating("calm", before + rng.randrange(1, 4), 4)]))
    return runs


@contextlib.contextmanager
def steady_world() -> Iterator[Path]:
    """A private folder, UTC and a calm animation level, put back afterwards."""
    saved = {k: os.environ.get(k) for k in ("TZ", "TEXTUAL_ANIMATIONS", "NO_COLOR")}
    os.environ["TZ"] = "UTC"
    os.environ["TEXTUAL_ANIMATIONS"] = "basic"
    os.environ.pop("NO_COLOR", None)
    time.tzset()
    try:
        with tempfile.TemporaryDirectory() as folder:
            yield Path(folder)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        time.tzset()


def make_context(folder: Path, history: bool) -> Context:
    paths = resolve_paths(folder / "config", folder / "data", folder / "config" / "exercises",
                          cache_dir=folder / "cache")
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("welcomed: true\npartner_a: Ada\npartner_b: Ben\n")
    ctx = build_context(paths, FakeClock(NOW))
    if history:
        ctx.history.add_many(practice(ctx))
    return ctx


async def draw(name: str, folder: Path) -> str:
    """One picture: the app driven to the screen ``name`` shows."""
    from textual.widgets import Input

    from coach.player import Sounds
    from coach.ui.app import CoachApp
    from coach.ui.runner.runner_screen import RunnerScreen

    ctx = make_context(folder / name, history=name in ("home", "history"))
    clock = ctx.clock
    assert isinstance(clock, FakeClock)
    start = {"breathing": "box-breathing", "turn": "speaker-listener"}.get(name)
    app = CoachApp(ctx, start=start)
    app.sounds = Sounds(ctx.paths.cache_dir, None, find=False)

    async def advance(pilot: object, seconds: float) -> None:
        clock.advance(seconds)
        if isinstance(app.screen, RunnerScreen):
            await app.screen.follow_clock()
        await pilot.pause()  # type: ignore[attr-defined]

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if name == "breathing":
            await pilot.press("7", "enter")  # calm before
            await pilot.press("enter")  # the instruction
            await advance(pilot, 2.5)  # halfway through the first in-breath
        elif name == "turn":
            await pilot.press("enter")  # the caution: start
            await pilot.pause()
            await pilot.press("enter")  # the names, as last used: Start has the focus
            await pilot.pause()
            await pilot.press("enter")  # agree on one topic
            await advance(pilot, 48)
        elif name == "history":
            app.action_open("history")
        await pilot.pause()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()
        return app.export_screenshot(title="coach")


def render_all() -> dict[str, str]:
    """Every picture, as SVG text."""
    with steady_world() as folder:
        return {name: asyncio.run(draw(name, folder)) for name in SHOTS}


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, svg in render_all().items():
        path = FOLDER / f"{name}.svg"
        changed = not path.exists() or path.read_text() != svg
        path.write_text(svg)
        print(f"{path.relative_to(ROOT)}: {'written' if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
