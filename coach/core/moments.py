"""When an entry suits: the contexts of the moment, and what an entry's shape says it is for.

Pure facts about entries and the clock, read by the suggestions (:mod:`coach.core.suggest`):
which contexts suit the local time, which entries are only for a situation, a card for the
moment, breath holds too long for stress, and which entry can stand in for another.
"""

from __future__ import annotations

from datetime import datetime

from coach.core.model import Breathe, Entry, Exercise, Instruction

HOLD_LIMIT = 5.0
"""Seconds of breath holding above which an exercise is not offered for stress."""
SITUATIONAL = {"before-a-hard-talk", "after-conflict", "stressed", "waiting", "parenting", "transitions"}
"""Entries only for these are offered when asked for (a context), not out of the blue."""
NOT_NOW = SITUATIONAL | {"weekly"}
"""The same on weekdays, when a weekly look back is not due."""
TIMES_OF_DAY = {"morning", "evening", "bedtime"}
"""An entry for some of these and not "anytime" is not offered out of the blue at another."""


def time_of_day_contexts(hour: int) -> tuple[str, ...]:
    """Contexts that suit the local hour."""
    if 5 <= hour < 11:
        return ("morning",)
    if 18 <= hour < 21:
        return ("evening",)
    if hour >= 21 or hour < 2:
        return ("evening", "bedtime")
    return ()


def moment_contexts(local_now: datetime) -> tuple[str, ...]:
    """Contexts that suit the local time: the hour, and the weekend for weekly ones."""
    return time_of_day_contexts(local_now.hour) + (("weekly",) if local_now.weekday() >= 5 else ())


def is_card(entry: Entry) -> bool:
    """A card for the moment: only text to read (nothing to breathe, time, rate or write),
    such as repair phrases for a heated moment. It is never a habit."""
    return isinstance(entry, Exercise) and bool(entry.steps) and all(
        isinstance(step, Instruction) for step in entry.steps)


def everyday_contexts(entry: Entry) -> set[str]:
    """The contexts an entry may be offered in out of the blue: a card's "anytime" is any
    time its moment comes, not any time at all."""
    return set(entry.contexts) - {"anytime"} if is_card(entry) else set(entry.contexts)


def long_hold(entry: Entry) -> bool:
    """A breath held longer than HOLD_LIMIT anywhere in the entry (not for stress)."""
    exercises = entry.exercises if not isinstance(entry, Exercise) else (entry,)
    return any(isinstance(step, Breathe) and max(step.hold, step.hold_after) > HOLD_LIMIT
               for ex in exercises for step in ex.steps)


def long_exhale(entry: Entry) -> bool:
    """Every breathing step breathes out longer than in, with no long hold."""
    steps = [s for s in entry.steps if isinstance(s, Breathe)] if isinstance(entry, Exercise) else []
    return bool(steps) and all(s.exhale > s.inhale + s.top_up and max(s.hold, s.hold_after) <= HOLD_LIMIT
                               for s in steps)


def stands_in_for(entry: Entry, other: Entry) -> bool:
    """``entry`` could be done instead of ``other``: the same kind and the same number of
    people (a boundary for one is no substitute for a repair for two), and suits a moment
    ``other`` is for ("anytime" only when ``other`` is for nothing more particular: a sleep
    breath is no substitute for a stress one)."""
    moments = set(other.contexts) - {"anytime"} or set(other.contexts)
    return (entry.kind == other.kind and entry.participants == other.participants
            and (not moments or bool(moments & set(entry.contexts))))
