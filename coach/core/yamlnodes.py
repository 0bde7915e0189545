"""Strict YAML reading: safe composition, marks on every value, clear problems.

Files are composed (not constructed) with PyYAML's C safe loader when available, so every
value keeps its line and column. Aliases, duplicate keys, explicit tags and oversized files
are refused. Typed readers turn nodes into Python values or record a :class:`Problem`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coach.core.problems import Invalid, Problem

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


class Reader:
    """Collects problems for one file while typed helpers read its nodes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._text = ""

    # -- reporting -------------------------------------------------------------
    def problem(self, node: Node | None, message: str) -> Invalid:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self.problems.append(Problem(self.path, line, column, message))
        return Invalid(message)

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
            line = text.count("\n", 0, position) + 1
            col = position - (text.rfind("\n", 0, position) + 1) + 1
            reason = getattr(exc, "reason", None) or "unreadable text"
            self.problems.append(Problem(self.path, line, col, f"YAML: {reason}"))
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
            self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message))
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

    def number(self, node: Node, field: str, *, minimum: float = 0.0, maximum: float = 24 * 3600.0,
               whole: bool = False, allow_zero: bool = False) -> Any:
        scalar = self._scalar(node, field, "a number")
        raw = scalar.value.strip()
        kind = "a whole number" if whole else "a number"
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
