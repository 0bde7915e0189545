"""The first-run welcome: opens at its top on a small terminal, tells the library as it is,
and asks once, gently, how the person practises (newcomer trial m12, polish; issue 19)."""

from __future__ import annotations

import pytest

from coach.core.kinds import KIND_TABLE
from coach.core.settings import load_settings
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.welcome import WELCOME, WelcomeScreen
from tests.home_support import opened, press


@pytest.mark.parametrize("size", [(50, 16), (40, 10), (60, 20)])
async def test_the_welcome_opens_at_its_top(make_app, paths, size) -> None:
    async with opened(make_app, paths, size=size, settings=None) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        box = app.screen.query_one("#welcome-box")
        assert box.scroll_y == 0
        assert box.max_scroll_y > 0, "the welcome is taller than the screen: a real test"
        await press(pilot, "down", "down")
        assert box.scroll_y > 0, "arrows scroll it"


def test_the_welcome_names_every_kind_of_the_library() -> None:
    assert "Three families" not in WELCOME
    for kind in KIND_TABLE:
        if kind.id not in ("help", "plan"):
            assert kind.plural.lower() in WELCOME
    assert "plans" in WELCOME and "press [b]g[/b]" in WELCOME


async def test_enter_begins_without_saying_how_you_practise(make_app, paths) -> None:
    async with opened(make_app, paths, settings=None) as (app, pilot):
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
    settings = load_settings(paths.settings_file)[0]
    assert settings.welcomed and settings.practice == ""


@pytest.mark.parametrize(("downs", "value"), [(0, "alone"), (1, "together"), (2, "both")])
async def test_saying_how_you_practise_is_remembered(make_app, paths, downs, value) -> None:
    async with opened(make_app, paths, settings=None) as (app, pilot):
        await press(pilot, "shift+tab")  # from Begin to the choices
        assert app.focused.id == "practice"
        await press(pilot, *(["right"] * downs), "space", "tab")
        assert app.focused.id == "begin"
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
    assert load_settings(paths.settings_file)[0].practice == value


async def test_clicking_a_choice_then_begin(make_app, paths) -> None:
    async with opened(make_app, paths, size=(100, 40), settings=None) as (app, pilot):
        buttons = list(app.screen.query("#practice RadioButton"))
        await pilot.click(buttons[1])
        await pilot.click("#begin")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert load_settings(paths.settings_file)[0].practice == "together"
