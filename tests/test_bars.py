"""The title bar and the key bar: what they show, and that the mouse works on them."""

from __future__ import annotations

from textual.command import CommandPalette

from coach import __version__
from coach.ui.screens.history import HistoryScreen
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.header import CoachHeader
from tests.home_support import opened


def _line(widget) -> str:
    return widget.render().plain


async def test_footer_shows_the_home_keys_and_the_palette(make_app, paths) -> None:
    async with opened(make_app, paths, size=(100, 24)) as (app, _pilot):
        line = _line(app.screen.query_one(CoachFooter))
        assert line.startswith("⏎ Start / Filter s Suggested b Breathe h History , Settings ? Help")
        assert line.endswith("▏^p palette ")
        assert len(line) == 100


async def test_narrow_footer_leaves_out_palette_and_enter_to_fit_the_rest(make_app, paths) -> None:
    async with opened(make_app, paths, size=(60, 20)) as (app, _pilot):
        line = _line(app.screen.query_one(CoachFooter))
        assert line.rstrip() == "/ Filter s Suggested b Breathe h History , Settings ? Help"
        assert "palette" not in line


async def test_footer_leaves_out_the_palette_first(make_app, paths) -> None:
    async with opened(make_app, paths, size=(70, 20)) as (app, _pilot):
        line = _line(app.screen.query_one(CoachFooter))
        assert line.rstrip() == "⏎ Start / Filter s Suggested b Breathe h History , Settings ? Help"


async def test_clicking_a_key_in_the_footer_presses_it(make_app, paths) -> None:
    async with opened(make_app, paths, size=(100, 24)) as (app, pilot):
        footer = app.screen.query_one(CoachFooter)
        x = _line(footer).index("h History")
        await pilot.click(CoachFooter, offset=(x + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_hovering_a_key_highlights_only_that_key(make_app, paths) -> None:
    async with opened(make_app, paths, size=(100, 24)) as (app, pilot):
        footer = app.screen.query_one(CoachFooter)
        x = _line(footer).index("b Breathe")
        await pilot.hover(CoachFooter, offset=(x + 1, 0))
        await pilot.pause()
        assert footer._hover is not None
        span = footer._spans[footer._hover]
        assert _line(footer)[span.start:span.end] == "b Breathe"
        await pilot.hover(CoachHeader)
        await pilot.pause()
        assert footer._hover is None


async def test_footer_follows_the_screen_keys(make_app, paths) -> None:
    async with opened(make_app, paths, size=(100, 24)) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        line = _line(app.screen.query_one(CoachFooter))
        assert line.startswith(" esc Back  ? The score ")  # the history screen's own ?
        assert "F1 Help" in line and "Breathe" not in line


async def test_header_shows_title_and_screen_title(make_app, paths) -> None:
    async with opened(make_app, paths, size=(100, 24)) as (app, pilot):
        assert _line(app.screen.query_one(CoachHeader)).strip().endswith(f"coach — v{__version__}")
        await pilot.press("h")
        await pilot.pause()
        assert f"Your practice — v{__version__}" in _line(app.screen.query_one(CoachHeader))


async def test_clicking_the_header_icon_opens_the_palette(make_app, paths) -> None:
    async with opened(make_app, paths, size=(100, 24)) as (app, pilot):
        await pilot.click(CoachHeader, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
