"""Command palette providers (ctrl+p): start anything, open screens, switch theme.

Each provider lists its commands with an empty query (discovery) and fuzzy-matches them
otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.message import Message

from coach.core.browse import kind_title
from coach.core.context import Context
from coach.core.model import format_duration
from coach.ui.base import context_of
from coach.ui.messages import ChooseTheme, Open, StartEntry
from coach.ui.text import clean, literal

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
    def ctx(self) -> Context:
        return context_of(self.app)

    def post(self, message: Message) -> Callable[[], object]:
        """A callback that posts ``message`` to the app."""
        return partial(self.app.post_message, message)

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
        for entry in self.ctx.library.entries.values():
            who = ", for two" if entry.participants == 2 else ""
            yield (f"Start: {entry.title}",
                   f"{kind_title(entry.kind)}, {format_duration(entry.seconds)}{who} - {entry.summary}",
                   self.post(StartEntry(entry.id)))


class ScreensProvider(CoachProvider):
    """Open history, settings and help."""

    def commands(self) -> Iterator[Command]:
        yield "Open history", "Your past practice, feelings named and progress", self.post(Open("history"))
        yield ("Open settings", "Theme, animation, bell, partner names, breathing length",
               self.post(Open("settings")))
        yield ("Open help", "Keys of this screen and what each kind of exercise is for",
               self.post(Open("help")))
        if self.app.check_action("open", ("problems",)):
            yield ("Show start-up problems", "Files coach skipped or corrected when it started, each problem",
                   self.post(Open("problems")))


class ThemeProvider(CoachProvider):
    """Switch theme (remembered in the settings)."""

    def commands(self) -> Iterator[Command]:
        for spec in self.ctx.theme_specs:
            mode = "dark" if spec.dark else "light"
            current = ("the theme in use" if spec.name == self.app.theme
                       else "switch to it; coach remembers it")
            yield (f"Theme: {spec.title} ({mode})", f"A {mode} theme: {current}",
                   self.post(ChooseTheme(spec.name)))


PROVIDERS = (StartProvider, ScreensProvider, ThemeProvider)
