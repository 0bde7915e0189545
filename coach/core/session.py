"""The exercise runner's state machine, free of any UI.

A :class:`Session` walks one exercise step by step; a :class:`coach.core.run.Run` walks an
exercise or a plan (one session per exercise, in order). Time comes from the injected clock: a
step's elapsed time is accumulated from monotonic differences across pauses, never counted in
ticks.
"""

from __future__ import annotations

from datetime import datetime

from coach.core.breaks import BreakState
from coach.core.clock import Clock, Stopwatch
from coach.core.model import (
    Break,
    Breathe,
    Exercise,
    Instruction,
    Partner,
    Reflect,
    Step,
    Timer,
    Turn,
)
from coach.core.recap import Written
from coach.core.runs import NamedFeeling, Rating, RunResult, StepNote
from coach.core.text import fill, name_of, reflow
from coach.core.totals import Change, Summary, summarize

__all__ = ["Change", "Session", "Stopwatch", "Summary", "auto_advances", "summarize",
           "timed_seconds", "uses_names"]

MAX_NOT_QUITE = 3
"""'Not quite' on a reflect step can be said this many times; then it is fine to move on."""
SAFETY_SECONDS = 10.0
"""An exercise's safety line stays at least this long, and on a pacer for its first cycle."""


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


def uses_names(exercise: Exercise) -> bool:
    """Whether the exercise speaks to the partners by name (turns, reflections, {a} or {b}):
    only then are names asked for. A break needs none."""
    import string

    for step in exercise.steps:
        if isinstance(step, Turn | Reflect):
            return True
        text = getattr(step, "text", "")
        try:
            if any(f in ("a", "b") for _, f, _, _ in string.Formatter().parse(text)):
                return True
        except ValueError:  # not a template (the loader refuses these): no names in it
            continue
    return False


class Session:
    """One run of one exercise."""

    def __init__(self, exercise: Exercise, clock: Clock, partners: tuple[str, str] | None = None,
                 plan_id: str | None = None, lead_in: float = 0.0, *, swapped: bool = False,
                 start_at: int = 0) -> None:
        self.exercise = exercise
        self.lead_in = lead_in
        """Seconds counted (3-2-1) before the first breath of each breathing step."""
        self.clock = clock
        self.partners = partners
        self.plan_id = plan_id
        self.swapped = swapped
        """The second of the two names has role a in this run (see RunResult.swapped)."""
        self.index = min(max(0, start_at), len(exercise.steps) - 1)
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
        self.passed: set[int] = set()
        self.breaks: list[BreakState] = []
        self._paused_before_break = False
        self._break_seconds = 0.0
        """Time spent in the exercise's own break steps: that break is the practice."""
        self._step_watch = Stopwatch(clock)
        self._active = Stopwatch(clock)
        self._safety_until = self.index
        self._first_breath = next((i for i, s in enumerate(exercise.steps)
                                   if isinstance(s, Breathe)), None)

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
        return self._active.elapsed + self._break_seconds

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

    @property
    def safety_visible(self) -> bool:
        """Whether to show the exercise's safety line now: from the first step until the first
        breathing cycle is over (however fast the steps before it were passed), or, without
        breathing, on the steps begun in its first :data:`SAFETY_SECONDS`."""
        if not self.exercise.safety or self.ended:
            return False
        first = self._first_breath
        if first is None:
            return self.index <= self._safety_until
        if self.index != first:
            return self.index < first
        step = self.exercise.steps[first]
        assert isinstance(step, Breathe)
        return self.breath_elapsed < max(step.cycle_seconds, SAFETY_SECONDS)

    @property
    def two_person(self) -> bool:
        return self.exercise.participants == 2

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
            self.passed.discard(self.index)
            self._go(self.index + 1)

    def pass_turn(self) -> None:
        """The speaker passes (nothing has to be shared): the turn ends, kept as passed."""
        if not self.ended and isinstance(self.step, Turn):
            self.passed.add(self.index)
            self.done.discard(self.index)
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
        if self._active.elapsed < SAFETY_SECONDS:
            self._safety_until = max(self._safety_until, index)

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
        """The speaker asked for another try: the reflection repeats (at most
        :data:`MAX_NOT_QUITE` times). Returns the attempt number."""
        if self.may_ask_again():
            self.reflect_attempts[self.index] = self.attempt() + 1
            self._step_watch.reset(running=not self.paused)
        return self.attempt()

    def attempt(self) -> int:
        return self.reflect_attempts.get(self.index, 1)

    def may_ask_again(self) -> bool:
        """Whether 'not quite' may still be said on this reflect step; after that it is fine
        to move on and come back to it another time."""
        return self.attempt() <= MAX_NOT_QUITE

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

    # -- breaks --------------------------------------------------------------------------
    def start_break(self) -> BreakState:
        """A break from this step: the step's time stands still until :meth:`end_break`."""
        if self.ended:
            raise RuntimeError("the run has ended")
        self._paused_before_break = self.paused
        self.pause()
        state = BreakState(self.clock, self.index, break_step=isinstance(self.step, Break))
        self.breaks.append(state)
        return state

    def cancel_break(self, state: BreakState) -> None:
        """Back out of a break: before a return time was chosen, as if none was asked for;
        either way the step goes on as it was."""
        if state not in self.breaks:
            return
        if not state.chosen:
            self.breaks.remove(state)
        if not self._paused_before_break:
            self.resume()

    def end_break(self, state: BreakState, outcome: str) -> None:
        """The break is over. Resumed: a break step is done, any other step starts again
        (a turn gets its whole time); otherwise the run ends here, kept as stopped early."""
        state.end(outcome)
        if state.break_step:  # the break is this step's practice, up to the agreed time
            self._break_seconds += min(state.elapsed, state.seconds)
        if outcome != "resumed":
            self.quit()
        elif state.break_step:
            self.complete()
        else:
            self.restart()

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
            notes=tuple(StepNote(i, t) for i, t in sorted(self.notes.items())),
            passed=tuple(sorted(self.passed)), swapped=self.swapped and ex.participants == 2,
            breaks=tuple(b.record() for b in self.breaks if b.chosen),
        )

