"""The runner closes cleanly when it is gone before its first step (quit or popped at once)."""

from __future__ import annotations

import pytest

from coach.ui.messages import StartEntry
from tests.home_support import opened


@pytest.mark.parametrize("variant", ["exit_same_tick", "pop_same_tick"])
async def test_runner_closed_before_it_began(make_app, paths, variant: str) -> None:
    """Found in tmux: q then s typed fast started an exercise while the app was quitting."""
    async with opened(make_app, paths) as (app, pilot):
        app.start_entry(StartEntry("box-breathing"))
        if variant == "exit_same_tick":
            app.exit()
        else:
            await pilot.pause(0)
            app.pop_screen()
        await pilot.pause()
    assert app.return_code in (0, None)
