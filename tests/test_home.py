"""Home screen keys, filter, preview and first-run welcome (Pilot tests)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach.core.browse import haystack, practice_of
from coach.core.settings import load_settings
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.home import QUICK_BREATHING, HomeScreen
from coach.ui.screens.settings import SettingsScreen
from coach.ui.screens.welcome import WelcomeScreen
from coach.ui.widgets.library_list import LibraryList
from coach.ui.widgets.preview import Preview
from coach.ui.widgets.suggestions import EMPTY
from tests.conftest import SNAP_SIZE
from tests.home_support import a_run, messages, opened, press, record_starts, write_settings


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_opens_on_home_with_first_entry_previewed(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, _pilot):
        assert isinstance(app.screen, HomeScreen)
        listing = app.screen.query_one(LibraryList)
        assert app.focused is listing
        first = listing.highlighted_id
        assert first == next(iter(app.ctx.library.by_kind().values()))[0].id
        assert app.ctx.library.get(first).title in text_of(app, "#preview-body")


async def test_enter_starts_the_highlighted_entry(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        started = record_starts(app)
        await press(pilot, "down", "enter")
        listing = app.screen.query_one(LibraryList)
        assert started == [listing.highlighted_id]
        assert started[0] == next(iter(app.ctx.library.by_kind().values()))[1].id


async def test_s_starts_the_top_suggestion(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        started = record_starts(app)
        screen = app.screen
        assert screen.suggested_ids, "the suggester offers something even before any practice"
        await press(pilot, "s")
    assert started == [screen.suggested_ids[0]]


async def test_s_without_suggestions_says_so(make_app, paths, monkeypatch) -> None:
    from coach.core.context import Context

    monkeypatch.setattr(Context, "suggestions", lambda self, context=None: [])
    async with opened(make_app, paths) as (app, pilot):
        started = record_starts(app)
        listing = app.screen.query_one("#suggest-list")
        assert [str(o.prompt) for o in listing.options] == [EMPTY] and listing.display
        assert not listing.focusable  # nothing to pick: Tab passes it by
        await press(pilot, "s")
        assert started == []
        assert any("No suggestions yet" in m for m in messages(app))


async def test_b_starts_quick_breathing(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        started = record_starts(app)
        await press(pilot, "b")
    assert started == [QUICK_BREATHING]
    assert app.ctx.library.get(QUICK_BREATHING).kind == "breathing"


async def test_b_breathes_for_the_settings_length(make_app, paths) -> None:
    """'b' opens straight on the pacer and breathes for the default breathing length."""
    from coach.core.model import Breathe
    from coach.ui.runner.runner_screen import RunnerScreen

    async with opened(make_app, paths, settings="welcomed: true\nbreathing_minutes: 3\n") as (app, pilot):
        await press(pilot, "b")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        step = runner.session.step
        assert isinstance(step, Breathe), "the pacer comes first"
        assert step.cycles == 15  # 3 minutes of 12-second breaths, whole cycles
        assert step.cycles * step.cycle_seconds >= 180


async def test_h_opens_history(make_app, paths) -> None:
    write_settings(paths)
    from coach.ui.screens.history import HistoryScreen

    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)


async def test_comma_opens_settings_and_escape_returns(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        await press(pilot, "comma")
        assert isinstance(app.screen, SettingsScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_keys_open_help(make_app, paths, key: str) -> None:
    async with opened(make_app, paths) as (app, pilot):
        await press(pilot, key)
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_ctrl_p_opens_the_palette(make_app, paths) -> None:
    from textual.command import CommandPalette

    async with opened(make_app, paths) as (app, pilot):
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)


async def test_slash_filters_as_you_type_and_escape_clears(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        started = record_starts(app)
        await pilot.press("slash")
        assert app.focused.id == "filter"
        await press(pilot, *"sigh")
        listing = app.screen.query_one(LibraryList)
        ids = [o.id for o in listing.options if o.id]
        assert all("sigh" in haystack(app.ctx.library.get(i)) for i in ids)
        assert "cyclic-sighing" in ids and len(ids) < 5
        assert "Cyclic sighing" in text_of(app, "#preview-body")
        # Letters typed in the filter never trigger the screen's keys (s, b, h).
        assert started == []
        await press(pilot, "escape")
        assert app.screen.query_one("#filter").value == ""
        assert app.focused is listing
        assert len([o for o in listing.options if o.id]) == len(app.ctx.library.entries)


async def test_filter_matches_kind_tag_and_context(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, _pilot):
        listing = app.screen.query_one(LibraryList)
        for query, expected in [("plan", "after-a-fight"), ("before hard talk", "calm-before-a-hard-talk"),
                                ("repair", "speaker-listener")]:
            listing.show_filtered(query)
            assert expected in [o.id for o in listing.options if o.id], query


async def test_enter_in_filter_starts_highlighted_match(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        started = record_starts(app)
        await press(pilot, "slash", *"box", "enter")
    assert started == ["box-breathing"]


async def test_filter_without_match_shows_a_clear_empty_state(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        started = record_starts(app)
        await press(pilot, "slash", *"xyzzy")
        assert not app.screen.query_one(LibraryList).display
        said = text_of(app, "#no-match").replace("\n", " ")
        assert "Nothing matches 'xyzzy'. Escape clears the filter." in said
        await press(pilot, "enter")
        assert started == []
        await press(pilot, "escape")
        assert app.screen.query_one(LibraryList).display


async def test_preview_of_a_two_person_exercise(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        app.screen.show_preview("speaker-listener")
        await pilot.pause()
        assert "for two people" in text_of(app, "#preview-body")
        steps = text_of(app, "#preview-body")
        assert "Partner A speaks, Partner B listens" in steps
        assert "Source:" in text_of(app, "#preview-body")
        assert "Not practised yet" in text_of(app, "#preview-body")


async def test_preview_counts_practice(make_app, make_context, paths, clock) -> None:
    write_settings(paths)
    ctx = make_context()
    now = clock.now()
    for run in (a_run("box-breathing", now - timedelta(days=3)),
                a_run("box-breathing", now - timedelta(days=1), completed=False)):
        assert ctx.record_run(run) == ""
    app = make_app(ctx=ctx)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        app.screen.show_preview("box-breathing")
        await pilot.pause()
        assert "Last practised yesterday · 2 times in all" in text_of(app, "#preview-body")


def test_practice_of_a_plan_counts_plan_starts(make_context, clock) -> None:
    ctx = make_context()
    plan = ctx.library.get("after-a-fight")
    now = clock.now()
    runs = [a_run(e.id, now, plan_id=plan.id) for e in plan.exercises]
    assert practice_of(plan, runs).count == 1
    assert practice_of(plan.exercises[0], runs).count == 1


async def test_mouse_click_highlights_and_double_click_starts(make_app, paths) -> None:
    async with opened(make_app, paths, size=(120, 40)) as (app, pilot):
        started = record_starts(app)
        listing = app.screen.query_one(LibraryList)
        before = listing.highlighted
        await pilot.click(LibraryList, offset=(3, 3))
        await pilot.pause()
        assert listing.highlighted != before and started == []
        await pilot.click(LibraryList, offset=(3, 3), times=2)
        await pilot.pause()
        assert started == [listing.highlighted_id]


async def test_preview_folds_away_when_narrow(make_app, paths) -> None:
    async with opened(make_app, paths, size=(60, 20)) as (app, pilot):
        assert not app.screen.query_one(Preview).display or app.screen.query_one(Preview).region.width == 0
        assert app.screen.query_one(LibraryList).region.width > 40
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(Preview).region.width > 20


async def test_welcome_once_on_first_run(make_app, paths) -> None:
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
    assert load_settings(paths.settings_file)[0].welcomed
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_no_welcome_when_opening_straight_into_an_exercise(make_app, paths) -> None:
    app = make_app(start="box-breathing")
    started = record_starts(app)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        assert not any(isinstance(s, WelcomeScreen) for s in app.screen_stack)
    assert started == ["box-breathing"]


async def test_arrows_in_the_filter_move_through_matches(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        started = record_starts(app)
        await press(pilot, "slash", *"breath", "down", "enter")
        listing = app.screen.query_one(LibraryList)
        ids = [o.id for o in listing.options if o.id]
        assert app.focused.id == "filter"
    assert started == [ids[1]]


async def test_clicking_the_filter_line_opens_the_filter(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        await pilot.click("#filter")
        await pilot.pause()
        assert app.focused.id == "filter"
        await press(pilot, *"box")
        listing = app.screen.query_one(LibraryList)
        assert "box-breathing" in [o.id for o in listing.options if o.id]
        await press(pilot, "escape", "slash")  # the same box again, emptied
        assert app.focused.id == "filter" and app.focused.value == ""


async def test_double_click_on_a_suggestion_starts_it(make_app, paths) -> None:
    from coach.ui.widgets.suggestions import SuggestionList

    async with opened(make_app, paths, size=(120, 40)) as (app, pilot):
        started = record_starts(app)
        await pilot.click(SuggestionList, offset=(4, 2))  # under the border: the second one
        await pilot.pause()
        assert started == []
        assert app.screen.query_one(SuggestionList).highlighted == 1
        await pilot.click(SuggestionList, offset=(4, 2), times=2)
        await pilot.pause()
        assert started == [app.screen.suggested_ids[1]]
