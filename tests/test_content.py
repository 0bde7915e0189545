"""Content quality of the built-in library (issues 6, 12 and 15).

The rules live in :mod:`tests.content_rules`; here the real library must have no problems, and
``test_checks_catch_a_broken_copy`` makes sure every rule fires on a deliberately broken copy.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coach.core.catalogue import DOC_PATH, main, render_library_markdown
from coach.core.library import Library, builtin_dir, load_library
from coach.core.model import Exercise, Instruction, Reflect, Turn
from tests.content_rules import (
    FAST,
    PROTOCOLS,
    find_caution_problems,
    find_commercial,
    find_help_problems,
    find_idioms_and_numbering,
    find_link_problems,
    find_missing_break_reminders,
    find_placeholder_problems,
    find_protocol_mismatches,
    find_safety_problems,
    find_source_problems,
    find_stacked_cautions,
    find_stressed_holds,
    find_unkind,
)

ALL_CHECKS = (find_source_problems, find_unkind, find_idioms_and_numbering,
              find_protocol_mismatches, find_stressed_holds, find_safety_problems,
              find_caution_problems, find_stacked_cautions, find_help_problems,
              find_missing_break_reminders, find_placeholder_problems)

# The exercises issue 6 asks for: allowed kinds, participants, contexts and tags they need.
ISSUE_6: dict[str, tuple[set[str], int, set[str], set[str]]] = {
    "reconnect-at-transitions": ({"repair", "ritual"}, 2, {"transitions"}, set()),
    "support-under-stress": ({"repair", "ritual"}, 2, {"stressed"}, set()),
    "noticing-my-pattern": ({"emotion"}, 1, set(), set()),
    "respond-not-react": ({"breathing", "emotion"}, 1, set(), set()),
    "self-soothing-while-waiting": ({"breathing", "emotion"}, 1, {"waiting"}, set()),
    "soothing-a-childs-feeling": ({"family"}, 1, {"parenting"}, {"family", "parenting"}),
    "keeping-a-promise": ({"ritual"}, 2, {"weekly"}, set()),
    "curious-questions": ({"ritual"}, 2, set(), set()),
}

MIN_ENTRIES = 45
MIN_SECONDS, MAX_SECONDS = 30.0, 60 * 60.0
MIN_TWO_PERSON_SECONDS = 3 * 60.0
MAX_PLAN_SECONDS = 90 * 60.0
QUICK = {"respond-not-react": 120.0}


def find_duration_problems(library: Library) -> list[str]:
    out = []
    for e in library.entries.values():
        low = MIN_TWO_PERSON_SECONDS if e.participants >= 2 and not e.is_plan else MIN_SECONDS
        high = QUICK.get(e.id, MAX_PLAN_SECONDS if e.is_plan else MAX_SECONDS)
        if not low <= e.seconds <= high or (e.id in QUICK and e.seconds >= high):
            out.append(f"{e.id}: {e.seconds:.0f} s is outside {low:.0f}-{high:.0f} s")
    return out


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(builtin=builtin_dir(), user=None)


def test_library_loads_without_problems(library: Library) -> None:
    assert [str(p) for p in library.problems] == []


def test_library_has_at_least_45_entries(library: Library) -> None:
    assert len(library.entries) >= MIN_ENTRIES


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.__name__)
def test_library_keeps_every_rule(library: Library, check) -> None:  # type: ignore[no-untyped-def]
    assert check(library) == []


def test_durations_are_sensible(library: Library) -> None:
    assert find_duration_problems(library) == []


def test_no_links_except_doi_and_no_phone_numbers() -> None:
    assert find_link_problems(builtin_dir()) == []


def test_no_commercial_mentions() -> None:
    assert find_commercial(builtin_dir()) == []


def test_named_protocols_exist(library: Library) -> None:
    assert sorted(set(PROTOCOLS) - set(library.entries)) == []


def test_fast_exercises_exist(library: Library) -> None:
    assert sorted(FAST - set(library.entries)) == []


def test_respond_not_react_is_under_two_minutes(library: Library) -> None:
    entry = library.get("respond-not-react")
    assert entry is not None and entry.participants == 1
    assert 30 <= entry.seconds < 120


@pytest.mark.parametrize("entry_id", sorted(ISSUE_6))
def test_issue_6_exercises(library: Library, entry_id: str) -> None:
    kinds, participants, contexts, tags = ISSUE_6[entry_id]
    entry = library.get(entry_id)
    assert isinstance(entry, Exercise), f"{entry_id} is missing"
    assert entry.kind in kinds
    assert entry.participants == participants
    assert contexts <= set(entry.contexts)
    assert tags <= set(entry.tags)


def test_keeping_a_promise_reviews_last_week(library: Library) -> None:
    entry = library.get("keeping-a-promise")
    assert isinstance(entry, Exercise)
    assert any("last week" in s.text for s in entry.steps if isinstance(s, Turn))


def test_curious_questions_takes_turns_with_reflection(library: Library) -> None:
    entry = library.get("curious-questions")
    assert isinstance(entry, Exercise)
    pairs = [(s.type, s.speaker) for s in entry.steps if isinstance(s, Turn | Reflect)]
    # every turn is followed by a reflection of the same speaker, and the speakers alternate
    assert pairs[0::2] == [("turn", "ab"[i % 2]) for i in range(len(pairs) // 2)]
    assert pairs[1::2] == [("reflect", "ab"[i % 2]) for i in range(len(pairs) // 2)]
    assert len(pairs) >= 4


def test_library_doc_is_current(library: Library) -> None:
    expected = render_library_markdown(library)
    assert DOC_PATH.read_text(encoding="utf-8") == expected, (
        "docs/library.md is out of date: run python -m coach.core.catalogue")
    for entry in library.entries.values():
        assert f"| `{entry.id}` |" in expected
    assert main(["--check"]) == 0


def test_catalogue_does_not_import_textual() -> None:
    code = "import sys, coach.core.catalogue; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- the rules themselves fire -----------------------------------------------------------

BREAKAGES: dict[str, list[tuple[str | re.Pattern[str], str]]] = {
    # file: [(text or pattern to replace, replacement)]
    "box-breathing.yaml": [("hold_after: 4", "hold_after: 3"),
                           ("Skip the holds if you are pregnant", "Go slowly")],
    "breathing-4-7-8.yaml": [("contexts: [bedtime,", "contexts: [stressed, bedtime,")],
    "cyclic-sighing.yaml": [("exhale: 8", "exhale: 7"), ("Stop if you feel dizzy", "Go on")],
    "respond-not-react.yaml": [("cycles: 3", "cycles: 9")],
    "soft-start-up.yaml": [("a specialist abuse service", "a friend"),
                           ("take a break, and you can come", "pause, and you can come")],
    "daily-highs-and-lows.yaml": [("keyboard presses space.", "keyboard presses space, and if "
                                   "anything at all feels hard, stop and talk to someone who "
                                   "can help the two of you.")],
    "state-of-us.yaml": [(re.compile(r"caution: \|\n(?:  .*\n|\n)+?(?=source:)"), "")],
    "flooding-break.yaml": [("If you are afraid of your partner, go somewhere safe",
                             "Go somewhere quiet")],
    "when-to-seek-help.yaml": [("kind: help", "kind: ritual"),
                               ("  - type: instruction\n    text: |\n      Safety first.",
                                "  - type: note\n    text: Anything to add?\n"
                                "  - type: instruction\n    text: |\n      Safety first.")],
    "speaker-listener.yaml": [("3rd ed.;", "3rd ed., doi 10.12/x;")],
    "noticing-my-pattern.yaml": [("not who you are", "all your fault, and not an attachment style")],
    "repair-phrases.yaml": [("N. Silver 1999, The", "N. Silver, The")],
    "self-soothing-while-waiting.yaml": [("is not the same as being left", "is a failure")],
    "support-under-stress.yaml": [("take the children to school", "do the school run")],
    "after-a-regrettable-incident.yaml": [("What made it hit so hard. {a} goes first.",
                                           "Part 3 of 5.")],
    "keeping-a-promise.yaml": [("Write both promises here",
                                "Buy the premium plan at www.example.com, or call +1 555 0100 "
                                "123, and write both promises here")],
}
EXPECTED = (
    "box-breathing: 4+0/4/4/3 x", "box-breathing: holds, but the safety line does not mention "
    "'pregnant'", "breathing-4-7-8: holds 7 s but is offered for 'stressed'",
    "cyclic-sighing: 3+1/0/7/0 x", "cyclic-sighing: holds or deep breaths, but the safety line",
    "respond-not-react: 168 s is outside 30-120 s",
    "soft-start-up: caution does not say 'specialist abuse service'",
    "soft-start-up: no break reminder",
    "daily-highs-and-lows: a ritual's caution is",
    "state-of-us: its exercises",
    "flooding-break: its first screen does not name being afraid",
    "when-to-seek-help: kind is 'ritual'", "when-to-seek-help: step 1 asks for a note",
    "speaker-listener: malformed DOI '10.12/x'",
    "repair-phrases: source has no year",
    "noticing-my-pattern step 7 text: 'your fault'",
    "noticing-my-pattern step 7 text: 'attachment style'",
    "self-soothing-while-waiting step 2 text: 'failure'",
    "support-under-stress step 6 text: idiom 'school run'",
    "after-a-regrettable-incident step 13 text: numbering 'Part 3 of 5'",
    "keeping-a-promise.yaml: link 'www.'", "'example.com'",
    "phone number '+1 555 0100 123'",
    "commercial word 'Buy'", "commercial word 'premium'",
)


def test_checks_catch_a_broken_copy(tmp_path: Path) -> None:
    folder = tmp_path / "exercises"
    shutil.copytree(builtin_dir(), folder)
    for name, edits in BREAKAGES.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            if isinstance(old, re.Pattern):
                assert old.search(text), f"{name} no longer matches {old.pattern!r}"
                text = old.sub(new, text, count=1)
                continue
            assert old in text, f"{name} no longer contains {old!r}; update BREAKAGES"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    broken = load_library(builtin=folder, user=None)
    assert [str(p) for p in broken.problems] == []
    found = "\n".join(line for check in (*ALL_CHECKS, find_duration_problems)
                      for line in check(broken))
    found += "\n" + "\n".join(find_link_problems(folder) + find_commercial(folder))
    missing = [e for e in EXPECTED if e not in found]
    assert missing == [], found
    assert "curious-questions" not in found  # its DOI link is allowed
    assert render_library_markdown(broken) != render_library_markdown(
        load_library(builtin=builtin_dir(), user=None))


@pytest.mark.parametrize(("text", "unkind"), [
    ("A hard week is information, not a failure.", False),
    ("Asking for help is a sign of care, not of failure.", False),
    ("It is not your fault.", False),
    ("You are a failure.", True),
    ("You should have known.", True),
    ("This is not avoidant.", True),
    ("You may feel anxious or guilty.", False),
    ("People with an anxious attachment style", True),
])
def test_unkind_words_are_found_in_context(text: str, unkind: bool) -> None:
    entry = Exercise(id="x", title="x", kind="emotion", summary="x", source="A 2020",
                     steps=(Instruction(text=text),))
    assert bool(find_unkind(Library(entries={"x": entry}))) is unkind


def test_catalogue_check_mode(tmp_path: Path) -> None:
    out = tmp_path / "library.md"
    assert main(["--check", "--output", str(out)]) == 1  # missing file is out of date
    assert main(["--output", str(out)]) == 0
    assert main(["--check", "--output", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8") + "edited by hand\n", encoding="utf-8")
    assert main(["--check", "--output", str(out)]) == 1
