"""Content quality of the built-in library (issue 6).

Each rule is a small ``find_*`` function that returns the problems it sees as readable strings;
the tests assert that the real library has none, and ``test_checks_catch_a_broken_copy`` makes
sure every rule does fire on a deliberately broken copy of the library.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coach.core.catalogue import DOC_PATH, main, render_library_markdown
from coach.core.library import Library, builtin_dir, exercise_files, load_library
from coach.core.model import Breathe, Entry, Exercise, Instruction, Reflect, Turn

# --- the rules ---------------------------------------------------------------------------

# A link is allowed only to a paper's DOI.
DOI_LINK = re.compile(r"https?://(?:dx\.)?doi\.org/10\.\d{4,9}/[^\s\"'<>)\]]+", re.I)
LINK = re.compile(
    r"https?://|ftp://|mailto:|\bwww\.|@[a-z0-9-]+\.[a-z]{2,}"
    r"|\b[a-z0-9-]+\.(?:com|org|net|io|app|co|uk|de|fr|info|biz|ly|me|gov|edu|ai|health)\b",
    re.I,
)
PHONE = re.compile(
    r"\+\d[\d\s().-]{6,}\d|\(\d{2,5}\)\s?\d{3,}|\b\d{3,5}[\s.-]\d{3,4}[\s.-]\d{3,4}\b"
)

COMMERCIAL = (
    "app store", "play store", "google play", "buy", "buying", "purchase", "shop", "shops",
    "shopping", "online store", "our store", "discount", "coupon", "promo", "promo code", "subscribe",
    "subscription", "premium", "sponsor", "sponsored", "affiliate", "free trial", "price",
    "pricing", "download", "amazon", "headspace", "calm app", "calm.com", "insight timer",
    "breathwrk", "apple watch", "fitbit", "patreon", "kickstarter", "™", "®",
)
# Blame and guilt, and clinical labels of people. Plain feeling words such as "anxious" or
# "guilty" are allowed (people may feel them); labels that sort a person into a type are not.
BLAME = (
    "your fault", "my fault", "his fault", "her fault", "their fault", "blame you",
    "should have", "shouldn't have", "should've", "lazy", "pathetic", "failure", "worthless",
    "stupid", "selfish", "needy", "clingy", "too sensitive", "overreact", "overreacting",
    "shame on", "ashamed of yourself", "what's wrong with you", "get over it", "guilt trip",
)
CLINICAL = (
    "borderline", "narcissist", "narcissistic", "disorder", "disordered", "codependent",
    "co-dependent", "codependency", "avoidant", "anxious attachment", "anxiously attached",
    "anxious-preoccupied", "preoccupied attachment", "dismissive attachment",
    "fearful attachment", "disorganised attachment", "disorganized attachment",
    "attachment style", "attachment styles", "insecurely attached", "crazy", "insane",
    "psycho", "psychopath", "sociopath", "bipolar", "ocd", "adhd", "ptsd", "bpd", "npd",
    "toxic", "gaslighting", "mentally ill", "pathological", "neurotic", "hysterical",
)


def _words(terms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


COMMERCIAL_RE = _words(COMMERCIAL)
BLAME_RE = _words(BLAME)
CLINICAL_RE = _words(CLINICAL)
# Reassurance that negates a blame word is kind ("a hard week is not a failure"); a negated
# clinical label is still a label, so only blame words are excused this way.
NEGATED = re.compile(r"\b(?:not|no)(?:\s+(?:a|an|of|your|my))?\s+$", re.I)

# Breathing protocols named in the library, keyed by exercise id. Every breathe step of the
# exercise must match. Cyclic sighing: the in-breath is the inhale *plus* the top-up sip (both
# fill the lungs before the one long breath out), and Balban et al. 2023 describe a breath out
# about twice as long as that whole breath in, so the exhale must be >= 2 x (inhale + top_up).
# This is the stricter of the two readings; the lenient one (>= 2 x inhale) would let a 2+1/4
# sigh pass, whose breath out is barely longer than the breath in.
Rule = Callable[[Breathe], bool]


def _pattern(inhale: float, hold: float, exhale: float, hold_after: float) -> Rule:
    return lambda b: (b.inhale, b.top_up, b.hold, b.exhale, b.hold_after) == (
        inhale, 0, hold, exhale, hold_after)


def _cyclic_sigh(b: Breathe) -> bool:
    return b.top_up > 0 and b.exhale >= 2 * (b.inhale + b.top_up)


def _resonance(b: Breathe) -> bool:
    return b.hold == b.hold_after == b.top_up == 0 and 5.0 <= b.breaths_per_minute <= 6.0


def _longer_exhale(b: Breathe) -> bool:
    return b.exhale > b.inhale


PROTOCOLS: dict[str, tuple[str, Rule]] = {
    "box-breathing": ("box 4-4-4-4", _pattern(4, 4, 4, 4)),
    "breathing-4-7-8": ("4-7-8, at most 4 cycles",
                        lambda b: _pattern(4, 7, 8, 0)(b) and b.cycles <= 4),
    "cyclic-sighing": ("cyclic sigh, exhale >= 2 x (inhale + top-up)", _cyclic_sigh),
    "calm-before-a-hard-talk": ("cyclic sigh, exhale >= 2 x (inhale + top-up)", _cyclic_sigh),
    "resonance-breathing": ("resonance, 5-6 breaths a minute, no holds", _resonance),
    "extended-exhale": ("exhale longer than inhale", _longer_exhale),
    "respond-not-react": ("exhale longer than inhale", _longer_exhale),
    "self-soothing-while-waiting": ("exhale longer than inhale", _longer_exhale),
    "soothing-a-childs-feeling": ("exhale longer than inhale", _longer_exhale),
}

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

MIN_SECONDS, MAX_SECONDS = 30.0, 60 * 60.0
MIN_TWO_PERSON_SECONDS = 3 * 60.0
MAX_PLAN_SECONDS = 90 * 60.0
QUICK = {"respond-not-react": 120.0}


def visible_texts(entry: Entry) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a user reads, except the source reference."""
    yield "title", entry.title
    yield "summary", entry.summary
    yield "description", entry.description
    yield "caution", entry.caution
    yield "tags", " ".join(entry.tags)
    if isinstance(entry, Exercise):
        for n, step in enumerate(entry.steps, 1):
            for name in ("text", "low", "high", "measure"):
                value = getattr(step, name, "")
                if value:
                    yield f"step {n} {name}", value


def find_link_problems(folder: Path) -> list[str]:
    out = []
    for path in exercise_files(folder):
        text = DOI_LINK.sub(" ", path.read_text(encoding="utf-8"))
        out += [f"{path.name}: link {m.group()!r}" for m in LINK.finditer(text)]
        out += [f"{path.name}: phone number {m.group()!r}" for m in PHONE.finditer(text)]
    return out


def find_commercial(folder: Path) -> list[str]:
    return [f"{path.name}: commercial word {m.group()!r}"
            for path in exercise_files(folder)
            for m in COMMERCIAL_RE.finditer(path.read_text(encoding="utf-8"))]


def find_unkind(library: Library) -> list[str]:
    out = []
    for entry in library.entries.values():
        for where, text in visible_texts(entry):
            text = text.replace("\u2019", "'")
            hits = [m for m in BLAME_RE.finditer(text) if not NEGATED.search(text[:m.start()])]
            hits += CLINICAL_RE.finditer(text)
            out += [f"{entry.id} {where}: {m.group()!r}" for m in hits]
    return out


def find_missing_sources(library: Library) -> list[str]:
    return [e.id for e in library.entries.values() if len(e.source.strip()) < 5]


def _fmt(b: Breathe) -> str:
    return f"{b.inhale:g}+{b.top_up:g}/{b.hold:g}/{b.exhale:g}/{b.hold_after:g} x{b.cycles}"


def find_protocol_mismatches(library: Library) -> list[str]:
    out = []
    for entry_id, (name, rule) in PROTOCOLS.items():
        entry = library.get(entry_id)
        if entry is None:
            continue  # presence is checked by test_named_protocols_exist
        breaths = [s for s in getattr(entry, "steps", ()) if isinstance(s, Breathe)]
        if not breaths:
            out.append(f"{entry_id}: no breathe step, expected {name}")
        out += [f"{entry_id}: {_fmt(b)} is not {name}" for b in breaths if not rule(b)]
    for e in library.exercises():  # any double breath in anywhere is a cyclic sigh
        out += [f"{e.id}: top-up sigh with exhale {b.exhale} < 2 x {b.inhale + b.top_up}"
                for b in e.steps if isinstance(b, Breathe) and b.top_up and not _cyclic_sigh(b)]
    return out


def find_caution_problems(library: Library) -> list[str]:
    out = []
    for e in library.entries.values():  # plans too: a plan is for two when any part is
        if e.participants < 2:
            continue
        text = e.caution.lower()
        for needed in ("safe", "pause", "therapist"):
            if needed not in text:
                out.append(f"{e.id}: caution does not mention {needed!r}")
    return out


def find_duration_problems(library: Library) -> list[str]:
    out = []
    for e in library.entries.values():
        low = MIN_TWO_PERSON_SECONDS if e.participants >= 2 and not e.is_plan else MIN_SECONDS
        high = QUICK.get(e.id, MAX_PLAN_SECONDS if e.is_plan else MAX_SECONDS)
        if not low <= e.seconds <= high or (e.id in QUICK and e.seconds >= high):
            out.append(f"{e.id}: {e.seconds:.0f} s is outside {low:.0f}-{high:.0f} s")
    return out


ALL_CHECKS = (find_missing_sources, find_unkind, find_protocol_mismatches,
              find_caution_problems, find_duration_problems)

# --- the tests ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(builtin=builtin_dir(), user=None)


def test_library_loads_without_problems(library: Library) -> None:
    assert [str(p) for p in library.problems] == []
    assert len(library.exercises()) >= 20


def test_every_entry_has_a_source(library: Library) -> None:
    assert find_missing_sources(library) == []


def test_no_links_except_doi_and_no_phone_numbers() -> None:
    assert find_link_problems(builtin_dir()) == []


def test_no_commercial_mentions() -> None:
    assert find_commercial(builtin_dir()) == []


def test_user_texts_are_plain_and_kind(library: Library) -> None:
    assert find_unkind(library) == []


def test_named_protocols_exist(library: Library) -> None:
    assert sorted(set(PROTOCOLS) - set(library.entries)) == []


def test_breathing_protocols_match_their_timings(library: Library) -> None:
    assert find_protocol_mismatches(library) == []


def test_two_person_exercises_carry_a_safety_caution(library: Library) -> None:
    assert find_caution_problems(library) == []


def test_durations_are_sensible(library: Library) -> None:
    assert find_duration_problems(library) == []


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


def test_catalogue_does_not_import_textual() -> None:
    code = "import sys, coach.core.catalogue; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- the rules themselves fire -----------------------------------------------------------

BREAKAGES: dict[str, tuple[str, str]] = {
    # file: (text to replace, replacement)
    "box-breathing.yaml": ("hold_after: 4", "hold_after: 3"),
    "cyclic-sighing.yaml": ("exhale: 6", "exhale: 5"),
    "respond-not-react.yaml": ("cycles: 3", "cycles: 9"),
    "support-under-stress.yaml": ("couples therapist", "friend"),
    "noticing-my-pattern.yaml": ("not who you are", "all your fault, and not an attachment style"),
    "self-soothing-while-waiting.yaml": ("is not the same as being left", "is a failure"),
    "keeping-a-promise.yaml": ("Write both promises here",
                               "Buy the premium plan at www.example.com, or call +1 555 0100 "
                               "123, and write both promises here"),
    "curious-questions.yaml": ("23(4):363-377)", "23(4):363-377), https://doi.org/10.1177/"
                               "0146167297234003"),
}


def test_checks_catch_a_broken_copy(tmp_path: Path) -> None:
    folder = tmp_path / "exercises"
    shutil.copytree(builtin_dir(), folder)
    for name, (old, new) in BREAKAGES.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name} no longer contains {old!r}; update BREAKAGES"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    broken = load_library(builtin=folder, user=None)
    assert [str(p) for p in broken.problems] == []
    found = "\n".join(line for check in ALL_CHECKS for line in check(broken))
    found += "\n" + "\n".join(find_link_problems(folder) + find_commercial(folder))
    for expected in ("box-breathing: 4+0/4/4/3 x", "cyclic-sighing: 2+1/0/5/0 x",
                     "respond-not-react: 168 s is outside 30-120 s",
                     "support-under-stress: caution does not mention 'therapist'",
                     "noticing-my-pattern step 7 text: 'your fault'",
                     "noticing-my-pattern step 7 text: 'attachment style'",
                     "self-soothing-while-waiting step 2 text: 'failure'",
                     "keeping-a-promise.yaml: link 'www.'", "'example.com'",
                     "phone number '+1 555 0100 123'",
                     "commercial word 'Buy'", "commercial word 'premium'"):
        assert expected in found
    assert "curious-questions" not in found  # a DOI link is allowed
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
    entry = Exercise(id="x", title="x", kind="emotion", summary="x", source="General practice",
                     steps=(Instruction(text=text),))
    assert bool(find_unkind(Library(entries={"x": entry}))) is unkind


def test_catalogue_check_mode(tmp_path: Path) -> None:
    out = tmp_path / "library.md"
    assert main(["--check", "--output", str(out)]) == 1  # missing file is out of date
    assert main(["--output", str(out)]) == 0
    assert main(["--check", "--output", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8") + "edited by hand\n", encoding="utf-8")
    assert main(["--check", "--output", str(out)]) == 1
