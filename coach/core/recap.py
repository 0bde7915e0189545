"""What a runner shows about where a run is and what it gave: the one step count of the
header (:class:`Where`), the notes written (:class:`Written`), and the recap a summary shows
(:class:`Recap`). Plain data, built by :class:`coach.core.run.Run`."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.core.runs import RunResult


@dataclass(frozen=True)
class Written:
    """A note written in a run, under the question that asked for it."""

    exercise: str
    question: str
    answer: str


@dataclass(frozen=True)
class Where:
    """Where a run is: step ``step`` of ``steps`` (counted over a whole plan), in part
    ``part`` of ``parts`` (a plan's exercises, or a script's named parts; 0 when none)."""

    step: int
    steps: int
    part: int = 0
    parts: int = 0
    part_title: str = ""

    def text(self, *, with_title: bool = True) -> str:
        """'Part 2 of 3: Name it to tame it · step 10 of 19', or 'Step 4 of 5'."""
        if not self.part:
            return f"Step {self.step} of {self.steps}"
        title = f": {self.part_title}" if with_title and self.part_title else ""
        return f"Part {self.part} of {self.parts}{title} · step {self.step} of {self.steps}"


@dataclass(frozen=True)
class Recap:
    """One sitting for the summary: its runs, what was written, whether feelings were asked.

    ``written`` lists notes in the order they were asked; another kind of answer to show (an
    agreed time to come back after a break, say) can be added as a Written with its own
    question."""

    title: str
    results: list[RunResult]
    planned: int = 1
    """Exercises in the entry (a plan stopped between exercises ran fewer)."""
    asks_feelings: bool = False
    written: list[Written] = field(default_factory=list)

    @property
    def status(self) -> str:
        """"done", "skipped" (finished, every step skipped) or "stopped early"."""
        results = self.results
        if not results or len(results) < self.planned or not all(r.completed for r in results):
            return "stopped early"
        return "done" if any(r.steps_done for r in results) else "skipped"
