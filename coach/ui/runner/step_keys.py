"""What help calls each kind of step, and the keys of a step that are not bindings (digits,
typing): help lists them with the step's bindings."""

from __future__ import annotations

from coach.core.model import (
    Break,
    Breathe,
    Emotions,
    Instruction,
    Note,
    Rate,
    Reflect,
    Step,
    Timer,
    Turn,
)

HELP_TITLES: dict[type, str] = {
    Instruction: "Keys while you read a step",
    Timer: "Keys while the timer runs",
    Breathe: "Keys while you breathe",
    Emotions: "Keys while you name a feeling",
    Rate: "Keys while you rate how you feel",
    Turn: "Keys while one of you speaks",
    Reflect: "Keys while one of you says back what they heard",
    Note: "Keys while you write a note",
    Break: "Keys before a break",
}
BREAK_TITLE = "Keys during a break"
"""How help names the break screen (the ``b`` key, or a break step)."""

DIGITS = ("0-9", "Choose a number (1 then 0 for 10)")
TYPING = [
    ("letters", "Type into the text box (Tab leaves it for n, p and r)"),
]
CORES = [("↑ ↓", "Move to a core feeling"), ("⏎", "Choose it")]
WORDS = [
    ("space", "Pick or unpick the highlighted word"),
    ("letters", "Filter the words (so n, p and r type; → skips and ← goes back)"),
    ("backspace", "Shorten the filter; on an empty filter, choose another core feeling"),
]


def help_title(step: Step | None) -> str:
    """'Keys while you breathe': how help names the runner on ``step``."""
    return HELP_TITLES.get(type(step), "Keys during an exercise")


def extra_keys(step: Step | None, stage: str = "") -> list[tuple[str, str]]:
    """Keys of ``step`` that no binding describes (``stage``: the feelings picker's stage)."""
    if isinstance(step, Rate) or (isinstance(step, Emotions) and stage == "intensity"):
        return [DIGITS]
    if isinstance(step, Emotions) and stage == "words":
        return WORDS
    if isinstance(step, Emotions):
        return CORES
    if isinstance(step, Note):
        return TYPING
    return []
