"""The home screen says what Enter will do: the preview follows the row Enter would start, and
coming back from an exercise leaves the keys to the home screen (newcomer trial M1, M4, m1)."""

from __future__ import annotations

import pytest

from coach.ui.screens.help import HelpScreen
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.settings import SettingsScreen
from coach.ui.widgets.library_list import LibraryList
from coach.ui.widgets.preview import Preview
from coach.ui.widgets.suggestions import SuggestionList
from tests.home_support import opened, press, record_starts


def previewed(app) -> str | None:
    entry = app.screen.query_one(Preview).display_entry
    return entry.id if entry is not None else None


async def enter_target(pilot) -> str | None:
    """What Enter would start now, found by asking the screen (recorded, not started)."""
    app = pilot.app
    started = record_starts(app)
    app.screen.action_start()
    await pilot.pause()
    app.recording = None
    return started[-1] if started else None


async def test_at_start_up_the_preview_is_the_focused_library_row(make_app, paths, monkeypatch) -> None:
    from coach.core.context import Context
    from coach.core.suggest import Suggestion

    # Suggestion 1 differs from the first library row (as at 04:30 in the trial's repro B).
    monkeypatch.setattr(Context, "suggestions",
                        lambda self, context=None: [Suggestion("respond-not-react", "New", 1.0)])
    async with opened(make_app, paths) as (app, pilot):
        await pilot.pause()
        listing = app.screen.query_one(LibraryList)
        suggested = app.screen.suggested_ids[0]
        assert app.focused is listing and listing.highlighted_id != suggested, "a real test"
        assert previewed(app) == listing.highlighted_id == await enter_target(pilot)


async def test_tab_between_suggestions_and_library_moves_the_preview(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        listing = app.screen.query_one(LibraryList)
        await press(pilot, "down", "down")
        here = listing.highlighted_id
        await press(pilot, "shift+tab", "shift+tab")
        assert isinstance(app.focused, SuggestionList)
        assert previewed(app) == app.screen.suggested_ids[0] == await enter_target(pilot)
        await press(pilot, "down")
        assert previewed(app) == app.screen.suggested_ids[1] == await enter_target(pilot)
        await press(pilot, "tab", "tab")
        assert app.focused is listing
        assert previewed(app) == here == await enter_target(pilot)


async def test_the_preview_follows_the_mouse(make_app, paths) -> None:
    async with opened(make_app, paths, size=(120, 40)) as (app, pilot):
        await pilot.click(SuggestionList, offset=(4, 2))  # the second suggestion
        await pilot.pause()
        assert previewed(app) == app.screen.suggested_ids[1] == await enter_target(pilot)
        await pilot.click(LibraryList, offset=(3, 4))
        await pilot.pause()
        listing = app.screen.query_one(LibraryList)
        assert app.focused is listing
        assert previewed(app) == listing.highlighted_id == await enter_target(pilot)


async def test_widening_from_narrow_shows_the_row_moved_to(make_app, paths) -> None:
    async with opened(make_app, paths, size=(60, 20)) as (app, pilot):
        await press(pilot, "down", "down")
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        listing = app.screen.query_one(LibraryList)
        assert app.screen.query_one(Preview).region.width > 20
        assert previewed(app) == listing.highlighted_id == await enter_target(pilot)


async def stop_and_come_home(pilot) -> None:
    """In the runner: stop at once, then leave the summary."""
    from coach.ui.runner.runner_screen import RunnerScreen

    app = pilot.app
    await pilot.pause()
    assert isinstance(app.screen, RunnerScreen), app.screen
    await press(pilot, "escape", "y")
    await press(pilot, "enter")
    assert isinstance(app.screen, HomeScreen)


async def test_back_from_an_exercise_the_preview_is_the_row_just_done(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        await press(pilot, "down", "down", "down", "enter")
        done = app.screen_stack[0].query_one(LibraryList).highlighted_id
        await stop_and_come_home(pilot)
        listing = app.screen.query_one(LibraryList)
        assert app.focused is listing
        assert previewed(app) == listing.highlighted_id == done == await enter_target(pilot)


@pytest.mark.parametrize(("key", "opens"), [
    ("slash", None), ("s", "suggested"), ("q", "quit"), ("b", "breathe"), ("h", HistoryScreen),
    ("question_mark", HelpScreen), ("comma", SettingsScreen),
])
async def test_home_keys_work_after_coming_back_from_a_filtered_start(make_app, paths, key, opens) -> None:
    async with opened(make_app, paths) as (app, pilot):
        await press(pilot, "slash", *"breath", "down", "down", "enter")
        await stop_and_come_home(pilot)
        field = app.screen.query_one("#filter")
        assert field.value == "" and app.focused is not field
        started = record_starts(app)
        if opens == "quit":
            await pilot.press(key)
            await pilot.pause()
            assert app.return_code == 0, "q quits from the home screen"
            return
        await press(pilot, key)
        if key == "slash":
            assert app.focused is field and field.value == ""
        elif isinstance(opens, type):
            assert isinstance(app.screen, opens)
        else:
            assert started, f"{key} started something"
        assert field.value == ""


async def test_a_look_at_help_keeps_the_filter_being_typed(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        await press(pilot, "slash", *"box", "f1")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        field = app.screen.query_one("#filter")
        assert app.focused is field and field.value == "box"


async def test_page_keys_scroll_the_preview_while_the_library_keeps_focus(make_app, paths) -> None:
    async with opened(make_app, paths, size=(100, 30)) as (app, pilot):
        listing = app.screen.query_one(LibraryList)
        preview = app.screen.query_one(Preview)
        await press(pilot, "down")
        row = listing.highlighted_id
        assert preview.max_scroll_y > 0, "the preview is longer than its box at 100x30"
        await press(pilot, "pagedown")
        assert preview.scroll_y > 0 and app.focused is listing and listing.highlighted_id == row
        await press(pilot, "end")  # End still moves the list
        await press(pilot, "pagedown", "pagedown", "pagedown", "pagedown", "pagedown")
        assert preview.scroll_y == preview.max_scroll_y
        body = str(app.screen.query_one("#preview-body").render())
        assert "Source:" in body
        await press(pilot, "pageup", "pageup", "pageup", "pageup", "pageup", "pageup")
        assert preview.scroll_y == 0


async def test_page_keys_page_the_list_when_the_preview_is_folded_away(make_app, paths) -> None:
    async with opened(make_app, paths, size=(60, 20)) as (app, pilot):
        listing = app.screen.query_one(LibraryList)
        before = listing.highlighted
        await press(pilot, "pagedown")
        assert listing.highlighted > before


async def test_help_says_how_to_read_the_preview(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        await press(pilot, "question_mark")
        keys = str(app.screen.query_one("#help-keys").render())
        assert "Scroll the preview" in keys
