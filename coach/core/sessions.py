"""Your own words back: one run as the history screen's list and detail and ``coach history
--notes`` show it (when, what, how long, how it ended; feelings, ratings, and each note under
the step that asked it). Pure: runs and the library in, plain text out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

from coach.core.insights import status
from coach.core.library import Library
from coach.core.model import Exercise, Note, format_duration
from coach.core.runs import RunResult
from coach.core.text import fill, reflow

RECENT = 50
"""Sessions the history screen lists (newest first)."""


@dataclass(frozen=True, slots=True)
class NoteBack:
    """One note with the question that asked it (None when the step is not known: a record
    from before notes were kept per step, or an exercise changed or gone since)."""

    step: int | None
    prompt: str | None
    text: str

    @property
    def heading(self) -> str:
        if self.prompt:
            return self.prompt
        return f"At step {self.step + 1}" if self.step is not None else "Your note"


@dataclass(frozen=True, slots=True)
class RatingBack:
    measure: str
    before: int
    after: int | None
    """None when it was rated once (a run stopped before the second rating)."""

    @property
    def text(self) -> str:
        """'3 before, 7 after (+4)': a change, never judged (calm included: these are numbers)."""
        if self.after is None:
            return f"{self.before} before"
        return f"{self.before} before, {self.after} after ({self.after - self.before:+d})"


def when(run: RunResult, tz: tzinfo | None = None) -> str:
    """'Wed 4 Nov 2026 19:00' in local time."""
    at = run.started_at.astimezone(tz)
    return f"{at:%a} {at.day} {at:%b %Y %H:%M}"


def short_when(run: RunResult, tz: tzinfo | None = None) -> str:
    """' 4 Nov 19:00' for lists (the detail says the weekday and year)."""
    at = run.started_at.astimezone(tz)
    return f"{at.day:>2} {at:%b %H:%M}"


def length(run: RunResult) -> str:
    """Time practised: '5 min', '40 s' ('0 s' for a run only opened)."""
    return format_duration(run.active_seconds) if run.active_seconds >= 0.5 else "0 s"


def recent(runs: Sequence[RunResult], count: int = RECENT) -> list[RunResult]:
    """The newest ``count`` runs, newest first (``runs`` are oldest first, as stored)."""
    return list(reversed(runs[-count:])) if count > 0 else []


def line(run: RunResult, tz: tzinfo | None = None) -> tuple[str, str, str, str]:
    """(when, title, time, status) for a list row."""
    return short_when(run, tz), run.title, length(run), status(run)


def _exercise(run: RunResult, library: Library) -> Exercise | None:
    """The exercise this run was of, only while it is unchanged (so step numbers still match)."""
    entry = library.entries.get(run.exercise_id) if isinstance(run.exercise_id, str) else None
    if isinstance(entry, Exercise) and entry.content_hash == run.content_hash:
        return entry
    return None


def notes_back(run: RunResult, library: Library) -> list[NoteBack]:
    """Each note under the question that asked it, in step order."""
    if not run.notes:
        return [NoteBack(None, None, text) for text in run.note.split("\n\n") if text.strip()]
    exercise = _exercise(run, library)
    out = []
    for note in sorted(run.notes, key=lambda n: n.step):
        prompt = None
        if exercise is not None and note.step < len(exercise.steps):
            step = exercise.steps[note.step]
            if isinstance(step, Note):
                prompt = reflow(fill(step.text, run.partners)).strip() or None
        out.append(NoteBack(note.step, prompt, note.text))
    return out


def ratings_back(run: RunResult) -> list[RatingBack]:
    """First and last rating of each measure, in the order they were first asked."""
    by_measure: dict[str, list[int]] = {}
    for rating in sorted(run.ratings, key=lambda r: r.step):
        by_measure.setdefault(rating.measure, []).append(rating.value)
    return [RatingBack(m, v[0], v[-1] if len(v) > 1 else None) for m, v in by_measure.items()]


BREAK_ENDS = {"resumed": "then you went on", "not_yet": "one of you was not calm enough yet",
              "later": "you agreed to come back later", "stopped": "the run stopped there"}
"""How a break ended (coach.core.runs.BREAK_OUTCOMES), said plainly."""


def care_back(run: RunResult) -> list[str]:
    """The breaks taken and the turns passed in a run for two, one line each, never a judgement:
    'A break at step 5 (20 min): then you went on', 'One turn passed: nothing has to be shared'."""
    out = []
    for taken in run.breaks:
        agreed = f" ({taken.minutes} min)" if taken.minutes else ""
        out.append(f"A break at step {taken.step + 1}{agreed}: {BREAK_ENDS.get(taken.outcome, '')}"
                   .rstrip(": "))
    if run.passed:
        turns = "One turn" if len(run.passed) == 1 else f"{len(run.passed)} turns"
        out.append(f"{turns} passed: nothing has to be shared")
    return out


def feelings_back(run: RunResult) -> list[str]:
    """'lonely (6)', 'hopeful': the words named, with how strong when rated."""
    return [f.word + (f" ({f.intensity})" if f.intensity is not None else "") for f in run.feelings]
