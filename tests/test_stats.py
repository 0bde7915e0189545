"""Progress numbers for the history screen: calendar, forgiving strength, kinds, feelings, calm."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from coach.core.history.stats import (
    calendar_weeks,
    counts_by_kind,
    feelings_by_month,
    habit_strength,
    per_day,
    practised_today,
    progress,
    strength_sentences,
)
from tests.history_data import make_run

NOW = datetime(2026, 11, 4, 18, 0, tzinfo=UTC)  # a Wednesday
TODAY = NOW.date()


def days_before(*offsets: int) -> set[date]:
    return {TODAY - timedelta(days=n) for n in offsets}


def test_calendar_is_12_weeks_of_monday_to_sunday_ending_this_week() -> None:
    runs = [make_run(at=NOW), make_run(at=NOW - timedelta(hours=2)), make_run(at=NOW - timedelta(days=8))]
    weeks = calendar_weeks(per_day(runs, UTC), TODAY)
    assert len(weeks) == 12 and all(len(w) == 7 for w in weeks)
    assert all(w[0].day.weekday() == 0 for w in weeks)
    last = weeks[-1]
    assert last[2].day == TODAY and last[2].runs == 2 and last[2].minutes == 10
    assert [c.future for c in last] == [False, False, False, True, True, True, True]
    assert weeks[-2][1].runs == 1
    assert weeks[0][0].day == TODAY - timedelta(days=2 + 77)


def test_strength_grows_with_practice_and_a_missed_day_only_dents_it() -> None:
    month = days_before(*range(30))
    strong = habit_strength(month, TODAY)
    assert 0.75 < strong < 0.85
    dented = habit_strength(days_before(*range(1, 30)), TODAY)
    assert strong - 0.06 < dented < strong
    assert habit_strength(days_before(*range(5, 35)), TODAY) > 0.6, "five days off barely matters"


def test_strength_never_resets_to_zero() -> None:
    after_long_break = habit_strength(days_before(*range(60, 90)), TODAY)
    assert after_long_break > 0
    back_again = habit_strength(days_before(0, *range(60, 90)), TODAY)
    assert back_again > after_long_break
    assert habit_strength(set(), TODAY) == 0.0


def test_counts_by_kind_in_library_order() -> None:
    runs = [make_run(kind="ritual"), make_run(kind="breathing"), make_run(kind="ritual"),
            make_run(kind="something-new")]
    assert list(counts_by_kind(runs).items()) == [("breathing", 1), ("ritual", 2), ("something-new", 1)]


def test_feelings_by_month() -> None:
    runs = [make_run(at=NOW, feelings=[("sad", "lonely", 5), ("peaceful", "calm", 3)]),
            make_run(at=NOW - timedelta(days=40), feelings=[("sad", "lonely", 2)]),
            make_run(at=NOW - timedelta(days=400), feelings=[("mad", "furious", 9)])]
    months = feelings_by_month(runs, TODAY, tz=UTC)
    assert [m for m, _ in months] == ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
    assert dict(months[-1][1]) == {"lonely": 1, "calm": 1}
    assert dict(months[-2][1]) == {}
    assert dict(months[-3][1]) == {"lonely": 1}


def test_calm_trend_and_totals() -> None:
    runs = [make_run(at=NOW - timedelta(days=1), calm=(2, 6)), make_run(at=NOW, calm=(4, 8)),
            make_run(at=NOW, completed=False), make_run(at=NOW - timedelta(days=14), calm=(5, 5))]
    p = progress(sorted(runs, key=lambda r: r.started_at), NOW, tz=UTC)
    assert (p.calm[-1].before, p.calm[-1].after) == (3, 7)
    assert (p.calm[-3].before, p.calm[-3].after) == (5, 5)
    assert p.calm[-2].before is None
    assert (p.total_runs, p.completed_runs, p.days_practised) == (4, 3, 3)


def test_practised_today() -> None:
    assert not practised_today([], NOW, UTC)
    assert not practised_today([make_run(at=NOW - timedelta(days=1))], NOW, UTC)
    assert not practised_today([make_run(at=NOW, completed=False)], NOW, UTC)
    assert practised_today([make_run(at=NOW.replace(hour=6)), make_run(at=NOW, completed=False)], NOW, UTC)


def test_today_is_not_a_missed_day_until_it_is_over() -> None:
    sixty_days = days_before(*range(1, 61))  # every day for 60 days, today not yet
    assert round(habit_strength(sixty_days, TODAY), 2) == 0.96, "not 0.91: today is not over"
    yesterday_evening = habit_strength(sixty_days, TODAY - timedelta(days=1) + timedelta(days=1))
    assert habit_strength(sixty_days, TODAY) == yesterday_evening
    assert habit_strength(sixty_days | {TODAY}, TODAY) > habit_strength(sixty_days, TODAY)
    tomorrow = TODAY + timedelta(days=1)
    assert round(habit_strength(sixty_days, tomorrow), 2) == 0.91, "once today is over it dents"


def test_days_away_neither_add_nor_dent() -> None:
    away = frozenset(days_before(*range(10, 20)))
    with_break = days_before(*range(0, 10), *range(20, 30))
    assert habit_strength(with_break, TODAY, away=away) == habit_strength(days_before(*range(20)), TODAY)
    assert habit_strength(with_break, TODAY) < habit_strength(with_break, TODAY, away=away)
    practised_while_away = habit_strength(with_break | {TODAY - timedelta(days=12)}, TODAY, away=away)
    assert practised_while_away > habit_strength(with_break, TODAY, away=away), "practice still counts"
    only_away = frozenset(days_before(*range(5)))
    assert habit_strength(set(), TODAY, away=only_away) == 0.0


def test_runs_only_opened_are_kept_but_never_counted() -> None:
    opened = make_run(at=NOW, minutes=0.1, completed=False)
    opened.steps_done = []
    skipped = make_run(at=NOW - timedelta(days=1), minutes=1)
    skipped.steps_done = []
    p = progress([skipped, opened], NOW, tz=UTC)
    assert p.weeks[-1][2].runs == 0 and p.weeks[-1][1].runs == 1, "the skipped run showed up"
    assert (p.total_runs, p.completed_runs, p.opened_runs, p.days_practised) == (1, 0, 1, 1)
    assert not p.today_done
    all_skipped_today = make_run(at=NOW)
    all_skipped_today.steps_done = []
    assert not practised_today([all_skipped_today], NOW, UTC), "skipped is not done"


def test_the_calendar_marks_days_away() -> None:
    away = frozenset({TODAY - timedelta(days=1), TODAY + timedelta(days=2)})
    p = progress([make_run(at=NOW)], NOW, tz=UTC, away=away)
    last = p.weeks[-1]
    assert [c.away for c in last] == [False, True, False, False, True, False, False]
    assert (p.away_days, p.today_away) == (2, False)


def test_the_score_explains_itself_with_the_persons_own_numbers() -> None:
    sixty = [make_run(at=NOW - timedelta(days=n)) for n in range(60, 0, -1)]
    p = progress(sixty, NOW, tz=UTC)
    adds, dents, resets = strength_sentences(p)
    assert adds == ("Each day you practise adds a little: practising today would take it from "
                    "95.9% to 96.1%."), "a decimal where whole percents would read the same"
    assert dents == ("A missed day only dents it: today is not missed until it is over, and then "
                     "it would go from 96% to 91%.")
    assert "never resets" in resets and "60 days of practice" in resets
    done = strength_sentences(progress([*sixty, make_run(at=NOW)], NOW, tz=UTC))
    assert "today's practice took it from 95.9% to 96.1%" in done[0] and "would take it from" in done[1]
    away = strength_sentences(progress(sixty, NOW, tz=UTC, away=frozenset({TODAY})))
    assert "marked as a day away" in away[1]
    first = strength_sentences(progress([], NOW, tz=UTC))
    assert len(first) == 3 and "from 0% to 5%" in first[0]
    for sentences in (adds, dents, resets), done, away, first:
        text = " ".join(sentences).lower()
        assert not any(word in text for word in ("streak", "fail", "lost", "should", "lazy"))
