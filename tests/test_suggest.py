"""Suggestions: one test per rule, on small hand-built libraries and histories, plus properties
(any order, any history the store accepts). Personas on the real library: test_suggest_personas.py."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta

import pytest

from coach.core.library import Library, load_library
from coach.core.model import Breathe, Exercise, Instruction, Plan, Timer
from coach.core.suggest import MAX_GAP_DAYS, spacing_gap, suggest
from tests.history_data import generate_runs, make_run

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)  # a Monday afternoon: no time-of-day context


def ex(id: str, kind: str, minutes: float = 3, contexts: tuple[str, ...] = ("anytime",),
       participants: int = 1, hold: float = 0.0, exhale: float = 4.0) -> Exercise:
    steps: tuple = (Timer("t", minutes * 60),)
    if kind == "breathing":
        steps = (Breathe(inhale=4, exhale=exhale, hold=hold, cycles=max(1, int(minutes * 60 / (8 + hold)))),)
    return Exercise(id=id, title=id.replace("-", " ").title(), kind=kind, summary="s", steps=steps,
                    source="s", contexts=contexts, participants=participants)


def lib(*entries: Exercise | Plan) -> Library:
    return Library(entries={e.id: e for e in entries})


def ago(days: float, hour: int = 9) -> datetime:
    return (NOW - timedelta(days=days)).replace(hour=hour)


def top(library: Library, runs, now=NOW, context=None, practice=""):
    return suggest(library, runs, now, context, tz=UTC, practice=practice)


def ids(suggestions, n: int = 3) -> list[str]:
    return [s.entry_id for s in suggestions[:n]]


def opened(exercise_id: str, at: datetime, kind: str = "breathing"):  # type: ignore[no-untyped-def]
    """A run that was only opened: no step done, 5 seconds."""
    run = make_run(exercise_id, kind=kind, at=at, completed=False, minutes=5 / 60)
    run.steps_done = []
    return run


def test_same_inputs_same_output_whatever_the_order() -> None:
    library = load_library()
    runs = generate_runs(library, 400, NOW)
    first = top(library, runs)
    shuffled = list(runs)
    random.Random(1).shuffle(shuffled)
    reordered = Library(entries=dict(reversed(library.entries.items())))
    assert first == top(library, list(reversed(runs))) == top(library, shuffled) == top(reordered, runs)
    offered = [e for e in library.entries.values() if e.kind != "help"]  # guides are never suggested
    assert len({s.entry_id for s in first}) == len(first) == len(offered)


def test_reasons_are_true_when_runs_come_out_of_order() -> None:
    """Issue 19: "You haven't done a breathing exercise in 21 days" for someone who breathed
    yesterday, because the newest run came first."""
    library = lib(ex("box", "breathing"), ex("wheel", "emotion"))
    runs = [make_run("box", at=ago(1)), make_run("box", at=ago(21)),
            make_run("wheel", kind="emotion", at=ago(6))]
    for order in (runs, runs[::-1]):
        reasons = {s.entry_id: s.reason for s in top(library, order)}
        assert reasons["wheel"] == "You haven't named feelings in 6 days"
        assert "21 days" not in reasons["box"]


def test_kind_not_practised_for_days_comes_first() -> None:
    library = lib(ex("box", "breathing"), ex("wheel", "emotion"))
    runs = [make_run("wheel", kind="emotion", at=ago(6))]
    runs += [make_run("box", kind="breathing", at=ago(d)) for d in (5, 4, 3, 2, 1)]
    best = top(library, runs)[0]
    assert (best.entry_id, best.reason) == ("wheel", "You haven't named feelings in 6 days")


def test_new_entries_are_offered() -> None:
    library = lib(ex("box", "breathing"), ex("sigh", "breathing"))
    runs = [make_run("box", at=ago(d)) for d in (3, 2, 1)]
    best = top(library, runs)[0]
    assert (best.entry_id, best.reason) == ("sigh", "New: a breathing exercise you haven't tried yet")


def test_gaps_grow_faster_when_calm_rose_and_are_capped() -> None:
    helped = [make_run(at=ago(30 - i), calm=(3, 7)) for i in range(8)]
    neutral = [make_run(at=ago(30 - i), calm=(5, 5)) for i in range(8)]
    worse = [make_run(at=ago(30 - i), calm=(6, 4)) for i in range(8)]
    gaps = [spacing_gap(helped[:n]) for n in range(1, 9)]
    assert gaps[:2] == [1.0, 3.0]
    assert gaps == sorted(gaps) and gaps[-1] == MAX_GAP_DAYS
    assert spacing_gap(helped[:4]) > spacing_gap(neutral[:4]) > spacing_gap(worse[:4])
    assert spacing_gap([*helped[:4], make_run(completed=False)]) == spacing_gap(helped[:4])
    skipped = make_run(at=ago(1))
    skipped.steps_done = []  # every step skipped: not done
    assert spacing_gap([*helped[:4], skipped]) == spacing_gap(helped[:4])


def test_repeat_is_spaced_but_a_long_break_resets_nothing() -> None:
    library = lib(ex("box", "breathing"), ex("sigh", "breathing"))
    often = [make_run("box", at=ago(d)) for d in (40, 38, 35, 30)]
    sigh = [make_run("sigh", at=ago(d)) for d in (40, 38, 35, 30)]
    just_done = [*often, make_run("box", at=NOW - timedelta(hours=2))]
    assert top(library, [*sigh, *just_done])[0].entry_id == "sigh"
    # After 60 quiet days nothing is reset: the same gap applies, and the entry is simply welcome.
    earlier = [make_run("box", at=ago(d)) for d in (100, 98, 95, 90)]
    assert spacing_gap(often) == spacing_gap(earlier)
    later = top(library, [*sigh, *often], now=NOW + timedelta(days=60))
    assert {s.entry_id for s in later[:2]} == {"box", "sigh"} and later[0].score > 0


def test_what_helped_is_preferred_with_the_persons_numbers() -> None:
    library = lib(ex("box", "breathing"), ex("sigh", "breathing"))
    runs = [make_run("box", at=ago(d), calm=(3, 7)) for d in (20, 15, 4)]
    runs += [make_run("sigh", at=ago(d), calm=(5, 5)) for d in (20, 15, 4)]
    best = top(library, runs)[0]
    assert (best.entry_id, best.reason) == ("box", "It has helped you: about 4 points calmer, over 3 runs")
    # two rated runs are not enough to tell
    assert "helped" not in top(library, runs[1:3] + runs[4:])[0].reason


def test_what_helped_comes_first_when_stressed_even_just_after_doing_it() -> None:
    library = lib(ex("box", "breathing", 6, ("stressed", "anytime", "before-a-hard-talk")),
                  ex("minute", "breathing", 1, ("stressed", "before-a-hard-talk"), exhale=6),
                  ex("wheel", "emotion", 2, ("stressed", "anytime")))
    runs = [make_run("box", at=ago(d, 7), calm=(3, 6)) for d in range(21)]
    runs.append(make_run("box", at=NOW - timedelta(minutes=30), calm=(3, 6)))
    for context in ("stressed", "before-a-hard-talk"):
        best = top(library, runs, context=context)[0]
        assert best.entry_id == "box"
        assert best.reason == "It has helped you: about 3 points calmer, over 22 runs"
    # With no context it is not offered again the same day, and is back the next morning.
    assert "box" not in ids(top(library, runs), 2)
    assert top(library, runs, now=NOW + timedelta(hours=18))[0].entry_id == "box"


def test_measures_other_than_calm_are_not_read_as_helping() -> None:
    from coach.core.runs import Rating

    library = lib(ex("box", "breathing"), ex("sigh", "breathing"))
    runs = [make_run("box", at=ago(d)) for d in (9, 8, 7)] + [make_run("sigh", at=ago(d)) for d in (9, 8, 7)]
    for run in runs[:3]:
        run.ratings = [Rating("energy", 1, 0), Rating("energy", 9, 4)]
    for s in top(library, runs):
        assert "helped" not in s.reason and "better" not in s.reason
    assert top(library, runs)[0].score == top(library, runs[::-1])[0].score


def test_no_breath_holds_over_five_seconds_for_stress() -> None:
    library = lib(ex("four-seven-eight", "breathing", 1, ("stressed", "bedtime"), hold=7, exhale=8),
                  ex("box", "breathing", 5, ("stressed",), hold=4),
                  ex("long-out", "breathing", 3, ("stressed",), exhale=6),
                  ex("wheel", "emotion", 4, ("stressed",)))
    ranked = top(library, [], context="stressed")
    assert ranked[-1].entry_id == "four-seven-eight"
    assert ids(ranked, 1) == ["long-out"]
    assert "four-seven-eight" in ids(top(library, [], context="bedtime"), 1)


def test_context_before_a_hard_talk_prefers_short_and_calming() -> None:
    library = lib(ex("long-talk", "repair", 20, ("before-a-hard-talk",), participants=2),
                  ex("minute", "breathing", 1, ("before-a-hard-talk", "stressed")),
                  ex("ritual", "ritual", 2, ("evening",)))
    ranked = top(library, [], context="before-a-hard-talk", practice="both")
    assert ids(ranked) == ["minute", "long-talk", "ritual"]
    assert ranked[0].reason == "Short and calming before a hard talk"
    assert ranked[1].reason == "Helps you prepare for a hard talk"


@pytest.mark.parametrize("context", ["after-conflict", "evening"])
def test_context_match_wins(context: str) -> None:
    library = lib(ex("a", "breathing", 3), ex("b", "repair", 10, (context,), participants=2))
    assert top(library, [], context=context, practice="together")[0].entry_id == "b"


def test_time_of_day_and_weekend() -> None:
    library = lib(ex("day", "ritual", 5, ("daily",)), ex("eve", "ritual", 5, ("evening",)),
                  ex("morn", "ritual", 5, ("morning",)), ex("week", "ritual", 5, ("weekly",)))
    evening = top(library, [], now=NOW.replace(hour=19))
    assert evening[0].entry_id == "eve" and evening[0].reason == "A gentle way to close the day"
    assert top(library, [], now=NOW.replace(hour=7))[0].entry_id == "morn"
    assert top(library, [])[-1].entry_id == "week"  # a Monday: the weekly look back is not due
    sunday = top(library, [], now=NOW - timedelta(days=1))
    assert sunday[0].entry_id == "week" and sunday[0].reason == "A weekly look back"


def test_stopped_early_offers_a_shorter_one() -> None:
    library = lib(ex("long-breath", "breathing", 10), ex("short-breath", "breathing", 2),
                  ex("mid-breath", "breathing", 9.5))
    runs = [make_run("long-breath", at=ago(d)) for d in (20, 10)]
    runs += [make_run("short-breath", at=ago(12)), make_run("mid-breath", at=ago(12))]
    runs.append(make_run("long-breath", at=ago(1), completed=False))
    for order in (runs, runs[::-1]):
        ranked = top(library, order)
        assert ranked[0].entry_id == "short-breath"
        assert ranked[0].reason == "You stopped Long Breath early last time; this shorter one may fit"
        assert ranked[-1].entry_id == "long-breath"


def test_a_stand_in_has_the_same_kind_the_same_people_and_a_moment_in_common() -> None:
    """A boundary for one is no substitute for a repair for two, nor a sleep breath for a
    stress one."""
    library = lib(ex("talk", "repair", 10, ("after-conflict", "anytime"), participants=2),
                  ex("no", "repair", 4, ("before-a-hard-talk", "anytime")),
                  ex("weekly-talk", "repair", 5, ("weekly", "anytime"), participants=2),
                  ex("short-talk", "repair", 5, ("after-conflict",), participants=2),
                  ex("sigh", "breathing", 6, ("stressed", "anytime")),
                  ex("sleep", "breathing", 2, ("bedtime", "anytime")),
                  ex("long-out", "breathing", 3, ("waiting", "stressed")))
    runs = [make_run("talk", kind="repair", at=ago(2), completed=False),
            make_run("sigh", at=ago(1), completed=False)]
    for practice in ("both", "together", "alone"):
        reasons = {s.entry_id: s.reason for s in top(library, runs, practice=practice)}
        stopped = {i for i, r in reasons.items() if "early last time" in r}
        assert stopped == {"short-talk", "long-out"}, (practice, reasons)
        assert reasons["long-out"] == "You stopped Sigh early last time; this shorter one may fit"


def test_alone_a_repair_for_two_is_not_the_repair_they_practise() -> None:
    """Kinds are balanced for one and for two apart: a repair for two stopped ten days ago
    gives no "You haven't practised repair in 10 days" to a repair for one."""
    library = lib(ex("talk", "repair", 10, participants=2), ex("no", "repair", 4),
                  ex("box", "breathing", 4), ex("wheel", "emotion", 4))
    solo = [make_run(i, kind=k, at=ago(d)) for d in (1, 2, 4)
            for i, k in (("box", "breathing"), ("wheel", "emotion"))]
    runs = [*solo, make_run("talk", kind="repair", at=ago(10), completed=False)]
    for practice in ("alone", ""):  # said, or read from the history
        reasons = {s.entry_id: s.reason for s in top(library, runs, practice=practice)}
        assert reasons["no"] == "New: a repair exercise you haven't tried yet"
        assert not any("practised repair" in r for r in reasons.values())
    # once they have done the repair for one, its days are counted from that run alone
    runs += [make_run("no", kind="repair", at=ago(5)), make_run("talk", kind="repair", at=ago(3))]
    reasons = {s.entry_id: s.reason for s in top(library, runs, practice="alone")}
    assert reasons["no"] == "You haven't practised repair in 5 days"


def test_a_ritual_for_one_is_done_and_one_for_two_is_shared() -> None:
    library = lib(ex("three", "ritual", 3), ex("thanks", "ritual", 5, participants=2),
                  ex("box", "breathing", 3))
    runs = [make_run("three", kind="ritual", at=ago(6)), make_run("thanks", kind="ritual", at=ago(9)),
            *(make_run("box", at=ago(d)) for d in (1, 2))]
    reasons = {s.entry_id: s.reason for s in top(library, runs, practice="both")}
    assert reasons["three"] == "You haven't done a ritual in 6 days"
    assert reasons["thanks"] == "You haven't shared a ritual in 9 days"  # the last shared one


def card(id: str, contexts: tuple[str, ...] = ("after-conflict", "anytime")) -> Exercise:
    """Only text to read: a card for the moment (like repair phrases for a heated moment)."""
    return Exercise(id=id, title=id.title(), kind="repair", summary="s", contexts=contexts, source="s",
                    steps=(Instruction("Pick a phrase and say it in your own words."),
                           Instruction("If one doesn't land, try another.")))


def test_a_card_for_the_moment_is_offered_in_its_moment_not_as_a_habit() -> None:
    library = lib(card("phrases"), ex("no", "repair", 4), ex("box", "breathing", 4),
                  ex("wheel", "emotion", 4), ex("settle", "emotion", 3, ("after-conflict",)))
    runs = [make_run("phrases", kind="repair", at=ago(12)), make_run("no", kind="repair", at=ago(12)),
            make_run("box", at=ago(1)), make_run("wheel", kind="emotion", at=ago(1))]
    for history in ([], runs):
        ranked = top(library, history)
        reasons = {s.entry_id: s.reason for s in ranked}
        assert "phrases" not in ids(ranked) and "haven't" not in reasons["phrases"]
        assert "phrases" in ids(top(library, history, context="after-conflict"))
    reasons = {s.entry_id: s.reason for s in top(library, runs)}
    assert reasons["no"] == "You haven't practised repair in 12 days"  # a practice for one is a habit


def test_one_of_the_top_three_suits_the_time_of_day_where_kinds_allow() -> None:
    new = (ex("box", "breathing", 2), ex("wheel", "emotion", 2), ex("prep", "repair", 2))
    library = lib(*new, ex("night", "ritual", 6, ("evening", "daily")), ex("dawn", "ritual", 6, ("morning",)))
    runs = [make_run("night", kind="ritual", at=ago(2)), make_run("dawn", kind="ritual", at=ago(2))]
    assert ids(top(library, runs)) == ["box", "prep", "wheel"]  # no time of day: the scores decide
    evening = top(library, runs, now=NOW.replace(hour=19))
    assert ids(evening) == ["box", "prep", "night"]
    assert evening[2].reason == "A gentle way to close the day"
    morning = top(library, runs, now=NOW.replace(hour=7))
    assert ids(morning) == ["box", "prep", "dawn"]
    assert "night" not in ids(morning, 4)  # an evening ritual is not offered at breakfast
    # When the only entry for the time is of a kind already in the top three, the kinds win.
    library = lib(*new, ex("calm", "breathing", 7, ("evening", "anytime")))
    not_for_them = [make_run("calm", at=ago(d), calm=(6, 4)) for d in (20, 25, 30)]
    evening = top(library, not_for_them, now=NOW.replace(hour=19))
    assert ids(evening) == ["box", "prep", "wheel"] and ids(evening, 4)[3] == "calm"


def test_variety_brings_in_nothing_as_long_as_the_ones_stopped_lately() -> None:
    stress = ("stressed",)
    library = lib(ex("long-breath", "breathing", 8, stress), ex("long-feel", "emotion", 7, stress),
                  ex("minute", "breathing", 1, stress), ex("name", "emotion", 2, stress),
                  ex("plan-ish", "ritual", 9, stress), ex("sigh", "breathing", 3, stress))
    stops = [make_run("long-breath", at=ago(3), completed=False),
             make_run("long-feel", kind="emotion", at=ago(2), completed=False)]
    assert "plan-ish" in ids(top(library, [], context="stressed"))  # a third kind, for anyone else
    ranked = top(library, stops, context="stressed")
    assert "plan-ish" not in ids(ranked)
    assert all(library.entries[i].seconds <= 3 * 60 for i in ids(ranked))


def test_only_opened_runs_are_not_practice() -> None:
    """No step done and under 15 s: no spacing, no kind balance, no "stopped early", still new."""
    library = lib(ex("long-breath", "breathing", 10), ex("short-breath", "breathing", 2),
                  ex("wheel", "emotion", 4))
    runs = [make_run("wheel", kind="emotion", at=ago(5))]
    base = top(library, runs)
    runs += [opened("long-breath", ago(0.1)), opened("short-breath", ago(0.2))]
    assert top(library, runs) == base
    assert "New: a breathing exercise you haven't tried yet" in {s.reason for s in base}


def test_a_run_with_every_step_skipped_is_not_done_and_not_stopped() -> None:
    library = lib(ex("box", "breathing", 5), ex("sigh", "breathing", 5))
    skipped = make_run("box", at=NOW - timedelta(hours=1), minutes=1)
    skipped.steps_done = []
    ranked = top(library, [make_run("sigh", at=ago(30)), skipped])
    assert not any("stopped" in s.reason for s in ranked)
    assert ranked[0].entry_id == "box"  # not spaced: it was not done


def test_the_help_guide_is_never_suggested() -> None:
    guide = ex("when-to-seek-help", "help", 2, ("anytime", "stressed", "after-conflict"))
    library = lib(guide, ex("box", "breathing"))
    for context in (None, "stressed", "after-conflict"):
        assert [s.entry_id for s in top(library, [], context=context)] == ["box"]
    assert top(lib(guide), [make_run("when-to-seek-help", kind="help", at=ago(30))]) == []


PAIRS = (ex("talk", "repair", 8, participants=2), ex("share", "ritual", 6, participants=2),
         ex("listen", "repair", 9, participants=2), ex("thanks", "ritual", 5, participants=2))
SOLOS = (ex("box", "breathing", 5), ex("sigh", "breathing", 4), ex("wheel", "emotion", 5),
         ex("meter", "emotion", 4))


@pytest.mark.parametrize("practice", ["alone", ""])
def test_alone_at_most_one_for_two_in_the_top_three_and_it_says_so(practice: str) -> None:
    library = lib(*PAIRS, *SOLOS)
    for context in (None, "evening"):
        ranked = top(library, [], context=context, practice=practice)
        pairs = [s for s in ranked[:3] if library.entries[s.entry_id].participants > 1]
        assert len(pairs) <= 1
        for s in pairs:
            assert s.reason.startswith(("For two: ", "New, for two: ")), s.reason


def test_alone_the_cap_holds_even_when_only_exercises_for_two_fit() -> None:
    conflict = ("after-conflict",)
    library = lib(*(ex(f"talk-{i}", "repair", 5, conflict, participants=2) for i in range(3)),
                  ex("settle", "emotion", 4, conflict), *SOLOS)
    for practice in ("alone", ""):
        ranked = top(library, [], context="after-conflict", practice=practice)
        assert ranked[0].entry_id == "settle"
        assert sum(library.entries[i].participants > 1 for i in ids(ranked)) == 1
    assert ids(top(library, [], context="after-conflict", practice="both"), 3) == \
        ["settle", "talk-0", "talk-1"]


def test_alone_is_read_from_the_history_when_not_said() -> None:
    library = lib(*PAIRS, *SOLOS)
    solo = [make_run(e.id, kind=e.kind, at=ago(d)) for d in range(2, 20, 3) for e in SOLOS[:2]]
    one_repair = [*solo, make_run("talk", kind="repair", at=ago(10), completed=False)]
    together = [*solo, *(make_run(p.id, kind=p.kind, at=ago(d)) for d in (3, 9) for p in PAIRS[:2])]

    def pairs(ranked) -> list[str]:  # type: ignore[no-untyped-def]
        return [s.reason for s in ranked[:3] if library.entries[s.entry_id].participants > 1]

    alone = pairs(top(library, one_repair))
    assert len(alone) <= 1 and all(r.startswith(("For two: ", "New, for two: ")) for r in alone)
    both = pairs(top(library, together))
    assert len(both) >= 2 and not any("for two" in r.lower() for r in both)
    said_alone = pairs(top(library, together, practice="alone"))  # the setting wins over the history
    assert len(said_alone) <= 1 and all("for two" in r.lower() for r in said_alone)


def test_together_prefers_exercises_for_two() -> None:
    library = lib(*PAIRS, *SOLOS)
    ranked = top(library, [], practice="together")
    assert library.entries[ranked[0].entry_id].participants == 2
    assert not any(s.reason.startswith("For two") for s in ranked)


def test_top_three_differ_in_kind_and_reason() -> None:
    library = lib(*SOLOS, ex("prep", "repair", 4), ex("look", "ritual", 3), ex("kid", "family", 4))
    for runs in ([], [make_run("kid", kind="family", at=ago(40))]):
        ranked = top(library, runs)
        kinds = [library.entries[i].kind for i in ids(ranked)]
        assert len(set(kinds)) == 3, kinds
        assert len({s.reason for s in ranked}) == len(ranked)


def test_a_family_exercise_is_for_those_who_have_done_one_or_for_parenting() -> None:
    library = lib(ex("kid", "family", 2, ("parenting", "anytime")), ex("box", "breathing", 5))
    assert top(library, [])[0].entry_id == "box"
    assert top(library, [], context="parenting")[0].entry_id == "kid"
    assert top(library, [make_run("kid", kind="family", at=ago(9))])[0].entry_id == "kid"


GUILT = re.compile(r"\b(miss|missed|streak|should|must|lost|behind|fail|failed|forgot|lazy|again\?|only|"
                   r"yet to|still haven't|need to|have to|don't forget|remember to)\b", re.IGNORECASE)


@pytest.mark.parametrize("seed", range(6))
def test_reasons_never_nag(seed: int) -> None:
    library = load_library()
    runs = generate_runs(library, 150 * seed, NOW, days=90, seed=seed)
    for context in (None, "before-a-hard-talk", "after-conflict", "evening", "stressed"):
        ranked = top(library, runs, now=NOW + timedelta(days=seed * 3), context=context,
                     practice=["", "alone", "together", "both"][seed % 4])
        for s in ranked:
            assert s.reason and "\n" not in s.reason and len(s.reason) <= 100
            assert not GUILT.search(s.reason), s.reason
            assert not s.reason.endswith((".", "!"))
        assert len({s.reason for s in ranked[:5]}) == 5


def test_future_runs_and_old_runs_do_not_break_anything() -> None:
    library = lib(ex("box", "breathing"))
    runs = [make_run("box", at=NOW - timedelta(days=900)), make_run("box", at=NOW + timedelta(days=1))]
    [s] = top(library, runs)
    assert s.entry_id == "box"


def test_runs_at_the_same_moment_in_either_order() -> None:
    library = lib(ex("long-breath", "breathing", 10), ex("short-breath", "breathing", 2))
    when = ago(1)
    pair = [make_run("long-breath", at=when, completed=False), make_run("long-breath", at=when, calm=(2, 6))]
    assert top(library, pair) == top(library, pair[::-1])
