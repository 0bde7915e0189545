"""Help lists the keys of the screen it was opened from, the kinds of exercise, the version."""

from __future__ import annotations

from coach import __version__
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.home import HomeScreen
from tests.home_support import opened, press


def help_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


async def test_help_on_home_lists_home_keys_families_and_version(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for words in ("Keys on the home screen", "Filter", "Breathe", "History", "Settings", "ctrl+p",
                      "Breathing", "Naming feelings", "Repair and requests", f"coach {__version__}"):
            assert words in text, words
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HomeScreen)


async def test_help_on_settings_lists_settings_keys(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        await press(pilot, "comma")
        await press(pilot, "f1")
        text = help_text(app)
        assert "Keys on the settings screen" in text and "Back" in text
        assert "Breathe" not in text.split("Kinds of exercise")[0]


async def test_a_click_outside_closes_help(make_app, paths) -> None:
    async with opened(make_app, paths, size=(120, 40)) as (app, pilot):
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.click(offset=(1, 1))
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
