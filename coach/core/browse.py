"""What the home screen shows about the library, as plain text (pure Python, no Textual).

Filtering, one line per step "at a glance", and how often and when an entry was practised.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from coach.core.kinds import kind_of
from coach.core.model import (
    Break,
    Breathe,
    Emotions,
    Entry,
    Instruction,
    Note,
    Rate,
    Reflect,
    Step,
    Timer,
    Turn,
    format_duration,
)
from coach.core.runs import RunResult

if TYPE_CHECKING:
    from coach.core.library import Library


def kind_title(kind: str) -> str:
    """The heading of a group of this kind."""
    return kind_of(kind).plural


HELP_GUIDE = "when-to-seek-help"
"""The guide on when and where to look for more help ('g' on the home screen)."""
TWO_PEOPLE_WORDS = "for two people couple partner together"
"""Words that find an entry for two (one of them, 'couple', is the one people type)."""
_SUFFIX = re.compile(r"(?:ness|ing|ed|er|es|ly|s|y)$")


def help_guide_id(library: Library) -> str | None:
    """The help guide's id: ``when-to-seek-help``, else the first entry of kind ``help``."""
    if library.get(HELP_GUIDE) is not None:
        return HELP_GUIDE
    return next((e.id for e in library.entries.values() if e.kind == "help"), None)


def feeling_words() -> str:
    """Every word of the feelings vocabulary, for finding exercises that name feelings (the
    packaged vocabulary is read once, by coach.core.feelings; a broken one means no words)."""
    from coach.core.feelings import load_vocabulary

    try:
        vocabulary = load_vocabulary()
    except Exception:
        return ""
    return " ".join(" ".join((c.word, *c.words)) for c in vocabulary.cores).lower()


def _asks_feelings(entry: Entry) -> bool:
    steps = [s for e in entry.exercises for s in e.steps] if entry.is_plan else entry.steps  # type: ignore[union-attr]
    return any(isinstance(s, Emotions) for s in steps)


def haystack(entry: Entry) -> str:
    """The words the filter looks in: title, id, kind, tags, contexts, summary; 'couple' and
    the like for entries for two; the feelings vocabulary for entries that ask you to name
    a feeling."""
    parts = [entry.title, entry.id.replace("-", " "), entry.kind, kind_title(entry.kind), *entry.tags,
             *(c.replace("-", " ") for c in entry.contexts), entry.summary]
    if entry.participants == 2:
        parts.append(TWO_PEOPLE_WORDS)
    if _asks_feelings(entry):
        parts.append(feeling_words())
    return " ".join(parts).lower()


def _word_matches(word: str, text: str) -> bool:
    """``word`` anywhere in ``text``, or its stem at the start of a word ('anger' finds
    'angry', 'couples' finds 'couple', 'calmer' finds 'calm')."""
    if word in text:
        return True
    stem = _SUFFIX.sub("", word)
    return len(stem) >= 3 and stem != word and re.search(rf"\b{re.escape(stem)}", text) is not None


def matches(entry: Entry, query: str) -> bool:
    """True when every word of ``query`` is found in what :func:`haystack` lists."""
    words = query.lower().split()
    if not words:
        return True
    text = haystack(entry)
    return all(_word_matches(word, text) for word in words)


def filter_groups(groups: dict[str, list[Entry]], query: str) -> dict[str, list[Entry]]:
    """``Library.by_kind()`` narrowed to entries matching ``query``; empty kinds dropped."""
    out = {kind: [e for e in entries if matches(e, query)] for kind, entries in groups.items()}
    return {kind: entries for kind, entries in out.items() if entries}


def _seconds(value: float) -> str:
    return f"{value:g}"


def _short(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def step_glance(step: Step) -> str:
    """One short line describing a step, e.g. 'Breathe 4-4-4-4, 6 cycles (2 min)'."""
    match step:
        case Breathe():
            parts = [_seconds(step.inhale)]
            if step.top_up:
                parts[0] += f"+{_seconds(step.top_up)}"
            if step.hold:
                parts.append(_seconds(step.hold))
            parts.append(_seconds(step.exhale))
            if step.hold_after:
                parts.append(_seconds(step.hold_after))
            total = format_duration(step.seconds)
            return f"Breathe {'-'.join(parts)} s, {step.cycles} cycles ({total})"
        case Instruction(seconds=None):
            return f"Read: {_short(step.text)}"
        case Instruction():
            return f"Read ({format_duration(step.seconds or 0)}): {_short(step.text)}"
        case Timer():
            return f"Pause {format_duration(step.seconds)}: {_short(step.text)}"
        case Emotions():
            return "Name your feelings"
        case Rate():
            return f"Rate {step.measure} (0-10)"
        case Turn():
            return f"{{{step.speaker}}} speaks, {{{step.listener}}} listens ({format_duration(step.seconds)})"
        case Reflect():
            return f"{{{step.listener}}} says back what {{{step.speaker}}} said"
        case Note():
            return f"Note (optional): {_short(step.text)}"
        case Break():
            return "A break: agree when you'll come back, then calm down apart"
    return type(step).__name__  # pragma: no cover


def glance_lines(entry: Entry, partner_a: str = "", partner_b: str = "") -> list[str]:
    """Steps of an exercise, or the exercises of a plan, one line each."""
    if entry.is_plan:
        return [f"{e.title} ({format_duration(e.seconds)})" for e in entry.exercises]  # type: ignore[union-attr]
    names = {"a": partner_a or "Partner A", "b": partner_b or "Partner B"}
    return [step_glance(s).replace("{a}", names["a"]).replace("{b}", names["b"])
            for s in entry.steps]  # type: ignore[union-attr]


@dataclass(frozen=True, slots=True)
class Practice:
    """How often an entry was practised (finished or not) and when last."""

    count: int = 0
    last: datetime | None = None


def practice_of(entry: Entry, runs: Iterable[RunResult]) -> Practice:
    """Runs of an exercise (by exercise id, alone or inside a plan), or of a plan (its
    results carry the plan id; each start of the plan counts once, by its first exercise)."""
    if entry.is_plan:
        mine = [r for r in runs if r.plan_id == entry.id]
        first = entry.exercises[0].id if entry.exercises else None  # type: ignore[union-attr]
        count = sum(1 for r in mine if r.exercise_id == first)
    else:
        mine = [r for r in runs if r.exercise_id == entry.id]
        count = len(mine)
    return Practice(count=count, last=max((r.ended_at for r in mine), default=None))


def ago(when: datetime, now: datetime) -> str:
    """'today', 'yesterday', '3 days ago', '2 weeks ago', '5 months ago'."""
    days = (now.date() - when.date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


def practice_line(practice: Practice, now: datetime) -> str:
    if not practice.count or practice.last is None:
        return "Not practised yet"
    times = "once" if practice.count == 1 else f"{practice.count} times"
    return f"Last practised {ago(practice.last, now)} · {times} in all"
