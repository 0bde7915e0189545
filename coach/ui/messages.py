"""Messages the UI posts up to the app: screens and widgets never call the app or their
parent screen; they say what the person asked for and the app (or runner) acts on it."""

from __future__ import annotations

from typing import Literal

from textual.message import Message

Place = Literal["history", "settings", "help", "problems"]


class StartEntry(Message):
    """Run the exercise or plan ``entry_id``; ``breathing_minutes`` resizes its breathing."""

    def __init__(self, entry_id: str, breathing_minutes: float | None = None) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.breathing_minutes = breathing_minutes


class Open(Message):
    """Open one of the app's screens."""

    def __init__(self, place: Place) -> None:
        super().__init__()
        self.place = place


class ChooseTheme(Message):
    """Switch to theme ``name`` and remember it once it applied."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class SettingsChanged(Message):
    """Settings were saved: the app applies what it owns (animation level)."""


CueKind = Literal["inhale", "top_up", "hold", "exhale", "hold_after", "time_up", "run_end", "break_end"]


class Cue(Message):
    """A moment to mark for someone whose eyes are closed or on their partner: a breathing
    phase begins, a turn's time is up, a timer or a whole run ends. The app decides how (the
    bell, when it is on); views only say when."""

    def __init__(self, kind: CueKind) -> None:
        super().__init__()
        self.kind = kind
