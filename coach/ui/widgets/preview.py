"""The preview of the highlighted entry: what it is, how it goes and how often you did it."""

from __future__ import annotations

import re
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Static

from coach.core.browse import glance_lines, kind_title, practice_line, practice_of
from coach.core.model import Entry, format_duration
from coach.core.runs import RunResult

_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])[*_](?![\s*_])(.+?)(?<![\s*_])[*_](?![\w*])")
_CODE = re.compile(r"`([^`]+)`")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")


def markdown_markup(text: str) -> str:
    """The Markdown of exercise descriptions as Textual markup: paragraphs, lists, headings,
    **bold**, *italic* and `code`. (The Markdown widget would add ~0.2 s to start-up.)"""
    out: list[tuple[str, bool]] = []
    for raw in text.strip().splitlines():
        line = escape(raw.rstrip())
        heading = _HEADING.match(line)
        if heading:
            line = f"[b]{heading.group(1)}[/b]"
        line = _BULLET.sub(lambda m: f"{m.group(1)}• ", line)
        line = _BOLD.sub(lambda m: f"[b]{m.group(1) or m.group(2)}[/b]", line)
        line = _ITALIC.sub(lambda m: f"[i]{m.group(1)}[/i]", line)
        line = _CODE.sub(lambda m: m.group(1), line)
        out.append((line, bool(heading)))
    # Lines of one paragraph are joined (Markdown soft breaks); list items and headings stay
    # on their own line.
    joined: list[str] = []
    after_heading = False
    for line, is_heading in out:
        starts_item = line.lstrip().startswith("• ") or re.match(r"^\s*\d+\.\s", line)
        if (joined and line.strip() and joined[-1].strip() and not starts_item and not is_heading
                and not after_heading):
            joined[-1] = f"{joined[-1]} {line.strip()}"
        else:
            joined.append(line)
        after_heading = is_heading
    return "\n".join(joined)


def meta_line(entry: Entry) -> str:
    who = "for two people" if entry.participants == 2 else "for one person"
    return f"{kind_title(entry.kind)} · about {format_duration(entry.seconds)} · {who}"


class Preview(VerticalScroll):
    """Read-only details; scrolls when long. Hidden on narrow terminals."""

    DEFAULT_CSS = """
    Preview { background: $surface; border: round $primary 40%; border-title-color: $text-primary;
              padding: 0 1; scrollbar-size-vertical: 1; }
    Preview > Static { margin: 0 0 1 0; }
    Preview > #preview-title { text-style: bold; color: $text-primary; margin: 0; }
    Preview > #preview-meta { color: $text-muted; }
    Preview > #preview-summary { text-style: italic; }
    Preview > #preview-steps-title { text-style: bold; margin: 0; }
    Preview > #preview-practice { color: $text-secondary; }
    Preview > #preview-source, Preview > #preview-contexts { color: $text-muted; }
    """

    can_focus = False

    def compose(self) -> ComposeResult:
        yield Static(id="preview-title")
        yield Static(id="preview-meta")
        yield Static(id="preview-practice")
        yield Static(id="preview-summary")
        yield Static(id="preview-description")
        yield Static("Steps at a glance", id="preview-steps-title")
        yield Static(id="preview-steps")
        yield Static(id="preview-contexts")
        yield Static(id="preview-source")

    def on_mount(self) -> None:
        self.border_title = "Preview"

    def show(self, entry: Entry | None, runs: list[RunResult], now: datetime,
             partner_a: str = "", partner_b: str = "") -> None:
        self.display_entry = entry
        for child in self.children:
            child.display = entry is not None
        if entry is None:
            return

        def put(name: str, text: str) -> None:
            self.query_one(f"#preview-{name}", Static).update(text)

        put("title", escape(entry.title))
        put("meta", meta_line(entry))
        put("practice", practice_line(practice_of(entry, runs), now))
        put("summary", escape(entry.summary))
        description = self.query_one("#preview-description", Static)
        description.update(markdown_markup(entry.description))
        description.display = bool(entry.description.strip())
        title = "Exercises in this plan" if entry.is_plan else "Steps at a glance"
        put("steps-title", title)
        lines = glance_lines(entry, partner_a, partner_b)
        put("steps", "\n".join(f"{i}. {escape(line)}" for i, line in enumerate(lines, 1)))
        contexts = ", ".join(c.replace("-", " ") for c in entry.contexts)
        put("contexts", f"Good for: {contexts}" if contexts else "")
        self.query_one("#preview-contexts").display = bool(contexts)
        put("source", f"Source: {escape(entry.source)}" if entry.source else "")
        self.query_one("#preview-source").display = bool(entry.source)
        self.scroll_home(animate=False)
