"""Snapshots of the home screen and its companions (look at each SVG when updating)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from coach.core.themes import load_themes
from tests.conftest import SNAP_SIZE
from tests.home_support import write_settings

THEMES = [t.name for t in load_themes()[0]]


async def steady(pilot) -> None:
    """No blinking cursors; everything mounted."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@pytest.fixture
def home(make_app, paths):
    def factory(settings: str = "welcomed: true\n"):
        if settings:
            write_settings(paths, settings)
        return make_app()

    return factory


@pytest.mark.parametrize("size", [(120, 40), (100, 30), (80, 24), (60, 20), (50, 16)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(home, snap_compare, size) -> None:
    assert snap_compare(home(), terminal_size=size, run_before=steady)


def test_home_filtering(home, snap_compare) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("slash", *"calm")
        await steady(pilot)

    assert snap_compare(home(), terminal_size=SNAP_SIZE, run_before=run_before)


def test_home_filter_without_match(home, snap_compare) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("slash", *"xyzzy")
        await steady(pilot)

    assert snap_compare(home(), terminal_size=SNAP_SIZE, run_before=run_before)


@pytest.mark.parametrize("entry_id", ["box-breathing", "speaker-listener"])
def test_home_preview(home, snap_compare, entry_id) -> None:
    async def run_before(pilot) -> None:
        await pilot.pause()  # the home screen is pushed once Textual's start-up is done
        listing = pilot.app.screen.query_one("#library")
        listing.highlighted = listing.get_option_index(entry_id)
        await steady(pilot)

    assert snap_compare(home(), terminal_size=(120, 40), run_before=run_before)


def test_first_run_welcome(home, snap_compare) -> None:
    assert snap_compare(home(""), terminal_size=SNAP_SIZE, run_before=steady)


def test_first_run_welcome_small(home, snap_compare) -> None:
    """At 50x16 it opens at its top (newcomer trial m12)."""
    assert snap_compare(home(""), terminal_size=(50, 16), run_before=steady)


def test_startup_problems(home, snap_compare, paths) -> None:
    paths.exercises_dir.mkdir(parents=True)
    for name in ("broken.yaml", "other.yaml"):
        (paths.exercises_dir / name).write_text("title: no\n")

    async def run_before(pilot) -> None:
        await pilot.press("p")
        for line in pilot.app.screen.query(".problem"):  # tmp paths differ each run
            line.update(str(line.render()).replace(str(paths.exercises_dir), "~/.config/coach/exercises"))
        await steady(pilot)

    assert snap_compare(home(), terminal_size=(100, 24), run_before=run_before)


def test_help(home, snap_compare) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("question_mark")
        await steady(pilot)

    assert snap_compare(home(), terminal_size=(80, 30), run_before=run_before)


def test_settings(home, snap_compare) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("comma")
        # The real path is a fresh tmp folder each run.
        pilot.app.screen.query_one("#settings-file").update("Saved as you go in ~/.config/coach/x.yaml")
        await steady(pilot)

    assert snap_compare(home("welcomed: true\npartner_a: Sam\npartner_b: Alex\n"),
                        terminal_size=SNAP_SIZE, run_before=run_before)


def test_palette_open(home, snap_compare) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"breath")
        await pilot.pause(0.3)
        await steady(pilot)

    assert snap_compare(home(), terminal_size=SNAP_SIZE, run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_home_in_theme(home, snap_compare, theme) -> None:
    assert snap_compare(home(f"welcomed: true\ntheme: {theme}\n"), terminal_size=SNAP_SIZE, run_before=steady)
