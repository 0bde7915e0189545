"""The runner's keys tell the truth (newcomer trial m2, m3, m6, m7, m11): the key bar shows
only keys that work on the step, help pauses and lists the step's keys, the palette cannot
stack a second exercise, time up rings once. Pilot on the fake clock."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from textual.command import CommandPalette

from coach.core.model import Breathe, Emotions, Note, Reflect, Timer, Turn
from coach.ui.runner.caution import CautionScreen
from coach.ui.runner.confirm_quit import ConfirmQuit
from coach.ui.runner.confirm_switch import ConfirmSwitch
from coach.ui.runner.runner_screen import RunnerScreen
from coach.ui.runner.turn_view import TIME_UP
from coach.ui.runner.word_list import WordList
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.widgets.footer import CoachFooter
from tests.conftest import SNAP_SIZE
from tests.home_support import opened, press
from tests.runner_support import advance, enter_names


def key_bar(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(CoachFooter).render())


def help_text(app) -> str:  # type: ignore[no-untyped-def]
    assert isinstance(app.screen, HelpScreen)
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


async def to_step(pilot, kind: type) -> RunnerScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    runner = pilot.app.screen
    assert isinstance(runner, RunnerScreen)
    while not isinstance(runner.session.step, kind):
        await runner.action_skip()
        await pilot.pause()
    return runner


async def test_the_word_list_types_letters_and_the_key_bar_says_so(make_app, clock) -> None:
    """m2: on the word picker the key bar said 'n Skip p Back r Restart' but n, p, r (and ?)
    were typed into the filter, so help was out of reach."""
    app = make_app(start="feeling-wheel-check-in")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_step(pilot, Emotions)
        assert "n Skip" in key_bar(app)  # the core feelings: letters are keys
        await press(pilot, "down", "enter")
        words = runner.query_one(WordList)
        bar = key_bar(app)
        assert "→ Skip" in bar and "← Back" in bar
        assert "n Skip" not in bar and "p Back" not in bar and "Restart" not in bar
        await press(pilot, "n", "p", "r")
        assert words.filter == "npr" and runner.session.index == 3
        await press(pilot, "backspace", "backspace", "backspace", "question_mark")
        assert isinstance(app.screen, HelpScreen) and words.filter == ""
        text = help_text(app)
        assert "Keys while you name a feeling" in text and "Filter the words" in text
        await press(pilot, "escape", "z", "z")
        assert "Nothing matches 'zz'" in str(runner.query_one("#filter").render())
        await press(pilot, "right")
        assert runner.session.index == 4 and 3 not in runner.session.done


async def test_an_enter_meant_for_the_last_step_picks_no_feeling(make_app, clock) -> None:
    """m2: two quick Enters on the instruction before picked the first core feeling."""
    app = make_app(start="feeling-wheel-check-in")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_step(pilot, Emotions)
        await press(pilot, "enter", "enter")
        assert runner.view.stage == "core" and runner.view.core is None  # type: ignore[union-attr]
        await press(pilot, "down", "enter")
        assert runner.view.core == "angry"  # type: ignore[union-attr]


async def test_the_key_bar_shows_only_keys_that_work_on_the_step(make_app, clock) -> None:
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_step(pilot, object)  # the first step, a rating: no back, no pause
        bar = key_bar(app)
        assert "n Skip" in bar and "esc Stop" in bar
        assert "Back" not in bar and "Pause" not in bar and "Restart" not in bar
        await to_step(pilot, Breathe)
        assert {"space Pause", "p Back", "r Restart"} <= {w for w in _pairs(key_bar(app))}
        await press(pilot, "space")
        assert "space Resume" in key_bar(app) and "space Pause" not in key_bar(app)
        await press(pilot, "space")
        assert not runner.session.paused


def _pairs(bar: str) -> list[str]:
    words = bar.split()
    return [f"{a} {b}" for a, b in itertools.pairwise(words)]


async def test_a_note_box_takes_letters_and_tab_gives_the_step_keys_back(make_app, clock) -> None:
    app = make_app(start="prepare-a-soft-start-up")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_step(pilot, Note)
        await press(pilot, "n", "p")
        assert runner.session.index == 0
        bar = key_bar(app)
        assert "Skip" not in bar and "⏎ Go on" in bar and "tab Leave the box" in bar
        assert "f1 Help" in bar  # ? is typed into the box
        await press(pilot, "ctrl+c")  # not copy: the stop question, as everywhere in a run
        assert isinstance(app.screen, ConfirmQuit)
        await press(pilot, "escape", "tab")
        assert "n Skip" in key_bar(app)
        await press(pilot, "n")
        assert runner.session.index == 1 and runner.session.notes == {}


async def test_help_pauses_a_timed_step_and_names_its_keys(make_app, clock) -> None:
    """m7: help during breathing let the pacer run on, said 'Keys on the Runner screen' and
    did not list the step's keys."""
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_step(pilot, Breathe)
        await advance(pilot, clock, 2)
        await press(pilot, "question_mark")
        text = help_text(app)
        assert "Keys while you breathe" in text and "Runner" not in text
        for words in ("space", "Pause", "Skip", "Restart", "Stop", "Suspend"):
            assert words in text, words
        await advance(pilot, clock, 60)
        assert runner.session.paused and runner.session.step_elapsed == 2
        await press(pilot, "escape")
        assert app.screen is runner and not runner.session.paused
        await press(pilot, "space")  # paused before help: stays paused after it
        await press(pilot, "f1")
        await press(pilot, "escape")
        assert runner.session.paused


async def test_help_lists_the_keys_only_the_step_text_named(make_app, clock) -> None:
    """m3 (keys) and m7: h to hand over, y and a on a reflection, digits on a rating."""
    app = make_app(start="after-a-regrettable-incident")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await press(pilot, "enter")
        await enter_names(pilot)
        await to_step(pilot, Turn)
        await press(pilot, "f1")
        text = help_text(app)
        assert "Keys while one of you speaks" in text and "Hand over" in text
        await press(pilot, "escape")
        await to_step(pilot, Reflect)
        await press(pilot, "f1")
        text = help_text(app)
        assert "Yes, that's it" in text and "Not quite" in text
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "question_mark")
        assert "0-9" in help_text(app) and "Keys while you rate how you feel" in help_text(app)


async def test_help_opens_the_guide_to_more_help(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        await press(pilot, "question_mark")
        assert 'When to look for more help' in help_text(app)
        await press(pilot, "g")
        assert isinstance(app.screen, RunnerScreen) and app.screen.entry.kind == "help"


async def palette_start(pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    await press(pilot, "ctrl+p")
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.3)
    await press(pilot, "enter")


@pytest.mark.slow
async def test_the_palette_asks_before_starting_over_a_running_exercise(make_app, clock) -> None:
    """m6: choosing another exercise in ctrl+p stacked it on the one running, which went on
    unattended and came back when the new one ended."""
    app = make_app(start="cyclic-sighing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        old = await to_step(pilot, Breathe)
        await advance(pilot, clock, 3)
        await palette_start(pilot, "start longer breath")
        assert isinstance(app.screen, ConfirmSwitch)
        assert "Stop Cyclic sighing and start Longer breath out?" in help_or_text(app)
        await advance(pilot, clock, 30)
        assert old.session.paused and old.session.step_elapsed == 3  # waits while asked
        await press(pilot, "escape")  # keep going
        assert app.screen is old and not old.session.paused and app.ctx.recorded == []
        await palette_start(pilot, "start longer breath")
        await press(pilot, "y")
        new = app.screen
        assert isinstance(new, RunnerScreen) and new.entry.id == "extended-exhale"
        assert old not in app.screen_stack
        [kept] = app.ctx.recorded
        assert kept.exercise_id == "cyclic-sighing" and not kept.completed
        assert app.screen_stack[1:] == [new]  # one runner, on the bottom screen


def help_or_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


async def test_not_now_on_a_caution_from_the_palette_does_not_go_back_into_the_old_run(
        make_app, clock) -> None:
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await palette_start(pilot, "start after a regrettable")
        await press(pilot, "y")
        assert isinstance(app.screen, CautionScreen)
        await press(pilot, "escape")  # not now
        assert isinstance(app.screen, HomeScreen)
        assert [r.exercise_id for r in app.ctx.recorded] == ["box-breathing"]


async def test_time_up_shows_once_and_rings_the_bell(make_app, clock, make_context) -> None:
    """m11: the turn said "Time's up" twice; neither it nor the end of a timer rang."""
    ctx = make_context()
    ctx.settings = dataclasses.replace(ctx.settings, sound="bell")
    app = make_app(start="after-a-regrettable-incident", ctx=ctx)
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await press(pilot, "enter")
        await enter_names(pilot)
        runner = await to_step(pilot, Turn)
        await advance(pilot, clock, 89)
        assert rings == []
        await advance(pilot, clock, 2)
        await advance(pilot, clock, 30)
        assert rings == [1]  # once, however long the speaker goes on
        shown = help_or_text(app)
        assert shown.count("Time's up") == 1 and TIME_UP in shown
        assert runner.session.step == runner.session.exercise.steps[2]


async def test_the_end_of_a_timer_rings_the_bell(make_app, clock, make_context) -> None:
    ctx = make_context()
    ctx.settings = dataclasses.replace(ctx.settings, sound="bell")
    app = make_app(start="i-need-a-break", ctx=ctx)  # (flooding-break is a break step now)
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_step(pilot, Timer)  # the 20-minute timer
        rings.clear()  # (the breathing step before it rang as it began)
        await advance(pilot, clock, 20 * 60 - 1)
        assert rings == []
        await advance(pilot, clock, 1.5)
        assert rings == [1] and runner.session.index == 3
