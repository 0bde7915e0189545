"""Theme specs (coach.core.themes) become Textual themes; the chosen one falls back safely."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from textual.app import App
from textual.theme import Theme

from coach.core.problems import Problem
from coach.core.settings import DEFAULT_THEME
from coach.core.themes import COLOR_KEYS, ThemeSpec
from coach.ui.text import clean

if TYPE_CHECKING:
    from coach.ui.app import CoachApp


def to_textual(spec: ThemeSpec) -> Theme:
    """A Textual theme with the spec's colours; unset colours are derived by Textual."""
    extra = {"text_alpha": spec.text_alpha} if spec.text_alpha is not None else {}
    return Theme(
        name=spec.name,
        dark=spec.dark,
        variables=dict(spec.variables),
        **{key: getattr(spec, key) for key in COLOR_KEYS},
        **extra,
    )


def register_themes(app: App[object], specs: list[ThemeSpec]) -> None:
    for spec in specs:
        app.register_theme(to_textual(spec))


def register_loaded(app: App[object], specs: list[ThemeSpec],
                    problems: list[Problem]) -> tuple[list[ThemeSpec], list[Problem]]:
    """Register themes already read (``ctx.theme_specs``); returns the specs and problems."""
    register_themes(app, specs)
    return specs, problems


def pick_theme(app: App[object], wanted: str) -> tuple[str, str]:
    """The theme to use and a sentence for the user when ``wanted`` is not available."""
    if wanted in app.available_themes:
        return wanted, ""
    fallback = DEFAULT_THEME if DEFAULT_THEME in app.available_themes else "textual-dark"
    return fallback, f"There is no theme called '{wanted}'; using '{fallback}'."


def apply_theme(app: CoachApp, name: str) -> None:
    """Switch to theme ``name`` and remember it in the settings file."""
    if name not in app.available_themes:
        app.notify(clean(f"There is no theme called '{name}'."), severity="warning", markup=False)
        return
    app.theme = name
    ctx = app.ctx
    if ctx.settings.theme != name:
        message = ctx.save_settings(dataclasses.replace(ctx.settings, theme=name))
        if message:
            app.notify(clean(message), title="Settings", severity="warning", timeout=10, markup=False)
