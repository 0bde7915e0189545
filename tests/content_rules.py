"""Rules the built-in library must keep (issues 6, 12 and 15), each a small ``find_*`` function
returning the problems it sees as readable strings.

``tests/test_content.py`` asserts that the real library has none and that every rule fires on a
deliberately broken copy; the care rules live here too so both files share one definition.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from coach.core.feelings import load_vocabulary
from coach.core.library import Library, exercise_files
from coach.core.model import (
    Break,
    Breathe,
    Emotions,
    Entry,
    Exercise,
    Instruction,
    Note,
    Plan,
    Rate,
    Reflect,
    Timer,
    Turn,
)
from coach.core.session import auto_advances

# --- links, phone numbers, commercial words, blame and labels ----------------------------------

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
# Idioms an international reader would miss (issue 15), and step numbering that clashes with
# the runner's own "Step n of m" counter.
IDIOMS = ("cross", "school run", "GP", "carer", "carers", "wires crossed", "set you up",
          "lands with you", "cuppa", "fortnight")
NUMBERING = re.compile(r"\b(?:step|part)\s+\d+\s+of\s+\d+\b", re.I)


def _words(terms: tuple[str, ...], flags: int = re.I) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)


COMMERCIAL_RE = _words(COMMERCIAL)
BLAME_RE = _words(BLAME)
CLINICAL_RE = _words(CLINICAL)
IDIOMS_RE = _words(IDIOMS, 0)  # case matters: "GP", not "gp" inside a word list
# Reassurance that negates a blame word is kind ("a hard week is not a failure"); a negated
# clinical label is still a label, so only blame words are excused this way.
NEGATED = re.compile(r"\b(?:not|no)(?:\s+(?:a|an|of|your|my))?\s+$", re.I)


def visible_texts(entry: Entry) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a user reads, except the source reference."""
    yield "title", entry.title
    yield "summary", entry.summary
    yield "description", entry.description
    yield "caution", entry.caution
    yield "tags", " ".join(entry.tags)
    if isinstance(entry, Exercise):
        yield "safety", entry.safety
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


def find_idioms_and_numbering(library: Library) -> list[str]:
    out = []
    for entry in library.entries.values():
        for where, text in visible_texts(entry):
            out += [f"{entry.id} {where}: idiom {m.group()!r}" for m in IDIOMS_RE.finditer(text)]
            out += [f"{entry.id} {where}: numbering {m.group()!r}" for m in NUMBERING.finditer(text)]
    return out


# --- sources ---------------------------------------------------------------------------------

YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
DOI_LIKE = re.compile(r"\b10\.[^\s;,]*")
DOI_OK = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+[A-Za-z0-9)]$")


def find_source_problems(library: Library) -> list[str]:
    """Every source names a findable work with a year; every DOI is well-formed."""
    out = []
    for e in library.entries.values():
        source = e.source.strip()
        if len(source) < 5:
            out.append(f"{e.id}: no source")
            continue
        if not YEAR.search(source):
            out.append(f"{e.id}: source has no year")
        if source.lower().startswith("general practice"):
            out.append(f"{e.id}: source is only 'general practice'")
        for m in DOI_LIKE.finditer(source):
            doi = m.group().rstrip(".")
            if not DOI_OK.match(doi):
                out.append(f"{e.id}: malformed DOI {doi!r}")
        if "hold me tight" in e.title.lower():
            out.append(f"{e.id}: 'Hold Me Tight' is a registered name, not a title")
    return out


# --- breathing -----------------------------------------------------------------------------

Rule = Callable[[Breathe], bool]


def _pattern(inhale: float, hold: float, exhale: float, hold_after: float) -> Rule:
    return lambda b: (b.inhale, b.top_up, b.hold, b.exhale, b.hold_after) == (
        inhale, 0, hold, exhale, hold_after)


def _cyclic_sigh(b: Breathe) -> bool:
    """Balban et al. 2023: the breath out about twice the whole breath in (inhale + top-up)."""
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
    "i-need-a-break": ("exhale longer than inhale", _longer_exhale),
    "repair-after-snapping": ("exhale longer than inhale", _longer_exhale),
}
STRESSED_MAX_HOLD = 5.0
"""Longer breath holds can feel like air hunger when panicky: not for 'stressed'."""


def _fmt(b: Breathe) -> str:
    return f"{b.inhale:g}+{b.top_up:g}/{b.hold:g}/{b.exhale:g}/{b.hold_after:g} x{b.cycles}"


def _breaths(entry: Entry) -> list[Breathe]:
    return [s for s in getattr(entry, "steps", ()) if isinstance(s, Breathe)]


def find_protocol_mismatches(library: Library) -> list[str]:
    out = []
    for entry_id, (name, rule) in PROTOCOLS.items():
        entry = library.get(entry_id)
        if entry is None:
            continue  # presence is checked by test_named_protocols_exist
        breaths = _breaths(entry)
        if not breaths:
            out.append(f"{entry_id}: no breathe step, expected {name}")
        out += [f"{entry_id}: {_fmt(b)} is not {name}" for b in breaths if not rule(b)]
    for e in library.exercises():  # any double breath in anywhere is a cyclic sigh
        out += [f"{e.id}: top-up sigh with exhale {b.exhale} < 2 x {b.inhale + b.top_up}"
                for b in _breaths(e) if b.top_up and not _cyclic_sigh(b)]
    return out


def find_stressed_holds(library: Library) -> list[str]:
    return [f"{e.id}: holds {max(b.hold, b.hold_after):g} s but is offered for 'stressed'"
            for e in library.exercises() if "stressed" in e.contexts
            for b in _breaths(e) if max(b.hold, b.hold_after) > STRESSED_MAX_HOLD]


def has_holds(e: Exercise) -> bool:
    return any(b.hold or b.hold_after for b in _breaths(e))


def has_deep_breaths(e: Exercise) -> bool:
    """A top-up sip, or a breath in of five seconds or more: over-breathing is possible."""
    return any(b.top_up or b.inhale >= 5 for b in _breaths(e))


def find_safety_problems(library: Library) -> list[str]:
    """Breathing with holds or deep breaths carries a safety line naming what matters."""
    out = []
    for e in library.exercises():
        text = e.safety.lower()
        if e.kind == "breathing" and not text:
            out.append(f"{e.id}: breathing exercise without a safety line")
        if (has_holds(e) or has_deep_breaths(e)) and "dizzy" not in text:
            out.append(f"{e.id}: holds or deep breaths, but the safety line does not say "
                       "to stop if dizzy")
        if has_holds(e):
            out += [f"{e.id}: holds, but the safety line does not mention {word!r}"
                    for word in ("pregnant", "heart or lung") if word not in text]
    return out


# --- cautions and care -----------------------------------------------------------------------

FAST = {"flooding-break"}
"""Two-person exercises that must reach their timer at once: no caution screen at all."""
CONFLICT_CAUTION = ("afraid of your partner", "pressured to take part", "threatened",
                    "hurt, watched or controlled", "not the tool", "individual support",
                    "specialist abuse service", "not couples therapy", "couples therapist")
PAUSE_LINE = "either of you can say pause; whoever is at the keyboard presses space."
SHORT_CAUTION = 160


def is_conflict_script(e: Entry) -> bool:
    """A two-person repair conversation (or a plan with one): the full caution applies."""
    if isinstance(e, Plan):
        return any(is_conflict_script(x) for x in e.exercises)
    return e.participants >= 2 and e.kind == "repair" and e.id not in FAST


def find_caution_problems(library: Library) -> list[str]:
    out = []
    for e in library.entries.values():
        text = " ".join(e.caution.lower().split())
        if e.id in FAST:
            if e.caution:
                out.append(f"{e.id}: a fast exercise must have no caution screen")
            first = getattr(e.steps[0], "text", "").lower() if isinstance(e, Exercise) else ""
            if "afraid" not in first:
                out.append(f"{e.id}: its first screen does not name being afraid")
            continue
        if e.participants < 2:
            continue
        if not text:
            out.append(f"{e.id}: two-person entry without a caution")
            continue
        if PAUSE_LINE not in text:
            out.append(f"{e.id}: caution lacks {PAUSE_LINE!r}")
        if is_conflict_script(e):
            out += [f"{e.id}: caution does not say {p!r}" for p in CONFLICT_CAUTION if p not in text]
        elif e.kind == "ritual":
            if len(text) > SHORT_CAUTION:
                out.append(f"{e.id}: a ritual's caution is {len(text)} characters, "
                           f"more than one short line ({SHORT_CAUTION})")
            if "safe" not in text:
                out.append(f"{e.id}: caution does not mention feeling safe")
    return out


def find_stacked_cautions(library: Library) -> list[str]:
    """The runner shows a plan's caution instead of its exercises' (never two stacked), so a
    plan with any cautioned exercise carries its own caution, as strong as the strongest."""
    out = []
    for plan in library.plans():
        cautioned = [x.id for x in plan.exercises if x.caution]
        if cautioned and not plan.caution:
            out.append(f"{plan.id}: its exercises {cautioned} have cautions but the plan has none")
    return out


def find_help_problems(library: Library) -> list[str]:
    """The help guide is its own kind and stores nothing typed."""
    guide = library.get("when-to-seek-help")
    if not isinstance(guide, Exercise):
        return ["when-to-seek-help: missing"]
    out = []
    if guide.kind != "help":
        out.append(f"when-to-seek-help: kind is {guide.kind!r}, not 'help'")
    out += [f"when-to-seek-help: step {n} asks for a {s.type}, which would be stored"
            for n, s in enumerate(guide.steps, 1) if isinstance(s, Note | Emotions | Rate)]
    text = " ".join(" ".join(getattr(s, "text", "") for s in guide.steps).lower().split())
    for needed in ("afraid of your partner", "control", "hurting someone else", "child",
                   "crisis line", "emergency services", "coach forget", "this computer"):
        if needed not in text:
            out.append(f"when-to-seek-help: does not mention {needed!r}")
    return out


MID_BREAK = ("after-a-regrettable-incident", "speaker-listener", "soft-start-up")
LONG_SCRIPT_SECONDS = 15 * 60


def find_missing_break_reminders(library: Library) -> list[str]:
    """Long two-person scripts remind once, between the first and last turn, that either can
    take a break."""
    out = []
    for e in library.exercises():
        if not (e.id in MID_BREAK or (is_conflict_script(e) and e.seconds > LONG_SCRIPT_SECONDS)):
            continue
        turns = [i for i, s in enumerate(e.steps) if isinstance(s, Turn)]
        middle = e.steps[turns[0] + 1:turns[-1]] if turns else ()
        if not any(isinstance(s, Instruction) and "break" in s.text.lower() for s in middle):
            out.append(f"{e.id}: no break reminder between its first and last turn")
    return out


def find_placeholder_problems(library: Library) -> list[str]:
    """Turns speak to someone by name; reflections tell the listener what to do."""
    out = []
    for e in library.exercises():
        for n, s in enumerate(e.steps, 1):
            if isinstance(s, Turn) and "{speaker}" not in s.text and "{listener}" not in s.text:
                out.append(f"{e.id} step {n}: a turn that names neither speaker nor listener")
            if isinstance(s, Reflect) and "{listener}" not in s.text:
                out.append(f"{e.id} step {n}: a reflection that does not address the listener")
    return out


def steps_before_timer(e: Exercise) -> int:
    """Key presses a person needs before the first timer or break starts (names dialog and
    the break's own choice of a return time not counted)."""
    index = next(i for i, s in enumerate(e.steps) if isinstance(s, Timer | Break))
    return sum(1 for s in e.steps[:index] if not auto_advances(s))


def vocabulary_labels() -> set[str]:
    v = load_vocabulary()
    return {c.word for c in v.cores} | {f.word for f in v.feelings()}
