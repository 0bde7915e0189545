"""Theme specs (coach.core.themes) become Textual themes, proven before they are offered; the
chosen one falls back safely."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual.app import App
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.theme import Theme

from coach.core.problems import Problem
from coach.core.settings import DEFAULT_THEME
from coach.core.themes import COLOR_KEYS, ThemeSpec


def to_textual(spec: ThemeSpec) -> Theme:
    """A Textual theme with the spec's colours; unset colours are derived by Textual."""
    options: dict[str, Any] = {key: getattr(spec, key) for key in COLOR_KEYS}
    if spec.text_alpha is not None:
        options["text_alpha"] = spec.text_alpha
    return Theme(name=spec.name, dark=spec.dark, variables=dict(spec.variables), **options)


COLOUR_USES = ("color: $v;", "background: $v 50%;", "border: tall $v;", "border-left: outer $v 50%;",
               "hatch: right $v;", "keyline: thin $v 50%;", "tint: $v 50%;", "background-tint: $v 5%;",
               "border-title-color: $v;", "scrollbar-color: $v;", "link-color: $v;")
"""The ways Textual's and coach's stylesheets use a colour variable (tests check that a theme
proven with them parses with every stylesheet coach shows). A variable whose default is not a
plain colour ("auto 87%") is used only as it is, the first way."""
STYLE_USES = ("text-style: $v;",)
"""How a text style variable (``block-cursor-text-style``, ``link-style``) is used."""


def theme_problems(spec: ThemeSpec) -> list[Problem]:
    """Why Textual could not use ``spec``: its colours are generated as Textual will, and each
    variable it sets is parsed in every way a stylesheet uses it. Empty when it is usable."""
    theme = to_textual(spec)
    try:
        defaults = dataclasses.replace(theme, variables={}).to_color_system().generate()
        variables = {**theme.to_color_system().generate(), **theme.variables}
    except Exception as error:  # Textual raises ColorParseError, ValueError, ...
        return [Problem(spec.path, 1, 1, f"Textual cannot make this theme's colours: {error}")]
    problems = []
    for name, value in spec.variables.items():
        if name not in defaults:
            continue  # no stylesheet uses it
        is_style = "style" in name.split("-")
        uses = STYLE_USES if is_style else COLOUR_USES if _plain_colour(defaults[name]) else COLOUR_USES[:1]
        sheet = Stylesheet(variables=variables)
        sheet.add_source(" ".join(f"Theme {{ {use.replace('$v', f'${name}')} }}" for use in uses),
                         read_from=(spec.path, name))
        try:
            sheet.parse()
        except Exception:
            kind = "a text style such as \"bold\"" if is_style else "a colour such as \"#1e2430\""
            problems.append(Problem(spec.path, 1, 1, f"variables: {name} must be {kind}, not {value!r}"))
    return problems


def _plain_colour(value: str) -> bool:
    try:
        Color.parse(value)
    except Exception:
        return False
    return True


def register_proven(app: App[Any], specs: list[ThemeSpec]) -> list[Problem]:
    """Register the themes Textual can use (built-in themes are proven by the tests); returns
    why the others were left out."""
    found: list[Problem] = []
    for spec in specs:
        wrong = [] if spec.builtin else theme_problems(spec)
        found.extend(wrong)
        if not wrong:
            app.register_theme(to_textual(spec))
    return found


def pick_theme(app: App[Any], wanted: str) -> tuple[str, str]:
    """The theme to use and a sentence for the user when ``wanted`` is not available."""
    if wanted in app.available_themes:
        return wanted, ""
    fallback = DEFAULT_THEME if DEFAULT_THEME in app.available_themes else "textual-dark"
    return fallback, f"There is no theme called '{wanted}'; using '{fallback}'."
