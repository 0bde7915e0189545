"""Command palette providers (ctrl+p): start anything, open screens, switch theme.

Each provider lists its commands with an empty query (discovery) and fuzzy-matches them
otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from coach.core.browse import kind_title
from coach.core.model import format_duration
from coach.ui.text import clean, literal

if TYPE_CHECKING:
    from coach.ui.app import CoachApp

Command = tuple[str, str, Callable[[], object]]
"""Palette text, help line, what it does."""


def palette_help(text: str) -> str:
    """A help line shown literally. Hit.help is typed ``str``, but the palette parses a str as
    markup (Textual's ``escape`` is not enough: ``[$x]`` and ``[B]`` stay markup); a Content
    is passed through as it is (``Content.from_markup`` returns Content unchanged)."""
    return cast(str, literal(text))


def highlight(matcher: Matcher, text: str) -> Content:
    """``text`` with the matched letters highlighted, as ``Matcher.highlight`` does, except
    that the text stays text (``Matcher.highlight`` parses it as markup)."""
    content = literal(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class CoachProvider(Provider):
    """Base: subclasses list (text, help, callback) commands; all of it is shown literally."""

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def commands(self) -> Iterator[Command]:  # pragma: no cover - abstract
        raise NotImplementedError

    async def discover(self) -> Hits:
        for text, help_text, callback in self.commands():
            shown = clean(text)
            yield DiscoveryHit(literal(shown), callback, text=shown, help=palette_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, callback in self.commands():
            shown = clean(text)
            score = matcher.match(shown)
            if score > 0:
                yield Hit(score, highlight(matcher, shown), callback, text=shown,
                          help=palette_help(help_text))


class StartProvider(CoachProvider):
    """Start any exercise or plan by name."""

    def commands(self) -> Iterator[Command]:
        for entry in self.coach.ctx.library.entries.values():
            who = ", for two" if entry.participants == 2 else ""
            yield (f"Start: {entry.title}",
                   f"{kind_title(entry.kind)}, {format_duration(entry.seconds)}{who} - {entry.summary}",
                   partial(self.coach.start_entry, entry.id))


class ScreensProvider(CoachProvider):
    """Open history, settings and help."""

    def commands(self) -> Iterator[Command]:
        yield "Open history", "Your past practice, feelings named and progress", self.coach.show_history
        yield "Open settings", "Theme, animation, bell, partner names, breathing length", \
            self.coach.show_settings
        yield "Open help", "Keys of this screen and what each kind of exercise is for", self.coach.show_help


class ThemeProvider(CoachProvider):
    """Switch theme (remembered in the settings)."""

    def commands(self) -> Iterator[Command]:
        from coach.ui.theming import apply_theme

        for spec in self.coach.theme_specs:
            mode = "dark" if spec.dark else "light"
            current = " (current)" if spec.name == self.app.theme else ""
            yield (f"Theme: {spec.title}", f"Switch to the {mode} theme {spec.name}{current}",
                   partial(apply_theme, self.coach, spec.name))


PROVIDERS = (StartProvider, ScreensProvider, ThemeProvider)
