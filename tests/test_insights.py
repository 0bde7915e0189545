"""What helps: per exercise and per kind, from the person's own ratings only."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from coach.core import insights
from coach.core.insights import Helped, by_kind, describe, helped
from coach.core.runs import Rating
from tests.history_data import make_run

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)


def rated(exercise_id: str = "box-breathing", before: int = 3, after: int = 5, *, kind: str = "breathing",
          days_ago: int = 1, **kw):  # type: ignore[no-untyped-def]
    return make_run(exercise_id, kind=kind, at=NOW - timedelta(days=days_ago), calm=(before, after), **kw)


def test_which_runs_count() -> None:
    opened = make_run(completed=False, minutes=0.1)
    opened.steps_done = []
    assert not insights.counts_as_practice(opened) and insights.status(opened) == "just opened"
    sat_there = make_run(completed=False, minutes=0.5)  # no step done, but 30 s of practice
    sat_there.steps_done = []
    assert insights.counts_as_practice(sat_there) and insights.status(sat_there) == "stopped early"
    one_step = make_run(completed=False, minutes=0.05)  # 3 s, but a step was done
    assert insights.counts_as_practice(one_step)
    skipped = make_run(minutes=1)
    skipped.steps_done = []
    assert not insights.is_done(skipped) and insights.status(skipped) == "skipped"
    assert insights.is_done(make_run()) and insights.status(make_run()) == "done"
    assert not insights.is_done(make_run(completed=False))
    zero = make_run(minutes=0)
    assert insights.counts_as_practice(zero)  # steps done: practice, however short


def test_nothing_is_shown_below_three_rated_runs() -> None:
    runs = [rated(before=3, after=6), rated(before=3, after=6), make_run()]  # the last is not rated
    assert helped(runs) == {}
    assert describe(helped(runs).get("box-breathing")) == "not enough runs to tell yet"
    runs.append(rated(before=4, after=6))
    assert helped(runs) == {"box-breathing": Helped(3, 8 / 3)}
    assert helped(runs, min_runs=1)["box-breathing"].runs == 3


def test_average_change_per_exercise_and_per_kind() -> None:
    runs = [rated(before=3, after=6) for _ in range(4)]
    runs += [rated("cyclic-sighing", 5, 5) for _ in range(3)]
    runs += [rated("feeling-wheel", 6, 4, kind="emotion") for _ in range(3)]
    by_exercise = helped(runs)
    assert by_exercise["box-breathing"] == Helped(4, 3.0)
    assert by_exercise["cyclic-sighing"] == Helped(3, 0.0) and not by_exercise["cyclic-sighing"].helped
    assert by_exercise["feeling-wheel"] == Helped(3, -2.0)
    kinds = helped(runs, key=by_kind)
    assert kinds == {"breathing": Helped(7, 12 / 7), "emotion": Helped(3, -2.0)}
    assert list(kinds) == sorted(kinds)


def test_only_opened_runs_do_not_count_but_stopped_ones_that_were_rated_do() -> None:
    opened = rated(before=0, after=10, minutes=0.1)
    opened.steps_done = []
    stopped = rated(before=3, after=5, completed=False)
    runs = [opened, stopped, rated(before=3, after=5), rated(before=3, after=5)]
    assert helped(runs) == {"box-breathing": Helped(3, 2.0)}


def test_measures_other_than_calm_are_never_read_as_better_or_worse() -> None:
    runs = []
    for _ in range(4):
        run = make_run(at=NOW)
        run.ratings = [Rating("energy", 2, 0), Rating("energy", 7, 4)]
        runs.append(run)
    assert helped(runs) == {}  # calm is what "helped" means
    energy = helped(runs, measure="energy")["box-breathing"]
    assert energy == Helped(4, 5.0, "energy") and not energy.helped
    text = describe(energy)
    assert text == "energy: about 5 points higher after than before on average, over 4 runs"
    for word in ("better", "worse", "calm", "helped", "improv"):
        assert word not in text


def test_rating_change_matches_the_run_method() -> None:
    @given(st.lists(st.tuples(st.sampled_from(["calm", "energy", "Calm"]), st.integers(0, 10),
                              st.integers(0, 4)), max_size=6))
    def check(ratings: list[tuple[str, int, int]]) -> None:
        run = make_run()
        run.ratings = [Rating(m, v, s) for m, v, s in ratings]
        for measure in ("calm", "energy"):
            assert insights.rating_change(run, measure) == run.rating_change(measure)
            got = helped([run], min_runs=1, measure=measure).get("box-breathing")
            expected = run.rating_change(measure)
            assert (got.average_change if got else None) == expected

    check()


def test_the_same_runs_in_any_order_give_the_same_answer() -> None:
    rng = random.Random(5)
    runs = [rated(rng.choice(["a", "b", "c"]), rng.randrange(11), rng.randrange(11)) for _ in range(200)]
    first = helped(runs)
    for _ in range(5):
        rng.shuffle(runs)
        assert helped(runs) == first


def test_odd_values_are_skipped_not_raised() -> None:
    odd = rated()
    odd.exercise_id = ["not", "text"]  # type: ignore[assignment]
    odd.kind = {"x": 1}  # type: ignore[assignment]
    nan = rated(minutes=0)
    nan.active_seconds = float("nan")
    runs = [odd, odd, odd, nan, nan, nan]
    assert helped(runs) == {"box-breathing": Helped(3, 2.0)}
    assert helped(runs, key=by_kind) == {"breathing": Helped(3, 2.0)}


def test_phrases() -> None:
    assert describe(Helped(6, 2.2)) == "about 2 points calmer on average, over 6 runs"
    assert describe(Helped(21, 3.0), on_average=False) == "about 3 points calmer, over 21 runs"
    assert describe(Helped(3, 1.0)) == "about 1 point calmer on average, over 3 runs"
    assert describe(Helped(3, 0.5)) == "about 1 point calmer on average, over 3 runs"  # halves round up
    assert describe(Helped(4, 0.25)) == "a little calmer on average, over 4 runs"
    assert describe(Helped(4, 0.0)) == "about as calm after as before on average, over 4 runs"
    assert describe(Helped(5, -1.6)) == "about 2 points less calm on average, over 5 runs"
    assert describe(Helped(4, -0.2), on_average=False) == "a little less calm, over 4 runs"
    assert describe(None) == insights.NOT_ENOUGH
    assert describe(Helped(4, -2.0, "energy")) == \
        "energy: about 2 points lower after than before on average, over 4 runs"
    assert describe(Helped(4, 0.0, "energy")) == \
        "energy: about the same before and after on average, over 4 runs"


# -- the report: per exercise, kind and context ---------------------------------------------

def _library():  # type: ignore[no-untyped-def]
    from coach.core.library import Library
    from coach.core.model import Exercise, Timer

    def ex(eid: str, title: str, kind: str, contexts: tuple[str, ...]) -> Exercise:
        return Exercise(eid, title, kind, "s", (Timer("t", 60),), "s", contexts=contexts)

    return Library(entries={e.id: e for e in (
        ex("box-breathing", "Box breathing", "breathing", ("before-a-hard-talk", "anytime")),
        ex("cyclic-sighing", "Cyclic sighing", "breathing", ("evening",)),
        ex("feeling-wheel", "Feeling wheel", "emotion", ("anytime",)),
    )})


def at_hour(hour: int, days_ago: int = 1) -> datetime:
    return (NOW - timedelta(days=days_ago)).replace(hour=hour)


def test_the_report_per_exercise_kind_and_context() -> None:
    runs = [make_run("box-breathing", at=at_hour(8, d), calm=(3, 5)) for d in range(1, 4)]
    runs += [make_run("box-breathing", at=at_hour(20, d), calm=(4, 8)) for d in range(4, 7)]
    runs += [make_run("cyclic-sighing", at=at_hour(20, d), calm=(5, 5)) for d in range(1, 3)]
    runs += [make_run("feeling-wheel", kind="emotion", at=at_hour(13)), make_run("old-one", title="Gone")]
    r = insights.report(runs, _library(), UTC)
    assert [(row.label, row.rated, row.result) for row in r.exercises] == [
        ("Box breathing", 6, Helped(6, 3.0)), ("Cyclic sighing", 2, None)]
    assert r.exercises[0].text == "about 3 points calmer on average, over 6 runs"
    assert r.exercises[1].text == "not enough runs to tell yet (2 rated so far)"
    assert [(row.label, row.result) for row in r.kinds] == [("Breathing", Helped(8, 18 / 8))]
    contexts = {c: [(row.key, row.result) for row in rows] for c, rows in r.contexts}
    assert contexts == {
        "before-a-hard-talk": [("box-breathing", Helped(6, 3.0))],  # what the exercise is for
        "morning": [("box-breathing", Helped(3, 2.0))],  # by the hour it started
        "evening": [("box-breathing", Helped(3, 4.0))],  # cyclic sighing: 2 runs, not shown
    }
    assert list(contexts) == [c for c in insights.CONTEXT_LABELS if c in contexts]
    assert not r.others and not r.empty


def test_the_report_never_reads_other_measures_as_better_or_worse() -> None:
    runs = []
    for value in (2, 3, 9):
        run = make_run("feeling-wheel", kind="emotion", at=at_hour(13))
        run.ratings = [Rating("energy", 5, 0), Rating("energy", value, 3),
                       Rating("pleasantness", 4, 1), Rating("pleasantness", 4, 2)]
        runs.append(run)
    r = insights.report(runs, _library(), UTC)
    assert r.exercises == [] and r.kinds == [] and r.contexts == []
    texts = [(row.measure, row.text) for row in r.others]
    assert texts == [("energy", "energy: a little lower after than before on average, over 3 runs"),
                     ("pleasantness",
                      "pleasantness: about the same before and after on average, over 3 runs")]
    for _m, text in texts:
        assert not any(w in text for w in ("better", "worse", "calm", "helped", "improv"))


def test_the_report_is_total_and_order_proof() -> None:
    rng = random.Random(3)
    runs = [make_run(rng.choice(["box-breathing", "cyclic-sighing", "x"]), at=at_hour(rng.randrange(24), d),
                     calm=(rng.randrange(11), rng.randrange(11))) for d in range(60)]
    opened = make_run(at=at_hour(9), calm=(0, 10), minutes=0.1, completed=False)
    opened.steps_done = []
    odd = make_run(at=at_hour(9), calm=(0, 10))
    odd.exercise_id = ["not", "text"]  # type: ignore[assignment]
    runs += [opened, odd]
    first = insights.report(runs, _library(), UTC)
    assert sum(row.rated for row in first.exercises) == 60, "only opened and odd runs left out"
    for _ in range(4):
        rng.shuffle(runs)
        assert insights.report(runs, _library(), UTC) == first


def test_time_of_day_agrees_with_the_suggestions() -> None:
    from coach.core.suggest import time_of_day_contexts

    for hour in range(24):
        theirs = {c for c in time_of_day_contexts(hour) if c in insights.TIMES}
        assert theirs == ({insights.time_context(hour)} - {None})
