"""Care in the runner (issue 12), Pilot on the fake clock: the safety line however an exercise
starts, one caution at a time, who starts alternates, roles swap, "no" is an answer, at most
three "not quite", passing a turn, fixed places, and the help guide leaves no trace."""

from __future__ import annotations

import contextlib
import dataclasses
from pathlib import Path

import pytest

from coach.core.library import builtin_dir, load_library
from coach.core.model import Breathe, Exercise, Reflect, Turn
from coach.ui.messages import StartEntry
from coach.ui.runner.breathe_view import BreatheView
from coach.ui.runner.caution import CautionScreen
from coach.ui.runner.names_dialog import NamesDialog
from coach.ui.runner.reflect_view import ReflectView
from coach.ui.runner.runner_screen import RunnerScreen
from coach.ui.runner.summary import SummaryScreen
from coach.ui.runner.turn_view import TurnView
from tests.conftest import SNAP_SIZE
from tests.home_support import opened
from tests.runner_support import advance, enter_names, walk_to_summary

LIB = load_library(builtin=builtin_dir(), user=None)
BREATHING = sorted(e.id for e in LIB.exercises() if e.kind == "breathing")
TALK = "after-a-regrettable-incident"


def shown(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    widget = screen.query_one(selector)
    return str(widget.render()) if widget.display else ""


async def fast_to_the_pacer(pilot, exercise: Exercise) -> RunnerScreen:  # type: ignore[no-untyped-def]
    """Enter as fast as keys go until the breathing starts; the safety line shows all along."""
    runner = pilot.app.screen
    assert isinstance(runner, RunnerScreen)
    for _ in range(len(exercise.steps)):
        await pilot.pause()
        session = runner.session
        if session.exercise.id != exercise.id:  # a plan: still on an earlier exercise
            await pilot.press("enter")
            continue
        assert exercise.safety in shown(runner, "#safety"), f"{exercise.id} step {session.index}"
        if isinstance(runner.view, BreatheView):
            return runner
        await pilot.press("enter")
    raise AssertionError(f"{exercise.id}: no breathing step")


async def safety_stays_for_the_first_cycle(pilot, clock, runner: RunnerScreen) -> None:  # type: ignore[no-untyped-def]
    step = runner.session.step
    assert isinstance(step, Breathe)
    await advance(pilot, clock, step.cycle_seconds - 0.5)
    assert runner.session.exercise.safety in shown(runner, "#safety")
    await advance(pilot, clock, 10)
    assert shown(runner, "#safety") == ""


@pytest.mark.parametrize("entry_id", BREATHING)
async def test_coach_run_shows_the_safety_line_before_the_first_breath(make_app, clock,
                                                                       entry_id: str) -> None:
    exercise = LIB.get(entry_id)
    assert isinstance(exercise, Exercise) and exercise.safety
    app = make_app(start=entry_id)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await fast_to_the_pacer(pilot, exercise)
        await safety_stays_for_the_first_cycle(pilot, clock, runner)


@pytest.mark.parametrize("entry_id", sorted(e.id for e in LIB.exercises() if e.safety and not any(
    isinstance(s, Breathe) for s in e.steps)))
async def test_a_safety_line_without_breathing_shows_from_the_first_step(make_app, clock,
                                                                          entry_id: str) -> None:
    exercise = LIB.get(entry_id)
    assert isinstance(exercise, Exercise)
    app = make_app(start=entry_id)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        runner = app.screen
        assert exercise.safety in shown(runner, "#safety")
        await advance(pilot, clock, 30)
        await runner.action_skip()
        await runner.action_skip()
        assert shown(runner, "#safety") == ""


async def test_the_b_key_and_the_palette_show_it_too(make_app, clock, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        await pilot.press("b")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen) and isinstance(runner.view, BreatheView)
        assert runner.session.exercise.safety in shown(runner, "#safety")
        await safety_stays_for_the_first_cycle(pilot, clock, runner)
        await pilot.press("escape", "y", "enter")
        await pilot.pause()
        app.post_message(StartEntry("box-breathing"))  # what a palette command posts
        await pilot.pause()
        box = LIB.get("box-breathing")
        assert isinstance(box, Exercise)
        await fast_to_the_pacer(pilot, box)


async def test_a_plan_shows_each_exercises_safety_line(make_app, clock, tmp_path: Path) -> None:
    """Every breathing exercise, chained in one plan: each shows its own line on its pacer."""
    folder = tmp_path / "config" / "exercises"
    folder.mkdir(parents=True)
    (folder / "all-breathing.yaml").write_text(
        "format: 1\ntitle: All the breathing\nkind: plan\nsummary: Each one.\nsource: This "
        "library\nexercises: [" + ", ".join(BREATHING) + "]\n")
    app = make_app(start="all-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        for entry_id in BREATHING:
            exercise = LIB.get(entry_id)
            assert isinstance(exercise, Exercise)
            runner = await fast_to_the_pacer(pilot, exercise)
            await safety_stays_for_the_first_cycle(pilot, clock, runner)
            await runner.action_skip()  # (the breathing: then on to the next exercise)
            while runner.session.exercise.id == entry_id and not runner.session.ended:
                await runner.action_skip()
                await pilot.pause()
    assert [r.exercise_id for r in app.ctx.recorded][:len(BREATHING)] == BREATHING


async def test_before_a_hard_talk_shows_its_first_exercises_line(make_app, clock) -> None:
    app = make_app(start="before-a-hard-talk")
    first = LIB.get("calm-before-a-hard-talk")
    assert isinstance(first, Exercise)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        runner = await fast_to_the_pacer(pilot, first)
        await safety_stays_for_the_first_cycle(pilot, clock, runner)


@pytest.mark.slow
async def test_a_plan_never_shows_two_cautions_at_once(make_app, clock) -> None:
    seen: list[str] = []
    app = make_app(start="after-a-fight")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        for _ in range(400):
            await pilot.pause()
            screen = app.screen
            if isinstance(screen, CautionScreen):
                seen.append(screen.text)
            if isinstance(screen, SummaryScreen):
                break
            await walk_one(pilot, clock)
    plan = LIB.get("after-a-fight")
    assert plan is not None and seen == [plan.caution]


async def walk_one(pilot, clock) -> None:  # type: ignore[no-untyped-def]
    """One action of walk_to_summary (a limit of one)."""
    with contextlib.suppress(AssertionError):  # "no summary after one action"
        await walk_to_summary(pilot, clock, limit=1)


# -- who starts -------------------------------------------------------------------------------
async def start_and_stop(make_app, ctx, entry_id: str = TALK, keys=()):  # type: ignore[no-untyped-def]
    """Open the names dialog, note who starts, start, then stop at once."""
    app = make_app(start=entry_id, ctx=ctx)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        if isinstance(app.screen, CautionScreen):
            await pilot.press("enter")
        dialog = app.screen
        assert isinstance(dialog, NamesDialog)
        if not dialog.defaults[0]:
            await enter_names(pilot, "Ada", "Ben")
        else:
            await pilot.press(*keys, "enter")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        partners, text = runner.session.partners, runner.session.text()
        await pilot.press("escape", "y")
        await pilot.pause()
    return partners, text


async def test_who_starts_alternates_between_two_runs(make_app, make_context) -> None:
    ctx = make_context()
    first, text = await start_and_stop(make_app, ctx)
    assert first == ("Ada", "Ben") and "Ada starts" in text
    second, text = await start_and_stop(make_app, ctx)
    assert second == ("Ben", "Ada") and "Ben starts" in text
    assert (ctx.settings.partner_a, ctx.settings.partner_b) == ("Ada", "Ben"), "names stay put"
    third, _ = await start_and_stop(make_app, ctx)
    assert third == ("Ada", "Ben")
    assert [r.swapped for r in ctx.recorded] == [False, True, False]


async def test_alternation_can_be_turned_off_and_s_swaps(make_app, make_context) -> None:
    ctx = make_context()
    ctx.settings = dataclasses.replace(ctx.settings, alternate_starter=False)
    await start_and_stop(make_app, ctx)
    again, _ = await start_and_stop(make_app, ctx)
    assert again == ("Ada", "Ben")
    swapped, _ = await start_and_stop(make_app, ctx, keys=("s",))
    assert swapped == ("Ben", "Ada")


async def test_one_sided_exercises_say_who_does_what_and_swap_roles(make_app, make_context) -> None:
    ctx = make_context()
    ctx.settings = dataclasses.replace(ctx.settings, partner_a="Ada", partner_b="Ben")
    app = make_app(start="support-under-stress", ctx=ctx)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.press("enter")  # the caution
        dialog = app.screen
        assert isinstance(dialog, NamesDialog)
        assert str(dialog.query_one("#swap").label) == "Swap roles"
        line = lambda: str(dialog.query_one("#starts").render())  # noqa: E731
        assert line() == "Today Ada shares what is weighing on them; Ben listens and offers support."
        await pilot.press("s")
        assert line().startswith("Today Ben shares")
        await pilot.press("enter")
        await pilot.pause()
        assert "Today Ben shares" in app.screen.session.text()


async def test_no_is_an_answer_in_soft_start_up(make_app, clock) -> None:
    app = make_app(start="soft-start-up")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.press("enter")
        await enter_names(pilot)
        runner = app.screen
        while not (isinstance(step := runner.session.step, Turn) and "answer the request" in step.text):
            await runner.action_skip()
            await pilot.pause()
        text = str(runner.query_one(".step-text").render())
        assert "a kind 'no' are all fine answers" in " ".join(text.split())
        assert "take the answer in without arguing" in " ".join(text.split())


# -- reflect, pass, places ------------------------------------------------------------------
async def to_step(pilot, kind: type, index: int = 0) -> RunnerScreen:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await enter_names(pilot)
    runner = pilot.app.screen
    while not (isinstance(runner.session.step, kind) and runner.session.index >= index):
        await runner.action_skip()
        await pilot.pause()
    return runner


async def test_reflect_enter_is_yes(make_app) -> None:
    app = make_app(start=TALK)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_step(pilot, Reflect)
        index = runner.session.index
        await pilot.press("enter")
        await pilot.pause()
        assert runner.session.index == index + 1 and index in runner.session.done


async def test_not_quite_three_times_then_it_is_fine_to_move_on(make_app) -> None:
    app = make_app(start=TALK)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_step(pilot, Reflect)
        view = runner.view
        assert isinstance(view, ReflectView)
        await pilot.press("n", "a", "n")
        assert runner.session.attempt() == 4
        assert "fine for now" in str(view.query_one("#attempt").render())
        assert view.query_one("#not-quite").disabled
        await pilot.press("n")
        assert runner.session.attempt() == 4 and runner.view is view, "no fourth try, no skip"
        index = runner.session.index
        await pilot.press("enter")
        await pilot.pause()
        assert runner.session.index == index + 1 and index in runner.session.done
    assert app._notifications == [] or all("Say it again" not in n.message for n in app._notifications)


async def test_pass_ends_the_turn_as_passed(make_app) -> None:
    app = make_app(start=TALK)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_step(pilot, Turn)
        index = runner.session.index
        assert "pass with x" in str(runner.query_one(".hint").render())
        await pilot.press("x")
        await pilot.pause()
        assert runner.session.index == index + 1
        await pilot.press("escape", "y")
        await pilot.pause()
    [result] = app.ctx.recorded
    assert result.passed == (index,) and index not in result.steps_done


async def test_each_partner_keeps_a_place_on_the_turn_screen(make_app, clock) -> None:
    app = make_app(start=TALK)
    places: dict[str, set[int]] = {"Ada": set(), "Ben": set()}
    speaking: set[int] = set()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        runner = await to_step(pilot, Turn)
        for _ in range(3):
            view = runner.view
            assert isinstance(view, TurnView)
            for card in view.query(".role"):
                name = str(card.render()).split(": ")[1]
                places[name].add(card.region.x)
            speaking.add(view.query_one("#speaker").region.x)
            await pilot.press("h")
            await pilot.pause()
            while not isinstance(runner.view, TurnView):
                await runner.action_skip()
                await pilot.pause()
    assert len(speaking) == 2, "both spoke"
    assert len(places["Ada"]) == 1 and len(places["Ben"]) == 1 and min(places["Ada"]) < min(places["Ben"])


async def test_the_help_guide_leaves_no_trace(make_app, clock) -> None:
    app = make_app(start="when-to-seek-help")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        summary = await walk_to_summary(pilot, clock)
        assert "Nothing from this guide is kept" in str(summary.query_one("#closing").render())
    assert app.ctx.recorded == [] and app.ctx.history_runs() == []


@pytest.mark.parametrize("keep", [True, False], ids=["kept", "not_kept"])
async def test_a_note_says_where_notes_are_kept(make_app, make_context, keep: bool) -> None:
    ctx = make_context()
    ctx.settings = dataclasses.replace(ctx.settings, keep_notes=keep)
    app = make_app(start="prepare-a-soft-start-up", ctx=ctx)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        line = shown(runner, "#privacy")
        if keep:
            assert "Notes are kept in your history" in line and "'coach forget' removes" in line
        else:
            assert "Notes are not kept in your history (settings: keep my notes)" in line
        await pilot.press(*"tired", "enter")
        await pilot.pause()
    [result] = app.ctx.recorded
    assert result.note == ("tired" if keep else "")
    assert [n.text for n in result.notes] == (["tired"] if keep else [])
