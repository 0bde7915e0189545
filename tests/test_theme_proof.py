"""Themes are proven before they are offered, and remembered only once they applied."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from functools import cache

import pytest
import textual.widgets
from textual.app import App, ComposeResult
from textual.css.stylesheet import Stylesheet, StylesheetParseError
from textual.widget import Widget
from textual.widgets import OptionList

import coach.ui
from coach.core.settings import DEFAULT_THEME, load_settings
from coach.core.themes import ThemeSpec, parse_theme
from coach.ui.messages import ChooseTheme
from coach.ui.theming import theme_problems, to_textual
from tests.conftest import SNAP_SIZE
from tests.home_support import messages, write_settings

CRASHER = (b'name: crasher\ndark: true\nprimary: "#8fb3c9"\nforeground: "#eeeeee"\nbackground: "#111111"\n'
           b'variables:\n  block-cursor-text-style: "#ffffff"\n')
"""Passes coach's theme check (a variable value is any short style-like text), but Textual
cannot parse `text-style: #ffffff` when it restyles: picking it crashed the app, and since
the choice was saved first, every later start."""
BASE = ThemeSpec(name="t", dark=True, primary="#8fb3c9", foreground="#eeeeee", background="#111111",
                 path="t.yaml")
VALUES = ("nope", "bold", "#ffffff 50%", "auto", "auto 60%", "red", "10", "none", "initial",
          "transparent", "ansi_red", "rgb(10,20,30)", "#123456", "bold underline", "50%", "b reverse",
          "hsl(120,50%,50%)", "#abc", "not underline")


async def test_the_crasher_passes_coachs_check_and_crashes_textual() -> None:
    spec, problems = parse_theme(CRASHER, "crasher.yaml")
    assert problems == [] and spec is not None
    assert [str(p) for p in theme_problems(spec)] == [
        'crasher.yaml:1:1: variables: block-cursor-text-style must be a text style such as "bold", '
        "not '#ffffff'"]

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList("one")

    app = Bare()
    app.register_theme(to_textual(spec))
    with pytest.raises(StylesheetParseError):
        async with app.run_test() as pilot:
            app.theme = "crasher"
            await pilot.pause()


async def test_an_unusable_theme_is_reported_once_never_offered_nor_applied(make_app, paths) -> None:
    paths.themes_dir.mkdir(parents=True)
    crasher = paths.themes_dir / "crasher.yaml"
    crasher.write_bytes(CRASHER)
    (paths.themes_dir / "colours.yaml").write_bytes(CRASHER.replace(b"crasher", b"colours").replace(
        b"block-cursor-text-style: \"#ffffff\"", b"background-darken-1: nope"))
    write_settings(paths, "welcomed: true\ntheme: crasher\n")
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        names = app.available_themes
        assert "crasher" not in names and "colours" not in names and DEFAULT_THEME in names
        assert "crasher" not in app.available_themes and app.theme == DEFAULT_THEME
        [notice] = messages(app)  # one notice with the count; p lists each problem once
        assert notice.startswith("3 problems in your files"), notice
        for theme in ("crasher", "colours"):
            found = [m for m in app.problems if f"{paths.themes_dir / theme}.yaml:" in m]
            assert len(found) == 1, app.problems
        assert any("Textual cannot make" in m for m in app.problems)
        assert any("no theme called 'crasher'" in m for m in app.problems)


async def test_a_theme_is_saved_as_the_choice_only_once_it_applied(make_app, paths) -> None:
    write_settings(paths)
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        app.choose_theme(ChooseTheme("coach-forest"))
        assert load_settings(paths.settings_file)[0].theme == DEFAULT_THEME  # not yet: not applied
        await pilot.pause()
        assert app.screen.styles.background.hex.lower() == app.get_theme("coach-forest").background.lower()
        assert load_settings(paths.settings_file)[0].theme == "coach-forest"


@cache
def every_stylesheet() -> tuple[tuple[str, str], ...]:
    """The default CSS of every Textual widget and of coach's own widgets and screens."""
    for module in pkgutil.walk_packages(coach.ui.__path__, "coach.ui."):
        importlib.import_module(module.name)
    for name in textual.widgets.__all__:  # type: ignore[attr-defined]
        getattr(textual.widgets, name)  # imported lazily

    def subclasses(cls: type) -> list[type]:
        found: list[type] = []
        direct: list[type] = cls.__subclasses__()
        for sub in direct:
            found += [sub, *subclasses(sub)]
        return found

    sources = {(c.__qualname__, c.__dict__["DEFAULT_CSS"]) for c in subclasses(Widget)
               if c.__dict__.get("DEFAULT_CSS")}
    return (*sorted(sources), ("App", App.DEFAULT_CSS))


def parses_everywhere(spec: ThemeSpec, name: str) -> bool:
    """Whether every stylesheet that uses ``$name`` parses with ``spec``'s variables."""
    theme = to_textual(spec)
    sheet = Stylesheet(variables={**theme.to_color_system().generate(), **theme.variables})
    uses = re.compile(rf"\${re.escape(name)}(?![\w-])")
    for where, css in every_stylesheet():
        if uses.search(css):
            sheet.add_source(css, read_from=(where, ""), is_default_css=True)
    try:
        sheet.parse()
    except Exception:
        return False
    return True


def test_a_proven_theme_parses_with_every_stylesheet() -> None:
    """Each variable Textual generates, each with several odd values: whatever the proof
    accepts, the real stylesheets accept too (the proof may refuse more)."""
    names = sorted(to_textual(BASE).to_color_system().generate())
    accepted = refused = 0
    for i, name in enumerate(names):
        for value in (VALUES[i % len(VALUES)], VALUES[(i * 7 + 3) % len(VALUES)]):
            spec = dataclasses.replace(BASE, variables={name: value})
            if theme_problems(spec):
                refused += 1
            else:
                accepted += 1
                assert parses_everywhere(spec, name), (name, value)
    assert accepted > 50 and refused > 50
