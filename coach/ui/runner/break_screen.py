"""A break for two, in four short phases on one screen: agree when you'll come back (one key),
a calm timer with a slow breathing shape, then a check that both feel calm enough to go on,
or a kind end that says how to pick up later.

Dismisses with how the break ended (one of ``coach.core.runs.BREAK_OUTCOMES``), or None when
it was backed out of before a return time was chosen. The break's state lives in the core
(:class:`~coach.core.breaks.BreakState`); time comes from the injected clock.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer as TextualTimer
from textual.widget import Widget
from textual.widgets import Digits, OptionList, Static
from textual.widgets.option_list import Option

from coach.core import breathing
from coach.core.breaks import RETURN_CHOICES, BreakState
from coach.core.model import Breathe
from coach.ui.base import CoachScreen
from coach.ui.messages import Cue
from coach.ui.runner.breathe_view import spaced
from coach.ui.runner.calm_check import CalmCheck
from coach.ui.runner.countdown import clock_text
from coach.ui.runner.pacer import Pacer
from coach.ui.runner.step_keys import BREAK_TITLE, DIGITS
from coach.ui.text import literal
from coach.ui.widgets.footer import CoachFooter

ASK = "Let's take a break. Agree when you'll come back."
WAIT = ("Take this time for yourselves, each in your own space if you can. Breathe out "
        "slowly; loosen your shoulders and jaw. Do something soothing: a walk, music, a "
        "shower. If you catch yourself going over the argument, notice it and come back to "
        "your breath.")
ASIDE = 'Whoever steps away can soothe in their own way, or run "Self-soothing while waiting".'
CHECK = ("Before you go on: how calm does each of you feel now? If either of you still feels "
         "flooded, that's okay: say not yet.")
LATER = ("Agree the time you'll come back, and take time apart to calm down: a walk, music, a "
         "shower. Try not to go over the argument in your head.")
NOT_YET = "Stopping here is part of doing this well, and what you did so far is kept."
PICK_UP = ('Come back to it when you are both calm, within a day: starting "{title}" again, '
           'from the home screen or with "coach run {id}", offers to pick up where you stopped.')
COME_BACK = "When you are both calm, come back to the conversation gently, at the time you agreed."
"""For a break that is the whole exercise: there is nothing to pick up."""
END_HEADINGS = {
    "later": "Later today, then.",
    "not_yet": "Not yet, and that's okay.",
    "low": "Not calm enough yet for both of you, and that's okay.",
    "stopped": "Stopping for today.",
}
CALM_BREATH = Breathe(inhale=4, exhale=6, cycles=400)
"""The slow, silent breathing shape on the timer (ten seconds a breath)."""


def local_time(state: BreakState) -> str:
    at = state.back_at
    return "" if at is None else at.astimezone().strftime("%H:%M")


class BreakScreen(CoachScreen[str | None]):
    BINDINGS = [
        *(Binding(str(i + 1), f"choose({i})", label, show=False)
          for i, (_m, label) in enumerate(RETURN_CHOICES)),
        Binding("escape", "cancel", "Not now"),
        Binding("enter", "back_now", "We're back"),
        Binding("escape", "stop", "Stop for today"),
        Binding("escape", "not_yet", "Not yet", show=False),
        Binding("b", "again", "Another break"),
        Binding("enter", "leave", "Stop for now"),
        Binding("escape", "leave", "Stop for now", show=False),
    ]
    DEFAULT_CSS = """
    BreakScreen { background: $background; }
    BreakScreen #break-top { height: 1; padding: 0 1; background: $panel; }
    BreakScreen #break-title { width: 1fr; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    BreakScreen #back-at { width: auto; color: $text-muted; margin-left: 1; }
    BreakScreen #break-body { height: 1fr; padding: 0 2; }
    BreakScreen.-narrow #break-body { padding: 0 1; }
    BreakScreen .heading { height: auto; margin-top: 1; text-style: bold; color: $accent; }
    BreakScreen .text { height: auto; margin-top: 1; }
    BreakScreen .aside { height: auto; margin-top: 1; color: $text-muted; }
    BreakScreen OptionList { height: auto; max-height: 6; margin-top: 1; width: 40; max-width: 100%; }
    BreakScreen #pacer-row { height: 1fr; min-height: 3; }
    BreakScreen #pacer-info { width: 26; height: 1fr; padding: 0 1; align-vertical: middle; }
    BreakScreen #phase-name { text-style: bold; color: $accent; height: auto; }
    BreakScreen #left { width: auto; }
    BreakScreen #left-label { color: $text-muted; height: auto; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]
    PHASE_ACTIONS = {"choose": {"choose", "cancel"}, "wait": {"back_now", "stop"},
                     "check": {"not_yet"}, "end": {"again", "leave"}}

    def __init__(self, state: BreakState, title: str, entry_id: str,
                 names: tuple[str, str] | None = None, text: str = "", *,
                 can_pick_up: bool = True) -> None:
        super().__init__()
        self.state = state
        self.can_pick_up = can_pick_up
        self.run_title, self.entry_id = title, entry_id
        self.names = names
        self.text = text
        self.phase = "choose"
        self.ending = ""
        self._cued = False
        self._phase_shown = ""
        """The breathing phase the wait shows (its labels are updated when it changes)."""
        self._ended_as = ""
        self._timer: TextualTimer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="break-top"):
            yield Static(literal(f"Break · {self.run_title}"), id="break-title")
            yield Static("", id="back-at")
        yield VerticalScroll(id="break-body")
        yield CoachFooter(show_command_palette=False)

    async def on_mount(self) -> None:
        await self._show("choose")

    # -- phases ------------------------------------------------------------------------------
    async def _show(self, phase: str) -> None:
        self.phase = ""  # while the widgets change, a clock tick draws nothing (see follow_clock)
        self.query_one("#back-at", Static).update(
            f"back at {local_time(self.state)}" if phase == "wait" else "")
        body = self.query_one("#break-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(getattr(self, f"_{phase}_widgets")())
        self.phase = phase
        if phase == "choose":
            self.query_one(OptionList).focus()
        elif phase == "check":
            self.query_one(CalmCheck).focus_first()
        else:
            self.set_focus(None)
        self._set_rate(8.0 if phase == "wait" and self.app.animation_level == "full" else 2.0)
        if phase == "wait":
            self.follow_clock()
        self.refresh_bindings()

    def _choose_widgets(self) -> list[Widget]:
        widgets: list[Widget] = [
            Static(ASK, classes="heading"),
            OptionList(*(Option(f"{i + 1}  Back {label}", id=str(minutes))
                         for i, (minutes, label) in enumerate(RETURN_CHOICES)))]
        if self.text:  # under the choices: on a small screen they come first
            widgets.append(Static(literal(self.text), classes="text"))
        return widgets

    def _wait_widgets(self) -> list[Widget]:
        self._phase_shown = ""  # new widgets: the first tick fills them
        info = Vertical(Static(id="phase-name"), Digits("", id="left"), Static(id="left-label"),
                        id="pacer-info")
        row = Horizontal(*([Pacer()] if self.app.animation_level != "none" else []), info,
                         id="pacer-row")
        return [row, Static(WAIT, classes="text"), Static(ASIDE, classes="aside")]

    def _check_widgets(self) -> list[Widget]:
        heading = "Time to come back." if self.state.time_up else "Welcome back."
        return [Static(heading, classes="heading"), Static(CHECK, classes="text"),
                CalmCheck(self.names)]

    def _end_widgets(self) -> list[Widget]:
        later = self.ending == "later"
        pick_up = PICK_UP.format(title=self.run_title, id=self.entry_id) if self.can_pick_up else COME_BACK
        widgets: list[Widget] = [Static(END_HEADINGS[self.ending], classes="heading"),
                                 Static(LATER if later else NOT_YET, classes="text"),
                                 Static(literal(pick_up), classes="text")]
        if not later:
            widgets.append(Static("Or take another break now: b.", classes="aside"))
        return widgets

    # -- the clock ------------------------------------------------------------------------------
    def _set_rate(self, fps: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_interval(1 / fps, self.follow_clock)

    def follow_clock(self) -> None:
        """Redraw the timer from the break's clock; when time is up, cue and check."""
        if self.phase != "wait":
            return
        state = self.state
        if state.time_up:
            if not self._cued:
                self._cued = True
                self.post_message(Cue("break_end"))
            self.call_later(self._show, "check")
            return
        phase = breathing.phase_at(CALM_BREATH, state.elapsed)
        if phase.name != self._phase_shown:  # updating a Static lays the screen out again
            self._phase_shown = phase.name
            self.query_one("#phase-name", Static).update(spaced(phase.name))
            self.query_one("#left-label", Static).update("left of your break")
        digits = self.query_one("#left", Digits)
        left = clock_text(state.remaining)
        if digits.value != left:
            digits.update(left)
        for pacer in self.query(Pacer):
            pacer.show(phase.size, phase.key)

    # -- keys -------------------------------------------------------------------------------------
    @property
    def help_title(self) -> str:
        return BREAK_TITLE

    def help_keys(self) -> list[tuple[str, str]]:
        """Keys of this phase that no binding describes (the calm check's digits)."""
        return [DIGITS] if self.phase == "check" else []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if any(action in actions for actions in self.PHASE_ACTIONS.values()):
            if action == "again" and self.ending == "later":
                return False
            return action in self.PHASE_ACTIONS.get(self.phase, ())
        return True

    async def action_choose(self, index: int) -> None:
        minutes = RETURN_CHOICES[index][0]
        self.state.choose(minutes)
        if self.state.later:
            self.ending = "later"
            await self._show("end")
        else:
            self._cued = False
            await self._show("wait")

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.action_choose(event.option_index)

    async def action_cancel(self) -> None:
        """Not now: before any time was chosen, back to the run as if nothing happened; when
        choosing another break, back to where this one ended."""
        if self.state.chosen and self._ended_as:
            self.ending = self._ended_as
            await self._show("end")
        else:
            self.dismiss(None)

    async def action_back_now(self) -> None:
        await self._show("check")

    async def action_stop(self) -> None:
        self.ending = "stopped"
        await self._show("end")

    async def action_not_yet(self) -> None:
        self.ending = "not_yet"
        await self._show("end")

    async def action_again(self) -> None:
        self._ended_as, self.ending = self.ending, ""
        await self._show("choose")

    def action_leave(self) -> None:
        outcome = {"low": "not_yet"}.get(self.ending, self.ending)
        self.state.end(outcome)
        self.dismiss(outcome)

    async def on_calm_check_rated(self, event: CalmCheck.Rated) -> None:
        event.stop()
        if self.state.check(event.first, event.second):
            self.state.end("resumed")
            self.dismiss("resumed")
            return
        self.ending = "low"
        await self._show("end")

    async def on_calm_check_not_yet(self, event: CalmCheck.NotYet) -> None:
        event.stop()
        await self.action_not_yet()
