"""What to practise next: a pure, deterministic ranking of the library with a kind reason each.

Rules (each adds to or takes from an entry's score; the biggest positive one gives the reason):

* balance kinds over the week: a kind not practised in the last 7 days is preferred;
* space repeats: after each completed run the gap before suggesting it again grows (1 day,
  3 days, then times an ease that rises when it helped), capped at MAX_GAP_DAYS; missed days
  never reset anything, they only make an entry welcome again;
* prefer what helped: the average before/after rating change of recent runs;
* new entries are offered, gently;
* stopped early last time: shorter entries of the same kind are offered instead;
* context (before a hard talk, after conflict, evening...) and time of day;
* never nag: reasons describe, they never blame (tests check the wording).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from coach.core.library import Library
from coach.core.model import Entry, format_duration
from coach.core.runs import RunResult

WINDOW_DAYS = 120
"""Only this much recent history shapes suggestions (older practice is already spaced)."""
MAX_GAP_DAYS = 21.0
EASE_START, EASE_MIN, EASE_MAX = 1.8, 1.3, 3.0
SHORT_SECONDS = 4 * 60

KIND_DONE = {
    "breathing": "done a breathing exercise",
    "emotion": "named feelings",
    "repair": "practised repair together",
    "ritual": "shared a ritual",
    "family": "done a family exercise",
}
KIND_LABEL = {"breathing": "Breathing", "emotion": "Naming feelings", "repair": "Repair for two",
              "ritual": "A ritual", "family": "Family", "plan": "A plan"}
CONTEXT_REASON = {
    "before-a-hard-talk": "Helps you prepare for a hard talk",
    "after-conflict": "Helps you find each other again after a conflict",
    "stressed": "Steadying when stress runs high",
    "evening": "A gentle way to close the day",
    "bedtime": "Helps you wind down for sleep",
    "morning": "A kind way to start the day",
    "daily": "A small daily habit",
    "weekly": "A weekly look back together",
    "waiting": "Something calming while you wait",
    "transitions": "Helps you reconnect after time apart",
    "parenting": "For the moments with your child",
    "anytime": "Good at any time",
}
CALMING_KINDS = {"breathing", "emotion"}
CALMING_CONTEXTS = {"before-a-hard-talk": "before a hard talk", "after-conflict": "after a conflict",
                    "stressed": "when stress runs high", "waiting": "while you wait"}
SITUATIONAL = {"before-a-hard-talk", "after-conflict", "stressed", "waiting", "parenting", "transitions"}


@dataclass(frozen=True, slots=True)
class Suggestion:
    entry_id: str
    reason: str
    """One line, kind: it describes, it never blames."""
    score: float


@dataclass(eq=False, repr=False)
class _Score:
    total: float = 0.0
    best: float = 0.0
    reason: str = ""

    def add(self, value: float, reason: str = "") -> None:
        self.total += value
        if reason and value > self.best:
            self.best, self.reason = value, reason


def _days(text_days: float) -> str:
    n = int(text_days)
    return "a day" if n == 1 else f"{n} days"


def time_of_day_contexts(hour: int) -> tuple[str, ...]:
    """Contexts that suit the local hour."""
    if 5 <= hour < 11:
        return ("morning",)
    if 18 <= hour < 21:
        return ("evening",)
    if hour >= 21 or hour < 2:
        return ("evening", "bedtime")
    return ()


def spacing_gap(runs: Sequence[RunResult]) -> float:
    """Days to wait after the last of ``runs`` (one entry, oldest first) before offering it
    again: grows with each completed run, faster when it helped. Nothing ever resets it."""
    gap, ease, reps = 0.0, EASE_START, 0
    for run in runs:
        if not run.completed:
            continue
        gap = 1.0 if reps == 0 else 3.0 if reps == 1 else min(MAX_GAP_DAYS, gap * ease)
        change = _change(run)
        if change is not None:
            ease = min(EASE_MAX, ease + 0.15) if change > 0 else max(EASE_MIN, ease - 0.2) \
                if change < 0 else ease
        reps += 1
    return gap


def _change(run: RunResult) -> int | None:
    """Before/after change: calm when rated, else the first measure rated twice."""
    change = run.rating_change("calm")
    if change is not None:
        return change
    for measure in dict.fromkeys(r.measure for r in run.ratings):
        change = run.rating_change(measure)
        if change is not None:
            return change
    return None


def suggest(library: Library, runs: Sequence[RunResult], now: datetime, context: str | None = None,
            *, tz: tzinfo | None = None) -> list[Suggestion]:
    """Every library entry, best first, each with a one-line reason.

    ``runs`` oldest first (as the history gives them); ``now`` timezone-aware; ``tz`` is the
    zone days and hours are counted in (default: this computer's). Same inputs, same output.
    """
    local_now = now.astimezone(tz) if tz is not None else now.astimezone()
    today = local_now.date()
    cutoff = now - timedelta(days=WINDOW_DAYS)
    recent: list[RunResult] = []
    for run in reversed(runs):
        if run.started_at < cutoff:
            break
        if run.started_at <= now:
            recent.append(run)
    recent.reverse()

    by_entry: dict[str, list[RunResult]] = defaultdict(list)
    kind_last: dict[str, datetime] = {}
    week_kind: dict[str, int] = defaultdict(int)
    week_start = now - timedelta(days=7)
    for run in recent:
        by_entry[run.plan_id or run.exercise_id].append(run)
        if run.plan_id:
            by_entry[run.exercise_id].append(run)
        kind_last[run.kind] = run.started_at
        if run.started_at >= week_start:
            week_kind[run.kind] += 1
    ever_entries = {r.exercise_id for r in runs} | {r.plan_id for r in runs if r.plan_id}
    stopped = _stopped_early(library, by_entry, now)
    fit_contexts = (context,) if context else time_of_day_contexts(local_now.hour)

    out: list[Suggestion] = []
    for entry in library.entries.values():
        s = _Score(total=1.0)
        mine = by_entry.get(entry.id, [])
        _kind_balance(s, entry, kind_last, week_kind, today, tz)
        s.add(0.3 * max(0.0, 1 - entry.seconds / 900))  # short is easier to begin
        if entry.id not in ever_entries:
            s.add(0.8, "New: you haven't tried this yet")
        _spacing(s, mine, now)
        _helped(s, entry, mine)
        _context(s, entry, context, fit_contexts)
        if entry.id in stopped:
            s.add(-1.0)
        else:
            _shorter_instead(s, entry, stopped)
        reason = s.reason or f"{KIND_LABEL.get(entry.kind, entry.kind.title())}, about " \
                              f"{format_duration(entry.seconds)}"
        out.append(Suggestion(entry.id, reason, round(s.total, 6)))
    out.sort(key=lambda x: (-x.score, x.entry_id))
    return out


def _local_date(at: datetime, tz: tzinfo | None) -> date:
    return (at.astimezone(tz) if tz is not None else at.astimezone()).date()


def _kind_balance(s: _Score, entry: Entry, kind_last: dict[str, datetime], week_kind: dict[str, int],
                  today: date, tz: tzinfo | None) -> None:
    if entry.kind not in KIND_DONE:
        return
    s.add(1.2 / (1 + week_kind.get(entry.kind, 0)))
    last = kind_last.get(entry.kind)
    if last is not None:
        days = (today - _local_date(last, tz)).days
        if days >= 3:
            s.add(min(1.5, 0.25 * days), f"You haven't {KIND_DONE[entry.kind]} in {_days(days)}")


def _spacing(s: _Score, mine: list[RunResult], now: datetime) -> None:
    done = [r for r in mine if r.completed]
    if not done:
        return
    gap = spacing_gap(mine)
    since = (now - done[-1].started_at).total_seconds() / 86400
    if since < gap:
        s.add(-2.0 * (1 - since / gap))


def _helped(s: _Score, entry: Entry, mine: list[RunResult]) -> None:
    changes = [c for c in (_change(r) for r in mine[-5:] if r.completed) if c is not None]
    if not changes:
        return
    avg = sum(changes) / len(changes)
    if avg > 0:
        what = "calmer" if any(r.rating_change("calm") is not None for r in mine[-5:]) else "better"
        s.add(min(1.2, 0.4 * avg), f"It has helped you feel {what} (+{avg:.0f} on average)"
              if avg >= 1 else f"It has helped you feel a little {what}")
    else:
        s.add(max(-0.8, 0.3 * avg))


def _context(s: _Score, entry: Entry, context: str | None, fit: tuple[str, ...]) -> None:
    matches = [c for c in fit if c in entry.contexts]
    if context:
        if not matches:
            s.add(-2.5)
            return
        s.add(3.0, CONTEXT_REASON.get(context, f"Suits {context.replace('-', ' ')}"))
        if context in CALMING_CONTEXTS and entry.seconds <= SHORT_SECONDS:
            where = CALMING_CONTEXTS[context]
            s.add(3.0 + 0.8 * (1 - entry.seconds / (2 * SHORT_SECONDS)),
                  f"Short and calming {where}" if entry.kind in CALMING_KINDS else "")
        return
    if matches:
        s.add(0.9, CONTEXT_REASON.get(matches[-1], ""))
    if entry.contexts and set(entry.contexts) <= SITUATIONAL:
        s.add(-1.5)


def _stopped_early(library: Library, by_entry: dict[str, list[RunResult]], now: datetime) -> dict[str, Entry]:
    """Entries whose last run (in the last 14 days) was stopped early."""
    out: dict[str, Entry] = {}
    for entry_id, mine in by_entry.items():
        last = mine[-1]
        entry = library.get(entry_id)
        if entry is not None and last.abandoned and now - last.started_at <= timedelta(days=14):
            out[entry_id] = entry
    return out


def _shorter_instead(s: _Score, entry: Entry, stopped: dict[str, Entry]) -> None:
    for other in sorted(stopped.values(), key=lambda e: e.id):
        if other.kind == entry.kind and entry.seconds <= 0.8 * other.seconds:
            s.add(1.1, f"You stopped {other.title} early last time; this shorter one may fit")
            return
