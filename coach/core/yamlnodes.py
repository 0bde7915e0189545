"""Strict YAML reading: safe composition, marks on every value, clear problems.

Files are read with :func:`read_source` (regular files only, size-checked first) and
composed (not constructed) with PyYAML's C safe loader when available, so every value keeps
its line and column. Aliases, duplicate keys, explicit tags and oversized files are refused,
and so is any text (values and keys, after YAML escapes are decoded) holding a character
that could act on a terminal or hide (:func:`coach.core.text.unsafe_char`). Typed readers
turn nodes into Python values or record a :class:`Problem`.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coach.core.files import FileTooLarge, NotRegularFile, read_regular
from coach.core.problems import Invalid, Problem
from coach.core.text import char_kind, char_name, unsafe_char

try:  # the C loader is about five times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 256 * 1024

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
# Cheap pre-check: only files that might hold an anchor get the exact event scan. Aliases
# are caught while reading (a node met twice) and then located the same way.
_ANCHOR_HINT = re.compile(r"(?:^|[\s\[{,:-])&[^\s]")
_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Where YAML (1.1, as PyYAML reads it) counts a new line."""
_PLAIN_NUMBER = re.compile(r"^(0|[1-9][0-9]*)(\.[0-9]+)?$")
_ALLOWED_TAGS = frozenset(_TAG + t for t in
                          ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge"))
_WHAT_IT_READS_AS = {
    BOOL: "a yes/no value",
    INT: "a number",
    FLOAT: "a number",
    NULL: "empty",
    _TAG + "timestamp": "a date",
}


def read_source(path: Path, limit: int = MAX_FILE_BYTES, *,
                missing_ok: bool = False) -> tuple[bytes | None, Problem | None]:
    """The bytes of the file at ``path``, or None and the problem that says why not.

    Never raises and never blocks: only a regular file is read (a FIFO, device or folder is
    a problem), its size is checked first, and a missing file is a problem unless
    ``missing_ok`` (then it is ``(None, None)``).
    """
    try:
        return read_regular(path, limit), None
    except FileNotFoundError:
        if missing_ok:
            return None, None
        message = "file not found (a broken link?)"
    except NotRegularFile:
        message = f"{_kind_of(path)}, not a regular file; coach only reads regular files"
    except FileTooLarge:
        message = f"file is larger than {_kib(limit)}, the limit for this file"
    except PermissionError:
        message = "cannot read the file: permission denied (check who owns it and its mode)"
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        message = f"cannot read the file: {reason}"
    return None, Problem(str(path), 1, 1, message)


def _kind_of(path: Path) -> str:
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return "it is not a file"
    if stat.S_ISDIR(mode):
        return "it is a folder"
    if stat.S_ISFIFO(mode):
        return "it is a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "it is a device"
    if stat.S_ISSOCK(mode):
        return "it is a socket"
    return "it is not a file"


def _kib(size: int) -> str:
    return f"{size // (1 << 20)} MiB" if size >= 1 << 20 else f"{max(1, size // 1024)} KiB"


class Reader:
    """Collects problems for one file while typed helpers read its nodes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._text = ""
        self._lines: list[str] | None = None

    # -- reporting -------------------------------------------------------------
    def problem(self, node: Node | None, message: str) -> Invalid:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self.problems.append(Problem(self.path, line, column, message))
        return Invalid(message)

    def problem_at(self, node: ScalarNode, index: int, message: str) -> Invalid:
        """Report ``message`` at character ``index`` of the node's value when that character
        can be found exactly in the file (one-line scalars, literal ``|`` blocks), else at the
        start of the value."""
        line, column = self._locate(node, index) or (node.start_mark.line + 1,
                                                      node.start_mark.column + 1)
        self.problems.append(Problem(self.path, line, column, message))
        return Invalid(message)

    def plain(self, node: ScalarNode, field: str) -> None:
        """Refuse a value (or key) holding a character the format refuses, after YAML
        escapes are decoded: control characters, text-direction controls, invisible ones."""
        bad = unsafe_char(node.value)
        if bad is not None:
            raise self.problem_at(node, bad.index, bad.message(field))

    def _locate(self, node: ScalarNode, index: int) -> tuple[int, int] | None:
        start, end = node.start_mark, node.end_mark
        if not self._text or not 0 <= index < len(node.value):
            return None
        style = node.style or None  # plain: None from PyYAML, "" from libyaml
        if style in (None, "'", '"') and start.line == end.line:
            source = self._text[start.index:end.index]
            offset = _source_offset(source, style, index)
            shown = {node.value[index], "\\"} if style == '"' else {node.value[index]}
            if offset is None or source[offset] not in shown:  # not where expected: say less
                return None
            return start.line + 1, start.column + 1 + offset
        if style == "|":
            if self._lines is None:
                self._lines = _YAML_BREAKS.split(self._text)
            row = node.value.count("\n", 0, index)
            line_start = node.value.rfind("\n", 0, index) + 1
            line_end = node.value.find("\n", index)
            part = node.value[line_start: None if line_end < 0 else line_end]
            number = start.line + 1 + row  # content starts on the line after the "|"
            source = self._lines[number] if number < len(self._lines) else ""
            if part and source.endswith(part):
                return number + 1, len(source) - len(part) + index - line_start + 1
        return None

    # -- parsing -----------------------------------------------------------------
    def compose(self, data: bytes) -> Node | None:
        """Compose one YAML document, or record why it cannot be read."""
        if len(data) > MAX_FILE_BYTES:
            self.problems.append(
                Problem(self.path, 1, 1, f"file is {len(data) // 1024} KiB; the limit is "
                        f"{MAX_FILE_BYTES // 1024} KiB")
            )
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            self.problems.append(Problem(self.path, line, col, "file is not UTF-8 text"))
            return None
        self._text = text
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = " ".join(p for p in (exc.context, exc.problem) if p) or "YAML syntax error"
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self.problems.append(Problem(self.path, line, col, f"YAML syntax: {message}"))
            return None
        except yaml.YAMLError as exc:  # ReaderError: control characters and the like
            position = getattr(exc, "position", 0) or 0
            before = _YAML_BREAKS.split(text[:position])
            line, col = len(before), len(before[-1]) + 1
            char = getattr(exc, "character", None)
            char = chr(char) if isinstance(char, int) and 0 <= char < 0x110000 else char
            if isinstance(char, str) and len(char) == 1 and unsafe_char(char):
                message = (f"the file contains {char_kind(char)} ({char_name(char)}); remove it: "
                           "text in coach files must be plain, visible text")
            else:
                message = f"YAML: {getattr(exc, 'reason', None) or 'unreadable text'}"
            self.problems.append(Problem(self.path, line, col, message))
            return None
        if node is None:
            self.problems.append(Problem(self.path, 1, 1, "file is empty"))
        elif "&" in text and _ANCHOR_HINT.search(text) and self._refuse_anchors(text):
            return None
        return node

    def _refuse_anchors(self, text: str) -> bool:
        """Report each anchor (&name) and alias (*name) where it is written."""
        found = False
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                message = "aliases (*name) are not allowed; write the value out"
            elif getattr(event, "anchor", None):
                message = "anchors (&name) are not allowed; write each value out"
            else:
                continue
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self.problems.append(Problem(self.path, line, column, message))
            found = True
        return found

    def _visit(self, node: Node) -> None:
        """Refuse aliases (a node met twice) and explicit tags."""
        if id(node) in self._seen:
            if not self._refuse_anchors(self._text):
                self.problem(node, "aliases (*name) are not allowed; write the value out")
            raise Invalid("alias")
        self._seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            short = node.tag.replace(_TAG, "!!")
            raise self.problem(node, f"tags such as {short} are not allowed")

    # -- typed readers -----------------------------------------------------------
    def mapping(self, node: Node, what: str) -> dict[str, tuple[ScalarNode, Node]]:
        """A mapping of text keys, refusing duplicates."""
        self._visit(node)
        if not isinstance(node, MappingNode):
            raise self.problem(node, f"{what} must be a mapping of key: value lines")
        out: dict[str, tuple[ScalarNode, Node]] = {}
        for key, value in node.value:
            self._visit(key)
            if not isinstance(key, ScalarNode) or key.tag != STR:
                raise self.problem(key, f"keys in {what} must be plain words")
            try:
                self.plain(key, f"a key in {what}")
            except Invalid:
                continue
            if key.value in out:
                first = out[key.value][0].start_mark.line + 1
                raise self.problem(key, f"duplicate key {key.value!r} (first on line {first})")
            out[key.value] = (key, value)
        return out

    def check_keys(
        self,
        node: Node,
        fields: dict[str, tuple[ScalarNode, Node]],
        allowed: Iterable[str],
        required: Iterable[str],
        what: str,
    ) -> None:
        """Report unknown keys (with the nearest valid one) and missing required keys."""
        allowed = list(allowed)
        for name, (key, _value) in fields.items():
            if name not in allowed:
                near = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
                hint = f"; did you mean '{near[0]}'?" if near else f"; valid keys: {', '.join(allowed)}"
                self.problem(key, f"unknown key {name!r} in {what}{hint}")
        for name in required:
            if name not in fields:
                self.problem(node, f"{what} is missing '{name}'")

    def sequence(self, node: Node, field: str) -> list[Node]:
        self._visit(node)
        if not isinstance(node, SequenceNode):
            raise self.problem(node, f"{field} must be a list")
        return list(node.value)

    def _scalar(self, node: Node, field: str, expected: str) -> ScalarNode:
        self._visit(node)
        if not isinstance(node, ScalarNode):
            shape = "a list" if isinstance(node, SequenceNode) else "a mapping"
            raise self.problem(node, f"{field} must be {expected}, not {shape}")
        self.plain(node, field)
        return node

    def text(self, node: Node, field: str, *, max_length: int | None = None,
             allow_empty: bool = False) -> str:
        scalar = self._scalar(node, field, "text")
        if scalar.tag == NULL and allow_empty and not scalar.value.strip():
            return ""
        if scalar.tag != STR:
            reads = _WHAT_IT_READS_AS.get(scalar.tag, "something other than text")
            raise self.problem(
                node, f"{field} must be text, but {scalar.value!r} reads as {reads} in YAML; "
                "put it in quotes"
            )
        value = scalar.value.strip()
        if not value and not allow_empty:
            raise self.problem(node, f"{field} must not be empty")
        if max_length is not None and ("\n" in value or len(value) > max_length):
            raise self.problem(node, f"{field} must be one line of at most {max_length} characters")
        return value

    def markdown(self, node: Node, field: str) -> str:
        """Text shown as Markdown: as :meth:`text`, and no link, image or HTML tag, except a
        link to a paper's DOI (see :mod:`coach.core.links`)."""
        from coach.core.links import ADVICE, refused_links

        value = self.text(node, field)
        found = refused_links(value)
        if not found:
            return value
        assert isinstance(node, ScalarNode)
        lead = len(node.value) - len(node.value.lstrip())
        for index, what in found:
            self.problem_at(node, lead + index, f"{field} has {what}; {ADVICE}")
        raise Invalid(field)

    def number(self, node: Node, field: str, *, minimum: float = 0.0, maximum: float = 24 * 3600.0,
               whole: bool = False, allow_zero: bool = False) -> Any:
        scalar = self._scalar(node, field, "a number")
        raw = scalar.value.strip()
        kind = "a whole number" if whole else "a number"
        if scalar.tag in (INT, FLOAT) and raw.startswith("-") and _PLAIN_NUMBER.match(raw[1:]):
            bound = f"at least {minimum:g}" if allow_zero else f"more than {minimum:g}"
            raise self.problem(node, f"{field} must be {bound} (no minus sign), not {raw}")
        if scalar.tag not in (INT, FLOAT) or not _PLAIN_NUMBER.match(raw) or (whole and "." in raw):
            example = "4" if whole else "4 or 5.5"
            raise self.problem(node, f"{field} must be {kind} such as {example}, not {raw!r}")
        value = int(raw) if whole else float(raw)
        low_ok = value >= minimum if allow_zero else value > minimum
        if not low_ok or value > maximum:
            bound = f"at least {minimum:g}" if allow_zero else f"more than {minimum:g}"
            raise self.problem(node, f"{field} must be {bound} and at most {maximum:g}, not {raw}")
        return value

    def boolean(self, node: Node, field: str) -> bool:
        scalar = self._scalar(node, field, "true or false")
        if scalar.tag != BOOL:
            raise self.problem(node, f"{field} must be true or false, not {scalar.value!r}")
        return scalar.value.lower() in ("true", "yes", "on", "y")

    def choice(self, node: Node, field: str, options: Iterable[str]) -> str:
        options = list(options)
        scalar = self._scalar(node, field, "one of " + ", ".join(options))
        value = scalar.value
        if scalar.tag != STR or value not in options:
            near = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise self.problem(node, f"{field} must be one of {', '.join(options)}, "
                               f"not {value!r}{hint}")
        return value

    def text_list(self, node: Node, field: str, *, options: Iterable[str] | None = None) -> list[str]:
        items = self.sequence(node, field)
        out: list[str] = []
        for item in items:
            try:
                if options is not None:
                    out.append(self.choice(item, f"each of {field}", options))
                else:
                    out.append(self.text(item, f"each of {field}", max_length=60))
            except Invalid:
                continue
        return out


def _source_offset(source: str, style: str | None, index: int) -> int | None:
    """Where character ``index`` of a one-line scalar's value is in its ``source`` (the text
    between its marks, quotes included); None when it cannot be said exactly."""
    if style is None:
        return index if index < len(source) else None
    i = 1  # after the opening quote
    for _ in range(index):
        if i >= len(source):
            return None
        if style == "'":
            i += 2 if source[i] == "'" else 1
        elif source[i] == "\\":
            i += {"x": 4, "u": 6, "U": 10}.get(source[i + 1: i + 2], 2)
        else:
            i += 1
    return i if i < len(source) - 1 else None
