"""The feelings vocabulary: the words attachment work relies on, stable keys, and every label an
earlier version stored still resolving to a key (issue 15)."""

from __future__ import annotations

import contextlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.feelings import (
    CORE_KEY,
    WORD_KEY,
    VocabularyError,
    load_vocabulary,
    parse_vocabulary,
    slug,
)

# Issue 15: the words attachment-focused work relies on.
REQUIRED_WORDS = ("numb", "pressured", "criticised", "unimportant", "ignored", "misunderstood",
                  "unwanted", "not good enough", "taken for granted", "vulnerable", "longing",
                  "connected", "shut down", "flooded")

# The vocabulary as shipped before keys existed (labels were stored in histories as they were
# shown). Every pair must still resolve to a key, so the later history migration loses nothing.
PREVIOUS = {
    "mad": ["angry", "annoyed", "irritated", "frustrated", "hurt", "jealous", "resentful",
            "critical", "furious", "hostile", "impatient", "disrespected", "let down", "bitter"],
    "sad": ["lonely", "hurt", "disappointed", "tired", "bored", "guilty", "ashamed", "sorry",
            "depressed", "hopeless", "left out", "homesick", "grieving", "low"],
    "scared": ["anxious", "worried", "insecure", "overwhelmed", "helpless", "rejected",
               "confused", "embarrassed", "nervous", "panicky", "on edge", "abandoned", "small",
               "unsure"],
    "joyful": ["happy", "excited", "playful", "grateful", "hopeful", "cheerful", "delighted",
               "amused", "energetic", "curious", "relieved", "loving", "silly", "glad"],
    "powerful": ["proud", "confident", "respected", "appreciated", "capable", "valued",
                 "worthwhile", "hopeful", "strong", "brave", "focused", "determined",
                 "important", "trusted"],
    "peaceful": ["calm", "content", "relaxed", "secure", "thankful", "loving", "close",
                 "trusting", "thoughtful", "safe", "understood", "accepted", "at ease", "tender"],
}


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return load_vocabulary()


def test_attachment_words_are_offered(vocab) -> None:  # type: ignore[no-untyped-def]
    words = {f.word for f in vocab.feelings()}
    assert [w for w in REQUIRED_WORDS if w not in words] == []


def test_labels_are_plain(vocab) -> None:  # type: ignore[no-untyped-def]
    mad = vocab.core("mad")
    assert mad is not None and mad.key == "mad" and mad.word == "angry"
    assert vocab.core("angry") is mad
    words = {f.word for f in vocab.feelings()}
    assert "depressed" not in words and ({"down", "low"} & words)
    assert [c.word for c in vocab.cores] == ["angry", "sad", "scared", "joyful", "powerful", "peaceful"]


def test_every_feeling_has_a_stable_unique_key(vocab) -> None:  # type: ignore[no-untyped-def]
    keys = [c.key for c in vocab.cores] + [f.key for f in vocab.feelings()]
    assert len(keys) == len(set(keys)) == len(vocab.keys())
    assert all(CORE_KEY.match(c.key) for c in vocab.cores)
    for core in vocab.cores:
        for f in core.feelings:
            assert WORD_KEY.match(f.key) and f.key.startswith(core.key + "/") and f.core == core.key
    sad = vocab.core("sad")
    assert sad is not None
    assert {f.word: f.key for f in sad.feelings}["left out"] == "sad/left-out"


def test_a_word_sits_under_one_core_only(vocab) -> None:  # type: ignore[no-untyped-def]
    """A word under two cores would split the monthly feeling statistics."""
    seen: dict[str, str] = {}
    twice = []
    for core in vocab.cores:
        for word in (core.word, *core.words):
            if seen.setdefault(word, core.word) != core.word:
                twice.append(word)
    assert twice == []


def test_every_previously_stored_label_resolves_to_a_key(vocab) -> None:  # type: ignore[no-untyped-def]
    missing = [(core, word) for core, words in PREVIOUS.items() for word in [core, *words]
               if vocab.key_for(core, word) is None]
    assert missing == []
    assert vocab.key_for("mad", "mad") == vocab.key_for("mad", "angry") == "mad"
    assert vocab.key_for("sad", "depressed") == "sad/low"
    assert vocab.key_for("mad", "hurt") == vocab.key_for("sad", "hurt") == "sad/hurt"
    assert vocab.key_for("powerful", "hopeful") == "joyful/hopeful"
    assert vocab.key_for("joyful", "loving") == "peaceful/loving"
    assert vocab.key_for("angry", "not a word") is None


def test_todays_labels_resolve_to_their_own_keys(vocab) -> None:  # type: ignore[no-untyped-def]
    """A former label never shadows a word offered today."""
    for core in vocab.cores:
        assert vocab.key_for(core.word, core.word) == core.key
        for f in core.feelings:
            assert vocab.key_for(core.word, f.word) == f.key


def test_slug() -> None:
    assert slug("left out") == "left-out"
    assert slug("Not good enough") == "not-good-enough"
    assert slug("at-ease ") == "at-ease"


BROKEN = {
    "duplicate key": ("cores:\n  - {key: a, word: a, description: d, words: [x, x]}\n", "used twice"),
    "bad core key": ("cores:\n  - {key: A B, word: a, description: d, words: [x]}\n", "core's key"),
    "word key outside its core": (
        "cores:\n  - {key: a, word: a, description: d, words: [{word: x, key: b/x}]}\n",
        "must start with its core's key"),
    "formerly label on a word": (
        "cores:\n  - {key: a, word: a, description: d, words: [{word: x, formerly: [y]}]}\n",
        "old 'core/word' pair"),
    "formerly twice": (
        "cores:\n  - {key: a, word: a, formerly: [z], description: d,"
        " words: [{word: x, formerly: [z/z]}]}\n", "already listed"),
    "unknown key": ("cores:\n  - {key: a, word: a, description: d, words: [x], colour: red}\n",
                    "unknown key 'colour'"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_vocabularies_are_reported(name: str) -> None:
    body, message = BROKEN[name]
    with pytest.raises(VocabularyError) as info:
        parse_vocabulary(("format: 1\n" + body).encode(), "v.yaml")
    assert any(message in p.message for p in info.value.problems), info.value.problems


@given(st.binary(max_size=300))
def test_any_bytes_parse_or_raise_vocabulary_error(data: bytes) -> None:
    with contextlib.suppress(VocabularyError):
        parse_vocabulary(data, "v.yaml")


def test_key_patterns() -> None:
    assert re.match(WORD_KEY, "sad/not-good-enough") and not re.match(WORD_KEY, "sad")
