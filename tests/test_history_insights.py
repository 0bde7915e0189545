"""The history screen's new parts: what helps, recent sessions and a session's own words, the
score explained (?), days away (a); and the summary of a run whose every step was skipped."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from coach.core.library import Library
from coach.core.model import Exercise, Instruction, Note, Rate
from coach.core.runs import Rating, StepNote
from tests.conftest import SNAP_SIZE
from tests.history_data import make_run

JOURNAL = Exercise("journal", "Evening journal", "emotion", "s",
                   (Rate("How calm?", "calm", "not", "very"), Note("What happened today?"),
                    Instruction("Breathe."), Note("What would be kind now?"),
                    Rate("How calm now?", "calm", "not", "very")), "s", content_hash="h1")
LIBRARY = Library(entries={JOURNAL.id: JOURNAL})


pytestmark = pytest.mark.usefixtures("utc_zone")


def journal_run(days_ago: int, calm: tuple[int, int] = (3, 6), notes: tuple[str, ...] = (), *, clock,
                title: str = "Evening journal"):  # type: ignore[no-untyped-def]
    run = make_run("journal", kind="emotion", title=title, steps_total=5, calm=calm,
                   at=clock.now().replace(hour=20, minute=0) - timedelta(days=days_ago))
    run.content_hash = "h1"
    run.ratings = [Rating("calm", calm[0], 0), Rating("calm", calm[1], 4)]
    run.notes = tuple(StepNote(step, text) for step, text in zip((1, 3), notes, strict=False))
    run.note = "\n\n".join(notes)
    return run


@pytest.fixture
def app_with(make_app, make_context, clock):
    def factory(runs, away: list[date] | None = None):  # type: ignore[no-untyped-def]
        ctx = make_context()
        ctx.settings = dataclasses.replace(ctx.settings, welcomed=True)
        ctx.startup = dataclasses.replace(ctx.startup, library=LIBRARY)
        ctx.history.add_many(runs)
        if away:
            ctx.history.set_away(away)
        return make_app(ctx=ctx)

    return factory


def standard(clock):  # type: ignore[no-untyped-def]
    opened = make_run("journal", title="Evening journal", minutes=0.1, completed=False,
                      at=clock.now() - timedelta(minutes=5))
    opened.steps_done = []
    skipped = make_run("journal", title="Evening journal", at=clock.now() - timedelta(hours=3))
    skipped.steps_done = []
    return [journal_run(d, (3, 6), clock=clock) for d in range(6, 2, -1)] + [
        journal_run(1, (4, 7), ("A long day at work", "An early night"), clock=clock), skipped, opened]


async def open_history(pilot) -> None:
    await pilot.pause()
    pilot.app.action_open("history")
    await pilot.pause()


def texts(app, selector: str) -> list[str]:
    return [str(w.render()) for w in app.screen.query(selector)]


async def test_what_helps_and_the_sessions_are_listed(app_with, clock) -> None:
    from coach.ui.widgets.sessions import SessionsList

    app = app_with(standard(clock))
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await open_history(pilot)
        panel = texts(app, "#insights")[0]
        assert "Evening journal: about 3 points calmer on average, over 5 runs" in panel
        assert "In the evening: Evening journal, about 3 points calmer" in panel
        sessions = app.screen.query_one(SessionsList)
        lines = [str(o.prompt) for o in sessions.options]
        assert len(lines) == 7
        assert "just opened" in lines[0] and "skipped" in lines[1] and "done" in lines[2]
        assert lines[2].startswith(" 1 Nov 20:00   5 min  done")
        today = app.screen.query_one("#calendar").weeks[-1][0]  # Monday 2 Nov
        assert today.day == clock.now().date() and today.runs == 1, "just opened is not counted"


async def test_enter_opens_a_session_with_each_note_under_its_question(app_with, clock) -> None:
    from coach.ui.screens.history import HistoryScreen
    from coach.ui.screens.session import SessionScreen

    app = app_with(standard(clock))
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("s", "down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        shown = [(w.classes and sorted(w.classes)[0], str(w.render())) for w in app.screen.query("Static")]
        assert ("heading", "Evening journal") in shown
        assert ("meta", "Sun 1 Nov 2026 20:00 · 5 min · done") in shown
        assert ("plain", "Calm: 4 before, 7 after (+3)") in shown
        i = shown.index(("question", "What happened today?"))
        assert shown[i + 1:i + 4] == [("note", "A long day at work"), ("question", "What would be kind now?"),
                                      ("note", "An early night")]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_a_click_opens_a_session_too(app_with, clock) -> None:
    from coach.ui.screens.session import SessionScreen

    app = app_with(standard(clock))
    async with app.run_test(size=(80, 60)) as pilot:
        await open_history(pilot)
        await pilot.click("#sessions", offset=(5, 0))
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert "just opened" in texts(app, ".meta")[0]
        assert "opened and left before any practice" in " ".join(texts(app, ".plain"))


async def test_question_mark_explains_the_score_in_three_sentences(app_with, clock) -> None:
    from coach.core.history.stats import strength_sentences
    from coach.ui.screens.score_help import ScoreHelp

    app = app_with(standard(clock))
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, ScoreHelp)
        sentences = texts(app, ".sentence")
        assert sentences == strength_sentences(app.ctx.progress()) and len(sentences) == 3
        assert "practising today would take it from" not in sentences[0], "today has practice"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ScoreHelp)


async def test_days_away_are_marked_shown_and_made_ordinary_again(app_with, clock) -> None:
    from coach.ui.screens.away import AwayDays

    app = app_with(standard(clock))
    today = clock.now().date()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await open_history(pilot)
        before = app.ctx.progress().strength
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AwayDays)
        app.screen.query_one("#first").value = "2026-10-20"  # before any practice, and
        app.screen.query_one("#last").value = "2026-10-31"  # the one day missed since
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, AwayDays)
        assert app.ctx.away_days() == {date(2026, 10, 20) + timedelta(days=n) for n in range(12)}
        assert app.ctx.progress().strength > before, "the missed day no longer dents"
        cells = [c for w in app.screen.query_one("#calendar").weeks for c in w if c.away]
        assert len(cells) == 12
        assert "○ day away" in str(app.screen.query_one("#calendar").render())
        await pilot.pause()
        assert app.screen.query_one("#sessions").option_count > 0, "the parts below are filled again"
        assert app.screen.query_one("#insights").render()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#first").value = "2026-10-20"
        app.screen.query_one("#last").value = "2026-10-31"
        await pilot.click("#unmark")
        await pilot.pause()
        assert app.ctx.away_days() == frozenset() and app.ctx.progress().strength == before
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.query_one("#first").value == today.isoformat()


async def test_a_date_that_does_not_read_is_said_and_nothing_marked(app_with, clock) -> None:
    from coach.ui.screens.away import AwayDays

    app = app_with(standard(clock))
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#first").value = "next week"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AwayDays)
        assert "'next week' is not a date" in str(app.screen.query_one("#away-problem").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.ctx.away_days() == frozenset()


async def test_titles_and_notes_are_shown_literally(app_with, clock) -> None:
    from coach.ui.screens.session import SessionScreen
    from coach.ui.widgets.sessions import SessionsList

    hostile = "[b]bold[/b] \x1b[31mred"
    run = journal_run(1, notes=("[i]not italic[/i]\x07",), clock=clock, title=hostile)
    app = app_with([run])
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await open_history(pilot)
        prompt = str(app.screen.query_one(SessionsList).options[0].prompt)
        assert "[b]bold[/b] ␛[31mred" in prompt
        await pilot.press("s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert texts(app, ".note") == ["[i]not italic[/i]␇"]


async def test_an_all_skipped_run_is_never_well_done(make_app, clock) -> None:
    from coach.core.recap import Recap
    from coach.ui.runner.summary import SummaryScreen

    skipped = make_run(at=clock.now())
    skipped.steps_done = []
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        app.push_screen(SummaryScreen(Recap("Box breathing", [skipped])))
        await pilot.pause()
        assert str(app.screen.query_one("#heading").render()) == "Skipped: Box breathing"


# -- snapshots -----------------------------------------------------------------------------------

async def _to_sessions(pilot) -> None:
    await open_history(pilot)
    await pilot.press("s")
    await pilot.pause()


async def _detail(pilot) -> None:
    await _to_sessions(pilot)
    await pilot.press("down", "down", "enter")
    await pilot.pause()


async def _explain(pilot) -> None:
    await open_history(pilot)
    await pilot.press("question_mark")
    await pilot.pause()


async def _away(pilot) -> None:
    await open_history(pilot)
    await pilot.press("a")
    await pilot.pause()


@pytest.mark.parametrize("steps", [_to_sessions, _detail, _explain, _away],
                         ids=["sessions", "detail", "explain", "away"])
def test_snapshots(app_with, clock, snap_compare, steps) -> None:
    away = [clock.now().date() - timedelta(days=n) for n in (8, 9)]
    assert snap_compare(app_with(standard(clock), away), terminal_size=SNAP_SIZE, run_before=steps)
