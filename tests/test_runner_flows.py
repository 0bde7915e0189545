"""Pilot tests for the runner's keys and flows, all on the fake clock."""

from __future__ import annotations

import pytest

from coach.core.model import Breathe
from coach.ui.messages import StartEntry
from coach.ui.runner.confirm_quit import ConfirmQuit
from coach.ui.runner.emotion_picker import EmotionPicker
from coach.ui.runner.names_dialog import NamesDialog
from coach.ui.runner.reflect_view import ReflectView
from coach.ui.runner.runner_screen import RunnerScreen
from coach.ui.runner.summary import SummaryScreen
from coach.ui.runner.turn_view import TIME_UP, TurnView
from coach.ui.runner.word_list import WordList
from coach.ui.screens.home import HomeScreen
from tests.conftest import SNAP_SIZE
from tests.runner_support import advance, enter_names, walk_to_summary


def text_of(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector).render())


async def start(pilot) -> RunnerScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    runner = pilot.app.screen
    assert isinstance(runner, RunnerScreen)
    return runner


async def test_run_opens_straight_into_the_exercise(make_app) -> None:
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await start(pilot)
        assert "Step 1 of 5" in text_of(runner, "#position")
        assert "Box breathing" in text_of(runner, "#title")


async def test_unknown_id_is_reported(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        app.start_entry(StartEntry("no-such-thing"))
        await pilot.pause()
        assert not isinstance(app.screen, RunnerScreen)
        assert any("no-such-thing" in n.message for n in app._notifications)


async def test_pause_resume_freezes_the_countdown(make_app, clock) -> None:
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await start(pilot)
        await pilot.press("n", "n")  # skip the rating and the instruction: the breathing step
        session = runner.session
        assert isinstance(session.step, Breathe)
        await advance(pilot, clock, 2)
        await pilot.press("space")
        assert session.paused and "Paused" in text_of(runner, "#paused")
        await advance(pilot, clock, 300)
        assert session.step_elapsed == 2 and session.index == 2
        await pilot.press("space")
        assert not session.paused and text_of(runner, "#paused") == ""
        await advance(pilot, clock, 1)
        assert session.step_elapsed == 3


async def test_skip_back_and_restart(make_app, clock) -> None:
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await start(pilot)
        session = runner.session
        await pilot.press("n")
        assert session.index == 1 and "Step 2 of 5" in text_of(runner, "#position")
        await pilot.press("right")
        assert session.index == 2
        await advance(pilot, clock, 5)
        await pilot.press("r")
        assert session.index == 2 and session.step_elapsed == 0
        await pilot.press("p")
        assert session.index == 1
        await pilot.press("left")
        assert session.index == 0
        assert session.done == set()


async def test_quit_asks_and_keeps_the_partial_run(make_app, clock) -> None:
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await start(pilot)
        await pilot.press("3", "enter")  # rate: done
        await advance(pilot, clock, 4)
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmQuit)
        assert runner.session.paused
        await pilot.press("escape")  # keep going
        assert app.screen is runner and not runner.session.paused
        assert app.ctx.recorded == []
        await pilot.press("escape")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Stopped early" in text_of(app.screen, "#heading")
    [result] = app.ctx.recorded
    assert not result.completed and result.steps_done == [0]
    assert result.ratings[0].value == 3 and result.active_seconds == 4


async def test_ctrl_c_asks_like_escape_and_a_second_one_stops(make_app, clock) -> None:
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await start(pilot)
        await pilot.press("ctrl+c")
        assert isinstance(app.screen, ConfirmQuit) and runner.session.paused
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    [result] = app.ctx.recorded
    assert not result.completed


async def test_summary_shows_time_steps_and_ratings(make_app, clock) -> None:
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        summary = await walk_to_summary(pilot, clock)
        rows = " ".join(str(s.render()) for s in summary.query(".row"))
        assert "Steps done:" in rows and "5 of 5" in rows
        assert "7 before → 7 after (+0)" in rows
        # opened for one exercise: the home screen was never built under it ...
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # ... until Escape asked for it


@pytest.mark.slow
async def test_plan_runs_its_exercises_in_order(make_app, clock) -> None:
    app = make_app(start="before-a-hard-talk")
    plan = app.ctx.library.get("before-a-hard-talk")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await walk_to_summary(pilot, clock)
    assert [r.exercise_id for r in app.ctx.recorded] == list(plan.exercise_ids)
    assert {r.plan_id for r in app.ctx.recorded} == {"before-a-hard-talk"}


async def to_emotions(pilot) -> RunnerScreen:  # type: ignore[no-untyped-def]
    runner = await start(pilot)
    while not isinstance(runner.view, EmotionPicker):
        await pilot.press("n")
    return runner


async def test_emotion_picking_by_keyboard(make_app, clock) -> None:
    app = make_app(start="feeling-wheel-check-in")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_emotions(pilot)
        await pilot.press("down", "down", "enter")  # core: sad (nothing is highlighted at first)
        words = runner.query_one(WordList)
        assert words.core == "sad"
        await pilot.press("space")  # first word
        await pilot.press(*"left")  # typing filters
        assert [v for _, v in words.pairs()] == ["left out"]
        await pilot.press("space", "enter")
        await pilot.press("8", "enter")
        await pilot.pause()
        feelings = runner.session.feelings
    [named] = feelings.values()
    assert [(f.core, f.word, f.intensity) for f in named] == [("sad", "lonely", 8), ("sad", "left out", 8)]


async def test_emotion_picking_by_mouse(make_app, clock) -> None:
    app = make_app(start="feeling-wheel-check-in")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_emotions(pilot)
        await pilot.click("#cores", offset=(5, 3))  # third core: scared (after a row of padding)
        await pilot.pause()
        words = runner.query_one(WordList)
        assert words.core == "scared"
        await pilot.click(WordList, offset=(5, 2))
        await pilot.pause()
        assert words.picked == [("scared", "worried")]


async def test_names_are_asked_remembered_and_used(make_app, clock) -> None:
    app = make_app(start="after-a-regrettable-incident")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the caution
        assert isinstance(app.screen, NamesDialog)
        await enter_names(pilot, "Sam", "Kim", typed=True)
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        assert runner.session.partners == ("Sam", "Kim")
        assert "Sam starts" in text_of(runner, ".step-text")
    assert (app.ctx.settings.partner_a, app.ctx.settings.partner_b) == ("Sam", "Kim")
    app2 = make_app(start="after-a-regrettable-incident", ctx=app.ctx)
    async with app2.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        dialog = app2.screen
        assert dialog.query_one("#a").value == "Sam" and dialog.query_one("#b").value == "Kim"


async def test_names_must_be_given(make_app) -> None:
    app = make_app(start="speaker-listener")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        while not isinstance(app.screen, NamesDialog):
            await pilot.press("enter")
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, NamesDialog)
        assert "both names" in text_of(app.screen, "#error")


async def test_turn_waits_and_hands_over(make_app, clock) -> None:
    app = make_app(start="after-a-regrettable-incident")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.press("enter")
        await enter_names(pilot)
        runner = app.screen
        await pilot.press("enter", "enter")
        assert isinstance(runner.view, TurnView)
        assert "Speaking: Ada" in text_of(runner, "#speaker")
        assert "Listening: Ben" in text_of(runner, "#listener")
        await advance(pilot, clock, 89)
        assert text_of(runner, "#time-up") == ""
        await advance(pilot, clock, 600)
        assert text_of(runner, "#time-up") == TIME_UP
        assert isinstance(runner.view, TurnView)  # never cut off
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(runner.view, ReflectView)
        assert 2 in runner.session.done


async def test_reflect_not_quite_repeats(make_app, clock) -> None:
    app = make_app(start="after-a-regrettable-incident")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.press("enter")
        await enter_names(pilot)
        runner = app.screen
        await pilot.press("enter", "enter", "h")
        await pilot.pause()
        assert isinstance(runner.view, ReflectView)
        assert "Ben reflects back to Ada" in text_of(runner, "#who")
        await pilot.press("a")
        assert runner.session.attempt() == 2 and "Try 2" in text_of(runner, "#attempt")
        await pilot.click("#not-quite")
        assert runner.session.attempt() == 3
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(runner.view, TurnView)
        assert "Speaking: Ben" in text_of(runner, "#speaker")  # roles swapped by the script


async def test_suspend_resumes_paused(make_app, clock) -> None:
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await start(pilot)
        await pilot.press("n", "n")
        await advance(pilot, clock, 3)
        app._suspend_signal()  # what ctrl+z (action_suspend_process) publishes first
        await pilot.pause()
        await advance(pilot, clock, 120)  # the process sat in the background
        assert runner.session.paused and runner.session.step_elapsed == 3
        assert runner.session.index == 2


async def test_bell_rings_at_phase_changes_when_on(make_app, clock, make_context) -> None:
    import dataclasses

    ctx = make_context()
    ctx.settings = dataclasses.replace(ctx.settings, sound="bell")
    app = make_app(start="box-breathing", ctx=ctx)
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await start(pilot)
        await pilot.press("n", "n")
        assert rings == [1]  # breathe in: one bell
        await advance(pilot, clock, 4)
        assert rings == [1]  # hold: silent
        await advance(pilot, clock, 4)
        await pilot.pause(0.5)
        assert len(rings) == 3  # breathe out: two bells


async def test_ctrl_q_keeps_the_partial_run(make_app, clock) -> None:
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await start(pilot)
        await pilot.press("4", "enter")
        await advance(pilot, clock, 2)
        await pilot.press("ctrl+q")
        await pilot.pause()
    [result] = app.ctx.recorded
    assert not result.completed and result.steps_done == [0]
