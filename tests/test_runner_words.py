"""The runner gives people's words back and says what happened (newcomer trial M2, m4, m5,
m10, m13's last point): notes wrap and are read back, one step count with "next up" between
a plan's parts, an honest summary, lists as lists, and coach run's Enter back to the shell."""

from __future__ import annotations

from textual.widgets import TextArea

from coach.core.model import Instruction, Note
from coach.ui.runner.next_up import NextUp
from coach.ui.runner.runner_screen import RunnerScreen
from coach.ui.runner.step_text import StepList, WrittenNotes
from coach.ui.runner.summary import ShellSummaryScreen, SummaryScreen
from coach.ui.screens.home import HomeScreen
from tests.conftest import SNAP_SIZE
from tests.home_support import opened, press
from tests.runner_support import enter_names, walk_to_summary

LONG = "Chores at the weekend, who does what, and that it always seems to fall on me when we both work"


def text_of(widget) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(s.render()) for s in widget.query("Static"))


async def write_notes(pilot, runner: RunnerScreen, answers: dict[int, str]) -> None:  # type: ignore[no-untyped-def]
    """Go through the steps until the first show_notes step, writing ``answers``."""
    while not (isinstance(runner.session.step, Instruction) and runner.session.step.show_notes):
        index = runner.session.index
        if isinstance(runner.session.step, Note) and index in answers:
            await pilot.press(*answers[index])
            await press(pilot, "enter")
        else:
            await runner.action_skip()
            await pilot.pause()


async def test_a_read_back_step_shows_what_was_written(make_app) -> None:
    """M2: 'Read it back' came with nothing to read back."""
    app = make_app(start="prepare-a-soft-start-up")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        runner = app.screen
        await write_notes(pilot, runner, {0: "chores", 4: "I feel tired, and I need help"})
        shown = text_of(runner.query_one(WrittenNotes))
        assert "What is the one issue you want to raise?" in shown and "chores" in shown
        assert "I feel tired, and I need help" in shown
        assert "What happened" not in shown  # a note left empty is not listed


async def test_a_note_box_wraps_and_keeps_the_whole_note(make_app) -> None:
    """Polish: the note was one line that scrolled sideways and hid its own start."""
    app = make_app(start="prepare-a-soft-start-up")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one(TextArea)
        await pilot.press(*"Chores")
        box.insert(LONG.removeprefix("Chores"))  # as typed (pressing each key is slow)
        await pilot.pause()
        assert box.soft_wrap and box.wrapped_document.height >= 2 and box.size.height >= 2
        await press(pilot, "enter")
        assert app.screen.session.notes == {0: LONG}


async def test_the_summary_lists_the_notes_under_their_questions(make_app, clock) -> None:
    """M2: the summary left out the notes, even of an exercise whose point is the words."""
    app = make_app(start="prepare-a-soft-start-up")
    async with app.run_test(size=(100, 40)) as pilot:
        summary = await walk_to_summary(pilot, clock)
        notes = text_of(summary.query_one(WrittenNotes))
        assert "Write one small, clear request: Would you be willing to ...?" in notes
        assert notes.count("ok") == 6  # the walk writes "ok" in each of the six notes


async def test_a_plan_counts_steps_once_and_says_what_is_next(make_app, clock) -> None:
    """m4: 'Name it to tame it · Step 1 of 8 · 2/3' and no pause between the parts."""
    app = make_app(start="before-a-hard-talk")
    plan = app.ctx.library.get("before-a-hard-talk")
    first, second = plan.exercises[0], plan.exercises[1]
    total = sum(len(e.steps) for e in plan.exercises)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        runner = app.screen
        position = str(runner.query_one("#position").render())
        assert position == f"Part 1 of 3: {first.title} · step 1 of {total}"
        for _ in first.steps:
            await runner.action_skip()
            await pilot.pause()
        next_up = runner.query_one(NextUp)
        assert f"Next up: {second.title}" in text_of(next_up)
        assert "Part 1 of 3 done" in text_of(next_up)
        await press(pilot, "enter")
        position = str(runner.query_one("#position").render())
        assert position == f"Part 2 of 3: {second.title} · step {len(first.steps) + 1} of {total}"
        assert "/3" not in position


async def test_escape_on_next_up_stops_the_plan_with_what_was_done(make_app, clock) -> None:
    app = make_app(start="before-a-hard-talk")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        runner = app.screen
        while runner.next_up is None:
            await runner.action_skip()
            await pilot.pause()
        await press(pilot, "escape")
        assert isinstance(app.screen, SummaryScreen)
        assert "Stopped early: Before a hard talk" in text_of(app.screen)
    assert len(app.ctx.recorded) == 1


async def test_a_script_counts_its_named_parts(make_app) -> None:
    app = make_app(start="after-a-regrettable-incident")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await press(pilot, "enter")
        await enter_names(pilot)
        runner = app.screen
        while runner.session.index < 6:
            await runner.action_skip()
            await pilot.pause()
        total = runner.session.total
        assert str(runner.query_one("#position").render()) == (
            f"Part 2 of 5: What each of you saw · step 7 of {total}")


async def test_a_run_with_every_step_skipped_is_not_well_done(make_app) -> None:
    """m5: skipping every step gave 'Well done' and 'Feelings named: none this time' on an
    exercise that never asks about feelings."""
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        runner = app.screen
        while isinstance(app.screen, RunnerScreen):
            await runner.action_skip()
            await pilot.pause()
        shown = text_of(app.screen)
        assert "Skipped: Box breathing" in shown and "Well done" not in shown
        assert "Feelings named" not in shown


async def test_feelings_named_shows_where_the_exercise_asks(make_app, clock) -> None:
    app = make_app(start="feeling-wheel-check-in")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        summary = await walk_to_summary(pilot, clock)
        shown = text_of(summary)
        assert "Well done: Feeling wheel check-in" in shown and "Feelings named:" in shown


async def test_a_list_in_step_text_is_shown_as_a_list(make_app) -> None:
    """m10: the bullets of 'When to look for more help' ran together into one paragraph."""
    app = make_app(start="when-to-seek-help")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        runner = app.screen
        while "therapist can help" not in runner.session.text():
            await runner.action_skip()
            await pilot.pause()
        step = runner.query_one(StepList)
        items = step.query(".item-text")
        assert len(items) == 5
        assert str(items[0].render()).startswith("the same fight keeps coming back")
        assert {str(m.render()) for m in step.query(".marker")} == {"\u2022"}


async def test_after_coach_run_enter_on_the_summary_goes_back_to_the_shell(make_app, clock) -> None:
    """m13: the summary's Enter opened the home screen after 'coach run ID'."""
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        summary = await walk_to_summary(pilot, clock)
        assert isinstance(summary, ShellSummaryScreen)
        assert "Enter goes back to the shell" in text_of(summary)
        await press(pilot, "enter")
        assert app.return_code == 0


async def test_after_coach_run_escape_on_the_summary_opens_home_and_later_runs_return_home(
        make_app, clock) -> None:
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await walk_to_summary(pilot, clock)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        from coach.ui.messages import StartEntry

        app.post_message(StartEntry("box-breathing"))
        summary = await walk_to_summary(pilot, clock)
        assert not isinstance(summary, ShellSummaryScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen) and app.return_code is None


async def test_from_the_home_screen_the_summary_goes_home(make_app, paths, clock) -> None:
    async with opened(make_app, paths) as (app, pilot):
        await press(pilot, "enter")
        summary = await walk_to_summary(pilot, clock)
        assert type(summary) is SummaryScreen
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)


PLAN = """format: 1
title: Breathe, then talk
kind: plan
summary: A breath first.
source: Someone 2020, A book
exercises: [calm-before-a-hard-talk, after-a-regrettable-incident]
"""


async def test_next_up_shows_the_next_exercises_caution_when_the_plan_has_none(make_app, paths) -> None:
    paths.exercises_dir.mkdir(parents=True, exist_ok=True)
    (paths.exercises_dir / "breathe-then-talk.yaml").write_text(PLAN)
    app = make_app(start="breathe-then-talk")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        runner = app.screen  # no names yet: the breathing needs none
        while runner.next_up is None:
            await runner.action_skip()
            await pilot.pause()
        shown = text_of(runner.query_one(NextUp))
        assert "Before you start" in shown and "feel safe with each other" in shown
        await press(pilot, "enter")
        await enter_names(pilot)  # asked when first needed, after the caution
        assert app.screen is runner  # no second caution on its own screen
        assert runner.session.exercise.id == "after-a-regrettable-incident"


def test_the_summary_shows_an_agreed_break_where_a_run_records_one() -> None:
    """The hook for breaks (RunResult.breaks where runs record them): each break's agreed
    return shows as a row of the summary."""
    from datetime import UTC, datetime

    from coach.core.recap import Recap
    from coach.core.runs import BreakTaken, RunResult
    from coach.ui.runner.summary import summary_lines

    started = datetime(2026, 5, 1, 20, 0, tzinfo=UTC)
    result = RunResult(exercise_id="f", content_hash="", kind="repair", title="F",
                       started_at=started, ended_at=started, active_seconds=60, steps_total=2,
                       breaks=(BreakTaken(0, started, 20), BreakTaken(1, started, 0, "later")))
    rows = dict(summary_lines(Recap("F", [result])))
    back = (started.replace(minute=20)).astimezone().strftime("%H:%M")
    assert [v for k, v in summary_lines(Recap("F", [result])) if k == "Break"] == [
        f"20 min; you agreed to come back at {back}", "you agreed to come back later"]
    assert "Feelings named" not in rows


async def test_after_coach_run_not_now_goes_back_to_the_shell(make_app) -> None:
    app = make_app(start="after-a-regrettable-incident")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "escape")  # the caution: not now
        assert app.return_code == 0 and app.ctx.recorded == []
