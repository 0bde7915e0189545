"""Help lists the keys of the screen it was opened from, the kinds of exercise, the version."""

from __future__ import annotations

from coach import __version__
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.home import HomeScreen
from tests.conftest import SNAP_SIZE
from tests.home_support import write_settings


def help_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


async def test_help_on_home_lists_home_keys_families_and_version(make_app, paths) -> None:
    write_settings(paths)
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for words in ("Keys on the Home screen", "Filter", "Breathe", "History", "Settings", "ctrl+p",
                      "Breathing", "Naming feelings", "Repair for two", f"coach {__version__}"):
            assert words in text, words
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_help_on_settings_lists_settings_keys(make_app, paths) -> None:
    write_settings(paths)
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await pilot.press("comma")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = help_text(app)
        assert "Keys on the Settings screen" in text and "Back" in text
        assert "Breathe" not in text.split("Kinds of exercise")[0]
