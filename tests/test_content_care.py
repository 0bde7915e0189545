"""Care in the content (issue 12) and the new exercises of issue 15, checked on the real library.

General rules (cautions, safety lines, sources...) are in :mod:`tests.content_rules`; these are
the specific promises individual exercises make.
"""

from __future__ import annotations

import re

import pytest

from coach.core.library import Library, builtin_dir, load_library
from coach.core.model import Break, Exercise, Instruction, Note, Plan, Reflect, Timer, Turn
from tests.content_rules import is_conflict_script, steps_before_timer, vocabulary_labels

# Issue 15's twelve groups of new practices: id -> (kind, participants).
NEW: dict[str, tuple[str, int]] = {
    "notice-the-bids": ("ritual", 1),                 # 1 bids for connection
    "turning-toward-today": ("ritual", 2),
    "are-you-there-for-me": ("repair", 2),            # 2 reassurance
    "our-pattern-together": ("repair", 2),            # 3 our pattern
    "self-compassion-break": ("emotion", 1),          # 4 self-compassion
    "i-need-a-break": ("emotion", 1),                 # 5 break card
    "state-of-us": ("plan", 2),                       # 6 weekly meeting (plan)
    "what-went-well": ("ritual", 2),
    "feeling-loved-this-week": ("ritual", 2),
    "grounding-5-4-3-2-1": ("emotion", 1),            # 7 grounding
    "repair-phrases": ("repair", 1),                  # 8 repair attempts card
    "saying-no-kindly": ("repair", 1),                # 9 boundaries
    "a-predictable-goodbye": ("family", 1),           # 10 parent and child
    "a-calm-bedtime-routine": ("family", 1),
    "repair-after-snapping": ("family", 1),
    "two-circles": ("repair", 2),                     # 11 accepting influence
    "three-good-things": ("ritual", 1),               # 12 gratitude, loving-kindness
    "loving-kindness": ("emotion", 1),
}
POSITIVE_RITUALS = ("appreciation-exchange", "daily-highs-and-lows", "curious-questions",
                    "reconnect-at-transitions")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(builtin=builtin_dir(), user=None)


def exercise(library: Library, entry_id: str) -> Exercise:
    entry = library.get(entry_id)
    assert isinstance(entry, Exercise), f"{entry_id} is missing"
    return entry


@pytest.mark.parametrize("entry_id", sorted(NEW))
def test_new_practice_is_there(library: Library, entry_id: str) -> None:
    kind, participants = NEW[entry_id]
    entry = library.get(entry_id)
    assert entry is not None, f"{entry_id} is missing"
    assert (entry.kind, entry.participants) == (kind, participants)
    if isinstance(entry, Exercise) and entry.participants == 2:
        speakers = {s.speaker for s in entry.steps if isinstance(s, Turn)}
        assert speakers == {"a", "b"}, "both partners get a turn"


def test_state_of_us_chains_the_weekly_meeting(library: Library) -> None:
    plan = library.get("state-of-us")
    assert isinstance(plan, Plan)
    assert plan.exercise_ids == ("appreciation-exchange", "what-went-well", "speaker-listener",
                                 "feeling-loved-this-week")


def test_positive_rituals_are_rituals_with_one_short_caution(library: Library) -> None:
    for entry_id in POSITIVE_RITUALS:
        e = exercise(library, entry_id)
        assert e.kind == "ritual" and not is_conflict_script(e)
        assert "\n" not in e.caution.strip() and len(e.caution) <= 160


def test_soft_start_up_allows_a_kind_no(library: Library) -> None:
    e = exercise(library, "soft-start-up")
    answers = [s.text for s in e.steps if isinstance(s, Turn) and "answer the request" in s.text]
    assert answers and "a kind 'no'" in answers[0] and "without arguing" in answers[0]


def test_aftermath_apology_can_be_accepted_or_not_yet(library: Library) -> None:
    e = exercise(library, "after-a-regrettable-incident")
    texts = " ".join(getattr(s, "text", "") for s in e.steps)
    assert "even a small one" not in texts
    apologies = [s.text for s in e.steps if isinstance(s, Reflect) and "apology" in s.text]
    assert len(apologies) == 2
    assert all("accept it" in t and "what you still need" in t for t in apologies)
    triggers = next(s for s in e.steps if isinstance(s, Instruction) and "hit so hard" in s.text)
    assert "not for using in a later argument" in triggers.text
    assert "put this behind you" in texts


def test_aftermath_alternates_who_goes_first(library: Library) -> None:
    e = exercise(library, "after-a-regrettable-incident")
    firsts = [nxt.speaker for s, nxt in zip(e.steps, e.steps[1:], strict=False)
              if isinstance(s, Instruction) and isinstance(nxt, Turn)]
    assert len(firsts) == 5 and firsts.count("a") and firsts.count("b")


@pytest.mark.parametrize(("entry_id", "presses"), [("flooding-break", 0), ("i-need-a-break", 1)])
def test_breaks_reach_the_timer_fast(library: Library, entry_id: str, presses: int) -> None:
    """flooding-break opens on the break itself (one key picks the return time: the runner's
    test counts the presses); i-need-a-break has one screen before its timer."""
    e = exercise(library, entry_id)
    assert steps_before_timer(e) <= presses
    first_timer = next(i for i, s in enumerate(e.steps) if isinstance(s, Timer | Break))
    assert not any(isinstance(s, Note) for s in e.steps[:first_timer])
    assert not e.caution
    text = e.steps[0].text.lower()  # type: ignore[union-attr]
    assert "come back" in text and '"i\'m' in text  # the line to say and the return time


def test_mood_meter_offers_its_own_words_that_the_picker_finds(library: Library) -> None:
    e = exercise(library, "mood-meter-check-in")
    corners = next(s.text for s in e.steps if isinstance(s, Instruction) and "corner" in s.text)
    words = [w.strip() for line in corners.splitlines() if ":" in line and line.strip().startswith("-")
             for w in line.split(":", 1)[1].rstrip(".").split(",")]
    assert len(words) >= 20
    assert [w for w in words if w not in vocabulary_labels()] == []
    assert "Brackett 2019" in e.source and "Russell 1980" in e.source


def test_feeling_wheel_skips_instead_of_repeating(library: Library) -> None:
    e = exercise(library, "feeling-wheel-check-in")
    text = " ".join(getattr(s, "text", "") for s in e.steps)
    assert "same word again" not in text and "skip this step" in text


def test_cyclic_sighing_says_the_long_breath_out_matters_more(library: Library) -> None:
    e = exercise(library, "cyclic-sighing")
    assert any("matters more than the count" in getattr(s, "text", "") for s in e.steps)


def test_box_breathing_names_the_empty_hold(library: Library) -> None:
    e = exercise(library, "box-breathing")
    texts = " ".join(getattr(s, "text", "") for s in e.steps).lower()
    assert "rest for four" not in texts and re.search(r"hold (?:again )?(?:with your lungs )?empty", texts)
