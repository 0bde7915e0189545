"""An emotions step: a core feeling, then specific words, then (optionally) how strong."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.core.feelings import load_vocabulary
from coach.core.model import Emotions
from coach.core.runs import NamedFeeling
from coach.core.session import Session
from coach.ui.runner.rate_scale import RateScale
from coach.ui.runner.step_text import step_text
from coach.ui.runner.step_view import StepView
from coach.ui.runner.word_list import WordList
from coach.ui.text import literal


class EmotionPicker(StepView):
    DEFAULT_CSS = """
    EmotionPicker .step-text { margin: 0 0 1 0; }
    EmotionPicker .stage { height: 1fr; }
    EmotionPicker OptionList, EmotionPicker WordList { height: 1fr; max-height: 16; border: none; }
    EmotionPicker #filter { height: auto; color: $accent; }
    EmotionPicker #filter.-none { color: $warning; }
    EmotionPicker .stage-hint { height: auto; color: $text-muted; }
    EmotionPicker .stage-title { height: auto; text-style: bold; }
    EmotionPicker #stage-words, EmotionPicker #stage-intensity { display: none; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        step = session.step
        assert isinstance(step, Emotions)
        self.step: Emotions = step
        self.vocabulary = load_vocabulary()
        self.core: str | None = None
        self.stage = "core"

    def compose(self) -> ComposeResult:
        yield step_text(self.session.text())
        with Vertical(id="stage-core", classes="stage"):
            yield Static("Which core feeling is closest? ↑↓ to move, Enter or a click to choose.",
                         classes="stage-title")
            options = [Option(Content.assemble(literal(c.word, "b"), "  ", literal(c.description, "dim")),
                              id=c.word) for c in self.vocabulary.cores]
            yield OptionList(*options, id="cores")
        with Vertical(id="stage-words", classes="stage"):
            yield Static("", id="words-title", classes="stage-title")
            yield Static("", id="filter")
            yield WordList(self.vocabulary, "", self.step.max_words, id="words")
            yield Static("", id="words-hint", classes="stage-hint")
        with Vertical(id="stage-intensity", classes="stage"):
            yield Static("How strong is it, 0 to 10? Enter to confirm.", id="intensity-title",
                         classes="stage-title")
            yield RateScale("barely", "very strong", id="intensity")

    def _show(self, stage: str) -> None:
        self.stage = stage
        for name in ("core", "words", "intensity"):
            self.query_one(f"#stage-{name}").display = name == stage

    def focus_first(self) -> None:
        cores = self.query_one("#cores", OptionList)
        if self.core is None:
            cores.highlighted = None  # nothing to choose with an Enter meant for the last step
        cores.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.core = event.option.id
        assert self.core is not None
        self.query_one("#words-title", Static).update(literal(
            f"Feeling {self.core}. Pick up to {self.step.max_words} words with space or a click, "
            "type to filter, Enter when done."))
        self.query_one("#words-hint", Static).update(literal(
            f"No word fits? Enter with none picked keeps \"{self.core}\"; → skips this step."))
        words = self.query_one(WordList)
        words.choose_core(self.core)
        self._show("words")
        words.focus()

    def on_word_list_filter_changed(self, event: WordList.FilterChanged) -> None:
        shown = self.query_one("#filter", Static)
        none = bool(event.text) and not self.query_one(WordList).pairs()
        shown.set_class(none, "-none")
        if none:
            shown.update(literal(f"Nothing matches '{event.text}'. Backspace changes the filter; "
                                 "→ skips this step."))
        else:
            shown.update(literal(f"Filter: {event.text}" if event.text else ""))

    def on_word_list_back(self) -> None:
        self._show("core")
        self.focus_first()

    def on_word_list_confirmed(self) -> None:
        if not self.step.intensity:
            self._finish(None)
            return
        words = ", ".join(w for _, w in self.picked())
        self.query_one("#intensity-title", Static).update(
            literal(f"How strong is it ({words}), 0 to 10? Enter to confirm."))
        self._show("intensity")
        self.query_one(RateScale).focus()

    def on_rate_scale_confirmed(self, event: RateScale.Confirmed) -> None:
        event.stop()
        self._finish(event.value)

    def picked(self) -> list[tuple[str, str]]:
        picked = list(self.query_one(WordList).picked)
        return picked or ([(self.core, self.core)] if self.core else [])

    def _finish(self, intensity: int | None) -> None:
        if not self.current:
            return
        self.session.set_feelings([NamedFeeling(c, w, intensity) for c, w in self.picked()])
        self.finish()
