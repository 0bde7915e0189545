"""What to practise next: a pure, deterministic ranking of the library with a kind reason each.

Rules (each adds to or takes from an entry's score; positive ones may give the reason):

* what helped, first where it fits: an exercise whose calm ratings rose over at least three
  rated runs in the last WINDOW_DAYS (:mod:`coach.core.insights`) ranks high when the
  context calls for calm, with a reason in the person's own numbers; only calm is read as
  better or worse;
* space repeats: after each completed run the gap before suggesting it again grows (1 day,
  3 days, then times an ease that rises when calm rose), capped at MAX_GAP_DAYS; what helped
  comes back daily (not again the day it was done), and is never held back for someone
  stressed or before a hard talk;
* balance kinds over the week, for one and for two apart (someone who practises alone is
  never told they haven't practised repair because of a repair for two they stopped);
  new entries are offered, gently;
* cards for the moment (only text to read, such as repair phrases for a heated moment) are
  offered when their moment is asked for, never as a habit: no kind balance, and their
  "anytime" means any time that moment comes, not out of the blue;
* stopped longer ones lately (twice in 30 days): short ones are offered, and variety does not
  bring in one as long as those stopped;
* stopped early last time: a shorter entry is offered instead when it could stand in for the
  one stopped (:func:`coach.core.moments.stands_in_for`: the same kind, the same number of
  people, a moment in common);
* context (before a hard talk, stressed, evening...) and time of day (an entry only for
  another time of day is not offered out of the blue; one of the top three suits the time
  where the kinds allow); breath holds over HOLD_LIMIT seconds (:mod:`coach.core.moments`)
  are not offered for stress (a long breath out is);
* alone or together: from the ``practice`` setting, else from the history; someone who
  practises alone gets at most one exercise for two in the top three, marked "For two";
* the top three differ in kind where the library allows, and no two reasons are the same;
* total and order-proof: runs in any order, with any values the history store accepts;
  runs that were only opened (:func:`coach.core.insights.counts_as_practice`) do not count;
* never nag: reasons describe what is true of this person's history, they never blame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from coach.core import insights
from coach.core.library import Library
from coach.core.model import Entry, Exercise, format_duration
from coach.core.moments import (
    NOT_NOW,
    SITUATIONAL,
    TIMES_OF_DAY,
    everyday_contexts,
    is_card,
    long_exhale,
    long_hold,
    moment_contexts,
    stands_in_for,
    time_of_day_contexts,
)
from coach.core.practice import MAX_GAP_DAYS, PracticeFacts, spacing_gap
from coach.core.runs import RunResult

__all__ = ["MAX_GAP_DAYS", "Suggestion", "moment_contexts", "spacing_gap", "suggest",
           "time_of_day_contexts"]

SHORT_SECONDS = 4 * 60
MAX_REASON = 100
TOP = 3
"""How many suggestions the home screen shows: variety and the two-person cap apply to these."""
NEVER_SUGGESTED = frozenset({"help"})
"""Kinds that are there when looked for, never suggested (the "when to look for more help" guide)."""

KIND_DONE = {
    "breathing": "done a breathing exercise",
    "emotion": "named feelings",
    "repair": "practised repair",
    "ritual": "shared a ritual",
    "family": "done a family exercise",
}
SOLO_KIND_DONE = {**KIND_DONE, "ritual": "done a ritual"}
"""The same for an exercise for one (a ritual for one is not shared)."""
KIND_NOUN = {"breathing": "a breathing exercise", "emotion": "a way to name feelings",
             "repair": "a repair exercise", "ritual": "a ritual", "family": "a family exercise",
             "plan": "a plan"}
KIND_LABEL = {"breathing": "Breathing", "emotion": "Naming feelings", "repair": "Repair",
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
CONTEXT_WHEN = {"before-a-hard-talk": "before a hard talk", "after-conflict": "after a conflict",
                "stressed": "when stress runs high", "waiting": "while you wait",
                "evening": "for the evening", "bedtime": "before sleep", "morning": "for the morning"}
SOLO_CONTEXT_REASON = {
    "after-conflict": "Helps you settle yourself after a conflict",
    "weekly": "A weekly look back",
    "transitions": "Helps you move from one part of the day to the next",
}
"""Wording for exercises for one where the general one speaks of two."""
CALMING_KINDS = {"breathing", "emotion"}
CALMING_CONTEXTS = {"before-a-hard-talk", "after-conflict", "stressed", "waiting"}
UNSPACED_CONTEXTS = {"stressed", "before-a-hard-talk"}


@dataclass(frozen=True, slots=True)
class Suggestion:
    entry_id: str
    reason: str
    """One line, kind: it describes, it never blames."""
    score: float
    """The entry's score; the list order may lift a lower score into the top three for variety."""


@dataclass(eq=False, repr=False)
class _Scored:
    entry: Entry
    seconds: float
    """The entry's estimated length (a sum over its steps: computed once here)."""
    total: float = 1.0
    fits: bool = True
    """Fits the moment (for variety in the top three)."""
    timely: bool = False
    """Suits the time of day (no context asked): one of the top three does where one fits."""
    last: bool = False
    """Not for this moment at all (long breath holds for stress): listed after all others."""
    reasons: list[tuple[float, int, str]] = field(default_factory=list)

    def add(self, value: float, reason: str = "") -> None:
        self.total += value
        if reason and value > 0:
            self.reasons.append((-value, len(self.reasons), reason))

    def also(self, reason: str) -> None:
        """A reason to fall back on when the better ones are taken (no score)."""
        self.reasons.append((0.0, len(self.reasons), reason))

    @property
    def pair(self) -> bool:
        return self.entry.participants > 1

    @property
    def duration(self) -> str:
        return format_duration(self.seconds)


def suggest(library: Library, runs: Sequence[RunResult], now: datetime, context: str | None = None,
            *, tz: tzinfo | None = None, practice: str = "") -> list[Suggestion]:
    """Every library entry that can be suggested (never the ``help`` kind), best first, each
    with a one-line reason.

    ``runs`` in any order; ``now`` timezone-aware; ``tz`` is the zone days and hours are
    counted in (default: this computer's); ``practice`` is the setting (alone, together, both,
    or '' when not said). Same inputs, same output, whatever the order of ``runs``.
    """
    facts = PracticeFacts.gather(library, runs, now, tz, long_seconds=SHORT_SECONDS)
    mode = facts.mode(practice)
    local_now = now.astimezone(tz) if tz is not None else now.astimezone()
    fit = (context,) if context else moment_contexts(local_now)
    stopped = facts.stopped(library)
    scored = [_score(entry, facts, context, fit, mode, stopped)
              for entry in library.entries.values() if entry.kind not in NEVER_SUGGESTED]
    scored.sort(key=lambda x: (x.last, -x.total, x.entry.id))
    return _with_reasons(_arrange(scored, mode), mode)


def _score(entry: Entry, facts: PracticeFacts, context: str | None, fit: tuple[str, ...], mode: str,
           stopped: dict[str, Entry]) -> _Scored:
    """One entry's score and candidate reasons, rule by rule."""
    s = _Scored(entry, entry.seconds)
    mine = facts.by_entry.get(entry.id, [])
    helped = facts.helped.get(entry.id) if isinstance(entry, Exercise) else None
    _kind_balance(s, facts, context, mode)
    s.add(0.3 * max(0.0, 1 - s.seconds / 900))  # short is easier to begin
    if entry.id not in facts.tried:
        noun = KIND_NOUN.get(entry.kind, "one")
        s.add(0.8, f"New: {noun} you haven't tried yet")
        s.also(f"Also new to you: {noun}, about {s.duration}")
    _context(s, context, fit)
    _helped(s, helped, context)
    if helped is not None and helped.helped:
        if context not in UNSPACED_CONTEXTS and facts.done_today(mine):
            s.add(-3.0)  # what helps comes back every day, not twice a day
            s.fits = False
    else:
        _spacing(s, mine, facts.now)
    if entry.id in stopped:
        s.add(-1.0)
        s.fits = False
    else:
        _shorter_instead(s, stopped)
    if facts.long_stops >= 2 and s.seconds <= SHORT_SECONDS:
        s.add(0.6, f"About {s.duration}, shorter than ones you stopped lately")
    elif facts.long_stops >= 2 and s.seconds >= facts.shortest_long_stop:
        s.fits = False  # as long as ones stopped lately: variety does not bring it in
    _participants(s, mode)
    return s


def _kind_balance(s: _Scored, facts: PracticeFacts, context: str | None, mode: str) -> None:
    """Kinds not practised lately are preferred (the reason only when no context is given:
    in the moment, the moment matters more), except exercises for two for someone who
    practises alone, and cards for the moment (never a habit). Runs for one and for two
    count apart, each for the entries like them: what this person can do alone is not
    what they did together. A family exercise is offered to someone who has done one, or
    for parenting."""
    kind = s.entry.kind
    if kind == "family" and context != "parenting" and not (
            (kind, False) in facts.kind_last or (kind, True) in facts.kind_last):
        s.add(-1.0)
        s.fits = False
    if kind not in KIND_DONE or (s.pair and mode == "alone") or is_card(s.entry):
        return
    s.add(1.2 / (1 + facts.week_kind.get((kind, s.pair), 0)))
    last = facts.kind_last.get((kind, s.pair))
    if last is not None:
        days = facts.days_since(last)
        if days >= 3:
            done = (KIND_DONE if s.pair else SOLO_KIND_DONE)[kind]  # a ritual for one is not shared
            s.add(min(1.5, 0.25 * days), "" if context else f"You haven't {done} in {days} days")


def _spacing(s: _Scored, mine: list[RunResult], now: datetime) -> None:
    """Less welcome until the gap after its last done run has passed (see spacing_gap)."""
    done = [r for r in mine if insights.is_done(r)]
    if not done:
        return
    gap = spacing_gap(done)
    since = (now - done[-1].started_at).total_seconds() / 86400
    if since < gap:
        s.add(-2.0 * (1 - since / gap))
        s.fits = False  # variety does not bring back what is being spaced


def _helped(s: _Scored, h: insights.Helped | None, context: str | None) -> None:
    """What helped ranks high where it fits, first when the moment calls for calm; what did
    not help (calm fell or stayed) is offered a little less, without saying so."""
    if h is None:
        return
    if not h.helped:
        s.add(max(-0.8, 0.3 * h.average_change))
        return
    contexts = s.entry.contexts
    if context is not None and context not in contexts:
        return
    everyday = everyday_contexts(s.entry)
    if context is None and everyday and everyday <= SITUATIONAL:
        return
    reason = f"It has helped you: {insights.describe(h, on_average=False)}"
    if context in CALMING_CONTEXTS:
        s.add(6.0 + min(1.5, 0.5 * h.average_change), reason)
    else:
        s.add(1.6 + min(0.8, 0.25 * h.average_change), reason)


def _context_reason(entry: Entry, context: str) -> str:
    # a repair for one after a conflict (repair phrases) is still about finding each other
    if (entry.participants == 1 and context in SOLO_CONTEXT_REASON
            and not (entry.kind == "repair" and context == "after-conflict")):
        return SOLO_CONTEXT_REASON[context]
    return CONTEXT_REASON.get(context, f"Suits {context.replace('-', ' ')}")


def _label(entry: Entry) -> str:
    return KIND_LABEL.get(entry.kind, entry.kind.title())


def _context(s: _Scored, context: str | None, fit: tuple[str, ...]) -> None:
    """The situation asked for (``context``), else the time of day (``fit``)."""
    entry = s.entry
    matches = [c for c in fit if c in entry.contexts]
    if context:
        if context == "stressed" and long_hold(entry):
            s.fits, s.last = False, True
            return
        if not matches:
            s.add(-2.5)
            s.fits = False
            return
        s.add(3.0, _context_reason(entry, context))
        if context in CALMING_CONTEXTS and s.seconds <= SHORT_SECONDS:
            s.add(3.0 + 0.8 * (1 - s.seconds / (2 * SHORT_SECONDS)),
                  f"Short and calming {CONTEXT_WHEN[context]}" if entry.kind in CALMING_KINDS else "")
        if context == "stressed" and entry.kind == "breathing" and long_exhale(entry):
            s.add(0.8, "A long breath out helps when stress runs high")
        if context in CONTEXT_WHEN:
            s.also(f"{_label(entry)} {CONTEXT_WHEN[context]}, about {s.duration}")
        return
    if matches:
        s.add(0.9, _context_reason(entry, matches[-1]))
        s.timely = matches[-1] in TIMES_OF_DAY
        if matches[-1] in CONTEXT_WHEN:
            s.also(f"{_label(entry)} {CONTEXT_WHEN[matches[-1]]}, about {s.duration}")
    everyday = everyday_contexts(entry)
    if everyday and everyday <= (SITUATIONAL if "weekly" in fit else NOT_NOW):
        s.add(-1.5)
        s.fits = False
    elif (TIMES_OF_DAY & set(fit) and TIMES_OF_DAY & everyday and "anytime" not in everyday
          and not TIMES_OF_DAY & everyday & set(fit)):
        s.add(-0.8)  # three good things in the evening, not at breakfast
        s.fits = False


def _shorter_instead(s: _Scored, stopped: dict[str, Entry]) -> None:
    entry = s.entry
    for other in sorted(stopped.values(), key=lambda e: e.id):
        if s.seconds <= 0.8 * other.seconds and stands_in_for(entry, other):
            reason = f"You stopped {other.title} early last time; this shorter one may fit"
            if len(reason) > 90:
                reason = f"You stopped a longer one early last time; this one is about " \
                         f"{s.duration}"
            s.add(1.1, reason)
            return


def _participants(s: _Scored, mode: str) -> None:
    if not s.pair:
        return
    s.add({"alone": -1.5, "": -0.5, "together": 1.2}.get(mode, 0.0))


def _arrange(scored: list[_Scored], mode: str) -> list[_Scored]:
    """The top three: different kinds among entries that fit, where the library allows, at
    least one that suits the time of day (no context asked) where one fits, and at most one
    for two for someone who practises alone (or has not said); then the rest. For someone
    who practises alone, variety never brings in one for two (its score may)."""
    cap = 1 if mode in ("alone", "") else TOP
    rest = list(scored)
    top: list[_Scored] = []
    while len(top) < TOP and rest:
        kinds = {x.entry.kind for x in top}
        room = sum(x.pair for x in top) < cap
        allowed = [x for x in rest if room or not x.pair]
        varied = [x for x in allowed if x.fits and x.entry.kind not in kinds
                  and not (x.pair and mode == "alone")]
        fitting = [x for x in allowed if x.fits]
        timely = []
        if len(top) == TOP - 1 and not any(x.timely for x in top):
            timely = [x for x in varied if x.timely] or ([] if varied else [x for x in fitting if x.timely])
        pick = (timely or varied or fitting or allowed or rest)[0]
        top.append(pick)
        rest.remove(pick)
    return top + rest


def _with_reasons(ordered: list[_Scored], mode: str) -> list[Suggestion]:
    """Each entry's best reason that no entry above it has taken."""
    used: set[str] = set()
    out = []
    for x in ordered:
        entry = x.entry
        candidates = [r for _, _, r in sorted(x.reasons)]
        candidates.append(f"{_label(entry)}, about {x.duration}")
        candidates.append(f"{entry.title}, about {x.duration}"[:100])
        if x.pair and mode in ("alone", ""):
            candidates = [_for_two(r) for r in candidates]
        reason = next((r for r in candidates if r not in used and len(r) <= MAX_REASON), candidates[-2])
        used.add(reason)
        out.append(Suggestion(entry.id, reason, round(x.total, 6)))
    return out


def _for_two(reason: str) -> str:
    """Say that an exercise needs two, for someone who practises alone or has not said."""
    for start in ("New", "Also new to you"):
        if reason.startswith(start + ": "):
            return f"{start}, for two: {reason.removeprefix(start + ': ')}"
    return f"For two: {reason[:1].lower()}{reason[1:]}"
