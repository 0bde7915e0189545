"""The start and the end of a plain run: caution, safety line and names first (names when an
exercise first needs them, and who starts today, as in the app); then each exercise's steps
(:mod:`coach.plain.steps`); then what was done, kept in the history (a run stopped early too,
as the app keeps it)."""

from __future__ import annotations

from coach.core.model import Exercise, Plan, for_whom, format_duration
from coach.core.runs import RunResult
from coach.core.session import summarize
from coach.core.text import reflow
from coach.core.together import starts_line
from coach.plain.runner import MAX_NAME, PlainRunner, Stopped, clean_answer
from coach.plain.steps import walk


def start(runner: PlainRunner) -> int:
    """Caution, names, each exercise's steps, then what was done. Returns the exit code."""
    entry = runner.entry
    try:
        runner.say(f"{entry.title}: {entry.summary}")
        plan = f"A plan of {len(runner.run.exercises)} exercises, about " if isinstance(entry, Plan) \
            else "About "
        runner.say(f"{plan}{format_duration(entry.seconds)}, {for_whom(entry.participants)}. "
                   "Type ? and Enter at any time for the keys.")
        caution = runner.run.caution_before(0)  # a plan's own caution, or the exercise's: one
        if caution and not confirm_caution(runner, caution):
            return 0
        while (nxt := runner.run.upcoming()) is not None:
            position = runner.run.position + 1
            caution = runner.run.caution_before(position)
            if position > 0 and caution and not confirm_caution(runner, caution):
                break
            if runner.run.needs_names():
                first, second = names(runner)
                swapped = runner.ctx.starts_swapped(entry)
                runner.run.set_partners(first, second, swapped=swapped)
                runner.say(starts_line(first, second, swapped, nxt.roles))
            session = runner.run.begin_next()
            begin(runner, session.exercise)
            walk(runner, session)
            result = runner.run.close_session()
            record(runner, result)
            if not result.completed:
                break
    except Stopped as stop:
        if runner.run.session is not None and not runner.run.session.ended:
            record(runner, runner.run.close_session())
        finish(runner, stopped=True)
        return stop.code
    finish(runner, stopped=False)
    return 0


def confirm_caution(runner: PlainRunner, text: str) -> bool:
    """The caution in full; Enter starts, q goes back (False)."""
    runner.say("Before you start:")
    runner.say(reflow(text))  # a file's hard wrapping would break sentences for a screen reader
    runner.say("Press Enter to start, or q to go back.")
    try:
        runner.ask()
    except Stopped as stop:
        if stop.code:
            raise
        runner.say("Not now, then." if runner.run.position >= 0 else
                   "Not now, then. Nothing was started.")
        return False
    return True


def begin(runner: PlainRunner, exercise: Exercise) -> None:
    """Which exercise of a plan this is, and its safety line, before its first step."""
    if len(runner.run.exercises) > 1:
        runner.say(f"Exercise {runner.run.position + 1} of {len(runner.run.exercises)}: {exercise.title}")
    if exercise.safety:
        runner.say(f"Safety: {exercise.safety}")


def names(runner: PlainRunner) -> tuple[str, str]:
    """Both names, as the app asks them (the last ones used are offered)."""
    s = runner.ctx.settings
    runner.say("This exercise is for two. Who is taking part?")
    first = name(runner, "First person", clean_answer(s.partner_a))
    while True:
        second = name(runner, "Second person", clean_answer(s.partner_b) if s.partner_b != first else "")
        if second.casefold() != first.casefold():
            break
        runner.say("The two names need to differ, so prompts are clear.")
    message = runner.ctx.update_settings(partner_a=first, partner_b=second)
    if message:
        runner.say(message)
    return first, second


def name(runner: PlainRunner, label: str, default: str) -> str:
    offer = f" Enter alone keeps {default}." if default else ""
    runner.say(f"{label}: type a name.{offer}")
    while True:
        typed = clean_answer(runner.ask())
        chosen = typed or default
        if chosen and len(chosen) <= MAX_NAME:
            return chosen
        runner.say(f"Please keep a name to {MAX_NAME} characters." if chosen
                   else "Please write a name (a first name is enough).")


def record(runner: PlainRunner, result: RunResult) -> None:
    message = runner.ctx.record_run(result)
    if message:
        runner.say(message)


def finish(runner: PlainRunner, stopped: bool) -> None:
    results = runner.run.results
    if not results:
        return
    done = not stopped and all(r.completed for r in results)
    if done:
        runner.cue("run_end")
    try:
        runner.say()
        runner.say(f"{'Well done' if done else 'Stopped early'}: {runner.entry.title}")
        for line in summary_lines(results):
            runner.say(line)
        runner.say("Saved to your history." if done else "What you did is kept in your history.")
    except Stopped:
        pass


def duration_text(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 60} min {s % 60} s" if s >= 60 else f"{s} s"


def summary_lines(results: list[RunResult]) -> list[str]:
    """What a run did, as the app's summary says it."""
    s = summarize(results)
    lines = [f"Time spent: {duration_text(s.active_seconds)}",
             f"Steps done: {s.steps_done} of {s.steps_total}"]
    if s.feelings:
        words = [(f.word if f.word == f.core else f"{f.word} ({f.core})")
                 + ("" if f.intensity is None else f" {f.intensity}/10") for f in s.feelings]
        lines.append("Feelings named: " + ", ".join(words))
    for c in s.changes:
        measure = c.measure.capitalize()
        lines.append(f"{measure}: {c.before}/10" if c.after is None else
                     f"{measure}: {c.before} before, {c.after} after ({c.after - c.before:+d})")
    return lines
