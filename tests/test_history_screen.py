"""The history screen: empty and with a year of practice; Escape and q go back."""

from __future__ import annotations

import dataclasses

import pytest

from coach.core.library import Library
from coach.core.model import Exercise, Timer
from tests.conftest import SNAP_SIZE
from tests.history_data import generate_runs

FIXED = Library(entries={e.id: e for e in (
    Exercise("box-breathing", "Box breathing", "breathing", "s", (Timer("t", 300),), "s"),
    Exercise("cyclic-sighing", "Cyclic sighing", "breathing", "s", (Timer("t", 120),), "s"),
    Exercise("feeling-wheel", "Feeling wheel", "emotion", "s", (Timer("t", 240),), "s"),
    Exercise("soft-start-up", "Soft start-up", "repair", "s", (Timer("t", 600),), "s"),
    Exercise("highs-and-lows", "Highs and lows", "ritual", "s", (Timer("t", 360),), "s"),
    Exercise("child-feeling", "A child's feeling", "family", "s", (Timer("t", 180),), "s"),
)})
"""A library that never changes, so the snapshot does not follow content edits."""


pytestmark = pytest.mark.usefixtures("utc_zone")


@pytest.fixture
def history_app(make_app, make_context, clock):
    def factory(runs: int = 0):
        ctx = make_context()
        ctx.settings = dataclasses.replace(ctx.settings, welcomed=True)
        if runs:
            ctx.history.add_many(generate_runs(FIXED, runs, clock.now(), days=365, seed=11))
        return make_app(ctx=ctx)

    return factory


async def open_history(pilot) -> None:
    await pilot.pause()
    pilot.app.action_open("history")
    await pilot.pause()


def test_history_empty_snapshot(history_app, snap_compare) -> None:
    assert snap_compare(history_app(), terminal_size=SNAP_SIZE, run_before=open_history)


def test_history_year_snapshot(history_app, snap_compare) -> None:
    assert snap_compare(history_app(900), terminal_size=SNAP_SIZE, run_before=open_history)


@pytest.mark.parametrize("key", ["escape", "q"])
async def test_keys_go_back(history_app, key: str) -> None:
    from coach.ui.screens.history import HistoryScreen

    app = history_app(30)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await open_history(pilot)
        assert isinstance(app.screen, HistoryScreen)
        before = len(app.screen_stack)
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen) and len(app.screen_stack) == before - 1


async def test_broken_history_is_reported_on_the_screen(history_app, paths) -> None:
    paths.data_dir.mkdir(parents=True)
    (paths.data_dir / "history.json").write_text("[not, json")
    app = history_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await open_history(pilot)
        messages = [n.message for n in app._notifications]
    assert any("history.json.corrupt-" in m for m in messages), messages


async def test_small_terminal_still_shows_the_calendar(history_app) -> None:
    app = history_app(200)
    async with app.run_test(size=(50, 14)) as pilot:
        await open_history(pilot)
        assert app.screen.query_one("#calendar").region.height > 0
