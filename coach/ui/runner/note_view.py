"""A note: an optional free-text answer in a box that wraps; Enter moves on, empty is fine.
Under the box, where notes are kept (the settings may keep them out of the history)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static, TextArea

from coach.core.session import Session
from coach.ui.runner.step_text import step_text
from coach.ui.runner.step_view import StepView

HINT = "Optional. Enter to go on; Tab leaves the box for the step keys."


class NoteBox(TextArea):
    """A few wrapped lines that show the whole note; Enter is done (a note is one answer),
    Tab leaves the box."""

    BINDINGS = [
        Binding("enter", "done", "Go on"),
        Binding("tab", "app.focus_next", "Leave the box"),
    ]
    DEFAULT_CSS = """
    NoteBox { height: auto; min-height: 3; max-height: 8; margin-top: 1; }
    """

    class Done(Message):
        """Enter: the note is written."""

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter":  # before TextArea inserts a new line
            event.prevent_default()
            event.stop()
            self.action_done()

    def action_done(self) -> None:
        self.post_message(self.Done())


class NoteView(StepView):
    can_focus = True
    BINDINGS = [
        Binding("enter", "done", "Go on"),
        Binding("tab", "app.focus_next", "Write", show=False),
    ]

    def __init__(self, session: Session, privacy: str = "") -> None:
        super().__init__(session)
        self.privacy = privacy
        """Where notes are kept (coach.core.settings.note_privacy), under the box."""

    def compose(self) -> ComposeResult:
        yield step_text(self.session.text())
        yield NoteBox(self.session.notes.get(self.session.index, ""), soft_wrap=True,
                      show_line_numbers=False, highlight_cursor_line=False,
                      placeholder="Write a few words, or leave it empty", id="note")
        yield Static(HINT, classes="hint")
        if self.privacy:
            yield Static(self.privacy, id="privacy", classes="hint")

    def focus_first(self) -> None:
        box = self.query_one(NoteBox)
        box.focus()
        box.move_cursor(box.document.end)

    def on_note_box_done(self, event: NoteBox.Done) -> None:
        event.stop()
        self.action_done()

    def action_done(self) -> None:
        if self.current:
            self.session.set_note(self.query_one(NoteBox).text)
        self.finish()
