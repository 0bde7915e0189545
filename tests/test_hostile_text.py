"""The one helper for untrusted text, the Markdown converter, and random hostile strings
through every user-visible path (hypothesis): no exception, no raw control character."""

from __future__ import annotations

import ast
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.containers import Container
from textual.fuzzy import Matcher

from coach.core.clock import FakeClock
from coach.core.runs import NamedFeeling, Rating, RunResult
from coach.core.session import Session
from coach.ui.commands import highlight
from coach.ui.runner.caution import CautionScreen
from coach.ui.runner.views import view_for
from coach.ui.screens.history import feelings_text, summary_text
from coach.ui.text import UNSAFE, clean, literal, strip_unsafe
from coach.ui.widgets.preview import Preview, markdown_content, preview_content
from tests.hostile_support import hostile_exercise, raw_controls

UI = Path(__file__).resolve().parents[1] / "coach" / "ui"
PIECES = ("[", "]", "[/]", "[b]", "[/b]", "[@click=app.quit]", "[link=https://example.org]", "[$accent]",
          "[B]", "\\", "$", "{a}", "{b}", "{speaker}", "{listener}", "**", "*", "_", "`", "# ", "- ",
          "1. ", "\n", "\t", "\r", "\x1b", "\x07", "\x00", "\x7f", "\x9b", "\u202e", "\u2066", "\u200b",
          "\u2028", "\ufeff", "\U000e0041", "[x](https://example.org)", "é", "字", "👩\u200d👧")
HOSTILE = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=10).map("".join)
NOW = datetime(2025, 3, 1, 12, tzinfo=UTC)


def test_unsafe_is_every_control_format_and_separator_character() -> None:
    everything = "".join(map(chr, range(0x110000)))
    wanted = {c for c in everything if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")} - {"\n"}
    found = set(UNSAFE.findall(everything))
    assert wanted <= found
    assert {unicodedata.category(c) for c in found - wanted} <= {"Cn"}  # assigned by later Unicode


def test_clean_shows_a_stand_in_for_each_unsafe_character() -> None:
    assert clean("a\x1b]0;x\x07b") == "a␛]0;x␇b"
    assert clean("\x00\x7f\x9b\u202e\u200b") == "␀␡���"
    assert clean("tab\there\nnext") == "tab    here\nnext"
    assert clean(clean("\x1b\t\u202e")) == clean("\x1b\t\u202e")
    assert strip_unsafe("Kim\x1b [/]\u200b\tx\ny") == "Kim [/] x y"


def test_literal_is_text_with_our_style_only() -> None:
    content = literal("[@click=app.quit]x[/] [b]\x1b", "bold")
    assert content.plain == "[@click=app.quit]x[/] [b]␛"
    assert [s.style for s in content.spans] == ["bold"]
    assert literal("").plain == ""


def test_markdown_from_a_file_keeps_our_styles_and_loses_its_links_and_markup() -> None:
    content = markdown_content("# Head [/]\n**Bold *it* x** [M](https://x.org) [@click=app.quit]q[/]\n"
                               "soft\nbreak\n\n- item `[b]code`\n1. one\n")
    assert content.plain == ("Head [/]\nBold it x M (https://x.org) [@click=app.quit]q[/] soft break\n\n"
                             "• item [b]code\n1. one")
    styles = {(content.plain[s.start:s.end], s.style) for s in content.spans}
    assert styles == {("Head [/]", "bold"), ("Bold it x", "bold"), ("it", "italic")}


def test_palette_highlight_keeps_the_text_and_marks_the_matched_letters() -> None:
    matcher = Matcher("qt", match_style="reverse")  # type: ignore[arg-type]
    content = highlight(matcher, "[@click=app.quit]x[/]")
    assert content.plain == "[@click=app.quit]x[/]"
    assert {content.plain[s.start:s.end] for s in content.spans} == {"q", "t"}


def test_every_notification_in_the_ui_is_literal() -> None:
    """App.notify parses its message as markup unless told not to."""
    calls = []
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "notify":
                target = getattr(node.func, "value", None)
                if isinstance(target, ast.Call) and getattr(target.func, "id", "") == "super":
                    continue  # the app's notify handing on what it was given (held or not)
                markup = [k.value for k in node.keywords if k.arg == "markup"]
                calls.append((path.name, node.lineno, [getattr(v, "value", v) for v in markup]))
    assert len(calls) >= 8  # the walk found the notifications (fewer since app.warn)
    assert [c for c in calls if c[2] != [False]] == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE)
def test_random_text_through_the_content_builders(text: str) -> None:
    exercise = hostile_exercise(text)
    run = RunResult(exercise_id="hostile", content_hash="x", kind=text, title=text, started_at=NOW,
                    ended_at=NOW, active_seconds=60, steps_total=1, feelings=[NamedFeeling(text, text, 3)],
                    ratings=[Rating(text, 3, 0)])
    from coach.core.history.stats import progress

    for content in (literal(text), markdown_content(text), preview_content(exercise, [run], NOW, text, text),
                    summary_text(progress([run], NOW)), feelings_text(progress([run], NOW))):
        assert not UNSAFE.search(content.plain)
        assert not any("link" in str(s.style) or "@" in str(s.style) for s in content.spans)


class Harness(App[None]):
    """For each text, the preview and one view of each step type of an exercise full of it."""

    CSS = "Container { height: 5; } Preview { height: 16; }"

    def __init__(self, texts: list[str]) -> None:
        super().__init__()
        self.texts = texts

    def compose(self) -> ComposeResult:
        for text in self.texts:
            exercise = hostile_exercise(text)
            yield Preview()
            partners = (strip_unsafe(text), text)  # typed in the names dialog; from a history record
            for index in range(len(exercise.steps)):
                session = Session(exercise, FakeClock(), partners)
                session.index = index
                with Container():
                    yield view_for(session)

    def on_mount(self) -> None:
        for preview, text in zip(self.query(Preview), self.texts, strict=True):
            preview.show(hostile_exercise(text), [], NOW, text, text)
            self.notify(clean(text), title="Hostile", markup=False)


@pytest.mark.slow
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(HOSTILE, min_size=3, max_size=3))
async def test_random_text_on_screen_has_no_raw_control_character(texts: list[str]) -> None:
    """Three texts per app, all on one tall screen (mounting the views is what costs)."""
    app = Harness(texts)
    async with app.run_test(size=(100, 3 * (16 + 8 * 5)), notifications=True) as pilot:
        await pilot.pause()
        assert raw_controls(app) == []
        await app.push_screen(CautionScreen(" ".join(texts), "\n\n".join(texts)))
        await pilot.pause()
        assert raw_controls(app) == []
