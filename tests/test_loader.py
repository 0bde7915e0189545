"""The exercise format: every step type parses; every error class points at its line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from coach.core.library import load_library, load_paths
from coach.core.model import (
    Breathe,
    Emotions,
    Exercise,
    Instruction,
    Note,
    Plan,
    Rate,
    Reflect,
    Timer,
    Turn,
    step_seconds,
)
from coach.core.schema import parse_entry

HEAD = "format: 1\ntitle: Test\nkind: repair\nsummary: A test.\nsource: General practice\n"


def parse(text: str, name: str = "t.yaml"):
    return parse_entry(textwrap.dedent(text).encode(), Path(name))


def problems(text: str) -> list[str]:
    entry, found = parse(text)
    assert entry is None, "expected the file to be refused"
    return [str(p) for p in found]


def only(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


# -- every step type --------------------------------------------------------------------

ALL_STEPS = HEAD + textwrap.dedent("""\
    participants: 2
    steps:
      - type: instruction
        text: Read this.
      - type: instruction
        text: Close your eyes.
        seconds: 15
      - type: breathe
        text: Sigh it out.
        inhale: 2
        top_up: 1
        exhale: 6
        minutes: 1
      - type: breathe
        inhale: 4
        hold: 4
        exhale: 4
        hold_after: 4
        cycles: 3
      - type: timer
        text: Take a break.
        minutes: 20
      - type: emotions
        text: What do you feel?
        max_words: 2
        intensity: false
      - type: rate
        measure: calm
        text: How calm?
        low: Tense
        high: Calm
      - type: turn
        speaker: a
        text: "{speaker}, talk; {listener}, listen. ({a} and {b})"
        seconds: 90
      - type: reflect
        speaker: a
        text: "{listener}, say back what {speaker} said."
      - type: note
        text: Anything to remember?
    """)


def test_every_step_type_parses_to_its_model() -> None:
    entry, found = parse(ALL_STEPS)
    assert found == []
    assert isinstance(entry, Exercise)
    s = entry.steps
    assert s[0] == Instruction("Read this.")
    assert s[1] == Instruction("Close your eyes.", seconds=15.0)
    assert isinstance(s[2], Breathe) and s[2].top_up == 1 and s[2].cycle_seconds == 9
    assert s[2].cycles == 7  # 60 s / 9 s = 6.67, rounded up: never half a breath
    assert s[3] == Breathe(inhale=4, exhale=4, hold=4, hold_after=4, cycles=3)
    assert s[4] == Timer("Take a break.", seconds=1200.0)
    assert s[5] == Emotions("What do you feel?", max_words=2, intensity=False)
    assert s[6] == Rate("How calm?", measure="calm", low="Tense", high="Calm")
    assert isinstance(s[7], Turn) and s[7].speaker == "a" and s[7].listener == "b"
    assert s[8] == Reflect(speaker="a", text="{listener}, say back what {speaker} said.")
    assert s[9] == Note("Anything to remember?")
    assert entry.participants == 2


def test_duration_is_computed_from_steps() -> None:
    entry, _ = parse(ALL_STEPS)
    assert isinstance(entry, Exercise)
    expected = sum(step_seconds(s) for s in entry.steps)
    assert entry.seconds == pytest.approx(expected)
    assert step_seconds(entry.steps[2]) == 63  # 7 whole cycles of 9 s
    assert step_seconds(entry.steps[3]) == 48
    assert step_seconds(entry.steps[4]) == 1200


def test_id_defaults_to_file_name_and_may_be_explicit() -> None:
    entry, _ = parse(ALL_STEPS, "my-talk.yaml")
    assert entry is not None and entry.id == "my-talk"
    entry, _ = parse(ALL_STEPS + "id: custom-id\n", "my-talk.yaml")
    assert entry is not None and entry.id == "custom-id"


# -- every error class, with its line --------------------------------------------------

def test_duplicate_key_points_at_second_key() -> None:
    msg = only(HEAD + "title: Again\nsteps: [{type: note, text: t}]\n")
    assert msg == "t.yaml:6:1: duplicate key 'title' (first on line 2)"


def test_alias_and_anchor_are_refused_where_written() -> None:
    found = problems("format: 1\ntitle: &t Test\nkind: emotion\nsummary: *t\nsource: s\n"
                     "steps: [{type: note, text: t}]\n")
    assert found == ["t.yaml:2:8: anchors (&name) are not allowed; write each value out",
                     "t.yaml:4:10: aliases (*name) are not allowed; write the value out"]


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    found = problems("\n".join(lines) + "\n")
    assert found[0].startswith("t.yaml:1:5: anchors")


def test_unknown_key_suggests_nearest() -> None:
    msg = only(HEAD + "steps:\n  - type: instruction\n    text: t\n    secnds: 5\n")
    assert msg.startswith("t.yaml:9:5: unknown key 'secnds'")
    assert "did you mean 'seconds'?" in msg


def test_unknown_top_level_key_suggests_nearest() -> None:
    found = problems(HEAD + "partcipants: 2\nsteps: [{type: note, text: t}]\n")
    assert found == ["t.yaml:6:1: unknown key 'partcipants' in an exercise; "
                     "did you mean 'participants'?"]


@pytest.mark.parametrize(
    ("value", "reads_as"),
    [("no", "a yes/no value"), ("off", "a yes/no value"), ("12:30", "a number"),
     ("2026-01-02", "a date"), ("1.10", "a number"), ("~", "empty")],
)
def test_yaml_surprises_in_text_fields(value: str, reads_as: str) -> None:
    text = HEAD.replace("title: Test", f"title: {value}") + "steps: [{type: note, text: t}]\n"
    msg = only(text)
    assert msg.startswith("t.yaml:2:8: title must be text")
    assert reads_as in msg and "quotes" in msg


@pytest.mark.parametrize("value", ["0777", "1:30", "five", "-3", "0", "1e3"])
def test_wrong_numbers_are_refused(value: str) -> None:
    msg = only(HEAD + f"steps:\n  - type: timer\n    text: t\n    seconds: {value}\n")
    assert msg.startswith("t.yaml:9:14: step 1 seconds must be")


@pytest.mark.parametrize("value", ["-5", "-2.5"])
def test_a_negative_number_is_told_to_be_positive(value: str) -> None:
    msg = only(HEAD + f"steps:\n  - type: timer\n    text: t\n    seconds: {value}\n")
    assert msg == f"t.yaml:9:14: step 1 seconds must be more than 0 (no minus sign), not {value}"


def test_wrong_types_and_shapes() -> None:
    found = problems(HEAD + "tags: calm\nparticipants: 3\nsteps:\n  - type: rate\n    measure: calm\n"
                     "    text: [a]\n    low: l\n    high: h\n")
    assert "t.yaml:6:7: tags must be a list" in found
    assert any(f.startswith("t.yaml:7:15: participants must be") for f in found)
    assert "t.yaml:11:11: step 1 text must be text, not a list" in found


def test_missing_required_fields_point_at_the_mapping() -> None:
    found = problems("format: 1\ntitle: T\nkind: emotion\nsteps:\n  - type: rate\n    text: t\n")
    assert "t.yaml:1:1: an exercise is missing 'summary'" in found
    assert "t.yaml:1:1: an exercise is missing 'source'" in found
    assert "t.yaml:5:5: step 1 (rate) is missing 'measure'" in found


def test_step_type_unknown_and_missing() -> None:
    found = problems(HEAD + "steps:\n  - type: breath\n    inhale: 4\n  - text: hi\n")
    assert found[0].startswith("t.yaml:7:11: step 1 type must be one of")
    assert "did you mean 'breathe'?" in found[0]
    assert found[1].startswith("t.yaml:9:5: step 2 is missing 'type'")


def test_length_needs_exactly_one_of_cycles_or_minutes() -> None:
    msg = only(HEAD + "steps:\n  - type: breathe\n    inhale: 4\n    exhale: 4\n"
               "    cycles: 3\n    minutes: 2\n")
    assert msg == "t.yaml:11:5: step 1 (breathe) needs exactly one of 'cycles' or 'minutes'"


def test_two_person_steps_need_two_participants() -> None:
    found = problems(HEAD + "steps:\n  - type: turn\n    speaker: a\n    text: Talk.\n    seconds: 60\n")
    assert found == ["t.yaml:7:11: step 1: turn steps need 'participants: 2'"]


def test_unknown_placeholder_and_unmatched_brace() -> None:
    found = problems(HEAD + "participants: 2\nsteps:\n  - type: note\n    text: Hi {speakr}\n"
                     "  - type: note\n    text: Hi {a\n")
    assert found[0] == "t.yaml:9:11: step 1 text uses {speakr}; placeholders allowed: {a}, {b}"
    assert found[1].startswith("t.yaml:11:11: step 2 text has an unmatched brace")


def test_unknown_context_and_speaker() -> None:
    found = problems(HEAD + "participants: 2\ncontexts: [befor-a-hard-talk]\nsteps:\n"
                     "  - type: reflect\n    speaker: c\n    text: t\n")
    assert found[0].startswith("t.yaml:7:12: each of contexts must be one of")
    assert "did you mean 'before-a-hard-talk'?" in found[0]
    assert found[1].startswith("t.yaml:10:14: step 1 speaker must be one of a, b")


def test_syntax_error_has_line_and_column() -> None:
    msg = only("format: 1\ntitle: [unclosed\nkind: x\n")
    assert msg.startswith("t.yaml:3:5: YAML syntax:") or msg.startswith("t.yaml:3:1: YAML syntax:")


def test_tags_are_refused() -> None:
    found = problems(HEAD.replace("title: Test", "title: !!python/object:os.system x")
                     + "steps: [{type: note, text: t}]\n")
    assert found[0].startswith("t.yaml:2:8: tags such as !!python/object:os.system are not allowed")


def test_size_cap_and_encoding_and_empty() -> None:
    big = HEAD + "description: |\n" + ("  word word word word word word word\n" * 8000)
    assert only(big).startswith("t.yaml:1:1: file is ")
    entry, found = parse_entry(b"format: 1\ntitle: caf\xe9\n", Path("t.yaml"))
    assert entry is None and str(found[0]) == "t.yaml:2:11: file is not UTF-8 text"
    assert only("") == "t.yaml:1:1: file is empty"
    assert only("- just\n- a list\n") == "t.yaml:1:1: the file must be a mapping of key: value lines"


def test_unsupported_format_version() -> None:
    msg = only(HEAD.replace("format: 1", "format: 2") + "steps: [{type: note, text: t}]\n")
    assert msg == "t.yaml:1:9: format 2 is not supported; this coach reads format 1"


def test_multiple_documents_are_refused() -> None:
    msg = only(HEAD + "steps: [{type: note, text: t}]\n---\nformat: 1\n")
    assert msg.startswith("t.yaml:7:1: YAML syntax:")


# -- the library: one bad file never stops the rest -------------------------------------

def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


GOOD = HEAD.replace("kind: repair", "kind: emotion") + "steps: [{type: note, text: t}]\n"


def test_bad_file_is_skipped_and_reported(tmp_path: Path) -> None:
    write(tmp_path / "b", "good.yaml", GOOD)
    write(tmp_path / "b", "bad.yaml", "format: 1\ntitle: no\n")
    lib = load_library(tmp_path / "b")
    assert list(lib.entries) == ["good"]
    assert lib.skipped_files == [str(tmp_path / "b" / "bad.yaml")]
    assert "(1 file skipped)" in lib.skipped_message()


def test_user_id_clash_is_reported_not_resolved(tmp_path: Path) -> None:
    write(tmp_path / "b", "calm.yaml", GOOD)
    user = write(tmp_path / "u", "calm.yaml", GOOD.replace("title: Test", "title: Mine"))
    lib = load_library(tmp_path / "b", tmp_path / "u")
    assert lib.get("calm") is not None and lib.get("calm").title == "Test"  # type: ignore[union-attr]
    assert [str(p) for p in lib.problems] == [
        f"{user}:1:1: id 'calm' is already used by {tmp_path / 'b' / 'calm.yaml'}; this file was "
        "not loaded (give it another file name or 'id')"]


def test_plans_resolve_and_report_unknown_ids(tmp_path: Path) -> None:
    write(tmp_path, "one.yaml", GOOD)
    write(tmp_path, "plan.yaml", "format: 1\ntitle: P\nkind: plan\nsummary: s\nsource: s\n"
          "exercises: [one]\n")
    bad = write(tmp_path, "worse.yaml", "format: 1\ntitle: W\nkind: plan\nsummary: s\nsource: s\n"
                "exercises:\n  - one\n  - missing\n  - plan\n")
    lib = load_paths([tmp_path])
    plan = lib.get("plan")
    assert isinstance(plan, Plan) and [e.id for e in plan.exercises] == ["one"]
    assert plan.seconds == lib.get("one").seconds  # type: ignore[union-attr]
    assert [str(p) for p in lib.problems] == [
        f"{bad}:8:5: exercise 'missing' is not in the library",
        f"{bad}:9:5: exercise 'plan' is a plan; plans can only list exercises"]
    assert lib.get("worse") is None


def test_builtin_library_is_valid_and_large_enough() -> None:
    lib = load_library()
    assert [str(p) for p in lib.problems] == []
    kinds = [e.kind for e in lib.exercises()]
    assert kinds.count("breathing") >= 6
    assert kinds.count("emotion") >= 4
    assert sum(1 for e in lib.exercises() if e.kind == "repair" and e.participants == 2) >= 6
    assert kinds.count("ritual") >= 4
    assert len(lib.plans()) >= 2
    assert isinstance(lib.get("before-a-hard-talk"), Plan)


def test_a_placeholder_split_over_lines_is_named_on_one_line() -> None:
    found = problems(HEAD + "participants: 2\nsteps:\n  - type: note\n    text: \"Hi {\n      a}\"\n")
    assert found == ["t.yaml:9:11: step 1 text uses '{ a}'; placeholders allowed: {a}, {b}"]
