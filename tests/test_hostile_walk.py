"""Every screen and step view with hostile text: it shows literally, and clicking it runs nothing.

The exercise is built in Python (it holds what the format refuses: control characters, links);
one YAML file proves the loader's path, and a broken file with a hostile name the
"skipped" notification. Clicks land where the markup's action or link would have been.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from coach.core.runs import NamedFeeling, Rating, RunResult
from coach.core.suggest import Suggestion
from coach.ui.messages import StartEntry
from coach.ui.runner.calm_check import CalmCheck
from coach.ui.runner.caution import CautionScreen
from coach.ui.runner.names_dialog import NamesDialog
from coach.ui.runner.runner_screen import RunnerScreen
from coach.ui.runner.summary import SummaryScreen
from tests.home_support import press, write_settings
from tests.hostile_support import (
    ALL,
    BOLD,
    CLOSE,
    CONTROLS,
    LINK,
    PARTNERS,
    QUIT,
    SHOT,
    VARIABLE,
    click_markers,
    hostile_exercise,
    raw_controls,
    shows,
)
from tests.runner_support import answer_step

SIZE = (200, 50)
HOSTILE_YAML = f"""\
format: 1
title: "Y0 {QUIT} {CLOSE}"
kind: breathing
summary: "{LINK} {BOLD}"
description: "**{VARIABLE}** {CLOSE}"
tags: ["{QUIT}"]
source: "{SHOT}"
steps:
  - type: instruction
    text: "Y1 {ALL}"
"""
SKIPPED_NAME = f"{QUIT.removesuffix('[/]')}.yaml"
"""A file name cannot hold '/': the markup is left open (as the click test needs)."""


@pytest.fixture
def hostile_app(make_context, paths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """The app with the hostile exercise, partner names and theme name in its context, a
    history of hostile runs, and a hostile file (and file name) in the exercises folder."""
    monkeypatch.chdir(tmp_path)  # where SHOT would write
    write_settings(paths)
    paths.exercises_dir.mkdir(parents=True)
    (paths.exercises_dir / "hostile-yaml.yaml").write_text(HOSTILE_YAML)
    (paths.exercises_dir / SKIPPED_NAME).write_text("title: [\n")
    ctx = make_context()
    assert "hostile-yaml" in ctx.library.entries, [str(p) for p in ctx.library.problems]
    ctx.library.entries["hostile"] = hostile_exercise()
    ctx.settings = dataclasses.replace(ctx.settings, partner_a=PARTNERS[0] + CONTROLS,
                                       partner_b=PARTNERS[1], theme=f"{QUIT}{CONTROLS}",
                                       alternate_starter=False)
    now = ctx.clock.now()
    runs = [RunResult(exercise_id="hostile", content_hash="x", kind=f"K1{CLOSE}{CONTROLS}", title=ALL,
                      started_at=now - timedelta(days=d, minutes=5), ended_at=now - timedelta(days=d),
                      active_seconds=300, steps_total=8, steps_done=[0], completed=True,
                      feelings=[NamedFeeling("sad", f"W1{CLOSE}{CONTROLS}", 4)],
                      ratings=[Rating("calm", 3, 4), Rating("calm", 6, 4)]) for d in (1, 3)]
    monkeypatch.setattr(ctx, "history_runs", lambda: runs)
    monkeypatch.setattr(ctx, "suggestions",
                        lambda context=None: [Suggestion("hostile", f"because {QUIT}{CONTROLS}", 1.0)])
    from coach.ui.app import CoachApp

    return CoachApp(ctx)


def still_safe(app, tmp_path: Path) -> None:
    assert app.return_code is None, "a click quit the app"
    assert not list(tmp_path.rglob("pwned.svg")), "a click wrote a screenshot"
    assert raw_controls(app) == []
    assert all(not n.markup for n in app._notifications)


async def test_home_preview_suggestions_library_and_notifications(hostile_app, tmp_path) -> None:
    app = hostile_app
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        library = app.screen.query_one("#library")
        library.highlighted = next(i for i, o in enumerate(library.options) if o.id == "hostile")
        await pilot.pause()
        shows(app, f"T0 {QUIT} {CLOSE}␛]0;pwned␇", f"{LINK} {BOLD}",  # title, summary
              f"See M1 (https://example.org) and {VARIABLE}", f"Source: {SHOT}",
              f"- because {QUIT}␛", "Y0 ")  # the suggestion, the YAML exercise in the list
        assert await click_markers(pilot) >= 6
        await press(pilot, "escape", "p")  # the start-up problems: one notice, then listed by p
        shows(app, SKIPPED_NAME, "There is no theme called", f"'{QUIT}␛")
        still_safe(app, tmp_path)


async def test_palette_shows_hostile_titles_literally(hostile_app, tmp_path) -> None:
    app = hostile_app
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"T0 Q1")
        await pilot.pause(0.3)
        shows(app, f"Start: T0 {QUIT} {CLOSE}␛", f"- {LINK} {BOLD}␛")  # a search hit (highlighted), its help
        await press(pilot, "escape")
        still_safe(app, tmp_path)


@pytest.mark.slow
async def test_every_runner_view_caution_names_and_summary(hostile_app, tmp_path) -> None:
    app = hostile_app
    clock = app.ctx.clock
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.start_entry(StartEntry("hostile"))
        await pilot.pause()
        assert isinstance(app.screen, CautionScreen)
        box = app.screen.query_one("#box")  # 76 columns: each piece is checked on its own
        assert str(app.screen.query_one("#caution-text").render()).startswith(
            f"Careful M1 (https://example.org) {ALL}␛]0;pwned␇")
        shows(app, "Before you start: T0", "Careful M1", "(https://example.org)", SHOT, LINK, BOLD)
        assert box.region.width == 76
        await click_markers(pilot)
        await press(pilot, "enter")
        dialog = app.screen
        assert isinstance(dialog, NamesDialog)
        shows(app, PARTNERS[0], PARTNERS[1])  # from the settings, control characters dropped
        first = dialog.query_one("#a", Input)
        assert first.value == PARTNERS[0] + "]0;pwned]52;c;cHduZWQ=[2J"
        first.value = PARTNERS[0] + "\x1b\u202e"  # typed or pasted
        await pilot.pause()
        assert first.value == PARTNERS[0], "what cannot be shown goes at once"
        assert f"Today {PARTNERS[0]} R8 {QUIT}" in str(dialog.query_one("#starts").render())
        still_safe(app, tmp_path)
        await press(pilot, "enter")  # names known: Start has the focus
        runner = app.screen
        assert isinstance(runner, RunnerScreen) and runner.run is not None
        assert runner.run.partners == PARTNERS
        seen = []
        while isinstance(app.screen, RunnerScreen) and runner.session is not None:
            kind = type(runner.session.step).__name__
            seen.append(kind)
            shows(app, f"T0 {QUIT} {CLOSE}␛", f"{PARTNERS[0]} and {PARTNERS[1]}: {ALL} ␛]0;pwned␇")
            if kind == "Instruction":
                shows(app, f"Take care: S9 {QUIT}")
            if kind == "Turn":
                shows(app, f"Speaking: {PARTNERS[0]}", f"Listening: {PARTNERS[1]}",
                      f"U0 {PARTNERS[0]} {PARTNERS[1]}", f"When {PARTNERS[0]} has finished")
                await press(pilot, "b")  # the break screen: the title, the names
                shows(app, f"Break · T0 {QUIT} {CLOSE}␛")
                await click_markers(pilot)
                still_safe(app, tmp_path)
                await press(pilot, "1", "enter")  # back early: the calm check names them
                assert app.screen.query_one(CalmCheck)
                shows(app, f"{PARTNERS[0]}:", f"{PARTNERS[1]}:")
                still_safe(app, tmp_path)
                app.screen.dismiss(None)  # (as if backed out: the walk goes on)
                await pilot.pause()
            elif kind == "Reflect":
                shows(app, f"{PARTNERS[0]} reflects back to {PARTNERS[1]}",
                      f"{PARTNERS[1]}, did {PARTNERS[0]} get it?", f"F0 {PARTNERS[1]} {PARTNERS[0]}")
            elif kind == "Rate":
                shows(app, f"{CLOSE}lo␛", f"{BOLD}hi")
            elif kind == "Emotions":
                await pilot.press("down", "enter", *"[/]qz")  # brackets are not typed into a filter
                shows(app, "Nothing matches 'qz'")
                await press(pilot, "backspace", "backspace", "backspace")  # back to cores
            assert await click_markers(pilot) >= 3
            still_safe(app, tmp_path)
            await answer_step(pilot, clock, runner)
        assert seen == ["Instruction", "Breathe", "Timer", "Emotions", "Rate", "Turn", "Reflect", "Note"]
        assert isinstance(app.screen, SummaryScreen)
        shows(app, f"Well done: T0 {QUIT} {CLOSE}␛", f"Calm{CLOSE}:")
        await click_markers(pilot)
        still_safe(app, tmp_path)


async def test_history_settings_and_help_screens(hostile_app, tmp_path) -> None:
    app = hostile_app
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press(pilot, "h")
        shows(app, "K1[/]␛]0;pwned␇", "W1[/]␛]0;pwned␇")  # an unknown kind (capitalised), a feeling
        await press(pilot, "escape", "comma", "enter")  # the theme list opened
        shows(app, f"{QUIT}␛")  # the theme named in the settings, offered in the list
        await press(pilot, "escape")
        assert app.screen.query_one("#partner_a", Input).value == PARTNERS[0] + "]0;pwned]52;c;cHduZWQ=[2J"
        await click_markers(pilot)
        await press(pilot, "escape", "question_mark")
        shows(app, "Keys on the home screen")
        still_safe(app, tmp_path)
