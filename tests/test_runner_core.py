"""The runner's core additions: one step count, notes given back, the recap, lists in text."""

from __future__ import annotations

from pathlib import Path

from coach.core.clock import FakeClock
from coach.core.model import Emotions, Exercise, Instruction, Note, Plan, Rate
from coach.core.recap import Recap, Where
from coach.core.run import Run
from coach.core.text import list_item, reflow


def exercise(*steps, id: str = "t", title: str = "T") -> Exercise:  # type: ignore[no-untyped-def]
    return Exercise(id=id, title=title, kind="repair", summary="s", steps=tuple(steps), source="s",
                    path=Path(f"{id}.yaml"))


def test_reflow_keeps_list_items_on_their_own_lines() -> None:
    """m10: '- ' lines were joined into one paragraph unless the line before ended a sentence."""
    text = ("A therapist can help when:\n- the same fight keeps coming back and you\n  can't get past"
            " it;\n- conversations end in shouting;\n* you feel stuck\n1. first\n2) second\n\nDone.")
    assert reflow(text).splitlines() == [
        "A therapist can help when:",
        "- the same fight keeps coming back and you can't get past it;",
        "- conversations end in shouting;",
        "- you feel stuck",
        "1. first",
        "2) second",
        "",
        "Done.",
    ]


def test_list_items_are_told_apart_from_text() -> None:
    assert list_item("- one thing") == ("\u2022", "one thing")
    assert list_item("12. twelfth") == ("12.", "twelfth")
    for line in ("-5 degrees is cold", "2 of us", "A line", "1990 was a year"):
        assert list_item(line) is None, line


def test_one_step_count_for_an_exercise_and_its_parts() -> None:
    """m4: a script's parts and its steps are counted in one place."""
    ex = exercise(Instruction("Intro"), Instruction("Feelings.", part="Feelings"), Note("n"),
                  Instruction("Seen.", part="What you saw"), Note("n"))
    run = Run(ex, FakeClock())
    assert run.where() == Where(0, 5)
    session = run.begin_next()
    assert run.where().text() == "Step 1 of 5"
    session.skip()
    assert run.where().text() == "Part 1 of 2: Feelings · step 2 of 5"
    session.skip()
    session.skip()
    assert run.where() == Where(4, 5, 2, 2, "What you saw")
    assert run.where().text(with_title=False) == "Part 2 of 2 · step 4 of 5"


def test_a_plan_counts_its_exercises_as_parts_and_its_steps_over_all_of_them() -> None:
    one = exercise(Instruction("a"), Instruction("b"), id="one", title="One")
    two = exercise(Instruction("c"), Instruction("d", part="Ignored in a plan"), Instruction("e"),
                   id="two", title="Two")
    plan = Plan(id="p", title="P", summary="s", exercise_ids=("one", "two"), exercises=(one, two))
    run = Run(plan, FakeClock())
    run.begin_next().complete()
    assert run.where().text() == "Part 1 of 2: One · step 2 of 5"
    run.session.complete()  # type: ignore[union-attr]
    run.close_session()
    run.begin_next().complete()
    assert run.where().text() == "Part 2 of 2: Two · step 4 of 5"


def test_a_read_back_step_shows_the_notes_written_before_it() -> None:
    """M2: 'Read it back' showed nothing to read back."""
    ex = exercise(Note("What is the issue?"), Note("Anything else?"), Note("Your opening?"),
                  Instruction("Read it back.", show_notes=True), Note("Later?"))
    run = Run(ex, FakeClock())
    s = run.begin_next()
    assert s.notes_to_show() == []  # a note step shows none
    s.set_note("  chores  ")
    s.complete()
    s.skip()  # nothing written: not shown
    s.set_note("I feel tired about chores, and I need help")
    s.complete()
    assert [(w.question, w.answer) for w in s.notes_to_show()] == [
        ("What is the issue?", "chores"), ("Your opening?", "I feel tired about chores, and I need help")]
    s.complete()
    s.set_note("tomorrow")
    assert [w.answer for w in s.written()] == ["chores", "I feel tired about chores, and I need help",
                                               "tomorrow"]
    assert [w.answer for w in s.written(before=3)] == ["chores", "I feel tired about chores, and I need help"]


def test_recap_lists_notes_knows_when_feelings_were_asked_and_tells_skipped_from_done() -> None:
    """m5: a run of which every step was skipped said "Well done"; feelings showed everywhere."""
    calm = Rate("How calm?", "calm", "tense", "calm")
    clock = FakeClock()
    run = Run(exercise(calm, Instruction("Read")), clock)
    s = run.begin_next()
    s.skip()
    s.skip()
    run.close_session()
    recap = run.recap()
    assert recap.status == "skipped" and not recap.asks_feelings and recap.written == []

    run = Run(exercise(Emotions("Feel?"), Note("Write?")), clock)
    s = run.begin_next()
    s.complete()
    s.set_note("ok")
    s.complete()
    run.close_session()
    recap = run.recap()
    assert recap.status == "done" and recap.asks_feelings
    assert [(w.exercise, w.question, w.answer) for w in recap.written] == [("T", "Write?", "ok")]


def test_a_plan_stopped_between_its_exercises_is_not_done() -> None:
    one, two = exercise(Instruction("a"), id="one"), exercise(Instruction("b"), id="two")
    run = Run(Plan(id="p", title="P", summary="s", exercise_ids=("one", "two"), exercises=(one, two)),
              FakeClock())
    run.begin_next().complete()
    run.close_session()
    assert run.recap().status == "stopped early"
    assert Recap("P", run.results, planned=1).status == "done"


def test_the_format_reads_part_and_show_notes() -> None:
    from coach.core.schema import parse_entry

    head = "format: 1\ntitle: T\nkind: repair\nsummary: s\nsource: Someone 2020, A book\nsteps:\n"
    good = head + ("  - type: instruction\n    text: Feelings.\n    part: Feelings\n"
                   "  - type: instruction\n    text: Read it back.\n    show_notes: true\n")
    entry, problems = parse_entry(good.encode(), Path("t.yaml"))
    assert problems == [] and isinstance(entry, Exercise)
    assert entry.steps == (Instruction("Feelings.", part="Feelings"),
                           Instruction("Read it back.", show_notes=True))
    bad = head + ("  - type: instruction\n    text: x\n    show_notes: often\n    part: " + "p" * 41 + "\n"
                  "  - type: note\n    text: x\n    show_notes: true\n")
    entry, problems = parse_entry(bad.encode(), Path("t.yaml"))
    messages = " | ".join(p.message for p in problems)
    assert entry is None
    assert "show_notes must be true or false" in messages
    assert "part" in messages and "show_notes" in messages.split("|")[-1]

