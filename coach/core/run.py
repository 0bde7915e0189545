"""A run of an entry: an exercise, or a plan's exercises in order, one
:class:`~coach.core.session.Session` at a time; who takes part, where it is, what it gave.
Free of any UI; time comes from the injected clock."""

from __future__ import annotations

from coach.core.clock import Clock
from coach.core.model import Emotions, Entry, Exercise, Instruction, Plan
from coach.core.recap import Recap, Where
from coach.core.runs import RunResult
from coach.core.session import Session, uses_names


class Run:
    """An exercise, or a plan's exercises in order, one :class:`Session` at a time."""

    def __init__(self, entry: Entry, clock: Clock, partners: tuple[str, str] | None = None,
                 lead_in: float = 0.0) -> None:
        self.entry = entry
        self.lead_in = lead_in
        self.clock = clock
        self.partners = partners
        """(a, b) for this run: the names in the order of their roles."""
        self.swapped = False
        """Whether ``partners`` is the settings' two names the other way round."""
        self.exercises: tuple[Exercise, ...] = entry.exercises if isinstance(entry, Plan) else (entry,)
        self.plan_id = entry.id if isinstance(entry, Plan) else None
        self.position = -1
        self.session: Session | None = None
        self.sessions: list[Session] = []
        self.results: list[RunResult] = []
        self._start_step = 0

    def set_partners(self, first: str, second: str, *, swapped: bool = False) -> None:
        """The two names as given (first, second); swapped gives role a to the second."""
        self.partners = (second, first) if swapped else (first, second)
        self.swapped = swapped

    def pick_up(self, position: int, step: int) -> None:
        """Begin at exercise ``position``, step ``step`` (a run picked up after a break)."""
        if not 0 <= position < len(self.exercises):
            raise IndexError("no such exercise in this run")
        self.position = position - 1
        self._start_step = step

    def caution_before(self, position: int) -> str:
        """The caution to show before exercise ``position``: a plan's own caution, once, before
        its first exercise (and no exercise's caution inside it); else each exercise's own.
        Never two at once."""
        plan_caution = self.entry.caution if isinstance(self.entry, Plan) else ""
        if plan_caution:
            return plan_caution if position == 0 else ""
        return self.exercises[position].caution if 0 <= position < len(self.exercises) else ""

    def needs_names(self) -> bool:
        """Whether the exercise about to begin speaks to partners whose names are not known."""
        nxt = self.upcoming()
        return self.partners is None and nxt is not None and nxt.participants == 2 and uses_names(nxt)

    def upcoming(self) -> Exercise | None:
        """The exercise :meth:`begin_next` would start, or None after the last one."""
        nxt = self.position + 1
        return self.exercises[nxt] if nxt < len(self.exercises) else None

    def begin_next(self) -> Session:
        exercise = self.upcoming()
        if exercise is None:
            raise IndexError("no exercise left in this run")
        self.position += 1
        self.session = Session(exercise, self.clock, self.partners, self.plan_id, self.lead_in,
                               swapped=self.swapped, start_at=self._start_step)
        self._start_step = 0
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
