"""Links in the Markdown of exercise text: only a paper's DOI may be linked.

A link in a shared exercise file is a click away from any web page (or a ``mailto:``), so
the format refuses every link, image and raw HTML tag that Markdown would make of the
text, except ``https://doi.org/10.NNNN/...``: the address of a paper. The text is parsed
the way Textual's Markdown widget parses it (markdown-it "gfm-like": inline, reference and
auto links, bare addresses and e-mail addresses, images, HTML), so whatever it would turn
into a link is found. Text with nothing that could become a link is not parsed at all.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

DOI = re.compile(r"https://doi\.org/10\.\d{4,9}/[-._;()/:%A-Za-z0-9]+")
"""A paper's DOI address (the Crossref pattern for the DOI itself); matched in full."""
_MAYBE_LINK = re.compile(r"[\[<@]|://|www\.|[\w-]\.[^\W\d_]{2}", re.IGNORECASE)
"""Anything markdown-it could turn into a link, image or HTML (cheap pre-check)."""
ADVICE = ("only a paper's DOI may be linked (https://doi.org/10.…); name any other source "
          "in words in 'source'")


def is_doi(address: str) -> bool:
    return DOI.fullmatch(address) is not None


def refused_links(text: str) -> list[tuple[int, str]]:
    """(index in ``text``, what it is) for every link, image or HTML tag that Markdown would
    make of ``text``, other than a link to a DOI. Empty for plain text."""
    if _MAYBE_LINK.search(text) is None:
        return []
    env: dict[str, Any] = {}
    tokens = _parser().parse(text, env)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found: list[tuple[int, str]] = []

    def at(needle: str, line: int | None) -> int:
        start = starts[line] if line is not None and line < len(starts) else 0
        index = text.find(needle, start) if needle else -1
        return index if index >= 0 else start

    for ref in env.get("references", {}).values():
        href = str(ref.get("href", ""))
        if not is_doi(href):
            found.append((at(href, None), f"a link definition for {_short(href)}"))
    for token in tokens:
        line = token.map[0] if token.map else None
        if token.type == "html_block":
            found.append((at(token.content.strip(), line),
                          f"an HTML block {_short(token.content.strip())}"))
        elif token.type == "inline":
            found.extend(_inline(token.children or [], at, line))
    return sorted(found)


def _inline(children: list[Token], at: Any, line: int | None) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for i, child in enumerate(children):
        if child.type == "image":
            src = str(child.attrs.get("src", ""))
            found.append((at(src, line), f"an image ({_short(src)}); images are not shown"))
        elif child.type == "html_inline":
            found.append((at(child.content, line), f"an HTML tag {_short(child.content)}"))
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            if is_doi(href):
                continue
            label = children[i + 1].content if i + 1 < len(children) else ""
            if child.markup == "linkify":
                found.append((at(label, line), f"{_short(label)}, which Markdown turns into a "
                              "link (write it inside `backticks` if it must stay)"))
            else:
                found.append((at(href, line) if child.markup != "autolink" else at(label, line),
                              f"a link to {_short(href)}"))
    return found


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


@cache
def _parser() -> MarkdownIt:
    """markdown-it as Textual's Markdown widget builds it (imported on first use only)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("gfm-like")
    try:
        parser.parse("www.example.org")
    except ModuleNotFoundError:  # pragma: no cover - linkify-it-py missing: nothing is linkified
        parser.disable("linkify")
    return parser
