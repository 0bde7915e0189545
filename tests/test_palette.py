"""Command palette: discovery with an empty query, fuzzy search, and each kind of command."""

from __future__ import annotations

from textual.command import CommandPalette

from coach.core.settings import load_settings
from coach.ui.screens.settings import SettingsScreen
from tests.conftest import SNAP_SIZE
from tests.home_support import press, record_starts, write_settings


def shown(app) -> list[str]:
    options = app.screen.query_one("CommandList").options
    return [str(o.prompt) if not hasattr(o, "hit") else o.hit.text or str(o.prompt) for o in options]


async def open_palette(app, pilot, query: str = "") -> list[str]:
    await pilot.pause()
    await press(pilot, "ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    if query:
        await pilot.press(*query)
    await pilot.pause(0.3)
    return shown(app)


async def test_discovery_lists_start_open_and_theme_commands(make_app, paths) -> None:
    write_settings(paths)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        items = " | ".join(await open_palette(app, pilot))
    for words in ("Start: Box breathing", "Open history", "Open settings", "Open help", "Theme: Dusk"):
        assert words in items, words


async def test_fuzzy_search_starts_an_exercise(make_app, paths) -> None:
    write_settings(paths)
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        started = record_starts(app)
        items = await open_palette(app, pilot, "box brea")
        assert "Box breathing" in items[0]
        await press(pilot, "enter")
    assert started == ["box-breathing"]


async def test_search_plans_by_name(make_app, paths) -> None:
    write_settings(paths)
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        started = record_starts(app)
        await open_palette(app, pilot, "after a fight")
        await press(pilot, "enter")
    assert started == ["after-a-fight"]


async def test_palette_opens_settings(make_app, paths) -> None:
    write_settings(paths)
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await open_palette(app, pilot, "open settings")
        await press(pilot, "enter")
        assert isinstance(app.screen, SettingsScreen)


async def test_palette_switches_theme_and_remembers_it(make_app, paths) -> None:
    write_settings(paths)
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        items = await open_palette(app, pilot, "theme mist")
        assert "Theme: Mist" in items[0]
        await press(pilot, "enter")
        assert app.theme == "coach-mist"
    assert load_settings(paths.settings_file)[0].theme == "coach-mist"
