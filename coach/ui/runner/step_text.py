"""A step's text as the person reads it: paragraphs, and list items with their wrapped lines
indented under the first (the text comes from a file: shown literally)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from coach.core.recap import Written
from coach.core.text import list_item
from coach.ui.text import literal


class StepList(Vertical):
    """Reflowed text with at least one list item: one row per item, text between them."""

    DEFAULT_CSS = """
    StepList { height: auto; }
    StepList > .para { height: auto; }
    StepList > .gap { margin-top: 1; }
    StepList > .item { height: auto; }
    StepList > .item > .marker { width: auto; padding-right: 1; }
    StepList > .item > .item-text { width: 1fr; height: auto; }
    """

    def __init__(self, text: str, classes: str = "") -> None:
        super().__init__(classes=classes)
        self.text = text

    def compose(self) -> ComposeResult:
        lines: list[str] = []
        gap = False

        def paragraph() -> Static:
            return Static(literal("\n".join(lines)), classes="para gap" if gap else "para")

        for line in self.text.split("\n"):
            item = list_item(line)
            if item is None and line:
                lines.append(line)
                continue
            if lines:
                yield paragraph()
                lines, gap = [], False
            if item is None:  # an empty line: the next block starts after a blank line
                gap = True
                continue
            marker, rest = item
            with Horizontal(classes="item gap" if gap else "item"):
                yield Static(literal(marker), classes="marker")
                yield Static(literal(rest), classes="item-text")
            gap = False
        if lines:
            yield paragraph()


def step_text(text: str, classes: str = "step-text") -> Widget:
    """One Static for plain text; a :class:`StepList` when the text has list items."""
    if any(list_item(line) for line in text.split("\n")):
        return StepList(text, classes=classes)
    return Static(literal(text), classes=classes)


class WrittenNotes(Vertical):
    """What was written in earlier note steps, each answer under its question (read back)."""

    DEFAULT_CSS = """
    WrittenNotes { height: auto; border-left: thick $accent; padding: 0 1; margin: 0 0 1 0; }
    WrittenNotes > .heading { color: $text-muted; height: auto; }
    WrittenNotes > .question { color: $text-muted; height: auto; margin-top: 1; }
    WrittenNotes > .answer { height: auto; text-style: bold; }
    """

    def __init__(self, written: list[Written], heading: str = "What you wrote") -> None:
        super().__init__()
        self.written, self.heading = written, heading

    def compose(self) -> ComposeResult:
        yield Static(literal(self.heading), classes="heading")
        for w in self.written:
            yield Static(literal(w.question), classes="question")
            yield Static(literal(w.answer), classes="answer")
