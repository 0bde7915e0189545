"""What the break looks like (issue 12), at 80x24 and 50x16: choosing when to come back, the
calm timer, the calm check and the kind end; the names dialog with roles, and picking up a run
later. Fake clock; times of day shown in UTC."""

from __future__ import annotations

import dataclasses

import pytest

from coach.ui.runner.break_screen import BreakScreen
from tests.conftest import SNAP_SIZE
from tests.runner_support import advance, enter_names

SMALL = (50, 16)
TALK = "after-a-regrettable-incident"


pytestmark = pytest.mark.usefixtures("utc_zone")


def to_break(keys: tuple[str, ...] = (), seconds: float = 0.0, animation: str = "none"):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        app = pilot.app
        app.animation_level = animation
        await pilot.pause()
        await pilot.press("enter")  # the caution
        await enter_names(pilot)
        await pilot.press("enter", "enter", "b")  # on the first turn: a break
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if seconds:
            await advance(pilot, app.ctx.clock, seconds)
        await pilot.pause(0.1)

    return run_before


CASES = {
    "choose": (SNAP_SIZE, to_break()),
    "wait": (SNAP_SIZE, to_break(("1",), seconds=62, animation="full")),
    "wait_no_motion": (SNAP_SIZE, to_break(("2",), seconds=62)),
    "check": (SNAP_SIZE, to_break(("1",), seconds=1200)),
    "end_not_yet": (SNAP_SIZE, to_break(("1", "enter", "n"))),
    "end_later": (SNAP_SIZE, to_break(("4",))),
    "small_choose": (SMALL, to_break()),
    "small_wait": (SMALL, to_break(("1",), seconds=62, animation="full")),
    "small_check": (SMALL, to_break(("1",), seconds=1200)),
    "small_end_later": (SMALL, to_break(("4",))),
}


@pytest.mark.parametrize("name", list(CASES))
def test_break_snapshot(name: str, make_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    size, run_before = CASES[name]
    assert snap_compare(make_app(start=TALK), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SNAP_SIZE, SMALL], ids=["quit", "small_quit"])
def test_the_stop_question_offers_a_break_to_two(size, make_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.press("enter")
        await enter_names(pilot)
        await pilot.press("escape")
        await pilot.pause(0.1)

    assert snap_compare(make_app(start=TALK), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SNAP_SIZE, SMALL], ids=["flooding", "small_flooding"])
def test_flooding_break_opens_on_the_break(size, make_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.pause(0.1)

    assert snap_compare(make_app(start="flooding-break"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SNAP_SIZE, SMALL], ids=["roles", "small_roles"])
def test_names_with_roles(size, make_app, make_context, snap_compare) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context()
    ctx.settings = dataclasses.replace(ctx.settings, partner_a="Ada", partner_b="Ben")

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.press("enter", "s")  # the caution; swap roles
        await pilot.pause(0.1)

    assert snap_compare(make_app(start="support-under-stress", ctx=ctx), terminal_size=size,
                        run_before=run_before)


@pytest.mark.parametrize("size", [SNAP_SIZE, SMALL], ids=["pick_up", "small_pick_up"])
def test_pick_up_after_a_break(size, make_app, make_context, snap_compare) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    ctx = make_context()

    async def stop_for_later() -> None:
        app = make_app(start=TALK, ctx=ctx)
        async with app.run_test(size=SNAP_SIZE) as pilot:
            await to_break(("4", "enter"))(pilot)

    asyncio.run(stop_for_later())
    ctx.clock.advance(2 * 3600)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.press("7")
        await pilot.pause(0.1)

    assert snap_compare(make_app(start=TALK, ctx=ctx), terminal_size=size, run_before=run_before)
