"""Each step type as plain lines: printed once, in full, then what to type.

Timed steps (timed instructions, timers, breathing) go on by themselves; while they run, a
typed s, b, p or q acts at once. Any other line is kept for the next question when the answers
come from a file (a person at a terminal is told the step goes on by itself instead).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from coach.core import breathing
from coach.core.choose import listing, match, match_word, split_words
from coach.core.feelings import load_vocabulary
from coach.core.model import Break, Breathe, Emotions, Instruction, Note, Rate, Reflect, Timer, Turn
from coach.core.runs import NamedFeeling
from coach.core.session import Session
from coach.plain.lines import EndOfInput
from coach.plain.runner import GO_ON, Move, PlainRunner, Stopped, clean_answer

GOES_ON = "It goes on by itself: s skips, p pauses, q stops."


def walk(runner: PlainRunner, session: Session) -> None:
    """Every step of ``session`` until it ends (s and b move; q raises Stopped)."""
    while not session.ended:
        step = session.step
        where = f"Step {session.number} of {session.total}"
        runner.say()
        runner.say(where)
        try:
            match step:
                case Breathe():
                    breathe(runner, session, step)
                case Instruction() | Timer() if session.duration is not None:
                    timed_text(runner, session, isinstance(step, Timer))
                case Instruction():
                    runner.say(session.text())
                    runner.say(GO_ON)
                    runner.ask(session)
                    session.complete()
                case Rate():
                    rate(runner, session, step)
                case Emotions():
                    emotions(runner, session, step)
                case Turn():
                    turn(runner, session, step)
                case Reflect():
                    reflect(runner, session, step)
                case Note():
                    note(runner, session)
                case Break():
                    take_break(runner, session)
        except Move as move:
            if move.kind == "back" and session.index == 0:
                runner.say("This is the first step.")
            session.skip() if move.kind == "skip" else session.back()


# -- timed steps -------------------------------------------------------------------------
def run_timed(runner: PlainRunner, session: Session, tick: Callable[[float], float | None]) -> None:
    """Wait out a self-advancing step. ``tick(elapsed)`` prints what is due at ``elapsed``
    seconds into the step and returns when it next has something to say (None: the end)."""
    keep_lines = False
    while not session.ended and not session.tick():
        nxt = tick(session.step_elapsed)
        end = session.duration or 0.0
        wait = max(0.0, (end if nxt is None else min(nxt, end)) - session.step_elapsed)
        try:
            line = runner.wait(wait, read=not keep_lines)
        except EndOfInput:
            if runner.lines.interactive:
                raise Stopped(0) from None
            keep_lines = True  # a file ended: let the step finish, then stop
            continue
        if line is None or not runner.handle(line, session):
            continue
        if runner.lines.interactive:
            runner.say(GOES_ON)
        else:
            runner.lines.unget(line)  # an answer for a later question
            keep_lines = True


def timed_text(runner: PlainRunner, session: Session, is_timer: bool) -> None:
    """A timed instruction or a timer: the text, how long, and minutes left on long ones."""
    total = session.duration or 0.0
    runner.say(session.text())
    runner.say(f"This takes {seconds_text(total)}. {GOES_ON}")
    said: set[int] = set()

    def tick(elapsed: float) -> float | None:
        if total <= 120:
            return None
        minute = math.floor(round(elapsed / 60, 6))
        left = math.ceil(round((total - elapsed) / 60, 6))
        if minute >= 1 and minute not in said and left >= 1:
            said.add(minute)
            runner.say(f"{left} minute{'s' if left != 1 else ''} left.")
        return (minute + 1) * 60.0

    run_timed(runner, session, tick)
    if is_timer:
        runner.cue("break_end")
        runner.say("The time is up.")


def seconds_text(seconds: float) -> str:
    """'10 seconds', '2 minutes', '1 minute 30 seconds'."""
    s = round(seconds)
    if s < 60:
        return f"{s} second{'s' if s != 1 else ''}"
    m, rest = divmod(s, 60)
    text = f"{m} minute{'s' if m != 1 else ''}"
    return text + (f" {rest} second{'s' if rest != 1 else ''}" if rest else "")


def breathe(runner: PlainRunner, session: Session, step: Breathe) -> None:
    """One short line as each phase starts ('Breathe in, 4'), the cycle about once a minute."""
    if step.text:
        runner.say(session.text())
    pattern = ", ".join(f"{p.name.lower()} {p.seconds:g}" for p in breathing.phases(step))
    runner.say(f"Breathing: {pattern}; {step.cycles} cycle{'s' if step.cycles != 1 else ''}, "
               f"{seconds_text(step.seconds)}. {GOES_ON}")
    every = max(1, round(60 / step.cycle_seconds))
    last: list[tuple[int, str]] = []

    def tick(elapsed: float) -> float | None:
        into = elapsed - session.lead_in
        count = breathing.count_in(into)
        if count:
            if (0, str(count)) not in last:
                last.append((0, str(count)))
                runner.say(f"Get ready: {count}" if count == math.ceil(session.lead_in) else str(count))
        else:
            state = breathing.phase_at(step, into)
            key = (state.cycle, state.key)
            if not state.done and (not last or last[-1] != key):
                last.append(key)
                first_phase = state.phase.start == 0
                if first_phase and state.cycle > 1 and ((state.cycle - 1) % every == 0
                                                        or state.cycle == step.cycles):
                    runner.say(f"Cycle {state.cycle} of {step.cycles}")
                runner.cue(state.key)
                runner.say(f"{state.name}, {state.phase.seconds:g}")
        nxt = breathing.next_boundary(step, into)
        return None if nxt is None else nxt + session.lead_in

    run_timed(runner, session, tick)


# -- answers -----------------------------------------------------------------------------
def rate(runner: PlainRunner, session: Session, step: Rate) -> None:
    runner.say(session.text())
    runner.say(f"0 means {step.low}, 10 means {step.high}. Type a number from 0 to 10; s skips, q stops.")
    while True:
        answer = runner.ask(session).strip()
        if answer.isdigit() and 0 <= int(answer) <= 10:
            session.set_rating(int(answer))
            session.complete()
            return
        runner.say(f"'{answer}' is not a number from 0 to 10." if answer
                   else "Type a number from 0 to 10, or s to skip.")


def emotions(runner: PlainRunner, session: Session, step: Emotions) -> None:
    """A core feeling, then up to ``max_words`` specific words, then (maybe) how strong."""
    vocabulary = load_vocabulary()
    cores = [c.word for c in vocabulary.cores]
    runner.say(session.text())
    while True:
        runner.say(f"Which core feeling is closest: {listing(cores)}? Type one (the first letters "
                   "are enough).")
        core, picked = choose_core(runner, session, cores)
        words = picked or choose_words(runner, session, step, core)
        if words is not None:
            break
    strength: int | None = None
    if step.intensity:
        runner.say("How strong is it, 0 (barely) to 10 (very strong)? Enter alone leaves it out.")
        while True:
            answer = runner.ask(session).strip()
            if not answer or (answer.isdigit() and 0 <= int(answer) <= 10):
                strength = int(answer) if answer else None
                break
            runner.say(f"'{answer}' is not a number from 0 to 10.")
    session.set_feelings([NamedFeeling(c, w, strength) for c, w in words])
    session.complete()


def choose_core(runner: PlainRunner, session: Session,
                cores: list[str]) -> tuple[str, list[tuple[str, str]]]:
    """The core feeling typed (or the core of a specific word typed instead, then picked)."""
    vocabulary = load_vocabulary()
    while True:
        typed = clean_answer(runner.ask(session))
        found = match(typed, cores)
        if found.value is not None:
            return found.value, []
        pair, _ = match_word(typed, vocabulary, "") if typed and not found.candidates else (None, found)
        if pair is not None:
            runner.say(f"{pair[1].capitalize()} is a kind of {pair[0]}: picked.")
            return pair[0], [pair]
        if not typed:
            runner.say(f"Type one of: {listing(cores)}.")
        else:
            runner.say(found.did_you_mean() or f"No core feeling called '{typed}'. Type one of: "
                       f"{listing(cores)}.")


def choose_words(runner: PlainRunner, session: Session, step: Emotions,
                 core: str) -> list[tuple[str, str]] | None:
    """Up to ``max_words`` words, typed with commas; None to choose the core again (b)."""
    vocabulary = load_vocabulary()
    own = vocabulary.core(core)
    runner.say(f"Feeling {core}. Words for it: {listing(own.words if own else ())}.")
    runner.say(f"Type up to {step.max_words}, with commas between them; Enter alone keeps just "
               f"'{core}'; b chooses the core feeling again.")
    while True:
        try:
            typed = runner.ask(session)
        except Move as move:
            if move.kind == "back":
                return None
            raise
        items = split_words(clean_answer(typed))
        if not items:
            return [(core, core)]
        if len(items) > step.max_words:
            runner.say(f"Up to {step.max_words} words, please.")
            continue
        pairs, unclear = [], []
        for item in items:
            pair, found = match_word(item, vocabulary, core)
            if pair is None:
                unclear.append(f"'{item}': " + (found.did_you_mean() or "not a word in the list."))
            elif pair not in pairs:
                pairs.append(pair)
        if unclear:
            runner.say(" ".join(unclear) + " Type the words again.")
            continue
        runner.say("Picked: " + listing(w if c == core else f"{w} ({c})" for c, w in pairs) + ".")
        return pairs


def turn(runner: PlainRunner, session: Session, step: Turn) -> None:
    """One speaks, one listens. The time is gentle: it is said when it is up, nobody is cut off."""
    speaker, listener = session.name(step.speaker), session.name(step.listener)
    runner.say(f"Speaking: {speaker}. Listening: {listener}.")
    runner.say(session.text())
    runner.say(f"About {seconds_text(step.seconds)}. Press Enter when {speaker} has finished, to hand "
               "over; s skips, q stops.")
    said = False
    while True:
        left = session.remaining or 0.0
        if left <= 0 and not said:
            said = True
            runner.cue("time_up")
            runner.say("Time's up: finish your thought, then hand over.")
        try:
            line = runner.wait(left if left > 0 else None)
        except EndOfInput:
            raise Stopped(0) from None
        if line is not None and runner.handle(line, session):
            session.complete()
            return


def reflect(runner: PlainRunner, session: Session, step: Reflect) -> None:
    """Yes, or "not quite" (three times at most: then it is fine to move on)."""
    speaker, listener = session.name(step.speaker), session.name(step.listener)
    runner.say(f"{listener} reflects back to {speaker}.")
    runner.say(session.text())
    while True:
        if session.may_ask_again():
            runner.say(f"{speaker}, did {listener} get it? Type y for yes, that's it (or Enter), or "
                       "a for not quite.")
        else:
            runner.say(ENOUGH)
        answer = runner.ask(session).strip().lower()
        if answer in ("", "y", "yes"):
            session.complete()
            return
        if answer in ("a", "n", "no", "not quite") and session.may_ask_again():
            attempt = session.not_quite()
            if session.may_ask_again():
                runner.say(f"Try {attempt}: {listener}, say it again in other words; ask what you "
                           "missed.")
            continue
        if session.may_ask_again():
            runner.say(f"'{answer}' is not y or a.")


ENOUGH = "That's fine for now: you can move on and come back to it another time. Press Enter to go on."


def take_break(runner: PlainRunner, session: Session) -> None:
    """A break step. Plain lines have no break timer: what to do, then Enter when both are
    back and calm enough (the app's break, with its timer and calm check, is ``coach run``)."""
    if session.text():
        runner.say(session.text())
    runner.say("Take the break now: agree when you'll come back (twenty minutes or more, within a "
               "day), then calm down apart. When you are both back and calm enough, press Enter to "
               "go on; q stops here, and what you did is kept.")
    runner.ask(session)
    session.complete()


def note(runner: PlainRunner, session: Session) -> None:
    runner.say(session.text())
    runner.say("Optional: type a few words and press Enter, or Enter alone to leave it empty. Nothing "
               "you write leaves this computer.")
    session.set_note(clean_answer(runner.ask(session)))
    session.complete()
