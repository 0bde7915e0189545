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


def preview_markup(entry: Entry, runs: list[RunResult], now: datetime,
                   partner_a: str = "", partner_b: str = "") -> str:
    """Everything the preview says about ``entry``, as Textual markup with theme colours."""
    parts = [
        f"[b $text-primary]{escape(entry.title)}[/]\n[dim]{meta_line(entry)}[/]",
        f"[$text-secondary]{practice_line(practice_of(entry, runs), now)}[/]",
        f"[i]{escape(entry.summary)}[/i]",
    ]
    if entry.description.strip():
        parts.append(markdown_markup(entry.description))
    lines = glance_lines(entry, partner_a, partner_b)
    title = "Exercises in this plan" if entry.is_plan else "Steps at a glance"
    parts.append(f"[b]{title}[/b]\n" + "\n".join(f"{i}. {escape(line)}" for i, line in enumerate(lines, 1)))
    if entry.contexts:
        parts.append(f"[dim]Good for: {', '.join(c.replace('-', ' ') for c in entry.contexts)}[/]")
    if entry.source:
        parts.append(f"[dim]Source: {escape(entry.source)}[/]")
    return "\n\n".join(parts)


class Preview(VerticalScroll):
    """Read-only details; scrolls when long. Hidden on narrow terminals.

    One Static holds it all: fewer widgets make the home screen open faster."""

    DEFAULT_CSS = """
    Preview { background: $surface; border: round $primary 40%; border-title-color: $text-primary;
              padding: 0 1; scrollbar-size-vertical: 1; overflow-y: scroll;
              scrollbar-background: $surface; scrollbar-background-hover: $surface;
              scrollbar-background-active: $surface; }
    """

    can_focus = False

    _shown: str | None = None
    _shown_for: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="preview-body")

    def on_mount(self) -> None:
        self.border_title = "Preview"

    def show(self, entry: Entry | None, runs: list[RunResult], now: datetime,
             partner_a: str = "", partner_b: str = "") -> None:
        self.display_entry = entry
        # The same entry, history and minute as last time (e.g. shown on resume, then
        # highlighted again): nothing to do, not even a scan of a long history.
        shown_for = (entry, len(runs), runs[-1].started_at if runs else None,
                     now.replace(second=0, microsecond=0), partner_a, partner_b)
        if shown_for == self._shown_for:
            return
        self._shown_for = shown_for
        markup = preview_markup(entry, runs, now, partner_a, partner_b) if entry else ""
        if markup == self._shown:  # no re-layout when the text is the same
            return
        self._shown = markup
        self.query_one("#preview-body", Static).update(markup)
        self.scroll_home(animate=False)
