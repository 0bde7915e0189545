"""The kinds of entry in the library: one table for every label, heading and phrase."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    id: str
    label: str
    """Singular, for a line about one entry ("Ritual, about 5 min")."""
    plural: str
    """Heading of a group of entries ("Rituals")."""
    done: str
    """What practising it is called in a reason ("You haven't shared a ritual in 4 days");
    empty for kinds never suggested as a habit."""
    purpose: str = ""
    """One line for the help screen."""
    recorded: bool = True
    """Whether runs of this kind are kept in the history (the help guide's are not: on a shared
    computer, nobody should find that it was read)."""


KIND_TABLE: tuple[Kind, ...] = (
    Kind("breathing", "Breathing", "Breathing", "done a breathing exercise",
         "slow, paced breaths that settle the body - before a hard talk, when stressed, or to "
         "wind down."),
    Kind("emotion", "Naming feelings", "Naming feelings", "named feelings",
         "find the words for what you feel; a named feeling is easier to handle and to share."),
    Kind("repair", "Repair", "Repair and requests", "practised repair",
         "scripts for couples, and a few for yourself: take turns, listen, say it back, ask "
         "kindly, say no kindly, and make up after a fight."),
    Kind("ritual", "Ritual", "Rituals", "shared a ritual",
         "small habits that keep you close: appreciation, check-ins, reconnecting."),
    Kind("family", "Family", "Family", "done a family exercise",
         "for parents: soothing a child's feelings, routines, repair after snapping."),
    Kind("help", "Getting help", "Getting help", "",
         "when and where to look for more help; never suggested, always one key away.",
         recorded=False),
    Kind("plan", "Plan", "Plans", "",
         "a few exercises in a row for a situation, such as after a fight."),
)
KIND_BY_ID: dict[str, Kind] = {k.id: k for k in KIND_TABLE}
KIND_ORDER: tuple[str, ...] = tuple(k.id for k in KIND_TABLE)
"""Kinds in the order the library shows them."""


def kind_of(kind_id: str) -> Kind:
    """The kind ``kind_id``; an unknown one gets labels made from its id."""
    known = KIND_BY_ID.get(kind_id)
    if known is not None:
        return known
    words = kind_id.replace("-", " ").capitalize()
    return Kind(kind_id, words, words, "")
