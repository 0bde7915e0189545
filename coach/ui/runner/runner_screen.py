"""The runner: one exercise (or a plan's exercises in order), one step view at a time.

The screen only renders the :class:`~coach.core.session.Run` and turns keys into calls on it;
timing lives in the session. The interval timer only triggers redraws.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.timer import Timer as TextualTimer
from textual.widgets import Static

from coach.core.breathing import LEAD_IN
from coach.core.model import Entry, Plan
from coach.core.runs import RunResult
from coach.core.session import Run, Session
from coach.ui.base import CoachScreen
from coach.ui.messages import Cue
from coach.ui.runner.caution import CautionScreen
from coach.ui.runner.confirm_quit import ConfirmQuit
from coach.ui.runner.names_dialog import NamesDialog
from coach.ui.runner.step_view import StepView
from coach.ui.runner.summary import SummaryScreen
from coach.ui.runner.views import view_for
from coach.ui.text import clean, literal
from coach.ui.widgets.footer import CoachFooter


class RunnerScreen(CoachScreen[None]):
    BINDINGS = [
        Binding("space", "pause", "Pause"),
        Binding("n,right", "skip", "Skip"),
        Binding("p,left", "back", "Back"),
        Binding("r", "restart", "Restart"),
        Binding("escape", "quit_run", "Quit"),
        Binding("ctrl+c", "quit_run", "Stop", show=False),
        Binding("ctrl+z", "suspend", "Suspend", show=False),
        Binding("question_mark,f1", "app.open('help')", "Help", show=False),
    ]
    DEFAULT_CSS = """
    RunnerScreen #top { height: 1; padding: 0 1; background: $panel; }
    RunnerScreen #title { width: 1fr; text-style: bold; }
    RunnerScreen #paused { width: auto; color: $warning; text-style: bold; margin-right: 2; }
    RunnerScreen #position { width: auto; color: $text-muted; }
    RunnerScreen #body { height: 1fr; }
    """

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry
        self.run: Run | None = None
        self.view: StepView | None = None
        self._timer: TextualTimer | None = None
        self._fps = 0.0
        self._swapping = False

    @property
    def session(self) -> Session | None:
        return self.run.session if self.run else None

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(literal(self.entry.title), id="title")
            yield Static("", id="paused")
            yield Static("", id="position")
        yield Vertical(id="body")
        yield CoachFooter(show_command_palette=False)

    def on_resize(self) -> None:
        self.query_one(CoachFooter).compact = self.size.width < 80

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
        self.run.begin_next()
        await self.show_step()

    def _leave(self) -> None:
        """Back out before anything started (or show what the plan did so far)."""
        if self.run and self.run.results:
            self.app.switch_screen(SummaryScreen(self.entry.title, self.run.results))
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
        session = self.session
        if session is None:
            return
        run = self.run
        assert run is not None
        where = f"Step {session.number} of {session.total}"
        if len(run.exercises) > 1:
            where = f"{session.exercise.title} · {where} · {run.position + 1}/{len(run.exercises)}"
        self.query_one("#position", Static).update(literal(where))
        self.query_one("#paused", Static).update("Paused — space to go on" if session.paused else "")
        self.query_one("#title", Static).display = len(run.exercises) == 1 or self.size.width >= 100

    async def follow_clock(self) -> None:
        """Redraw from the session's clock; move on when a self-advancing step is over."""
        session = self.session
        if session is None or session.ended or self._swapping:
            return
        if session.tick():
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
        elif nxt.caution:
            self.app.push_screen(CautionScreen(nxt.title, nxt.caution), self._after_plan_caution)
        else:
            await self._begin_next()

    def _after_plan_caution(self, start: bool | None) -> None:
        if start:
            self.call_later(self._begin_next)
        else:
            self._finish()

    def _finish(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        assert self.run is not None
        if self.run.results and all(r.completed for r in self.run.results):
            self.post_message(Cue("run_end"))
        self.app.switch_screen(SummaryScreen(self.entry.title, self.run.results))

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
        if action in ("pause", "skip", "back", "restart"):
            return self.session is not None and not self.session.ended
        return True

    def action_pause(self) -> None:
        if self.session:
            self.session.toggle_pause()
            self._update_top()
            if self.view and self.view.current:
                self.view.redraw()

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
