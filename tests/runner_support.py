"""Drive the runner in Pilot tests as a person would, on the fake clock (no real sleeps)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from coach.core.clock import FakeClock
from coach.core.model import Breathe, Emotions, Instruction, Note, Rate, Reflect, Timer, Turn
from coach.ui.runner.break_screen import BreakScreen
from coach.ui.runner.caution import CautionScreen
from coach.ui.runner.names_dialog import NamesDialog
from coach.ui.runner.runner_screen import RunnerScreen
from coach.ui.runner.summary import SummaryScreen


async def advance(pilot: Any, clock: FakeClock, seconds: float) -> None:
    """Move the fake clock, then let the runner redraw (as its timer would)."""
    clock.advance(seconds)
    screen = pilot.app.screen
    if isinstance(screen, RunnerScreen):
        await screen.follow_clock()
    elif isinstance(screen, BreakScreen):
        screen.follow_clock()
    await pilot.pause()


async def through_break(pilot: Any, clock: FakeClock, calm: tuple[int, int] = (7, 7)) -> None:
    """On the break screen: back in 20 minutes, wait them out, both rate their calm."""
    screen = pilot.app.screen
    assert isinstance(screen, BreakScreen), screen
    await pilot.press("1")
    await pilot.pause()
    await advance(pilot, clock, screen.state.remaining)
    await pilot.pause()
    assert screen.phase == "check", screen.phase
    await pilot.press(str(calm[0]), "enter", str(calm[1]), "enter")
    await pilot.pause()


async def enter_names(pilot: Any, a: str = "Ada", b: str = "Ben", *, typed: bool = False) -> None:
    """Fill in both names and press Enter. ``typed``: key by key, as a person types (for the
    tests about the dialog; each key waits for the app); else each field is filled at once, as
    a paste would (the dialog sees the same Input.Changed)."""
    dialog = pilot.app.screen
    assert isinstance(dialog, NamesDialog)
    for field, name in (("#a", a), ("#b", b)):
        box = dialog.query_one(field, Input)
        box.focus()
        if typed:
            box.value = ""
            await pilot.press(*name)
        else:
            box.value = name
    await pilot.press("enter")
    await pilot.pause()


async def answer_step(pilot: Any, clock: FakeClock, runner: RunnerScreen) -> None:
    """Do what a person would do on the current step."""
    session = runner.session
    assert session is not None
    step = session.step
    if isinstance(step, Instruction | Timer | Breathe) and session.duration is not None:
        await advance(pilot, clock, (session.remaining or 0) + 0.01)
    elif isinstance(step, Instruction):
        await pilot.press("enter")
    elif isinstance(step, Emotions):
        await pilot.press("down", "enter", "space", "enter")  # no core is highlighted at first
        if step.intensity:
            await pilot.press("6", "enter")
    elif isinstance(step, Rate):
        await pilot.press("7", "enter")
    elif isinstance(step, Turn):
        await advance(pilot, clock, step.seconds)
        await pilot.press("h")
    elif isinstance(step, Reflect):
        await pilot.press("y")
    elif isinstance(step, Note):
        await pilot.press("o", "k", "enter")
    await pilot.pause()


async def walk_to_summary(pilot: Any, clock: FakeClock, limit: int = 400) -> SummaryScreen:
    """Answer cautions, names and every step until the summary shows."""
    app = pilot.app
    await pilot.pause()
    for _ in range(limit):  # each branch ends with a pause: the app has settled
        screen = app.screen
        if isinstance(screen, SummaryScreen):
            return screen
        if isinstance(screen, CautionScreen):
            await pilot.press("enter")
            await pilot.pause()
        elif isinstance(screen, BreakScreen):
            await through_break(pilot, clock)
        elif isinstance(screen, NamesDialog):
            await enter_names(pilot)
        elif isinstance(screen, RunnerScreen) and screen.next_up is not None:
            await pilot.press("enter")  # "next up" between a plan's exercises
            await pilot.pause()
        elif isinstance(screen, RunnerScreen) and screen.session is not None:
            await answer_step(pilot, clock, screen)
        else:
            await pilot.pause()
    raise AssertionError(f"no summary after {limit} actions; on {app.screen!r}")
