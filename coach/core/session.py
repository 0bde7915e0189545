"""The exercise runner's state machine, free of any UI.

A :class:`Session` walks one exercise step by step; a :class:`Run` walks an exercise or a
plan (one session per exercise, in order). Time comes from the injected clock: a step's
elapsed time is accumulated from monotonic differences across pauses, never counted in ticks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from coach.core.clock import Clock
from coach.core.model import (
    Breathe,
    Emotions,
    Entry,
    Exercise,
    Instruction,
    Partner,
    Plan,
    Step,
    Timer,
    Turn,
)
from coach.core.recap import Recap, Where, Written
from coach.core.runs import NamedFeeling, Rating, RunResult
from coach.core.text import fill, name_of, reflow


class Stopwatch:
    """Elapsed seconds from monotonic differences, accumulated across stops."""

    def __init__(self, clock: Clock, running: bool = True) -> None:
        self._clock = clock
        self._total = 0.0
        self._since: float | None = clock.monotonic() if running else None

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def elapsed(self) -> float:
        if self._since is None:
            return self._total
        return self._total + max(0.0, self._clock.monotonic() - self._since)

    def start(self) -> None:
        if self._since is None:
            self._since = self._clock.monotonic()

    def stop(self) -> None:
        if self._since is not None:
            self._total = self.elapsed
            self._since = None

    def reset(self, running: bool = True) -> None:
        self._total = 0.0
        self._since = self._clock.monotonic() if running else None


def timed_seconds(step: Step) -> float | None:
    """How long a timed step lasts (turns: the gentle limit), or None for untimed steps."""
    match step:
        case Instruction(seconds=s) if s is not None:
            return float(s)
        case Timer(seconds=s) | Turn(seconds=s):
            return float(s)
        case Breathe():
            return step.seconds
    return None


def auto_advances(step: Step) -> bool:
    """Timed instructions, timers and breathing move on by themselves; turns never do."""
    return timed_seconds(step) is not None and not isinstance(step, Turn)


class Session:
    """One run of one exercise."""

    def __init__(self, exercise: Exercise, clock: Clock, partners: tuple[str, str] | None = None,
                 plan_id: str | None = None, lead_in: float = 0.0) -> None:
        self.exercise = exercise
        self.lead_in = lead_in
        """Seconds counted (3-2-1) before the first breath of each breathing step."""
        self.clock = clock
        self.partners = partners
        self.plan_id = plan_id
        self.index = 0
        self.paused = False
        self.ended = False
        self.completed = False
        self.started_at: datetime = clock.now()
        self.ended_at: datetime | None = None
        self.done: set[int] = set()
        self.feelings: dict[int, list[NamedFeeling]] = {}
        self.ratings: dict[int, int] = {}
        self.notes: dict[int, str] = {}
        self.reflect_attempts: dict[int, int] = {}
        self._step_watch = Stopwatch(clock)
        self._active = Stopwatch(clock)

    # -- where we are ------------------------------------------------------------------
    @property
    def total(self) -> int:
        return len(self.exercise.steps)

    @property
    def number(self) -> int:
        """1-based step number for 'step n of m'."""
        return min(self.index, self.total - 1) + 1

    @property
    def step(self) -> Step:
        return self.exercise.steps[min(self.index, self.total - 1)]

    @property
    def step_elapsed(self) -> float:
        return self._step_watch.elapsed

    @property
    def active_seconds(self) -> float:
        return self._active.elapsed

    @property
    def duration(self) -> float | None:
        d = timed_seconds(self.step)
        return d + self.lead_in if d is not None and isinstance(self.step, Breathe) else d

    @property
    def breath_elapsed(self) -> float:
        """Seconds into a breathing step's pattern: negative while the lead-in counts down."""
        return self.step_elapsed - (self.lead_in if isinstance(self.step, Breathe) else 0.0)

    @property
    def remaining(self) -> float | None:
        d = self.duration
        return None if d is None else max(0.0, d - self.step_elapsed)

    @property
    def time_up(self) -> bool:
        d = self.duration
        return d is not None and self.step_elapsed >= d

    def text(self, step: Step | None = None) -> str:
        """The step's text with partner names filled in."""
        step = step or self.step
        speaker = getattr(step, "speaker", None)
        return reflow(fill(getattr(step, "text", ""), self.partners, speaker))

    def name(self, partner: Partner) -> str:
        return name_of(partner, self.partners)

    # -- moving --------------------------------------------------------------------------
    def pause(self) -> None:
        if not self.ended and not self.paused:
            self.paused = True
            self._step_watch.stop()
            self._active.stop()

    def resume(self) -> None:
        if not self.ended and self.paused:
            self.paused = False
            self._step_watch.start()
            self._active.start()

    def toggle_pause(self) -> None:
        self.resume() if self.paused else self.pause()

    def complete(self) -> None:
        """The current step is finished: mark it done and go to the next one."""
        if not self.ended:
            self.done.add(self.index)
            self._go(self.index + 1)

    def skip(self) -> None:
        if not self.ended:
            self._go(self.index + 1)

    def back(self) -> None:
        if not self.ended:
            self._go(max(0, self.index - 1))

    def restart(self) -> None:
        if not self.ended:
            self._go(self.index)

    def tick(self) -> bool:
        """Move on when a self-advancing step's time is over. True when it moved."""
        if self.ended or self.paused or not auto_advances(self.step) or not self.time_up:
            return False
        self.complete()
        return True

    def quit(self) -> None:
        """End early (after the person confirmed); the partial run is kept."""
        self._finish(completed=False)

    def _go(self, index: int) -> None:
        if index >= self.total:
            self._finish(completed=True)
            return
        self.index = index
        self.paused = False
        self._step_watch.reset()
        self._active.start()

    def _finish(self, completed: bool) -> None:
        if self.ended:
            return
        self.ended, self.completed = True, completed
        self._step_watch.stop()
        self._active.stop()
        self.ended_at = self.clock.now()

    # -- answers -------------------------------------------------------------------------
    def set_feelings(self, feelings: list[NamedFeeling]) -> None:
        self.feelings[self.index] = list(feelings)

    def set_rating(self, value: int) -> None:
        if not 0 <= value <= 10:
            raise ValueError("a rating is 0 to 10")
        self.ratings[self.index] = value

    def set_note(self, text: str) -> None:
        if text.strip():
            self.notes[self.index] = text.strip()
        else:
            self.notes.pop(self.index, None)

    def not_quite(self) -> int:
        """The speaker asked for another try: the reflection repeats. Returns the attempt number."""
        self.reflect_attempts[self.index] = self.reflect_attempts.get(self.index, 1) + 1
        self._step_watch.reset(running=not self.paused)
        return self.reflect_attempts[self.index]

    def attempt(self) -> int:
        return self.reflect_attempts.get(self.index, 1)

    def written(self, before: int | None = None) -> list[Written]:
        """What was written in this exercise's note steps (before step ``before``, when
        given), each with the question that asked it, in step order."""
        return [Written(self.exercise.title, self.text(self.exercise.steps[i]), note)
                for i, note in sorted(self.notes.items()) if before is None or i < before]

    def notes_to_show(self) -> list[Written]:
        """The notes a "read it back" step (``show_notes``) shows: those written so far."""
        step = self.step
        if isinstance(step, Instruction) and step.show_notes:
            return self.written(before=self.index)
        return []

    def result(self) -> RunResult:
        """What this run produced so far (call after it ended for the final record)."""
        ex = self.exercise
        ratings = [Rating(getattr(ex.steps[i], "measure", ""), v, i) for i, v in sorted(self.ratings.items())]
        return RunResult(
            exercise_id=ex.id, content_hash=ex.content_hash, kind=ex.kind, title=ex.title,
            started_at=self.started_at, ended_at=self.ended_at or self.clock.now(),
            active_seconds=self.active_seconds, steps_total=self.total,
            steps_done=sorted(self.done), completed=self.completed,
            feelings=[f for _, fs in sorted(self.feelings.items()) for f in fs], ratings=ratings,
            note="\n\n".join(t for _, t in sorted(self.notes.items())),
            partners=self.partners if ex.participants == 2 else None, plan_id=self.plan_id,
        )


class Run:
    """An exercise, or a plan's exercises in order, one :class:`Session` at a time."""

    def __init__(self, entry: Entry, clock: Clock, partners: tuple[str, str] | None = None,
                 lead_in: float = 0.0) -> None:
        self.entry = entry
        self.lead_in = lead_in
        self.clock = clock
        self.partners = partners
        self.exercises: tuple[Exercise, ...] = entry.exercises if isinstance(entry, Plan) else (entry,)
        self.plan_id = entry.id if isinstance(entry, Plan) else None
        self.position = -1
        self.session: Session | None = None
        self.sessions: list[Session] = []
        self.results: list[RunResult] = []

    def upcoming(self) -> Exercise | None:
        """The exercise :meth:`begin_next` would start, or None after the last one."""
        nxt = self.position + 1
        return self.exercises[nxt] if nxt < len(self.exercises) else None

    def begin_next(self) -> Session:
        exercise = self.upcoming()
        if exercise is None:
            raise IndexError("no exercise left in this run")
        self.position += 1
        self.session = Session(exercise, self.clock, self.partners, self.plan_id, self.lead_in)
        self.sessions.append(self.session)
        return self.session

    @property
    def is_plan(self) -> bool:
        return isinstance(self.entry, Plan)

    def where(self) -> Where:
        """Where the run is, for the one step count the runner shows."""
        session = self.session
        if session is None:
            return Where(0, sum(len(e.steps) for e in self.exercises))
        if self.is_plan:
            before = sum(len(e.steps) for e in self.exercises[: self.position])
            return Where(before + session.number, sum(len(e.steps) for e in self.exercises),
                         self.position + 1, len(self.exercises), session.exercise.title)
        steps = session.exercise.steps
        starts = [i for i, s in enumerate(steps) if isinstance(s, Instruction) and s.part]
        here = [n for n, i in enumerate(starts, 1) if i <= session.index]
        if not here:
            return Where(session.number, session.total, 0, len(starts))
        part = here[-1]
        title = steps[starts[part - 1]].part  # type: ignore[union-attr]
        return Where(session.number, session.total, part, len(starts), title)

    def recap(self) -> Recap:
        """What the summary shows about this sitting."""
        return Recap(
            title=self.entry.title, results=list(self.results), planned=len(self.exercises),
            asks_feelings=any(isinstance(s, Emotions) for e in self.exercises for s in e.steps),
            written=[w for s in self.sessions for w in s.written()],
        )

    def close_session(self) -> RunResult:
        """Store the current session's result (ending it as abandoned if still running)."""
        if self.session is None:
            raise RuntimeError("no session to close")
        if not self.session.ended:
            self.session.quit()
        result = self.session.result()
        self.results.append(result)
        return result


@dataclass(frozen=True)
class Change:
    measure: str
    before: int
    after: int | None


@dataclass(frozen=True)
class Summary:
    active_seconds: float
    steps_done: int
    steps_total: int
    feelings: list[NamedFeeling] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    completed: bool = True


def summarize(results: list[RunResult]) -> Summary:
    """Totals over the runs of one sitting; before/after is first vs last rating of a measure."""
    changes: list[Change] = []
    for r in results:
        for measure in dict.fromkeys(x.measure for x in r.ratings):
            values = [x.value for x in sorted(r.ratings, key=lambda x: x.step) if x.measure == measure]
            changes.append(Change(measure, values[0], values[-1] if len(values) > 1 else None))
    return Summary(
        active_seconds=sum(r.active_seconds for r in results),
        steps_done=sum(len(r.steps_done) for r in results),
        steps_total=sum(r.steps_total for r in results),
        feelings=[f for r in results for f in r.feelings],
        changes=changes,
        completed=bool(results) and all(r.completed for r in results),
    )
