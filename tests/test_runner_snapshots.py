"""What the runner looks like: every step type at 80x24, the pacer in each phase, the summary,
and the runner at a small terminal (50x16). Fake clock, animation off unless a test turns the
pacer's animation on to show its shape."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, TextArea

from coach.ui.runner.caution import CautionScreen
from coach.ui.runner.names_dialog import NamesDialog
from coach.ui.runner.runner_screen import RunnerScreen
from tests.conftest import SNAP_SIZE
from tests.runner_support import advance, enter_names, walk_to_summary

SMALL = (50, 16)


def no_blink(app) -> None:  # type: ignore[no-untyped-def]
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False


class Pasted(str):
    """Text that arrives at once, as a terminal delivers a paste (a long text typed key by key
    costs about a tenth of a second a key; typing itself is shown by the short notes)."""


def to_step(index: int, *, seconds: float = 0.0, animation: str = "none",
            keys: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """run_before: skip to step ``index``, let ``seconds`` pass, press ``keys`` (a ``Pasted``
    text is pasted)."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        app = pilot.app
        await pilot.pause()
        if isinstance(app.screen, CautionScreen):
            await pilot.press("enter")
            await pilot.pause()
        if isinstance(app.screen, NamesDialog):
            await enter_names(pilot)
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        app.animation_level = animation
        await runner.show_step()  # drawn again at this animation level
        while runner.session.index < index and runner.next_up is None:
            await runner.action_skip()  # (a note's text box would take the key n)
            await pilot.pause()
        if seconds:
            await advance(pilot, app.ctx.clock, seconds)
        for key in keys:  # each key waits for the app to settle before the next
            if isinstance(key, Pasted):
                app.post_message(events.Paste(key))
                await pilot.pause()
            else:
                await pilot.press(key)
        no_blink(app)
        await pilot.pause()
        await pilot.pause(0.1)  # let the footer recompose after the last focus change

    return run_before


CASES = {
    # name: (entry, size, run_before)
    "rate": ("box-breathing", SNAP_SIZE, to_step(0)),
    "instruction": ("box-breathing", SNAP_SIZE, to_step(1)),
    "instruction_timed": ("box-breathing", SNAP_SIZE, to_step(3, seconds=4)),
    "timer": ("i-need-a-break", SNAP_SIZE, to_step(2, seconds=300)),
    "note": ("prepare-a-soft-start-up", SNAP_SIZE, to_step(0, keys=tuple("tired"))),
    "breathe_inhale": ("box-breathing", SNAP_SIZE, to_step(2, seconds=2, animation="full")),
    "breathe_hold": ("box-breathing", SNAP_SIZE, to_step(2, seconds=5, animation="full")),
    "breathe_exhale": ("box-breathing", SNAP_SIZE, to_step(2, seconds=10, animation="full")),
    "breathe_rest": ("box-breathing", SNAP_SIZE, to_step(2, seconds=13, animation="full")),
    "breathe_top_up": ("cyclic-sighing", SNAP_SIZE, to_step(0, seconds=3.5, animation="full")),
    "breathe_no_motion": ("box-breathing", SNAP_SIZE, to_step(2, seconds=37)),
    "paused": ("box-breathing", SNAP_SIZE, to_step(2, seconds=2, animation="full", keys=("space",))),
    "emotions_core": ("feeling-wheel-check-in", SNAP_SIZE, to_step(3, keys=("down",))),
    "emotions_words": ("feeling-wheel-check-in", SNAP_SIZE,
                       to_step(3, keys=("down", "down", "enter", "space", "down", "down", "space"))),
    "emotions_filter": ("feeling-wheel-check-in", SNAP_SIZE, to_step(3, keys=("down", "enter", *"lo"))),
    "emotions_intensity": ("feeling-wheel-check-in", SNAP_SIZE,
                           to_step(3, keys=("down", "enter", "space", "enter", "7"))),
    "caution": ("after-a-regrettable-incident", SNAP_SIZE, None),
    "names": ("after-a-regrettable-incident", SNAP_SIZE, None),
    "turn": ("after-a-regrettable-incident", SNAP_SIZE, to_step(2, seconds=30)),
    "turn_time_up": ("after-a-regrettable-incident", SNAP_SIZE, to_step(2, seconds=95)),
    "reflect": ("after-a-regrettable-incident", SNAP_SIZE, to_step(3, keys=("a",))),
    "quit_confirm": ("box-breathing", SNAP_SIZE, to_step(1, keys=("escape",))),
    "small_breathe": ("box-breathing", SMALL, to_step(2, seconds=2, animation="full")),
    "small_rate": ("box-breathing", SMALL, to_step(0)),
    "small_turn": ("after-a-regrettable-incident", SMALL, to_step(2, seconds=95)),
    "small_reflect": ("after-a-regrettable-incident", SMALL, to_step(3)),
    "small_emotions_words": ("feeling-wheel-check-in", SMALL, to_step(3, keys=("down", "enter", "space"))),
    "small_caution": ("after-a-regrettable-incident", SMALL, None),
    "note_long": ("prepare-a-soft-start-up", SNAP_SIZE, to_step(0, keys=(*"Chores", Pasted(
        " at the weekend: who does what, and that it always seems to fall on me when we "
        "both work late.")))),
    "read_back": ("prepare-a-soft-start-up", SNAP_SIZE, to_step(0, keys=(
        *"chores", "enter", "enter", "right", *"help", "enter", Pasted("I feel tired, and I need help"),
        "enter"))),
    "list": ("when-to-seek-help", SNAP_SIZE, to_step(3)),
    "next_up": ("before-a-hard-talk", SNAP_SIZE, to_step(2)),
    "help_breathing": ("box-breathing", SNAP_SIZE, to_step(2, seconds=2, keys=("question_mark",))),
    "small_read_back": ("three-good-things", SMALL, to_step(1, keys=(
        *"a walk", Pasted(" in the sun"), "enter", Pasted("tea with Sam"), "enter", Pasted("a quiet evening"),
        "enter"))),
    "small_next_up": ("before-a-hard-talk", SMALL, to_step(2)),
}


async def _caution(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()


async def _names(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    no_blink(pilot.app)
    await pilot.pause(0.1)


@pytest.mark.parametrize("name", list(CASES))
def test_runner_snapshot(name: str, make_app, snap_compare) -> None:
    entry, size, run_before = CASES[name]
    if run_before is None:
        run_before = _names if name == "names" else _caution
    assert snap_compare(make_app(start=entry), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SNAP_SIZE, SMALL], ids=["summary", "small_summary"])
def test_summary_snapshot(size, make_app, clock, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await walk_to_summary(pilot, clock)
        await pilot.pause(0.1)  # let the footer settle

    assert snap_compare(make_app(start="feeling-wheel-check-in"), terminal_size=size, run_before=run_before)
