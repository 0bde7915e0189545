"""Theme specs (coach.core.themes) become Textual themes; the chosen one falls back safely."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

from coach.core.settings import DEFAULT_THEME
from coach.core.themes import COLOR_KEYS, ThemeSpec


def to_textual(spec: ThemeSpec) -> Theme:
    """A Textual theme with the spec's colours; unset colours are derived by Textual."""
    options: dict[str, Any] = {key: getattr(spec, key) for key in COLOR_KEYS}
    if spec.text_alpha is not None:
        options["text_alpha"] = spec.text_alpha
    return Theme(name=spec.name, dark=spec.dark, variables=dict(spec.variables), **options)


def register_themes(app: App[Any], specs: list[ThemeSpec]) -> None:
    for spec in specs:
        app.register_theme(to_textual(spec))


def pick_theme(app: App[Any], wanted: str) -> tuple[str, str]:
    """The theme to use and a sentence for the user when ``wanted`` is not available."""
    if wanted in app.available_themes:
        return wanted, ""
    fallback = DEFAULT_THEME if DEFAULT_THEME in app.available_themes else "textual-dark"
    return fallback, f"There is no theme called '{wanted}'; using '{fallback}'."
