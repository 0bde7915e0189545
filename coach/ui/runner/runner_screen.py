"""The runner: one exercise (or a plan's exercises in order), one step view at a time.

The screen only renders the :class:`~coach.core.run.Run` and turns keys into calls on it;
timing lives in the session. The interval timer only triggers redraws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches

from coach.core.breaks import BreakState
from coach.core.breathing import LEAD_IN
from coach.core.model import Break, Exercise, Plan, Timer
from coach.core.run import Run
from coach.core.settings import note_privacy
from coach.core.together import Resume
from coach.ui.messages import Cue
from coach.ui.runner.confirm_quit import ConfirmQuit
from coach.ui.runner.runner_base import RunnerBase
from coach.ui.runner.safety import SafetyLine
from coach.ui.runner.step_view import StepView
from coach.ui.runner.turn_view import TurnView
from coach.ui.runner.views import view_for
from coach.ui.text import clean

if TYPE_CHECKING:
    from coach.ui.runner.next_up import NextUp


class RunnerScreen(RunnerBase):
    """Runs ``entry``: the caution (or picking up after a break), names when first needed,
    each step, breaks, "next up" between a plan's exercises, then the summary."""

    BINDINGS = [
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("n,right", "skip", "Skip"),
        Binding("p,left", "back", "Back"),
        Binding("r", "restart", "Restart"),
        Binding("b", "take_break", "Break"),
        Binding("escape", "quit_run", "Stop"),
        Binding("ctrl+c", "quit_run", "Stop", show=False, priority=True),
        Binding("ctrl+z", "suspend", "Suspend", show=False),
    ]
    DEFAULT_CSS = """
    RunnerScreen #body { height: 1fr; }
    """

    # -- starting: picking up after a break, or the caution; names when first needed -----
    def on_mount(self) -> None:
        self.run = Run(self.entry, self.ctx.clock, lead_in=LEAD_IN if self.ctx.settings.count_in else 0.0)
        self.app.app_suspend_signal.subscribe(self, self._on_app_suspend)
        point = self.ctx.resume_point(self.entry)
        if point is not None:
            from coach.ui.runner.pick_up import PickUpDialog

            self.app.push_screen(PickUpDialog(point, self.entry.title, self._known_names(point.swapped)),
                                 lambda choice: self._after_pick_up(point, choice))
        else:
            self._start()

    def _start(self) -> None:
        assert self.run is not None
        caution = self.run.caution_before(0)
        if caution:
            from coach.ui.runner.caution import CautionScreen

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
        from coach.ui.runner.names_dialog import NamesDialog

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
        self.next_up = None
        if self.run.needs_names():
            self._ask_names()
            return
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
            view = view_for(session, privacy=note_privacy(self.ctx.settings))
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
        if not session.completed or nxt is None:
            self._finish()
        else:
            await self._show_next_up(nxt, run.caution_before(run.position + 1))  # one caution

    async def _show_next_up(self, nxt: Exercise, caution: str) -> None:
        """Between a plan's exercises: what comes next (and its caution), Enter or Escape."""
        run = self.run
        assert run is not None and run.session is not None
        from coach.ui.runner.next_up import NextUp

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
        from coach.ui.runner.summary import ShellSummaryScreen, SummaryScreen

        summary = ShellSummaryScreen if self.leaves_app else SummaryScreen
        self.app.switch_screen(summary(self.run.recap()))

    def on_unmount(self) -> None:
        """Leaving some other way (ctrl+q): keep the partial run, as quitting does."""
        if self.run and self.session and not self.session.ended:
            self._record(self.run.close_session())

    # -- keys ----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only keys that do something on this step are live (and in the key bar): pause
        and restart on timed steps, back after the first step, resume while paused."""
        if action == "quit_run":  # before the first step, the caution or names dialog decides
            return self.session is not None
        if action == "take_break":  # in every run for two, from any step
            session = self.session
            return (session is not None and not session.ended and session.two_person
                    and self.next_up is None)
        if action not in ("pause", "resume", "skip", "back", "restart"):
            return True
        session = self.session
        if session is None or session.ended or self.view is None:
            return False
        timed = session.duration is not None
        return {"pause": timed and not session.paused, "resume": session.paused,
                "skip": True, "back": session.index > 0, "restart": timed}[action]

    # -- a break: either of you, at any step -----------------------------------------------
    def action_take_break(self) -> None:
        session, run = self.session, self.run
        if (session is None or run is None or session.ended or not session.two_person
                or self.next_up is not None):
            return
        state = session.start_break()
        self._update_top()
        text = session.text() if isinstance(session.step, Break) else ""
        names = self._known_names(run.swapped)
        # a break exercise (not in a plan) is not picked up later: it starts on its break
        can_pick_up = not (state.break_step and not isinstance(self.entry, Plan))
        from coach.ui.runner.break_screen import BreakScreen

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
            self.refresh_bindings()
            return
        session.end_break(state, outcome)
        await self._after_move()

    async def on_turn_view_passed(self, message: TurnView.Passed) -> None:
        if message.view is self.view and message.view.current and self.session:
            self.session.pass_turn()
            await self._after_move()

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
            self.refresh_bindings()

        self.app.push_screen(ConfirmQuit(can_break=session.two_person), decided)
