"""The runner: one exercise (or a plan's exercises in order), one step view at a time.

The screen only renders the :class:`~coach.core.session.Run` and turns keys into calls on it;
timing lives in the session. The interval timer only triggers redraws.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.timer import Timer as TextualTimer

from coach.core.breathing import LEAD_IN
from coach.core.model import Entry, Exercise, Plan, Timer
from coach.core.runs import RunResult
from coach.core.session import Run, Session
from coach.ui.base import CoachScreen
from coach.ui.messages import Cue
from coach.ui.runner.caution import CautionScreen
from coach.ui.runner.confirm_quit import ConfirmQuit
from coach.ui.runner.names_dialog import NamesDialog
from coach.ui.runner.next_up import NextUp
from coach.ui.runner.run_header import RunHeader
from coach.ui.runner.step_keys import extra_keys, help_title
from coach.ui.runner.step_view import StepView
from coach.ui.runner.summary import ShellSummaryScreen, SummaryScreen
from coach.ui.runner.views import view_for
from coach.ui.text import clean
from coach.ui.widgets.footer import CoachFooter


class RunnerScreen(CoachScreen[None]):
    """``leaves_app``: the app was opened for this entry (``coach run ID``), so its summary's
    Enter (or "Not now" before it began) closes the app instead of going home."""

    BINDINGS = [
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("n,right", "skip", "Skip"),
        Binding("p,left", "back", "Back"),
        Binding("r", "restart", "Restart"),
        Binding("escape", "quit_run", "Stop"),
        Binding("ctrl+c", "quit_run", "Stop", show=False, priority=True),
        Binding("ctrl+z", "suspend", "Suspend", show=False),
    ]
    DEFAULT_CSS = """
    RunnerScreen #body { height: 1fr; }
    """

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

    @property
    def session(self) -> Session | None:
        return self.run.session if self.run else None

    def compose(self) -> ComposeResult:
        yield RunHeader(self.entry.title)
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

    # -- starting: caution, names, then the first exercise -------------------------------
    def on_mount(self) -> None:
        self.run = Run(self.entry, self.ctx.clock, lead_in=LEAD_IN if self.ctx.settings.count_in else 0.0)
        self.app.app_suspend_signal.subscribe(self, self._on_app_suspend)
        first = self.run.upcoming()
        texts = [t for t in (self.entry.caution if isinstance(self.entry, Plan) else "",
                             first.caution if first else "") if t]
        if texts:
            caution = CautionScreen(self.entry.title, "\n\n".join(texts))
            self.app.push_screen(caution, self._after_first_caution)
        else:
            self._after_first_caution(True)

    def _after_first_caution(self, start: bool | None) -> None:
        if not start:
            self._leave()
            return
        if self.entry.participants == 2:
            s = self.ctx.settings
            self.app.push_screen(NamesDialog(s.partner_a, s.partner_b), self._after_names)
        else:
            self.call_later(self._begin_next)

    def _after_names(self, names: tuple[str, str] | None) -> None:
        if names is None:
            self._leave()
            return
        assert self.run is not None
        self.run.partners = names
        message = self.ctx.update_settings(partner_a=names[0], partner_b=names[1])
        if message:
            self.notify(clean(message), severity="warning", markup=False)
        self.call_later(self._begin_next)

    async def _begin_next(self) -> None:
        assert self.run is not None
        self.next_up = None
        self.run.begin_next()
        await self.show_step()

    def _leave(self) -> None:
        """Back out before anything started (or show what the plan did so far)."""
        if self.run and self.run.results:
            self._finish()
        elif self.leaves_app:
            self.app.exit()
        else:
            self.dismiss()

    # -- showing steps -----------------------------------------------------------------
    async def show_step(self) -> None:
        session = self.session
        assert session is not None
        try:
            body = self.query_one("#body", Vertical)
        except NoMatches:  # closing already: the app quit, or the screen went, before it began
            return
        # The refresh timer runs in its own task and may fire while the views are swapped:
        # only a fully mounted view is published in self.view (see follow_clock).
        self._swapping = True
        try:
            self.view = None
            await body.remove_children()
            view = view_for(session)
            await body.mount(view)
            self.view = view
        finally:
            self._swapping = False
        view.redraw()
        view.focus_first()
        self._set_rate(view.fps())
        self._update_top()
        self.refresh_bindings()

    def _set_rate(self, fps: float) -> None:
        if fps != self._fps or self._timer is None:
            if self._timer is not None:
                self._timer.stop()
            self._fps = fps
            self._timer = self.set_interval(1 / fps, self.follow_clock)

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

    async def follow_clock(self) -> None:
        """Redraw from the session's clock; move on when a self-advancing step is over."""
        session = self.session
        if session is None or session.ended or self._swapping:
            return
        step = session.step
        if session.tick():
            if isinstance(step, Timer):
                self.post_message(Cue("time_up"))
            await self._after_move()
        elif self.view is not None and self.view.current:
            self.view.redraw()

    def on_step_view_finished(self, message: StepView.Finished) -> None:
        """The view's step is finished (Enter, hand-over, an answer): go to the next one."""
        if message.view is self.view and message.view.current and self.session:
            self.session.complete()
            self.call_later(self._after_move)

    async def on_step_view_due(self) -> None:
        await self.follow_clock()

    async def _after_move(self) -> None:
        session, run = self.session, self.run
        assert session is not None and run is not None
        if not session.ended:
            await self.show_step()
            return
        self._record(run.close_session())
        nxt = run.upcoming()
        if not session.completed or nxt is None:
            self._finish()
        else:
            plan_caution = isinstance(self.entry, Plan) and bool(self.entry.caution)
            await self._show_next_up(nxt, "" if plan_caution else nxt.caution)  # one caution

    async def _show_next_up(self, nxt: Exercise, caution: str) -> None:
        """Between a plan's exercises: what comes next (and its caution), Enter or Escape."""
        run = self.run
        assert run is not None and run.session is not None
        self.next_up = nxt
        self._swapping = True
        try:
            self.view = None
            body = self.query_one("#body", Vertical)
            await body.remove_children()
            await body.mount(NextUp(run.session.exercise.title, run.position + 1,
                                    len(run.exercises), nxt, caution))
        finally:
            self._swapping = False
        self.query_one(NextUp).focus()
        self._update_top()
        self.refresh_bindings()

    def on_next_up_go(self, message: NextUp.Go) -> None:
        message.stop()
        if self.next_up is not None:
            self.call_later(self._begin_next)

    def on_next_up_stop(self, message: NextUp.Stop) -> None:
        message.stop()
        self._finish()

    def _finish(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        assert self.run is not None
        if self.run.results and all(r.completed for r in self.run.results):
            self.post_message(Cue("run_end"))
        summary = ShellSummaryScreen if self.leaves_app else SummaryScreen
        self.app.switch_screen(summary(self.run.recap()))

    def on_unmount(self) -> None:
        """Leaving some other way (ctrl+q): keep the partial run, as quitting does."""
        if self.run and self.session and not self.session.ended:
            self._record(self.run.close_session())

    def _record(self, result: RunResult) -> None:
        """Store a finished or abandoned run; say so in one sentence if that failed."""
        message = self.ctx.record_run(result)
        if message:
            self.notify(clean(message), title="History", severity="warning", timeout=10, markup=False)

    # -- keys ----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only keys that do something on this step are live (and in the key bar): pause
        and restart on timed steps, back after the first step, resume while paused."""
        if action == "quit_run":  # before the first step, the caution or names dialog decides
            return self.session is not None
        if action not in ("pause", "resume", "skip", "back", "restart"):
            return True
        session = self.session
        if session is None or session.ended or self.view is None:
            return False
        timed = session.duration is not None
        return {"pause": timed and not session.paused, "resume": session.paused,
                "skip": True, "back": session.index > 0, "restart": timed}[action]

    def action_pause(self) -> None:
        if self.session:
            self.session.toggle_pause()
            self._update_top()
            self.refresh_bindings()
            if self.view and self.view.current:
                self.view.redraw()

    def action_resume(self) -> None:
        self.action_pause()

    async def action_skip(self) -> None:
        if self.session:
            self.session.skip()
            await self._after_move()

    async def action_back(self) -> None:
        if self.session:
            self.session.back()
            await self._after_move()

    async def action_restart(self) -> None:
        if self.session:
            self.session.restart()
            await self._after_move()

    def action_quit_run(self) -> None:
        session = self.session
        if self.next_up is not None:
            self._finish()
            return
        if session is None or session.ended:
            self.dismiss()
            return
        was_paused = session.paused
        session.pause()
        self._update_top()

        async def decided(stop: bool | None) -> None:
            if stop:
                session.quit()
                await self._after_move()
            elif not was_paused:
                session.resume()
                self._update_top()
            self.refresh_bindings()

        self.app.push_screen(ConfirmQuit(), decided)

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
