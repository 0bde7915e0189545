"""Small terminals: the history's columns stack rather than wrap two words a line, and the
rating scale fits down to 40x10 with every number and both ends whole (newcomer trial m12)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.app import App, ComposeResult

from coach.ui.runner.rate_scale import RateScale
from coach.ui.screens.history import HistoryScreen
from tests.home_support import a_run, opened, press, write_settings


@pytest.mark.parametrize("size", [(50, 16), (60, 20)])
async def test_history_columns_stack_when_narrow(make_app, make_context, paths, clock, size) -> None:
    write_settings(paths)
    ctx = make_context()
    for days in range(6):
        assert ctx.record_run(a_run("box-breathing", clock.now() - timedelta(days=days))) == ""
    async with opened(make_app, paths, size=size, ctx=ctx) as (app, pilot):
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        calendar = app.screen.query_one("#calendar-box").region
        summary = app.screen.query_one("#summary").region
        assert summary.y >= calendar.bottom, "below the calendar, not squeezed beside it"
        assert summary.width >= size[0] - 4
        text = str(app.screen.query_one("#summary-text").render())
        assert "days practised" in text.splitlines()[2]  # one line, not '1 days / practised'


async def test_history_columns_sit_side_by_side_when_wide(make_app, make_context, paths, clock) -> None:
    write_settings(paths)
    ctx = make_context()
    assert ctx.record_run(a_run("box-breathing", clock.now())) == ""
    async with opened(make_app, paths, size=(100, 30), ctx=ctx) as (app, pilot):
        await press(pilot, "h")
        calendar = app.screen.query_one("#calendar-box").region
        assert app.screen.query_one("#summary").region.x >= calendar.right


class ScaleApp(App[None]):
    def __init__(self, low: str = "Very tense", high: str = "Completely calm") -> None:
        super().__init__()
        self.low, self.high = low, high

    def compose(self) -> ComposeResult:
        yield RateScale(self.low, self.high)


@pytest.mark.parametrize("width", [20, 30, 36, 40, 46, 60])
async def test_the_scale_fits_its_width_with_every_number_and_both_ends(width: int) -> None:
    app = ScaleApp()
    async with app.run_test(size=(width, 10)) as pilot:
        await pilot.pause()
        scale = app.query_one(RateScale)
        lines = scale.render().plain.splitlines()
        assert scale.region.right <= width
        assert all(len(line) <= scale.size.width for line in lines), lines
        numbers = " ".join(lines).split()
        for n in range(11):
            assert str(n) in numbers, (n, lines)
        text = "\n".join(lines)
        assert "Very tense" in text and "Completely calm" in text
        assert scale.size.height == len(lines)


@pytest.mark.parametrize("width", [30, 46])
async def test_a_click_picks_the_number_under_it(width: int) -> None:
    app = ScaleApp()
    async with app.run_test(size=(width, 10)) as pilot:
        await pilot.pause()
        scale = app.query_one(RateScale)
        cell, rows = scale.layout_for(scale.size.width)
        for y, row in enumerate(rows):
            for i, n in enumerate(row):
                await pilot.click(RateScale, offset=(i * cell + cell // 2, y))
                assert scale.value == n
        assert scale.number_at(0, len(rows)) is None  # the arrows and labels are no number


async def test_the_runner_rating_fits_at_40x10(make_app) -> None:
    # An exercise without a safety line: box breathing's takes five of these ten rows on its
    # first steps, and the safety line comes first (see test_runner_care).
    app = make_app(start="self-soothing-while-waiting")
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        await pilot.pause()
        scale = app.screen.query_one(RateScale)
        region = scale.region
        assert region.right <= 40 and region.bottom <= 10 - 1  # above the key bar
        text = scale.render().plain
        assert "10" in text and "Completely calm" in text and "Complet\n" not in text


@pytest.mark.parametrize("size", [(50, 16), (60, 20)])
async def test_a_long_name_shows_whole_on_its_card(make_app, size) -> None:
    """The card grows a line rather than hide the name (the trial saw 'Listening:' alone; a
    CSS fix in coach/ui/runner/turn_view.py)."""
    from coach.ui.runner.turn_view import TurnView
    from tests.contrast_support import screen_lines
    from tests.runner_support import enter_names

    long_name = "Maximiliane Josephine"
    app = make_app(start="after-a-regrettable-incident")
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        await enter_names(pilot, "Sam", long_name, typed=True)  # s and space go to the field
        runner = app.screen
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(runner.view, TurnView)
        lines = screen_lines(app.export_screenshot())
        card = runner.query_one("#listener").region
        shown = " ".join(lines.get(y, "")[card.x:card.right] for y in range(card.y, card.bottom))
        assert "Listening:" in shown and long_name in " ".join(shown.replace("│", " ").split())
