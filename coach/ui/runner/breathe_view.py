"""The breathing step: pacer shape, phase name, seconds left in the phase and the cycle count."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Digits, Static

from coach.core import breathing
from coach.core.model import Breathe
from coach.core.session import Session
from coach.ui.messages import Cue
from coach.ui.runner.pacer import Pacer
from coach.ui.runner.step_view import StepView
from coach.ui.text import literal


class BreatheView(StepView):
    DEFAULT_CSS = """
    BreatheView { padding: 0 1; }
    BreatheView #pacer-row { height: 1fr; align-horizontal: center; }
    BreatheView #pacer-info { width: 28; height: 1fr; padding: 0 1; align-vertical: middle; }
    BreatheView #phase-name { text-style: bold; color: $accent; height: auto; }
    BreatheView #phase-seconds { width: auto; color: $foreground; }
    BreatheView #cycle { color: $text-muted; height: auto; }
    BreatheView #guidance { height: auto; max-height: 3; color: $text-muted; }
    BreatheView.-still #pacer-row { align: center middle; }
    BreatheView.-still #pacer-info { width: 36; max-width: 100%; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        assert isinstance(session.step, Breathe)
        self.step: Breathe = session.step
        self.animate_shape = False
        self.phase_log: list[tuple[float, float]] = []
        """(scheduled, observed) seconds from the step start for each phase change seen."""
        self._last: tuple[int, str] | None = None
        self._boundary_at: float | None = None
        self._timer: Timer | None = None
        self._widgets: dict[str, Widget] = {}

    def compose(self) -> ComposeResult:
        self.animate_shape = self.app.animation_level != "none"
        if not self.animate_shape:
            self.add_class("-still")
        with Horizontal(id="pacer-row"):
            if self.animate_shape:
                yield Pacer()
            with Vertical(id="pacer-info"):
                yield Static(id="phase-name")
                yield Digits(id="phase-seconds")
                yield Static(id="cycle")
        if self.step.text:
            yield Static(literal(self.session.text()), id="guidance")

    def fps(self) -> float:
        return 8.0 if self.app.animation_level == "full" else 4.0

    def _bind(self) -> None:
        self._widgets = {sel: self.query_one(sel) for sel in ("#phase-name", "#cycle", "#phase-seconds")}
        if self.animate_shape:
            self._widgets["Pacer"] = self.query_one(Pacer)

    def redraw(self) -> None:
        if not self._widgets:
            self._bind()
        elapsed = self.session.breath_elapsed
        if breathing.count_in(elapsed):
            self._count_in(elapsed)
            return
        state = breathing.phase_at(self.step, elapsed)
        key = (state.cycle, state.key)
        if key != self._last and not state.done:
            if self._last is not None and self._last[0]:
                scheduled = (state.cycle - 1) * self.step.cycle_seconds + state.phase.start
                self.phase_log.append((scheduled, elapsed))
            self.post_message(Cue(state.key))  # type: ignore[arg-type]
            self._last = key
            self._widgets["#phase-name"].update(spaced(state.name))  # type: ignore[attr-defined]
            self._widgets["#cycle"].update(f"cycle {state.cycle} of {state.cycles}")  # type: ignore[attr-defined]
        seconds = str(state.whole_seconds_left)
        digits = self._widgets["#phase-seconds"]
        assert isinstance(digits, Digits)
        if digits.value != seconds:
            digits.update(seconds)
        if self.animate_shape:
            pacer = self._widgets["Pacer"]
            assert isinstance(pacer, Pacer)
            pacer.show(state.size, state.key)
        self._schedule_boundary(elapsed)

    def _count_in(self, elapsed: float) -> None:
        """The 3-2-1 before the first breath (the count setting): the shape waits, empty."""
        if self._last is None:
            self._last = (0, "count-in")
            self._widgets["#phase-name"].update(spaced("Get ready"))  # type: ignore[attr-defined]
            self._widgets["#cycle"].update(f"{self.step.cycles} cycles")  # type: ignore[attr-defined]
        digits = self._widgets["#phase-seconds"]
        assert isinstance(digits, Digits)
        count = str(breathing.count_in(elapsed))
        if digits.value != count:
            digits.update(count)
        if self.animate_shape:
            pacer = self._widgets["Pacer"]
            assert isinstance(pacer, Pacer)
            pacer.show(0.0, "hold_after")
        self._schedule_boundary(elapsed)

    def _schedule_boundary(self, elapsed: float) -> None:
        """Wake exactly at the next phase change, so it never waits for the next frame."""
        if self.session.paused:
            self._cancel()
            return
        nxt = breathing.next_boundary(self.step, elapsed)
        if nxt is None or nxt == self._boundary_at:
            return
        self._cancel()
        self._boundary_at = nxt
        self._timer = self.set_timer(max(0.0, nxt - elapsed), self._on_boundary)

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer, self._boundary_at = None, None

    def _on_boundary(self) -> None:
        target = self._boundary_at
        self._timer, self._boundary_at = None, None
        elapsed = self.session.breath_elapsed
        if target is not None and elapsed < target - 0.0005:
            self._schedule_boundary(elapsed)  # woke a little early: sleep again
            return
        self.post_message(self.Due())


def spaced(name: str) -> str:
    """'Breathe in' -> 'B R E A T H E   I N': big and calm, readable from a distance."""
    return "   ".join(" ".join(word.upper()) for word in name.split())
