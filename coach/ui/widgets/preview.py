"""The preview of the highlighted entry: what it is, how it goes and how often you did it."""

from __future__ import annotations

import re
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from coach.core.browse import glance_lines, practice_line, practice_of
from coach.core.kinds import kind_of
from coach.core.model import Entry, format_duration
from coach.core.runs import RunResult
from coach.ui.text import literal

_INLINE = re.compile(
    r"`(?P<code>[^`]+)`"
    r"|\[(?P<label>[^\]\n]+)\]\((?P<url>[^)\s]+)\)"
    r"|\*\*(?P<bold>.+?)\*\*|__(?P<bold2>.+?)__"
    r"|(?<![\w*])[*_](?![\s*_])(?P<italic>.+?)(?<![\s*_])[*_](?![\w*])"
)
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_NUMBERED = re.compile(r"^\s*\d+\.\s")
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")


def inline_content(text: str) -> Content:
    """**bold**, *italic* and `code` of one line as our styles; every character from the file
    stays literal text, and a [link](url) is shown as "link (url)", not as a link."""
    parts: list[Content] = []
    position = 0
    for match in _INLINE.finditer(text):
        parts.append(literal(text[position:match.start()]))
        if match["code"] is not None:
            parts.append(literal(match["code"]))
        elif match["label"] is not None:
            parts.append(literal(f"{match['label']} ({match['url']})"))
        elif match["italic"] is not None:
            parts.append(inline_content(match["italic"]).stylize("italic"))
        else:
            parts.append(inline_content(match["bold"] or match["bold2"]).stylize("bold"))
        position = match.end()
    parts.append(literal(text[position:]))
    return Content.assemble(*parts)


def markdown_content(text: str) -> Content:
    """The Markdown of exercise descriptions and cautions as literal text with our styling:
    paragraphs, lists, headings, **bold**, *italic* and `code`; no link, action or markup
    from the file survives. (The Markdown widget would add ~0.2 s to start-up.)"""
    lines: list[tuple[str, bool]] = []
    for raw in text.strip().splitlines():
        line = raw.rstrip()
        heading = _HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _BULLET.sub(lambda m: f"{m.group(1)}• ", line)
        lines.append((line, bool(heading)))
    # Lines of one paragraph are joined (Markdown soft breaks); list items and headings stay
    # on their own line.
    joined: list[tuple[str, bool]] = []
    after_heading = False
    for line, is_heading in lines:
        starts_item = line.lstrip().startswith("• ") or _NUMBERED.match(line)
        if (joined and line.strip() and joined[-1][0].strip() and not starts_item and not is_heading
                and not after_heading):
            joined[-1] = (f"{joined[-1][0]} {line.strip()}", False)
        else:
            joined.append((line, is_heading))
        after_heading = is_heading
    return Content("\n").join(
        inline_content(line).stylize("bold") if is_heading else inline_content(line)
        for line, is_heading in joined)


def meta_line(entry: Entry) -> str:
    who = "for two people" if entry.participants == 2 else "for one person"
    return f"{kind_of(entry.kind).label} · about {format_duration(entry.seconds)} · {who}"


def preview_content(entry: Entry, runs: list[RunResult], now: datetime,
                    partner_a: str = "", partner_b: str = "") -> Content:
    """Everything the preview says about ``entry``: the file's text literal, our styling
    with theme colours around it."""
    parts = [
        Content.assemble(literal(entry.title, "b $text-primary"), "\n", literal(meta_line(entry), "dim")),
        literal(practice_line(practice_of(entry, runs), now), "$text-secondary"),
        literal(entry.summary, "i"),
    ]
    if entry.description.strip():
        parts.append(markdown_content(entry.description))
    lines = glance_lines(entry, partner_a, partner_b)
    title = "Exercises in this plan" if entry.is_plan else "Steps at a glance"
    parts.append(Content("\n").join([Content.styled(title, "b"),
                                     *(literal(f"{i}. {line}") for i, line in enumerate(lines, 1))]))
    if entry.contexts:
        parts.append(literal(f"Good for: {', '.join(c.replace('-', ' ') for c in entry.contexts)}", "dim"))
    if entry.source:
        parts.append(literal(f"Source: {entry.source}", "dim"))
    return Content("\n\n").join(parts)


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

    _shown: Content | None = None
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
        content = preview_content(entry, runs, now, partner_a, partner_b) if entry else Content()
        if self._shown is not None and content.is_same(self._shown):  # no re-layout when the same
            return
        self._shown = content
        self.query_one("#preview-body", Static).update(content)
        self.scroll_home(animate=False)
