"""Playing coach's tones without waiting, through what the platform has.

No audio package: ``winsound`` on Windows, ``afplay`` on macOS, and on Linux the PipeWire,
PulseAudio or ALSA player (``pw-play``, ``paplay``, ``aplay``), found on the PATH. A player is
started as a subprocess and never waited for, so neither the app nor the plain mode ever blocks
on sound. Both use :class:`Sounds`; tests inject the player and the way it is started, so
nothing plays during tests. No Textual here.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.core.sound import tone_file, tone_for

LINUX_PLAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pw-play", ()),
    ("paplay", ()),
    ("aplay", ("-q",)),
)
"""Tried in this order: PipeWire, PulseAudio (also served by PipeWire), then bare ALSA."""
MAC_PLAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (("afplay", ()),)
WINSOUND = "winsound"
MAX_PLAYING = 4
"""Tones still playing beyond this are not started: a pile-up helps nobody."""


@dataclass(frozen=True, slots=True)
class Player:
    """How to play a file: ``argv`` then the file's path (empty for ``winsound``)."""

    name: str
    argv: tuple[str, ...] = ()


def find_player(platform: str | None = None,
                which: Callable[[str], str | None] = shutil.which) -> Player | None:
    """The first sound player this platform has, or None."""
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        return Player(WINSOUND) if importlib.util.find_spec("winsound") else None
    for name, options in MAC_PLAYERS if platform == "darwin" else LINUX_PLAYERS:
        path = which(name)
        if path:
            return Player(name, (path, *options))
    return None


def searched(platform: str | None = None) -> list[str]:
    """The players :func:`find_player` looks for here (to say what is missing)."""
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        return [WINSOUND]
    return [name for name, _ in (MAC_PLAYERS if platform == "darwin" else LINUX_PLAYERS)]


def start_process(argv: Sequence[str]) -> subprocess.Popen[bytes]:
    """Start a player and return at once; its output goes nowhere."""
    return subprocess.Popen(list(argv), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, close_fds=True)


def play_winsound(path: Path) -> None:
    """Windows: play ``path`` asynchronously (returns at once)."""
    if sys.platform == "win32":
        import winsound

        winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT)


class Sounds:
    """Plays the tone of a cue from tone files in ``cache_dir``.

    ``player`` defaults to :func:`find_player` (looked up once, on first use); ``spawn``
    starts a player command without waiting (default :func:`start_process`).
    """

    def __init__(self, cache_dir: Path, player: Player | None = None, *, find: bool = True,
                 spawn: Callable[[Sequence[str]], Any] = start_process) -> None:
        self.cache_dir = cache_dir
        self._player = player
        self._looked = player is not None or not find
        self.spawn = spawn
        self._playing: list[Any] = []

    @property
    def player(self) -> Player | None:
        if not self._looked:
            self._player, self._looked = find_player(), True
        return self._player

    def play(self, cue: str) -> bool:
        """Play ``cue``'s tone (holds have none: nothing to do). False when it cannot be
        played here (no player, or no tone file could be written): ring the bell instead."""
        name = tone_for(cue)
        if name is None:
            return True
        player = self.player
        if player is None:
            return False
        path = tone_file(self.cache_dir, name)
        if path is None:
            return False
        self._playing = [p for p in self._playing if getattr(p, "poll", lambda: 0)() is None]
        if len(self._playing) >= MAX_PLAYING:
            return True
        try:
            if player.name == WINSOUND:
                play_winsound(path)
            else:
                self._playing.append(self.spawn([*player.argv, str(path)]))
        except (OSError, RuntimeError, ValueError):
            return False
        return True
