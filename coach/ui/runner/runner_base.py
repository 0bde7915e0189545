"""What every runner screen keeps and shows around the steps: the run's state, the header with
its one step count, the safety line, help's words for the step, and a pause while help, a
dialog or ctrl+z covers it. :class:`~coach.ui.runner.runner_screen.RunnerScreen` adds the flow
(starting, steps, breaks, the end)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer as TextualTimer

from coach.core.model import Entry, Exercise
from coach.core.run import Run
from coach.core.runs import RunResult
from coach.core.session import Session
from coach.core.together import Resume
from coach.ui.base import CoachScreen
from coach.ui.runner.run_header import RunHeader
from coach.ui.runner.safety import SafetyLine
from coach.ui.runner.step_keys import extra_keys, help_title
from coach.ui.runner.step_view import StepView
from coach.ui.text import clean
from coach.ui.widgets.footer import CoachFooter


class RunnerBase(CoachScreen[None]):
    """``leaves_app``: the app was opened for this entry (``coach run ID``), so its summary's
    Enter (or "Not now" before it began) closes the app instead of going home."""

    def __init__(self, entry: Entry, *, leaves_app: bool = False) -> None:
        super().__init__()
        self.entry = entry
        self.leaves_app = leaves_app
        self.run: Run | None = None
        self.view: StepView | None = None
        self.next_up: Exercise | None = None
        """The plan's next exercise while "next up" shows between two of them."""
        self._timer: TextualTimer | None = None
        self._fps = 0.0
        self._swapping = False
        self._covered = False
        """Paused because another screen (help, the palette, a dialog) covers the runner."""
        self._resume: Resume | None = None
        """Picking up a run that stopped for a break: roles stay as they were."""

    @property
    def session(self) -> Session | None:
        return self.run.session if self.run else None

    def compose(self) -> ComposeResult:
        yield RunHeader(self.entry.title)
        yield SafetyLine()
        yield Vertical(id="body")
        yield CoachFooter(show_command_palette=False)

    def on_resize(self) -> None:
        self.query_one(CoachFooter).compact = self.size.width < 80
        self.call_after_refresh(self._update_top)

    # -- help: its name for this step, the step's keys, and a pause while it covers us ---
    @property
    def help_title(self) -> str:
        """How help names this screen: "Keys while you breathe"."""
        if self.next_up is not None:
            return "Keys between the parts of a plan"
        session = self.session
        return help_title(session.step if session and not session.ended else None)

    def help_keys(self) -> list[tuple[str, str]]:
        """Keys of the current step that no binding describes (digits, typing)."""
        session = self.session
        if session is None or session.ended or self.next_up is not None:
            return []
        return extra_keys(session.step, str(getattr(self.view, "stage", "")))

    def on_screen_suspend(self) -> None:
        """Help, the palette or a dialog covers the runner: the step waits."""
        session = self.session
        if session is not None and not session.ended and not session.paused:
            session.pause()
            self._covered = True
            self._update_top()

    def on_screen_resume(self) -> None:
        """Back on top: go on, unless the step was paused before it was covered."""
        session = self.session
        if self._covered and session is not None and not session.ended:
            session.resume()
            self._update_top()
            if self.view is not None and self.view.current:
                self.view.redraw()
        self._covered = False

    def _update_top(self) -> None:
        """The header: one step count (or which part is done, between a plan's parts)."""
        session, run = self.session, self.run
        headers = self.query(RunHeader)
        if session is None or run is None or not headers:  # not yet begun, or closing
            return
        header = headers.first()
        if self.next_up is not None:
            header.show(None, False, done=f"Next up: part {run.position + 2} of {len(run.exercises)}")
        else:
            header.show(run.where(), session.paused and not session.ended)
        self.query_one(SafetyLine).follow(None if self.next_up is not None else session)

    def _record(self, result: RunResult) -> None:
        """Store a finished or abandoned run; say so in one sentence if that failed."""
        message = self.ctx.record_run(result)
        if message:
            self.notify(clean(message), title="History", severity="warning", timeout=10, markup=False)

    def action_pause(self) -> None:
        if self.session:
            self.session.toggle_pause()
            self._update_top()
            self.refresh_bindings()
            if self.view and self.view.current:
                self.view.redraw()

    def action_resume(self) -> None:
        self.action_pause()

    def action_suspend(self) -> None:
        """Ctrl+Z: pause first, so the exercise resumes paused rather than skipped ahead."""
        self._pause_for_suspend()
        self.app.action_suspend_process()

    def _on_app_suspend(self, _app: object) -> None:
        self._pause_for_suspend()

    def _pause_for_suspend(self) -> None:
        if self.session and not self.session.ended:
            self.session.pause()
            self._update_top()
            self.refresh_bindings()
