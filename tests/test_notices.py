"""Start-up problems as one notice with a count and a list one key away; warnings never over an
exercise; a palette without Textual's generic commands (newcomer trial m14)."""

from __future__ import annotations

from textual.command import CommandPalette

from coach.ui.runner.runner_screen import RunnerScreen
from coach.ui.runner.summary import SummaryScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.problems import ProblemsScreen
from coach.ui.widgets.footer import CoachFooter
from tests.conftest import SNAP_SIZE
from tests.home_support import messages, opened, press, write_settings

BROKEN = "format: 1\ntitle: no\nkind: emotion\nsummary: s\nsource: s\nsteps: [{type: note, text: t}]\n"


def break_files(paths, names=("a.yaml", "b[b].yaml", "c.yaml")) -> None:
    paths.exercises_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        (paths.exercises_dir / name).write_text(BROKEN)


async def test_several_problems_make_one_notice_with_a_count(make_app, paths) -> None:
    break_files(paths)
    settings = "welcomed: true\nanimation: fast\n"
    async with opened(make_app, paths, size=(120, 30), settings=settings) as (app, pilot):
        said = messages(app)
        assert len(said) == 1, said
        assert said[0].startswith("5 problems in your files") and "Press p" in said[0]
        assert "p Problems" in app.screen.query_one(CoachFooter).render().plain
        await press(pilot, "p")
        assert isinstance(app.screen, ProblemsScreen)
        shown = [str(s.render()) for s in app.screen.query(".problem")]
        assert len(shown) == 5
        assert any("b[b].yaml:2:8" in line for line in shown)  # brackets stay brackets
        assert any("animation" in line and "using the default" in line for line in shown)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_one_problem_is_said_as_it_is(make_app, paths) -> None:
    break_files(paths, ("a.yaml",))
    async with opened(make_app, paths) as (app, _pilot):
        [said] = messages(app)
        assert "a.yaml:2:8" in said and "1 file skipped" in said


async def test_the_palette_offers_the_problems_only_when_there_are_some(make_app, paths) -> None:
    from tests.test_palette import open_palette

    break_files(paths)
    write_settings(paths)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        items = await open_palette(app, pilot, "problems")
        assert "Show start-up problems" in items[0]
        await press(pilot, "enter")
        assert isinstance(app.screen, ProblemsScreen)


async def test_no_problem_entry_in_the_palette_without_problems(make_app, paths) -> None:
    from tests.test_palette import open_palette

    async with opened(make_app, paths, size=(100, 40)) as (app, pilot):
        items = " | ".join(await open_palette(app, pilot))
        assert "problems" not in items


async def test_warnings_wait_until_the_exercise_is_over(make_app, paths, clock) -> None:
    """Start-up warnings of 'coach run' would cover the pacer: they show on the summary."""
    break_files(paths)
    write_settings(paths)
    app = make_app(start="box-breathing")
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        assert messages(app) == []
        app.notify("A step's own note", markup=False)  # information: at once
        app.screen.notify("Could not save", severity="warning", markup=False)  # waits
        await pilot.pause()
        assert messages(app) == ["A step's own note"]
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, SummaryScreen)
        said = messages(app)
        assert any(m.startswith("4 problems in your files") for m in said) and "Could not save" in said


async def test_textual_generic_commands_are_not_offered(make_app, paths) -> None:
    from tests.test_palette import open_palette

    async with opened(make_app, paths, size=(100, 40)) as (app, pilot):
        items = " | ".join(await open_palette(app, pilot))
        for generic in ("Screenshot", "Keys", "Maximize", "Minimize", "Change the current theme"):
            assert generic not in items, generic
        assert "Quit" in items
        assert isinstance(app.screen, CommandPalette)


async def test_themes_are_named_by_their_titles(make_app, paths) -> None:
    from tests.test_palette import open_palette

    async with opened(make_app, paths, size=(120, 60)) as (app, pilot):
        await open_palette(app, pilot, "theme")
        hits = [o for o in app.screen.query_one("CommandList").options if hasattr(o, "hit")]
        said = [f"{o.hit.text} - {o.hit.help}" for o in hits]
        assert any(s.startswith("Theme: Dusk (dark)") for s in said), said
        assert any(s.startswith("Theme: Linen (light)") for s in said), said
        assert not any("coach-" in s for s in said), said


async def test_warnings_on_screen_when_an_exercise_starts_wait_for_its_end(make_app, paths) -> None:
    """The trial saw start-up toasts over the pacer's countdown: they step aside for the run."""
    break_files(paths)
    async with opened(make_app, paths) as (app, pilot):
        assert messages(app) and messages(app)[0].startswith("4 problems")
        app.notify("A note about home", markup=False)
        await press(pilot, "b")  # breathing, straight onto the pacer
        assert isinstance(app.screen, RunnerScreen)
        assert messages(app) == []
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, SummaryScreen)
        said = messages(app)
        assert len(said) == 1 and said[0].startswith("4 problems"), said
