"""The break in every run for two (issue 12), on the fake clock: the b key from any step, one
key for the return time, the calm timer, the bell, the calm check, going on where it stopped,
ending kindly, later today and picking up later; flooding-break and the after-a-fight plan."""

from __future__ import annotations

import dataclasses

import pytest

from coach.ui.runner.break_screen import BreakScreen
from coach.ui.runner.caution import CautionScreen
from coach.ui.runner.names_dialog import NamesDialog
from coach.ui.runner.pick_up import PickUpDialog
from coach.ui.runner.runner_screen import RunnerScreen
from coach.ui.runner.summary import SummaryScreen
from tests.conftest import SNAP_SIZE
from tests.runner_support import advance, enter_names, through_break, walk_to_summary

TALK = "after-a-regrettable-incident"


def text_of(screen, selector: str = "#break-body") -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(w.render()) for w in screen.query(f"{selector} Static"))


async def to_talk(pilot, step: int = 0) -> RunnerScreen:  # type: ignore[no-untyped-def]
    """Through the caution and the names to step ``step`` of the aftermath script."""
    await pilot.pause()
    await pilot.press("enter")  # the caution
    await enter_names(pilot)
    runner = pilot.app.screen
    assert isinstance(runner, RunnerScreen)
    while runner.session.index < step:
        await runner.action_skip()
        await pilot.pause()
    return runner


def bell_app(make_app, make_context, start: str):  # type: ignore[no-untyped-def]
    ctx = make_context()
    ctx.settings = dataclasses.replace(ctx.settings, sound="bell")
    app = make_app(start=start, ctx=ctx)
    app.rings = []
    app.bell = lambda: app.rings.append(1)
    return app


@pytest.mark.slow
async def test_b_reaches_the_timer_in_two_presses_and_goes_on_where_it_stopped(
        make_app, make_context, clock) -> None:
    """From an instruction (step 0), a turn (2) and a reflect step (3) of one run: each break
    is two presses, rings twice at its end and goes on where it stopped."""
    app = bell_app(make_app, make_context, TALK)
    steps = {0: "instruction", 2: "turn", 3: "reflect"}
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_talk(pilot)
        session = runner.session
        for step, kind in steps.items():
            while session.index < step:
                await runner.action_skip()
                await pilot.pause()
            assert session.index == step, kind
            await advance(pilot, clock, 30)
            before = session.active_seconds
            rung = len(app.rings)
            await pilot.press("b", "enter")  # two presses: the break, back in 20 minutes
            screen = app.screen
            assert isinstance(screen, BreakScreen) and screen.phase == "wait", kind
            assert "Let's take a break" not in text_of(screen) and "yourselves" in text_of(screen), kind
            assert screen.state.minutes == 20 and session.paused, kind
            await advance(pilot, clock, 20 * 60 - 1)
            assert screen.phase == "wait" and len(app.rings) == rung, kind
            await advance(pilot, clock, 1)
            await pilot.pause(0.7)  # the bell's second ring is 0.3 s after the first (real time)
            assert screen.phase == "check" and len(app.rings) == rung + 2, f"{kind}: rings twice"
            assert "Ada:" in text_of(screen) and "Ben:" in text_of(screen), kind
            await pilot.press("6", "enter", "8", "enter")
            await pilot.pause()
            assert app.screen is runner and session.index == step, f"{kind}: on where it stopped"
            assert session.step_elapsed == 0 and not session.paused, kind
            assert session.active_seconds == before, kind
        await walk_to_summary(pilot, clock)
    [result] = app.ctx.recorded
    assert result.completed
    assert [(b.step, b.minutes, b.outcome, b.calm) for b in result.breaks] == [
        (step, 20, "resumed", (6, 8)) for step in steps]


async def test_not_yet_ends_kindly_and_keeps_what_was_done(make_app, clock) -> None:
    app = make_app(start=TALK)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_talk(pilot)
        await pilot.press("enter", "enter")  # two steps done: on the first turn
        await pilot.press("b", "2")  # back in 30 minutes
        screen = app.screen
        await pilot.press("enter")  # back early
        assert screen.phase == "check" and "Welcome back" in text_of(screen)
        await pilot.press("n")
        assert screen.phase == "end" and "Not yet, and that's okay." in text_of(screen)
        assert "coach run after-a-regrettable-incident" in text_of(screen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and runner.session.ended
    [result] = app.ctx.recorded
    assert not result.completed and result.steps_done == [0, 1]
    assert [(b.minutes, b.outcome) for b in result.breaks] == [(30, "not_yet")]


async def test_a_low_rating_is_not_yet_and_another_break_is_one_key(make_app, clock) -> None:
    app = make_app(start=TALK)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await to_talk(pilot, 3)
        await pilot.press("b")
        screen = app.screen
        await through_break(pilot, clock, calm=(8, 3))
        assert screen.phase == "end" and "Not calm enough yet" in text_of(screen)
        await pilot.press("b")
        assert screen.phase == "choose"
        await through_break(pilot, clock, calm=(8, 6))
        assert isinstance(app.screen, RunnerScreen) and app.screen.session.index == 3


async def test_escape_before_choosing_is_as_if_nothing_happened(make_app, clock) -> None:
    app = make_app(start=TALK)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_talk(pilot, 2)
        await pilot.press("b", "escape")
        assert app.screen is runner and not runner.session.paused and runner.session.breaks == []


async def test_where_b_is_typed_the_stop_question_offers_the_break(make_app, clock) -> None:
    app = make_app(start="support-under-stress")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.press("enter")  # the caution
        await enter_names(pilot)
        runner = app.screen
        while runner.session.step.type != "note":
            await runner.action_skip()
            await pilot.pause()
        await pilot.press("b")
        assert app.screen is runner and runner.query_one("#note").text == "b", "b is a letter here"
        await pilot.press("escape", "b", "enter")
        screen = app.screen
        assert isinstance(screen, BreakScreen) and screen.phase == "wait"
        assert runner.session.breaks[0].step == runner.session.index


async def test_no_break_key_when_alone(make_app) -> None:
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        runner = app.screen
        assert runner.check_action("take_break", ()) is False
        await pilot.press("b")
        assert app.screen is runner
        await pilot.press("escape", "b")
        assert not app.screen.query("#break"), "no break offered when alone"


@pytest.mark.slow
async def test_later_today_ends_and_the_run_is_picked_up_where_it_stopped(make_app, clock) -> None:
    app = make_app(start=TALK)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_talk(pilot, 11)  # the halfway check
        runner.session.swapped = True  # as if Ben had started: roles stay when picked up
        await pilot.press("b", "4")  # later today: no timer
        screen = app.screen
        assert screen.phase == "end" and "Later today" in text_of(screen)
        assert "b." not in text_of(screen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert [b.outcome for b in app.ctx.recorded[0].breaks] == ["later"]
    clock.advance(3 * 3600)
    again = make_app(start=TALK, ctx=app.ctx)
    async with again.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        dialog = again.screen
        assert isinstance(dialog, PickUpDialog), "no caution first: they saw it today"
        assert "step 12 of 30" in " ".join(str(w.render()) for w in dialog.query(".text"))
        await pilot.press("7", "enter", "6", "enter")
        await pilot.pause()
        assert isinstance(again.screen, NamesDialog)
        assert "Who starts today: Ben" in str(again.screen.query_one("#starts").render())
        await pilot.press("enter")
        await pilot.pause()
        runner = again.screen
        assert isinstance(runner, RunnerScreen)
        assert runner.session.index == 11 and runner.session.partners == ("Ben", "Ada")
        await walk_to_summary(pilot, clock)
    second = again.ctx.recorded[-1]
    assert second.completed and second.steps_done[0] == 11 and second.swapped


async def test_picking_up_can_wait_or_start_over(make_app, clock) -> None:
    app = make_app(start=TALK)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await to_talk(pilot, 2)
        await pilot.press("b", "4", "enter")
    for keys, expected in ((("n", "enter"), "home"), (("s",), CautionScreen)):
        again = make_app(start=TALK, ctx=app.ctx)
        async with again.run_test(size=SNAP_SIZE) as pilot:
            await pilot.pause()
            assert isinstance(again.screen, PickUpDialog)
            await pilot.press(*keys)
            await pilot.pause()
            if expected == "home":  # opened as coach run ID: back to the shell
                assert again.return_code == 0 and not isinstance(again.screen, PickUpDialog)
            else:
                assert isinstance(again.screen, expected)
    assert len(app.ctx.recorded) == 1, "waiting longer records nothing"


async def test_flooding_break_reaches_the_timer_in_one_key_press(make_app, clock) -> None:
    app = make_app(start="flooding-break")
    presses = 0
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BreakScreen), "no caution, no names in the way"
        assert "I'm getting flooded" in text_of(screen) and "afraid" in text_of(screen)
        await pilot.press("enter")
        presses += 1
        assert screen.phase == "wait" and presses <= 2
        await pilot.press("escape")  # stopped here: nothing to pick up later, it says so
        assert "come back to the conversation gently" in text_of(screen)
        assert "pick up" not in text_of(screen)
        await pilot.press("b", "escape")  # not another one after all: back to where it ended
        assert screen.phase == "end" and "Stopping for today" in text_of(screen)
        await pilot.press("enter")
        await pilot.pause()
    assert [b.outcome for b in app.ctx.recorded[0].breaks] == ["stopped"]


async def test_flooding_break_waits_underneath_and_its_break_is_practice(make_app, clock) -> None:
    app = make_app(start="flooding-break")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # not now: the break step waits underneath
        runner = app.screen
        assert isinstance(runner, RunnerScreen) and runner.session.index == 0
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, BreakScreen) and screen.phase == "choose"
        await pilot.press("enter")
        await advance(pilot, clock, 20 * 60)
        assert screen.phase == "check" and "One of you:" in text_of(screen)
        await pilot.press("7", "enter", "7", "enter")
        await pilot.pause()
        summary = await walk_to_summary(pilot, clock)
        assert "Well done" in str(summary.query_one("#heading").render())
    [result] = app.ctx.recorded
    assert result.completed and [b.outcome for b in result.breaks] == ["resumed"]
    assert result.active_seconds >= 20 * 60, "the break is this exercise's practice"


async def test_after_a_fight_checks_calm_before_the_talk(make_app, clock) -> None:
    app = make_app(start="after-a-fight")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CautionScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, BreakScreen), "the break comes before the names"
        await through_break(pilot, clock)
        runner = app.screen
        assert isinstance(runner, RunnerScreen) and runner.session.exercise.id == "flooding-break"
        await pilot.press("enter")
        await pilot.pause()
        assert runner.next_up is not None and runner.next_up.id == TALK
        await pilot.press("enter")  # next up: the talk (the plan's caution was the one)
        await pilot.pause()
        assert isinstance(app.screen, NamesDialog), "names when the talk needs them, no caution"
        await enter_names(pilot)
        assert runner.session.exercise.id == TALK and runner.session.index == 0


async def test_after_a_fight_later_picks_up_at_the_talk(make_app, clock) -> None:
    app = make_app(start="after-a-fight")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    clock.advance(5 * 3600)
    again = make_app(start="after-a-fight", ctx=app.ctx)
    async with again.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, PickUpDialog)
        await pilot.press("8", "enter", "7", "enter")
        await pilot.pause()
        runner = again.screen
        assert isinstance(runner, RunnerScreen) and runner.session.exercise.id == "flooding-break"
        assert runner.session.index == 1  # the break is behind them: the line before the talk
        await pilot.press("enter", "enter")  # that line; next up: the talk
        await pilot.pause()
        await enter_names(pilot)
        assert runner.session.exercise.id == TALK


async def test_during_a_break_ctrl_q_keeps_the_run_and_the_break(make_app, clock) -> None:
    app = make_app(start=TALK)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await to_talk(pilot, 2)
        await pilot.press("b", "1")
        await advance(pilot, clock, 60)
        await pilot.press("ctrl+q")
        await pilot.pause()
    [result] = app.ctx.recorded
    assert [(b.minutes, b.outcome) for b in result.breaks] == [(20, "stopped")]
