"""The title bar and the key bar: what they show, and that the mouse works on them."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from coach import __version__
from coach.ui.screens.history import HistoryScreen
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.header import CoachHeader
from tests.home_support import opened

HOME_KEYS = "⏎ Start / Filter s Suggested b Breathe h History , Settings g Get help ? Help"


def _line(widget) -> str:
    return widget.render().plain


async def test_footer_shows_the_home_keys_and_the_palette(make_app, paths) -> None:
    async with opened(make_app, paths, size=(100, 24)) as (app, _pilot):
        line = _line(app.screen.query_one(CoachFooter))
        assert line.startswith(HOME_KEYS)
        assert line.endswith("▏^p palette ")
        assert len(line) == 100


async def test_footer_leaves_out_the_palette_first(make_app, paths) -> None:
    async with opened(make_app, paths, size=(80, 20)) as (app, _pilot):
        line = _line(app.screen.query_one(CoachFooter))
        assert line.rstrip() == HOME_KEYS


@pytest.mark.parametrize(("width", "shown"), [
    (70, "/ Filter s Suggested b Breathe h History , Settings g Get help ? Help"),
    (60, "/ Filter s Suggested b Breathe h History , Settings ? Help"),
    (50, "/ Filter s Suggested b Breathe h History ? Help"),
    (40, "/ Filter s Suggested b Breathe ? Help"),
    (20, "/ Filter ? Help"),
    (8, "? Help"),
])
async def test_narrow_footer_leaves_out_whole_keys_never_half_a_word(make_app, paths, width, shown) -> None:
    """Palette, then Enter, then keys from the right; Help goes last (newcomer trial m12:
    the bar ended ', Setting' at 50 columns)."""
    async with opened(make_app, paths, size=(width, 16)) as (app, _pilot):
        line = _line(app.screen.query_one(CoachFooter))
        assert line.rstrip() == shown


def test_the_fitting_rule_leaves_keys_whole() -> None:
    keys = [("enter", "⏎", "Start", True), ("a", "a", "Apple", True), ("b", "b", "Banana", True),
            ("question_mark", "?", "Help", True)]
    palette = ("ctrl+p", "^p", "palette", True)
    for width in range(0, 60):
        fitted, pal = CoachFooter._fitting(keys, palette, True, width)
        drawn = " ".join(f"{k[1]} {k[2]}" for k in fitted) + (" ▏^p palette" if pal else "")
        assert len(drawn) <= width or not fitted, (width, drawn)


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


async def test_header_names_the_app_and_the_screen_the_same_way_everywhere(make_app, paths) -> None:
    """'coach — Home', 'coach — Your practice', 'coach — Settings' (the trial found three
    styles, with the version in two of them; the version is in help)."""
    async with opened(make_app, paths, size=(100, 24)) as (app, pilot):
        line = _line(app.screen.query_one(CoachHeader))
        assert line.strip().endswith("coach — Home") and __version__ not in line
        for key, title in (("h", "coach — Your practice"), ("escape", "coach — Home"),
                           ("comma", "coach — Settings")):
            await pilot.press(key)
            await pilot.pause()
            assert title in _line(app.screen.query_one(CoachHeader)), key


async def test_header_says_menu_not_a_bare_icon(make_app, paths) -> None:
    async with opened(make_app, paths, size=(100, 24)) as (app, _pilot):
        line = _line(app.screen.query_one(CoachHeader))
        assert line.startswith(" ≡ Menu") and "⭘" not in line


@pytest.mark.parametrize("width", [20, 30, 40, 50, 60])
async def test_header_is_never_cut_mid_word(make_app, paths, width) -> None:
    async with opened(make_app, paths, size=(width, 16)) as (app, pilot):
        for key in ("", "h"):
            if key:
                await pilot.press(key)
                await pilot.pause()
            line = _line(app.screen.query_one(CoachHeader))
            assert "…" not in line and len(line) == width
            assert line.rstrip().endswith(("coach — Home", "coach — Your practice", "coach"))


async def test_clicking_the_header_icon_opens_the_palette(make_app, paths) -> None:
    async with opened(make_app, paths, size=(100, 24)) as (app, pilot):
        await pilot.click(CoachHeader, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
