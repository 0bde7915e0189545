"""Which view shows which step type.

Each view's module is imported when a step of its type first shows: ``coach run cyclic-sighing``
reaches its pacer without importing the word list and its feelings vocabulary (PyYAML), which
only an emotions step needs (``benchmarks/first_frame.py --what run`` measures that path).
"""

from __future__ import annotations

import importlib

from coach.core.model import Break, Breathe, Emotions, Instruction, Note, Rate, Reflect, Timer, Turn
from coach.core.session import Session
from coach.ui.runner.step_view import StepView

VIEWS: dict[type, tuple[str, str]] = {
    Instruction: ("instruction_view", "InstructionView"),
    Timer: ("instruction_view", "InstructionView"),
    Breathe: ("breathe_view", "BreatheView"),
    Emotions: ("emotion_picker", "EmotionPicker"),
    Rate: ("rate_view", "RateView"),
    Turn: ("turn_view", "TurnView"),
    Reflect: ("reflect_view", "ReflectView"),
    Note: ("note_view", "NoteView"),
    Break: ("break_view", "BreakView"),
}
"""Step type -> (module in coach.ui.runner, class)."""


def view_class(step_type: type) -> type[StepView]:
    module, name = VIEWS[step_type]
    view: type[StepView] = getattr(importlib.import_module(f"coach.ui.runner.{module}"), name)
    return view


def view_for(session: Session, *, privacy: str = "") -> StepView:
    """The view of the session's step; ``privacy`` is the line a note shows under its box
    (where notes are kept: coach.core.settings.note_privacy)."""
    if isinstance(session.step, Note):
        from coach.ui.runner.note_view import NoteView

        return NoteView(session, privacy)
    return view_class(type(session.step))(session)
