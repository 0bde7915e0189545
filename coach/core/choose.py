"""Choosing from a list by typing: the whole word, or its first letters, with "did you mean"
when it is unclear. Used by the plain mode for feelings (no Textual here)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coach.core.feelings import Vocabulary


@dataclass(frozen=True, slots=True)
class Match:
    """What a typed word chose: ``value``, or nothing and what it may have meant."""

    value: str | None
    candidates: tuple[str, ...] = ()
    """Options it starts (several: unclear), or close spellings when it matched none."""

    def did_you_mean(self) -> str:
        """'Did you mean sad or scared?' ('' when there is nothing to offer)."""
        if not self.candidates:
            return ""
        names = list(self.candidates)
        joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        return f"Did you mean {joined}?"


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def match(typed: str, options: Sequence[str], suggest: int = 3) -> Match:
    """The option ``typed`` names: itself (any case), or the only one it starts. Several
    starting with it, or none but a few spelled alike, come back as candidates."""
    wanted = fold(typed)
    if not wanted:
        return Match(None)
    folded = {fold(o): o for o in options}
    if wanted in folded:
        return Match(folded[wanted])
    starts = [o for f, o in folded.items() if f.startswith(wanted)]
    if len(starts) == 1:
        return Match(starts[0])
    if starts:
        return Match(None, tuple(starts))
    close = difflib.get_close_matches(wanted, list(folded), n=suggest, cutoff=0.6)
    return Match(None, tuple(folded[c] for c in close))


Pair = tuple[str, str]
"""(core label, word label), as the history stores a feeling."""


def match_word(typed: str, vocabulary: Vocabulary, core: str) -> tuple[Pair | None, Match]:
    """A specific word: one of ``core``'s words first, else any core's (as the app's filter
    finds them). Returns the (core, word) pair chosen, or None and the match to explain."""
    own = vocabulary.core(core)
    words = list(own.words) if own else []
    found = match(typed, words) if words else Match(None)
    if found.value is not None:
        return (core, found.value), found
    everywhere = _pairs_by_word(vocabulary)
    anywhere = match(typed, list(everywhere))
    if anywhere.value is not None and found.candidates == ():
        return everywhere[anywhere.value], anywhere
    return None, found if found.candidates else anywhere


def _pairs_by_word(vocabulary: Vocabulary) -> dict[str, Pair]:
    out: dict[str, Pair] = {}
    for c in vocabulary.cores:
        for word in c.words:
            out.setdefault(word, (c.word, word))
    return out


def split_words(text: str) -> list[str]:
    """'lonely, left out' -> ['lonely', 'left out'] (commas or semicolons between words)."""
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def listing(items: Iterable[str]) -> str:
    """'a, b and c'."""
    names = list(items)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
