"""The plain mode end to end: every step type, two people at one keyboard, stopping, on the fake
clock with typed lines (nothing sleeps). The same core session and history as the app."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from coach.commands.plain import wants_plain
from coach.core.context import Context
from coach.core.paths import Paths
from tests.plain_support import Later, Signal, run_script

ONE = """\
format: 1
title: Every step
kind: emotion
summary: One of each step for one person.
source: Our own test
safety: Stop if you feel dizzy.
caution: Only if it feels right today.
steps:
  - type: instruction
    text: Sit comfortably.
  - type: instruction
    text: Settle for a moment.
    seconds: 5
  - type: breathe
    text: Slow and easy.
    inhale: 4
    top_up: 1
    hold: 2
    exhale: 6
    cycles: 12
  - type: timer
    text: Rest quietly.
    minutes: 3
  - type: emotions
    text: What do you feel?
    max_words: 2
  - type: rate
    measure: calm
    text: How calm are you?
    low: tense
    high: calm
  - type: note
    text: Anything to keep?
"""

TWO = """\
format: 1
title: Two turns
kind: repair
participants: 2
summary: One turn each, said back.
source: Our own test
steps:
  - type: turn
    speaker: a
    text: "{speaker}, you have the floor; {listener} listens."
    seconds: 60
  - type: reflect
    speaker: a
    text: "{listener}, say back what you heard."
  - type: turn
    speaker: b
    text: "{speaker}, your turn."
    seconds: 60
  - type: reflect
    speaker: b
    text: "{listener}, say it back."
"""


@pytest.fixture
def ctx(paths: Paths, make_context) -> Context:
    paths.exercises_dir.mkdir(parents=True)
    (paths.exercises_dir / "every-step.yaml").write_text(ONE)
    (paths.exercises_dir / "two-turns.yaml").write_text(TWO)
    context = make_context()
    assert not context.library.problems, context.library.problems
    return context


def stored(ctx: Context):  # type: ignore[no-untyped-def]
    """The runs in the history files (what the app would show)."""
    return ctx.history_runs()


CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]")


def test_every_step_prints_once_and_takes_plain_answers(ctx: Context) -> None:
    # caution, step 1, (a timed step, breathing and a timer go on by themselves), feelings:
    # a core by its first letters, two words, how strong; a rating; a note
    out = run_script(ctx, "every-step", ["", "", "sc", "worried, on edge", "7", "8", "Kept this."])
    said = out.said
    assert out.code == 0 and not CONTROL.search(out.out)
    assert said.index("Only if it feels right today.") < said.index("Safety: Stop if you feel dizzy.") \
        < said.index("Step 1 of 7")
    for n in range(1, 8):
        assert said.count(f"Step {n} of 7") == 1
    assert said[said.index("Step 1 of 7") + 1:][:2] == ["Sit comfortably.",
                                                          "Press Enter to go on; s to skip; q to stop."]
    assert "This takes 5 seconds. It goes on by itself: s skips, p pauses, q stops." in said
    assert "Picked: worried and on edge." in said
    assert said[-6:] == ["Well done: Every step", "Time spent: 5 min 41 s", "Steps done: 7 of 7",
                         "Feelings named: worried (scared) 7/10, on edge (scared) 7/10", "Calm: 8/10",
                         "Saved to your history."]
    [run] = stored(ctx)
    assert run.completed and run.steps_done == list(range(7))
    assert [(f.core, f.word, f.intensity) for f in run.feelings] == [
        ("scared", "worried", 7), ("scared", "on edge", 7)]
    assert [(r.measure, r.value) for r in run.ratings] == [("calm", 8)]
    assert run.note == "Kept this."
    assert out.cues[-1][1] == "run_end"


def test_breathing_says_each_phase_as_it_starts_on_the_schedule(ctx: Context) -> None:
    out = run_script(ctx, "every-step", ["", ""], lead_in=3)  # the file ends before the feelings
    [start] = out.at("Get ready: 3")
    assert out.at("2") == [start + 1] and out.at("1") == [start + 2]
    cycle, breath = 4 + 1 + 2 + 6, start + 3
    assert out.at("Breathe in, 4") == [breath + c * cycle for c in range(12)]
    assert out.at("Top up, 1") == [breath + c * cycle + 4 for c in range(12)]
    assert out.at("Hold, 2") == [breath + c * cycle + 5 for c in range(12)]
    assert out.at("Breathe out, 6") == [breath + c * cycle + 7 for c in range(12)]
    # the cycle count about once a minute (every 5 cycles of 13 s), and the last cycle
    assert [line for line in out.said if line.startswith("Cycle ")] == [
        "Cycle 6 of 12", "Cycle 11 of 12", "Cycle 12 of 12"]
    assert out.at("Cycle 6 of 12") == [breath + 5 * cycle]
    # the same moments reach the sound
    assert out.cues[:5] == [(breath, "inhale"), (breath + 4, "top_up"), (breath + 5, "hold"),
                            (breath + 7, "exhale"), (breath + 13, "inhale")]
    [run] = stored(ctx)
    assert run.steps_done == [0, 1, 2, 3] and not run.completed  # stopped where an answer was due


def test_a_long_timer_says_the_minutes_left_and_chimes_at_the_end(ctx: Context) -> None:
    out = run_script(ctx, "every-step", ["", "", "s", "s"])  # skip the timed step and the breathing
    [start] = out.at("Rest quietly.")
    assert out.at("2 minutes left.") == [start + 60] and out.at("1 minute left.") == [start + 120]
    assert out.at("The time is up.") == [start + 180]
    assert (start + 180, "break_end") in out.cues


def test_a_line_typed_during_breathing(ctx: Context) -> None:
    # from a file: an answer typed ahead waits for its question; nothing is cut short
    out = run_script(ctx, "every-step", ["", "", "7"])
    assert out.said.count("Breathe in, 4") == 12 and out.at("The time is up.")
    assert "No core feeling called '7'." in " ".join(out.said)
    # at a terminal: the person is told it goes on by itself; s skips at once
    out = run_script(ctx, "every-step", ["", "", Later(8, "hello"), Later(3, "s")], interactive=True)
    assert out.said.count("It goes on by itself: s skips, p pauses, q stops.") == 1
    assert out.said.count("Breathe in, 4") == 1
    assert out.lines is not None and out.at("Rest quietly.") == [out.lines.read[-1][0]]


def test_pause_stops_the_clock_of_the_step(ctx: Context) -> None:
    out = run_script(ctx, "every-step", ["", "", Later(7, "p"), Later(600, ""), Later(5, "q")],
                     interactive=True)
    assert "Paused. Press Enter to go on; q to stop." in out.said
    [resumed] = out.at("Going on.")
    assert out.at("Top up, 1") == [resumed + 2]  # 2 s in before the pause, 2 s after
    [run] = stored(ctx)
    assert run.active_seconds == 5 + 2 + 5


def test_feelings_by_first_letters_with_did_you_mean(ctx: Context) -> None:
    script = ["", "", "s", "s", "scred", "sc", "a, worred", "b", "sad", "", "", "q"]
    out = run_script(ctx, "every-step", script)
    said = out.said
    assert "Did you mean scared?" in said
    assert "'a': Did you mean anxious or abandoned? 'worred': Did you mean worried? Type the words " \
        "again." in said
    scared = [line for line in said if line.startswith("Feeling scared. Words for it: anxious, ")]
    sad = [line for line in said if line.startswith("Feeling sad. Words for it: lonely, hurt, ")]
    assert len(scared) == len(sad) == 1 and said.index(scared[0]) < said.index(sad[0])
    [run] = stored(ctx)
    assert [(f.core, f.word, f.intensity) for f in run.feelings] == [("sad", "sad", None)]


def test_a_specific_word_can_name_the_core(ctx: Context) -> None:
    out = run_script(ctx, "every-step", ["", "", "s", "s", "lonely", "5", "q"])
    assert "Lonely is a kind of sad: picked." in out.said
    [run] = stored(ctx)
    assert [(f.core, f.word, f.intensity) for f in run.feelings] == [("sad", "lonely", 5)]


def test_a_rating_takes_a_number_from_zero_to_ten(ctx: Context) -> None:
    out = run_script(ctx, "every-step", ["", "", "s", "s", "s", "s", "11", "", "ten", "10", "s"])
    assert "'11' is not a number from 0 to 10." in out.said
    assert "Type a number from 0 to 10, or s to skip." in out.said
    assert "'ten' is not a number from 0 to 10." in out.said
    [run] = stored(ctx)
    assert [r.value for r in run.ratings] == [10] and run.steps_done == [0, 5]


def test_two_people_at_one_keyboard(ctx: Context) -> None:
    script = ["Ada", "Ben", Later(75, ""), "a", "y", Later(20, ""), ""]
    out = run_script(ctx, "two-turns", script, interactive=True)
    said = out.said
    assert said[said.index("Step 1 of 4") + 1] == "Speaking: Ada. Listening: Ben."
    # the time is gentle: said when it is up (and marked by a chime); nobody is cut off
    [up] = out.at("Time's up: finish your thought, then hand over.")
    assert up == out.at("Ada, you have the floor; Ben listens.")[0] + 60
    assert (up, "time_up") in out.cues
    assert said[said.index("Step 2 of 4") + 1:][:3] == [
        "Ben reflects back to Ada.", "Ben, say back what you heard.",
        "Ada, did Ben get it? Type y for yes, that's it (or Enter), or a for not quite."]
    assert "Try 2: Ben, say it again in other words; ask what you missed." in said
    assert said[said.index("Step 3 of 4") + 1] == "Speaking: Ben. Listening: Ada."
    assert "Ada, did Ben get it? Type y for yes, that's it (or Enter), or a for not quite." in said
    assert said.count("Time's up: finish your thought, then hand over.") == 1  # Ben handed over in time
    assert ctx.recorded[-1].partners == ("Ada", "Ben") and ctx.recorded[-1].completed
    assert (ctx.settings.partner_a, ctx.settings.partner_b) == ("Ada", "Ben")  # offered next time
    [run] = stored(ctx)
    assert run.completed and run.steps_done == [0, 1, 2, 3]


def test_names_are_asked_as_in_the_app(ctx: Context) -> None:
    ctx.update_settings(partner_a="Kim", partner_b="Sam")
    out = run_script(ctx, "two-turns", ["", "kim", "Lee", "q"])
    assert "First person: type a name. Enter alone keeps Kim." in out.said
    assert "Second person: type a name. Enter alone keeps Sam." in out.said
    assert "The two names need to differ, so prompts are clear." in out.said
    assert "Who starts today: Kim." in out.said and "Speaking: Kim. Listening: Lee." in out.said
    out = run_script(ctx, "two-turns", ["Ada\x1b[31m\u202e", "x" * 31, "Ben", "q"])
    assert "Please keep a name to 30 characters." in out.said
    # who starts alternates, as in the app: Kim started last time, so the second name starts
    assert "Who starts today: Ben." in out.said
    assert "Speaking: Ben. Listening: Ada[31m." in out.said and not CONTROL.search(out.out)
    assert ctx.recorded[-1].swapped and ctx.recorded[-1].partners == ("Ben", "Ada[31m")


@pytest.mark.parametrize(("how", "done", "code"), [("q", [0, 1], 0), ("end of input", [0], 0),
                                                   ("SIGTERM", [0, 1], 143)])
def test_stopping_keeps_what_was_done(ctx: Context, how: str, done: list[int], code: int) -> None:
    script = {"q": ["", "", Later(20, "q")], "end of input": ["", ""],
              "SIGTERM": ["", "", Signal(20)]}[how]
    out = run_script(ctx, "every-step", script, interactive=True)
    assert out.code == code
    assert out.said[-4:] == ["Stopped early: Every step", out.said[-3], f"Steps done: {len(done)} of 7",
                             "What you did is kept in your history."]
    [run] = stored(ctx)
    assert not run.completed and run.steps_done == done


def test_going_back_and_the_keys(ctx: Context) -> None:
    out = run_script(ctx, "every-step", ["", "?", "b", "", "b", "", "s", "q"])
    assert out.said[out.said.index("Press Enter to go on; s to skip; q to stop.") + 1].startswith(
        "Keys, each followed by Enter: Enter alone goes on; s skips this step; b goes back a step")
    assert "This is the first step." in out.said
    assert out.said.count("Step 1 of 7") == 3  # shown again, in full, after each step back
    assert out.said.count("Step 3 of 7") == 1


def test_text_that_looks_like_markup_is_printed_as_it_is(ctx: Context, paths: Paths, make_context) -> None:
    (paths.exercises_dir / "every-step.yaml").write_text(
        ONE.replace("Sit comfortably.", "Sit [bold]comfortably[/bold], \\\\e[2J."))
    out = run_script(make_context(), "every-step", ["", "q"])
    assert "Sit [bold]comfortably[/bold], \\\\e[2J." in out.said and not CONTROL.search(out.out)


def test_plain_starts_when_asked_or_when_output_is_not_a_terminal() -> None:
    class Stream:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    terminal, pipe = Stream(True), Stream(False)
    cases = [  # flag, setting, stream, environment -> plain?
        (None, False, terminal, {}, False), (None, False, pipe, {}, True),
        (True, False, terminal, {}, True), (False, True, pipe, {"COACH_PLAIN": "1"}, False),
        (None, False, terminal, {"COACH_PLAIN": "1"}, True), (None, True, pipe, {"COACH_PLAIN": "0"}, False),
        (None, True, terminal, {}, True)]
    for flag, setting, stream, env, plain in cases:
        assert wants_plain(flag, setting, stream, env) is plain  # type: ignore[arg-type]


def test_plain_home_starts_what_is_typed(ctx: Context, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from coach.commands.plain import plain_home

    out = io.StringIO()
    code = plain_home(ctx, io.StringIO("no-such-thing\nevery step\nq\n"), out)
    said = capsys.readouterr().out.splitlines()
    assert code == 0 and said[0] == "coach: guided exercises for secure attachment. Suggested now:"
    assert said[1].startswith("1. ") and "Its id: " in said[1]
    assert said[-1] == "There is no exercise called 'no-such-thing'."
    assert out.getvalue().startswith("Every step: One of each step for one person.\n")


def test_sound_in_plain_mode(ctx: Context, paths: Paths) -> None:
    import dataclasses
    import io

    from coach.commands.plain import make_cue
    from coach.player import Player, Sounds

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    played: list[list[str]] = []
    tones = Sounds(paths.cache_dir, Player("fake", ("fake-player",)), spawn=played.append)
    for sound, out, kinds, written, heard in [
            ("off", Terminal(), ["inhale"], "", 0),
            ("bell", Terminal(), ["inhale", "hold", "exhale"], "\a\a", 0),
            ("bell", io.StringIO(), ["inhale"], "", 0),  # never a bell into a file or a pipe
            ("tones", Terminal(), ["inhale", "hold", "run_end"], "", 2)]:
        ctx.settings = dataclasses.replace(ctx.settings, sound=sound)
        played.clear()
        cue = make_cue(ctx, out, tones)
        for kind in kinds:
            cue(kind)
        assert (out.getvalue(), len(played)) == (written, heard), sound
    no_player = Sounds(paths.cache_dir, None, find=False)
    out = Terminal()
    make_cue(ctx, out, no_player)("exhale")
    assert out.getvalue() == "\a"  # tones with no player: the bell


def test_standard_input_lines(tmp_path: Path) -> None:
    import io

    from coach.plain.lines import EndOfInput, StreamLines

    stream = io.TextIOWrapper(io.BytesIO(b"first\r\n\xff\xfe broken\nlast"), encoding="utf-8")
    lines = StreamLines(stream, interactive=False)
    assert lines.get(None) == "first"
    assert lines.get(None) == "\ufffd\ufffd broken"  # not UTF-8: replaced, never an error
    lines.unget("again")
    assert lines.get(0) == "again"
    assert lines.get(None) == "last"
    for _ in range(2):  # the end stays the end
        with pytest.raises(EndOfInput):
            lines.get(None)
    read, write = os.pipe()
    with os.fdopen(read) as quiet, os.fdopen(write, "w"):
        assert StreamLines(quiet, interactive=True).get(0) is None  # nothing typed yet


def test_a_break_step_says_what_to_do_and_waits_without_names(ctx: Context) -> None:
    """flooding-break in plain lines: no names (it needs none), its text, then Enter goes on."""
    out = run_script(ctx, "flooding-break", ["", ""])
    said = out.said
    assert not any("type a name" in line for line in said)
    assert any("I'm getting flooded" in line for line in said)
    assert any(line.startswith("Take the break now: agree when you'll come back") for line in said)
    [run] = stored(ctx)
    assert run.completed and run.steps_done == [0, 1]


def test_not_quite_three_times_then_it_is_fine_to_move_on(ctx: Context) -> None:
    out = run_script(ctx, "two-turns", ["Ada", "Ben", "", "a", "a", "a", "a", "y", "q"])
    said = out.said
    assert [line for line in said if line.startswith("Try ")] == [
        "Try 2: Ben, say it again in other words; ask what you missed.",
        "Try 3: Ben, say it again in other words; ask what you missed."]
    assert said.count("That's fine for now: you can move on and come back to it another time. "
                      "Press Enter to go on.") == 2  # after the third, and the "a" after it
    assert said[said.index("Step 3 of 4") + 1] == "Speaking: Ben. Listening: Ada."
