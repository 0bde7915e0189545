"""The library filter (coach.core.browse.matches): words in the title, tags, kind, contexts,
summary, 'couple' for entries for two, and feeling words for entries that ask for feelings."""

from __future__ import annotations

import pytest

from coach.core.browse import filter_groups, haystack, help_guide_id, matches
from coach.core.model import Emotions, Exercise, Instruction


def an_exercise(**changes) -> Exercise:
    fields = dict(id="x", title="Quiet minute", kind="breathing", summary="Sit and settle.",
                  steps=(Instruction("Sit."),), source="ours")
    return Exercise(**{**fields, **changes})


@pytest.fixture(scope="module")
def library():
    from coach.core.library import load_library

    return load_library()


def found(library, query: str) -> list[str]:
    return [e.id for e in library.entries.values() if matches(e, query)]


@pytest.mark.parametrize("query", ["anger", "angry", "couple", "couples", "partner", "lonely", "frustrated"])
def test_words_people_type_find_something(library, query: str) -> None:
    """The trial typed 'anger' and 'couple' and found nothing."""
    assert found(library, query), query


def test_couple_finds_only_entries_for_two_or_that_say_so(library) -> None:
    for entry_id in found(library, "couple"):
        entry = library.get(entry_id)
        assert entry.participants == 2 or "couple" in haystack(entry).replace("for two people couple", "")


def test_summary_words_match() -> None:
    assert matches(an_exercise(), "settle")
    assert not matches(an_exercise(summary="Sit."), "settle")


def test_feeling_words_match_only_entries_that_ask_for_feelings() -> None:
    plain = an_exercise()
    asks = an_exercise(steps=(Emotions("What do you feel?"),))
    assert not matches(plain, "lonely") and matches(asks, "lonely")
    assert matches(asks, "anger")  # the stem of 'anger' starts 'angry'


def test_two_person_entries_match_couple_and_partner() -> None:
    assert matches(an_exercise(participants=2), "couple partner")
    assert not matches(an_exercise(), "couple")


@pytest.mark.parametrize(("query", "expected"), [
    ("settled", True),    # stem "settl" starts a word
    ("quieter", True),
    ("xyzzy", False),
    ("ange", False),      # not in the text, and no stem to try
    ("ings", False),      # stem "ing" starts no word
    ("minutes", True),
    ("ute", True),        # inside a word: plain substring, as before
])
def test_stems_start_words(query: str, expected: bool) -> None:
    assert matches(an_exercise(), query) is expected


def test_every_word_must_match_and_empty_matches_all() -> None:
    assert matches(an_exercise(), "")
    assert matches(an_exercise(), "quiet settle")
    assert not matches(an_exercise(), "quiet xyzzy")


def test_hostile_queries_are_text(library) -> None:
    for query in ("[b]", "(", "\\", ".*", "a+b", "\x1b[2J"):
        found(library, query)  # no regex error, no exception


def test_filter_groups_drops_empty_kinds(library) -> None:
    groups = filter_groups(library.by_kind(), "sigh")
    assert groups and all(groups.values())


def test_the_help_guide_is_found(library) -> None:
    assert help_guide_id(library) == "when-to-seek-help"
    assert library.get("when-to-seek-help").kind == "help"
