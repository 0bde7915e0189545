"""Soft tones for eyes-closed practice, made with the standard library (no audio package).

Each tone is a short WAV (16-bit mono, 22,050 Hz): a rising glide to breathe in, a falling one
to breathe out, a short lift for a top-up breath, and a chime when a run ends, a turn's time is
up or a break ends; holds are silent. The samples are computed from fixed numbers, so the same
coach always makes the same bytes (tests hash them). :func:`tone_file` keeps each tone as a
small private file in the cache folder (see :mod:`coach.core.cache`) for a sound player to read.
"""

from __future__ import annotations

import io
import math
import struct
import wave
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RATE = 22_050
"""Samples per second: plenty for soft sine tones, and small files (about 44 KB a second)."""


@dataclass(frozen=True, slots=True)
class Tone:
    """A tone: a glide from ``start_hz`` to ``end_hz`` with soft edges, or (``chime``) a struck
    note that fades."""

    start_hz: float
    end_hz: float
    seconds: float
    volume: float
    chime: bool = False


TONES: dict[str, Tone] = {
    "rise": Tone(330.0, 495.0, 1.0, 0.22),  # E4 up to B4: breathe in
    "lift": Tone(495.0, 588.0, 0.45, 0.18),  # a short step higher: the top-up breath
    "fall": Tone(495.0, 330.0, 1.2, 0.22),  # B4 down to E4: breathe out
    "chime": Tone(660.0, 660.0, 1.8, 0.25, chime=True),  # E5 with soft overtones, fading
}
CUE_TONES: dict[str, str | None] = {
    "inhale": "rise",
    "top_up": "lift",
    "hold": None,
    "exhale": "fall",
    "hold_after": None,
    "time_up": "chime",
    "run_end": "chime",
    "break_end": "chime",
}
"""The tone for each cue (see coach.ui.messages.Cue); holds stay silent."""
BELLS: dict[str, int] = {"inhale": 1, "top_up": 1, "exhale": 2, "time_up": 1, "break_end": 2,
                         "run_end": 3}
"""How many times the terminal bell rings for each cue (sound: bell, or tones with no player);
holds are silent."""
CHIME_PARTIALS = ((1.0, 1.0), (2.0, 0.35), (3.01, 0.12))
"""(frequency ratio, loudness) of the chime's overtones: a small bell, not a beep."""


def samples(tone: Tone) -> list[int]:
    """The tone's 16-bit samples."""
    count = round(tone.seconds * RATE)
    out: list[int] = []
    phase = 0.0
    for i in range(count):
        t = i / RATE
        if tone.chime:
            attack = min(1.0, t / 0.008)
            envelope = attack * math.exp(-3.2 * t) * min(1.0, (count - i) / (0.05 * RATE))
            value = sum(a * math.sin(2 * math.pi * tone.start_hz * r * t) for r, a in CHIME_PARTIALS)
            value /= sum(a for _, a in CHIME_PARTIALS)
        else:
            progress = i / count
            glide = 0.5 - 0.5 * math.cos(math.pi * progress)
            frequency = tone.start_hz + (tone.end_hz - tone.start_hz) * glide
            phase += 2 * math.pi * frequency / RATE
            envelope = math.sin(math.pi * progress) ** 2  # swells in and out: no click
            value = math.sin(phase) + 0.15 * math.sin(2 * phase)
            value /= 1.15
        out.append(round(32767 * tone.volume * envelope * value))
    return out


@cache
def wav_bytes(name: str) -> bytes:
    """The WAV file of the tone ``name`` (a key of :data:`TONES`), the same bytes every time."""
    data = samples(TONES[name])
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(data)}h", *data))
    return buffer.getvalue()


def tone_for(cue: str) -> str | None:
    """The tone a cue plays, or None (holds and anything unknown stay silent)."""
    return CUE_TONES.get(cue)


def tone_file(cache_dir: Path, name: str) -> Path | None:
    """A private file in ``cache_dir`` holding the tone ``name``, written when missing or not
    exactly these bytes (never a stale or foreign one); None when it cannot be written."""
    from coach.core import cache as caches

    return caches.own_file(cache_dir, f"tone-{name}", wav_bytes(name), ".wav")
