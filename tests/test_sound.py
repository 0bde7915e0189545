"""Tones for eyes-closed practice: made the same every time, kept as private cache files, played
through an injected player (nothing plays here), and fired at the right phase on a fake clock."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import itertools
import os
import stat
import wave
from pathlib import Path

from coach.core.cache import cache_files
from coach.core.paths import Paths
from coach.core.sound import CUE_TONES, RATE, TONES, samples, tone_file, wav_bytes
from coach.player import LINUX_PLAYERS, Player, Sounds, find_player, searched
from tests.conftest import SNAP_SIZE
from tests.runner_support import advance, walk_to_summary

HASHES = {
    "rise": "e2f17f8b6bbafcad",
    "lift": "196b2c51f6d96d7a",
    "fall": "7e97b6c85c310ebb",
    "chime": "a5ce0ddaba1ba75c",
}
"""sha256 (first 16 hex digits) of each tone's file: a change to a tone is a deliberate one."""


def test_tones_are_the_same_bytes_every_time() -> None:
    assert set(TONES) == set(HASHES)
    for name in TONES:
        data = wav_bytes(name)
        assert hashlib.sha256(data).hexdigest()[:16] == HASHES[name], name
        wav_bytes.cache_clear()
        assert wav_bytes(name) == data


def test_tones_are_short_soft_mono_wav_files() -> None:
    for name, tone in TONES.items():
        with wave.open(io.BytesIO(wav_bytes(name))) as w:
            assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, RATE)
            assert w.getnframes() == round(tone.seconds * RATE)
        values = samples(tone)
        assert max(abs(v) for v in values) < 0.3 * 32767, "soft, not loud"
        assert abs(values[0]) < 200 and abs(values[-1]) < 200, "no click at either end"
        assert len(wav_bytes(name)) < 100_000


def crossings(values: list[int]) -> int:
    return sum(1 for a, b in itertools.pairwise(values) if a < 0 <= b)


def test_in_rises_and_out_falls() -> None:
    for name, rising in (("rise", True), ("fall", False), ("lift", True)):
        values = samples(TONES[name])
        half = len(values) // 2
        first, second = crossings(values[:half]), crossings(values[half:])
        assert (second > first) == rising, (name, first, second)


def test_holds_are_silent_and_every_cue_is_known() -> None:
    assert CUE_TONES["hold"] is None and CUE_TONES["hold_after"] is None
    assert {CUE_TONES[k] for k in ("run_end", "time_up", "break_end")} == {"chime"}
    assert CUE_TONES["inhale"] == "rise" and CUE_TONES["exhale"] == "fall"


def test_tone_files_are_private_cache_files_that_forget_clears(paths: Paths) -> None:
    path = tone_file(paths.cache_dir, "rise")
    assert path is not None and path.read_bytes() == wav_bytes("rise")
    assert path.parent == paths.cache_dir and path.suffix == ".wav"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(paths.cache_dir.stat().st_mode) == 0o700
    assert path in cache_files(paths)  # coach forget deletes what cache_files lists
    assert tone_file(paths.cache_dir, "rise") == path  # the same file, not a new one


def test_a_changed_tone_file_is_written_again_never_played_stale(paths: Paths) -> None:
    path = tone_file(paths.cache_dir, "fall")
    assert path is not None
    path.write_bytes(b"RIFF not this")
    assert tone_file(paths.cache_dir, "fall") == path
    assert path.read_bytes() == wav_bytes("fall")


def test_an_unwritable_cache_folder_gives_no_file(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert tone_file(blocker / "cache", "rise") is None
    if os.name == "posix":
        shared = tmp_path / "shared"
        shared.mkdir(mode=0o777)
        shared.chmod(0o777)  # others could swap the file: never used
        assert tone_file(shared, "rise") is None


def test_the_player_is_what_the_platform_has() -> None:
    found = {"paplay": "/usr/bin/paplay", "aplay": "/usr/bin/aplay", "afplay": "/usr/bin/afplay"}
    assert find_player("linux", found.get) == Player("paplay", ("/usr/bin/paplay",))
    assert find_player("linux", {"aplay": "/bin/aplay"}.get) == Player("aplay", ("/bin/aplay", "-q"))
    assert find_player("linux", {}.get) is None
    assert find_player("darwin", found.get) == Player("afplay", ("/usr/bin/afplay",))
    assert find_player("darwin", {"paplay": "/usr/bin/paplay"}.get) is None
    assert searched("linux") == [name for name, _ in LINUX_PLAYERS] == ["pw-play", "paplay", "aplay"]


def recording_sounds(paths: Paths, log: list[str]) -> Sounds:
    """Sounds whose player only notes the tone it was asked to play."""
    def spawn(argv: list[str]) -> None:
        assert argv[0] == "fake-player"
        log.append(Path(argv[-1]).name.split("-")[1])

    return Sounds(paths.cache_dir, Player("fake", ("fake-player",)), spawn=spawn)


def test_sounds_play_without_waiting_and_say_when_they_cannot(paths: Paths) -> None:
    played: list[str] = []
    sounds = recording_sounds(paths, played)
    assert sounds.play("inhale") and sounds.play("hold") and sounds.play("run_end")
    assert played == ["rise", "chime"]
    assert Sounds(paths.cache_dir, None, find=False).play("inhale") is False
    assert Sounds(paths.cache_dir, None, find=False).play("hold") is True  # silence needs no player

    def broken(argv: list[str]) -> None:
        raise OSError("no such file")

    assert Sounds(paths.cache_dir, Player("x", ("x",)), spawn=broken).play("exhale") is False


async def test_tones_fire_at_each_phase_on_the_clock_after_the_count(make_app, make_context, clock,
                                                                     paths) -> None:
    from textual.widgets import Digits

    ctx = make_context()
    ctx.settings = dataclasses.replace(ctx.settings, sound="tones", count_in=True)
    app = make_app(start="box-breathing", ctx=ctx)
    played: list[str] = []
    app.sounds = recording_sounds(paths, played)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "n")  # to the breathing step: 4 in, 4 hold, 4 out, 4 hold empty
        await pilot.pause()
        screen = app.screen
        heard: list[tuple[int, str]] = []
        counts: list[str] = []
        for second in range(24):
            if second < 4:
                name = str(screen.query_one("#phase-name").render())
                counts.append(screen.query_one(Digits).value if "G E T" in name else "breathing")
            heard += [(second, tone) for tone in played[len(heard):]]
            await advance(pilot, clock, 1)
    # 3-2-1 in silence, then in (rise) at 3 s, a silent hold at 7, out (fall) at 11, a silent
    # hold at 15, in again at 19
    assert counts == ["3", "2", "1", "breathing"]
    assert heard == [(3, "rise"), (11, "fall"), (19, "rise")]


async def test_a_finished_run_chimes_and_no_player_means_the_bell(make_app, make_context, clock,
                                                                 paths) -> None:
    ctx = make_context()
    ctx.settings = dataclasses.replace(ctx.settings, sound="tones")
    app = make_app(start="box-breathing", ctx=ctx)
    played: list[str] = []
    app.sounds = recording_sounds(paths, played)
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await walk_to_summary(pilot, clock)
        await pilot.pause()
    assert played[-1] == "chime" and played.count("chime") == 1
    app = make_app(start="box-breathing", ctx=ctx)  # the fixture's Sounds has no player
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "n")
        await pilot.pause()
    assert rings == [1]  # breathe in, as the bell does
