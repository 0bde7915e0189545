"""Which view shows which step type."""

from __future__ import annotations

from coach.core.model import Break, Breathe, Emotions, Instruction, Note, Rate, Reflect, Timer, Turn
from coach.core.session import Session
from coach.ui.runner.break_view import BreakView
from coach.ui.runner.breathe_view import BreatheView
from coach.ui.runner.emotion_picker import EmotionPicker
from coach.ui.runner.instruction_view import InstructionView
from coach.ui.runner.note_view import NoteView
from coach.ui.runner.rate_view import RateView
from coach.ui.runner.reflect_view import ReflectView
from coach.ui.runner.step_view import StepView
from coach.ui.runner.turn_view import TurnView

VIEWS: dict[type, type[StepView]] = {
    Instruction: InstructionView,
    Timer: InstructionView,
    Breathe: BreatheView,
    Emotions: EmotionPicker,
    Rate: RateView,
    Turn: TurnView,
    Reflect: ReflectView,
    Note: NoteView,
    Break: BreakView,
}


def view_for(session: Session, *, privacy: str = "") -> StepView:
    """The view of the session's step; ``privacy`` is the line a note shows under its box
    (where notes are kept: coach.core.settings.note_privacy)."""
    if isinstance(session.step, Note):
        return NoteView(session, privacy)
    return VIEWS[type(session.step)](session)
