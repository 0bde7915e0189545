"""What every coach screen shares: the context, typed, from the app that runs it."""

from __future__ import annotations

from typing import Any, TypeVar

from textual.app import App
from textual.screen import ModalScreen, Screen

from coach.core.context import Context

ResultType = TypeVar("ResultType")


def context_of(app: App[Any]) -> Context:
    """The context of a coach app (screens and palette providers read it; only the app
    class holds it)."""
    ctx = getattr(app, "ctx", None)
    if not isinstance(ctx, Context):
        raise TypeError("not running inside a coach app")
    return ctx


class CoachScreen(Screen[ResultType]):
    """A screen that reads the context (context down) and posts messages (up)."""

    @property
    def ctx(self) -> Context:
        return context_of(self.app)


class CoachModal(ModalScreen[ResultType]):
    """A modal screen that reads the context."""

    @property
    def ctx(self) -> Context:
        return context_of(self.app)
