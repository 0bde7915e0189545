"""Suggestions: one test per rule, on small hand-built libraries and histories."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from coach.core.library import Library, load_library
from coach.core.model import Exercise, Timer
from coach.core.suggest import MAX_GAP_DAYS, spacing_gap, suggest
from tests.history_data import generate_runs, make_run

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)  # a Monday afternoon: no time-of-day context


def ex(id: str, kind: str, minutes: float = 3, contexts: tuple[str, ...] = ("anytime",)) -> Exercise:
    return Exercise(id=id, title=id.replace("-", " ").title(), kind=kind, summary="s",
                    steps=(Timer("t", minutes * 60),), source="s", contexts=contexts)


def lib(*entries: Exercise) -> Library:
    return Library(entries={e.id: e for e in entries})


def ago(days: float, hour: int = 9) -> datetime:
    return (NOW - timedelta(days=days)).replace(hour=hour)


def top(library: Library, runs, now=NOW, context=None):
    return suggest(library, runs, now, context, tz=UTC)


def test_same_inputs_same_output_whatever_the_order() -> None:
    library = load_library()
    runs = generate_runs(library, 400, NOW)
    first = top(library, runs)
    reordered = Library(entries=dict(reversed(library.entries.items())))
    assert first == top(library, list(runs)) == top(reordered, runs)
    assert [s.entry_id for s in first] == sorted({s.entry_id for s in first},
                                                 key=lambda i: [s.entry_id for s in first].index(i))
    assert len(first) == len(library.entries)


def test_kind_not_practised_for_days_comes_first() -> None:
    library = lib(ex("box", "breathing"), ex("wheel", "emotion"))
    runs = [make_run("wheel", kind="emotion", at=ago(6))]
    runs += [make_run("box", kind="breathing", at=ago(d)) for d in (5, 4, 3, 2, 1)]
    best = top(library, runs)[0]
    assert best.entry_id == "wheel"
    assert best.reason == "You haven't named feelings in 6 days"


def test_new_entries_are_offered() -> None:
    library = lib(ex("box", "breathing"), ex("sigh", "breathing"))
    runs = [make_run("box", at=ago(d)) for d in (3, 2, 1)]
    best = top(library, runs)[0]
    assert best == top(library, runs)[0]
    assert (best.entry_id, best.reason) == ("sigh", "New: you haven't tried this yet")


def test_gaps_grow_faster_when_it_helped_and_are_capped() -> None:
    helped = [make_run(at=ago(30 - i), calm=(3, 7)) for i in range(8)]
    neutral = [make_run(at=ago(30 - i), calm=(5, 5)) for i in range(8)]
    worse = [make_run(at=ago(30 - i), calm=(6, 4)) for i in range(8)]
    gaps = [spacing_gap(helped[:n]) for n in range(1, 9)]
    assert gaps[:2] == [1.0, 3.0]
    assert gaps == sorted(gaps) and gaps[-1] == MAX_GAP_DAYS
    assert spacing_gap(helped[:4]) > spacing_gap(neutral[:4]) > spacing_gap(worse[:4])
    assert spacing_gap([*helped[:4], make_run(completed=False)]) == spacing_gap(helped[:4])


def test_repeat_is_spaced_but_a_long_break_resets_nothing() -> None:
    library = lib(ex("box", "breathing"), ex("sigh", "breathing"))
    often = [make_run("box", at=ago(d), calm=(3, 7)) for d in (40, 38, 35, 30)]
    sigh = [make_run("sigh", at=ago(d), calm=(3, 7)) for d in (40, 38, 35, 30)]
    just_done = [*often, make_run("box", at=NOW - timedelta(hours=2), calm=(3, 7))]
    assert top(library, [*sigh, *just_done])[0].entry_id == "sigh"
    # After 60 quiet days nothing is reset: the same gap applies, and the entry is simply welcome.
    earlier = [make_run("box", at=ago(d), calm=(3, 7)) for d in (100, 98, 95, 90)]
    assert spacing_gap(often) == spacing_gap(earlier)
    later = top(library, [*sigh, *often], now=NOW + timedelta(days=60))
    assert {s.entry_id for s in later[:2]} == {"box", "sigh"} and later[0].score > 0


def test_what_helped_is_preferred() -> None:
    library = lib(ex("box", "breathing"), ex("sigh", "breathing"))
    runs = [make_run("box", at=ago(d), calm=(3, 7)) for d in (20, 15, 4)]
    runs += [make_run("sigh", at=ago(d), calm=(5, 5)) for d in (20, 15, 4)]
    runs.sort(key=lambda r: r.started_at)
    best = top(library, runs)[0]
    assert best.entry_id == "box"
    assert best.reason == "It has helped you feel calmer (+4 on average)"


def test_context_before_a_hard_talk_prefers_short_and_calming() -> None:
    library = lib(ex("long-talk", "repair", 20, ("before-a-hard-talk",)),
                  ex("minute", "breathing", 1, ("before-a-hard-talk", "stressed")),
                  ex("ritual", "ritual", 2, ("evening",)))
    ranked = top(library, [], context="before-a-hard-talk")
    assert [s.entry_id for s in ranked] == ["minute", "long-talk", "ritual"]
    assert ranked[0].reason == "Short and calming before a hard talk"
    assert ranked[1].reason == "Helps you prepare for a hard talk"


@pytest.mark.parametrize("context", ["after-conflict", "evening"])
def test_context_match_wins(context: str) -> None:
    library = lib(ex("a", "breathing", 3), ex("b", "repair", 10, (context,)))
    assert top(library, [], context=context)[0].entry_id == "b"


def test_time_of_day() -> None:
    library = lib(ex("day", "ritual", 5, ("daily",)), ex("eve", "ritual", 5, ("evening",)),
                  ex("morn", "ritual", 5, ("morning",)))
    evening = top(library, [], now=NOW.replace(hour=19))
    assert evening[0].entry_id == "eve" and evening[0].reason == "A gentle way to close the day"
    assert top(library, [], now=NOW.replace(hour=7))[0].entry_id == "morn"
    assert top(library, [], now=NOW.replace(hour=19), context=None)[0].entry_id == "eve"


def test_stopped_early_offers_a_shorter_one() -> None:
    library = lib(ex("long-breath", "breathing", 10), ex("short-breath", "breathing", 2),
                  ex("mid-breath", "breathing", 9.5))
    runs = [make_run("long-breath", at=ago(d)) for d in (20, 10)]
    runs += [make_run("short-breath", at=ago(12)), make_run("mid-breath", at=ago(12))]
    runs.sort(key=lambda r: r.started_at)
    runs.append(make_run("long-breath", at=ago(1), completed=False))
    ranked = top(library, runs)
    assert ranked[0].entry_id == "short-breath"
    assert ranked[0].reason == "You stopped Long Breath early last time; this shorter one may fit"
    assert ranked[-1].entry_id == "long-breath"


GUILT = re.compile(r"\b(miss|missed|streak|should|must|lost|behind|fail|failed|forgot|lazy|again\?|only)\b",
                   re.IGNORECASE)


@pytest.mark.parametrize("seed", range(6))
def test_reasons_never_nag(seed: int) -> None:
    library = load_library()
    runs = generate_runs(library, 150 * seed, NOW, days=90, seed=seed)
    for context in (None, "before-a-hard-talk", "after-conflict", "evening"):
        for s in top(library, runs, now=NOW + timedelta(days=seed * 3), context=context):
            assert s.reason and "\n" not in s.reason and len(s.reason) <= 100
            assert not GUILT.search(s.reason), s.reason
            assert not s.reason.endswith((".", "!"))


def test_future_runs_and_old_runs_do_not_break_anything() -> None:
    library = lib(ex("box", "breathing"))
    runs = [make_run("box", at=NOW - timedelta(days=900)), make_run("box", at=NOW + timedelta(days=1))]
    [s] = top(library, runs)
    assert s.entry_id == "box"
