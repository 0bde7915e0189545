"""Days away (holiday, illness): days the person marks so they neither add to nor dent the
practice strength. Pure helpers for reading the days people type and saying them back; the
days are kept by :meth:`coach.core.history.store.HistoryStore.set_away`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

MAX_SPAN = 366
"""Days one mark may cover (a year; a longer stretch is almost surely a typo)."""
WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def parse_day(text: str, today: date) -> date:
    """``YYYY-MM-DD``, or today, yesterday or tomorrow. Raises ValueError with a sentence."""
    word = text.strip().lower()
    if word in WORDS:
        return today + timedelta(days=WORDS[word])
    if len(word) == 10 and word[4] == "-" and word[7] == "-":
        try:
            return date.fromisoformat(word)
        except ValueError:
            pass
    raise ValueError(f"'{text}' is not a date: write it as YYYY-MM-DD (for example "
                     f"{today.isoformat()}), or today, yesterday or tomorrow")


def span(start: date, end: date | None = None) -> list[date]:
    """Every day from ``start`` to ``end`` (inclusive; default: ``start`` alone). Raises
    ValueError with a sentence when ``end`` comes first or the span is over MAX_SPAN days."""
    end = start if end is None else end
    if end < start:
        raise ValueError(f"the last day ({end.isoformat()}) comes before the first "
                         f"({start.isoformat()})")
    days = (end - start).days + 1
    if days > MAX_SPAN:
        raise ValueError(f"that is {days} days; mark at most {MAX_SPAN} at a time")
    return [start + timedelta(days=n) for n in range(days)]


def periods(days: Iterable[date]) -> list[tuple[date, date]]:
    """The days as runs of consecutive days (first, last), oldest first."""
    out: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if out and day - out[-1][1] == timedelta(days=1):
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return out


def say_day(day: date) -> str:
    """'Wed 24 Dec 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def say_period(first: date, last: date) -> str:
    """'Wed 24 Dec 2026' or 'Wed 24 Dec 2026 to Fri 2 Jan 2027 (10 days)'."""
    if first == last:
        return say_day(first)
    return f"{say_day(first)} to {say_day(last)} ({(last - first).days + 1} days)"
