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

from coach.core.breaks import BreakState
from coach.core.model import Break, Entry, Plan
from coach.core.runs import RunResult
from coach.core.session import Run, Session
from coach.core.together import Resume
from coach.ui.base import CoachScreen
from coach.ui.runner.break_screen import BreakScreen
from coach.ui.runner.caution import CautionScreen
from coach.ui.runner.confirm_quit import ConfirmQuit
from coach.ui.runner.names_dialog import NamesDialog
from coach.ui.runner.pick_up import PickUpDialog
from coach.ui.runner.safety import SafetyLine
from coach.ui.runner.step_view import StepView
from coach.ui.runner.summary import SummaryScreen
from coach.ui.runner.turn_view import TurnView
from coach.ui.runner.views import view_for
from coach.ui.text import clean, literal
from coach.ui.widgets.footer import CoachFooter


class RunnerScreen(CoachScreen[None]):
    BINDINGS = [
        Binding("space", "pause", "Pause"),
        Binding("n,right", "skip", "Skip"),
        Binding("p,left", "back", "Back"),
        Binding("r", "restart", "Restart"),
        Binding("b", "take_break", "Break"),
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
        self._resume: Resume | None = None
        """Picking up a run that stopped for a break: roles stay as they were."""

    @property
    def session(self) -> Session | None:
        return self.run.session if self.run else None

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(literal(self.entry.title), id="title")
            yield Static("", id="paused")
            yield Static("", id="position")
        yield SafetyLine()
        yield Vertical(id="body")
        yield CoachFooter(show_command_palette=False)

    def on_resize(self) -> None:
        self.query_one(CoachFooter).compact = self.size.width < 80

    # -- starting: picking up after a break, or the caution; names when first needed -----
    def on_mount(self) -> None:
        self.run = Run(self.entry, self.ctx.clock)
        self.app.app_suspend_signal.subscribe(self, self._on_app_suspend)
        point = self.ctx.resume_point(self.entry)
        if point is not None:
            self.app.push_screen(PickUpDialog(point, self.entry.title, self._known_names(point.swapped)),
                                 lambda choice: self._after_pick_up(point, choice))
        else:
            self._start()

    def _start(self) -> None:
        assert self.run is not None
        caution = self.run.caution_before(0)
        if caution:
            self.app.push_screen(CautionScreen(self.entry.title, caution), self._after_first_caution)
        else:
            self._after_first_caution(True)

    def _after_pick_up(self, point: Resume, choice: str | None) -> None:
        assert self.run is not None
        if choice == "restart":
            self._start()
        elif choice == "pick_up":
            self._resume = point
            self.run.pick_up(point.position, point.step)
            self.run.swapped = point.swapped
            self.call_later(self._begin_next)
        else:
            self._leave()

    def _after_first_caution(self, start: bool | None) -> None:
        if not start:
            self._leave()
            return
        self.call_later(self._begin_next)

    def _known_names(self, swapped: bool) -> tuple[str, str] | None:
        """The run's names, else the settings' in the order of their roles (or None)."""
        if self.run is not None and self.run.partners is not None:
            return self.run.partners
        s = self.ctx.settings
        if not (s.partner_a and s.partner_b):
            return None
        return (s.partner_b, s.partner_a) if swapped else (s.partner_a, s.partner_b)

    def _ask_names(self) -> None:
        assert self.run is not None
        s, upcoming = self.ctx.settings, self.run.upcoming()
        swapped = self._resume.swapped if self._resume else self.ctx.starts_swapped(self.entry)
        roles = upcoming.roles if upcoming is not None else ()
        self.app.push_screen(NamesDialog(s.partner_a, s.partner_b, swapped=swapped, roles=roles),
                             self._after_names)

    def _after_names(self, names: tuple[str, str, bool] | None) -> None:
        if names is None:
            self._leave()
            return
        assert self.run is not None
        first, second, swapped = names
        self.run.set_partners(first, second, swapped=swapped)
        message = self.ctx.update_settings(partner_a=first, partner_b=second)
        if message:
            self.notify(clean(message), severity="warning", markup=False)
        self.call_later(self._begin_next)

    async def _begin_next(self) -> None:
        assert self.run is not None
        if self.run.needs_names():
            self._ask_names()
            return
        self.run.begin_next()
        await self.show_step()

    def _leave(self) -> None:
        """Back out before anything started (or show what the plan did so far)."""
        if self.run and self.run.results:
            self._finish()
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
        if isinstance(session.step, Break):  # the exercise's own break opens at once
            self.action_take_break()

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
        self.query_one(SafetyLine).follow(session)

    async def follow_clock(self) -> None:
        """Redraw from the session's clock; move on when a self-advancing step is over."""
        session = self.session
        if session is None or session.ended or self._swapping:
            return
        if session.tick():
            await self._after_move()
        elif self.view is not None and self.view.current:
            self.view.redraw()
            self.query_one(SafetyLine).follow(session)

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
        caution = run.caution_before(run.position + 1)
        if not session.completed or nxt is None:
            self._finish()
        elif caution:
            self.app.push_screen(CautionScreen(nxt.title, caution), self._after_plan_caution)
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
        if action == "take_break":  # in every run for two, from any step
            return self.session is not None and not self.session.ended and self.session.two_person
        return True

    # -- a break: either of you, at any step -----------------------------------------------
    def action_take_break(self) -> None:
        session, run = self.session, self.run
        if session is None or run is None or session.ended or not session.two_person:
            return
        state = session.start_break()
        self._update_top()
        text = session.text() if isinstance(session.step, Break) else ""
        names = self._known_names(run.swapped)
        # a break exercise (not in a plan) is not picked up later: it starts on its break
        can_pick_up = not (state.break_step and not isinstance(self.entry, Plan))
        self.app.push_screen(BreakScreen(state, self.entry.title, self.entry.id, names, text,
                                         can_pick_up=can_pick_up),
                             lambda outcome: self._after_break(state, outcome))

    async def _after_break(self, state: BreakState, outcome: str | None) -> None:
        session = self.session
        if session is None or state not in session.breaks or session.ended:
            return
        if outcome is None:  # backed out before choosing a time: as if never asked
            session.cancel_break(state)
            self._update_top()
            return
        session.end_break(state, outcome)
        await self._after_move()

    async def on_turn_view_passed(self, message: TurnView.Passed) -> None:
        if message.view is self.view and message.view.current and self.session:
            self.session.pass_turn()
            await self._after_move()

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

        async def decided(stop: bool | str | None) -> None:
            if stop == "break":  # where b types into a text box, the break is here
                if not was_paused:
                    session.resume()
                self.action_take_break()
            elif stop:
                session.quit()
                await self._after_move()
            elif not was_paused:
                session.resume()
                self._update_top()

        self.app.push_screen(ConfirmQuit(can_break=session.two_person), decided)

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
