"""The safety check (``coach validate --strict``): patterns in a valid file that could hurt.

A file can follow every rule of the format and still ask too much of someone's body or of a
couple's evening. Each risk has a short name and points at the value it is about, as
``path:line:col``:

* ``long-hold``: a breath hold longer than 10 s (holds that long can make people dizzy);
* ``fast-breathing``: more than 10 breaths a minute for over 2 minutes in one breathing step
  (over-breathing brings light-headedness and tingling);
* ``holds-without-safety``: breath holds and no ``safety`` line;
* ``no-caution``: an exercise for two with no ``caution`` (who it is for, and when not to);
* ``no-break``: a conflict script (kind ``repair``, for two) that never says how to take a break:
  its caution and steps never mention a break or a pause, and it has no break step;
* ``no-source``: a ``source`` naming no year and no DOI, so the work cannot be found.

An author who has weighed a risk and keeps the pattern says so in the file, where reviewers see
it: a comment line ``# coach: accept NAME (why)`` anywhere in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node, SequenceNode

from coach.core.model import Breathe, Entry, Exercise, format_duration
from coach.core.problems import Problem
from coach.core.yamlnodes import MAX_FILE_BYTES, Reader, read_source

MAX_HOLD_SECONDS = 10.0
MAX_BREATHS_PER_MINUTE = 10.0
FAST_FOR_SECONDS = 120.0
RISKS = ("long-hold", "fast-breathing", "holds-without-safety", "no-caution", "no-break",
         "no-source")
_ACCEPT = re.compile(r"^\s*#\s*coach:\s*accept\s+([a-z-]+)", re.MULTILINE)
_BREAK_WORDS = re.compile(r"\b(breaks?|pause[sd]?|pausing)\b", re.IGNORECASE)
_YEAR_OR_DOI = re.compile(r"\b(1[89]\d\d|20\d\d)\b|doi\.org/10\.|\bdoi:\s*10\.", re.IGNORECASE)


@dataclass(frozen=True, slots=True, order=True)
class Risk:
    """One risk in a file: where, which (see :data:`RISKS`) and what to do about it."""

    path: str
    line: int
    column: int
    name: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: risk {self.name}: {self.message}"

    def as_problem(self) -> Problem:
        return Problem(self.path, self.line, self.column, f"risk {self.name}: {self.message}")


def accepted(data: bytes) -> set[str]:
    """The risks a file accepts with ``# coach: accept NAME`` comment lines."""
    return set(_ACCEPT.findall(data.decode("utf-8", "replace")))


def find_risks(entry: Entry, data: bytes | None = None) -> list[Risk]:
    """The risks in ``entry`` (a valid file; ``data`` its bytes, read again when not given),
    minus those the file accepts."""
    if data is None:
        if entry.path is None:
            return []
        data, _ = read_source(entry.path, MAX_FILE_BYTES)
        if data is None:
            return []
    path = entry.path or Path(entry.id)
    where = _Where(path, Reader(str(path)).compose(data))
    found = [r for r in _risks(entry, where) if r.name not in accepted(data)]
    return sorted(found)


def _risks(entry: Entry, at: _Where) -> list[Risk]:
    out: list[Risk] = []
    if not _YEAR_OR_DOI.search(entry.source):
        out.append(at.risk("no-source", ("source",), "the source names no year and no DOI: say "
                           "who wrote the work, the year and the title, so anyone can find it"))
    if not isinstance(entry, Exercise):
        return out
    first_hold: tuple[object, ...] | None = None
    for index, step in enumerate(entry.steps):
        if not isinstance(step, Breathe):
            continue
        number = index + 1
        for name in ("hold", "hold_after"):
            seconds = getattr(step, name)
            if seconds and first_hold is None:
                first_hold = ("steps", index, name)
            if seconds > MAX_HOLD_SECONDS:
                out.append(at.risk("long-hold", ("steps", index, name), f"step {number} holds "
                                   f"the breath for {seconds:g} s; holds over "
                                   f"{MAX_HOLD_SECONDS:g} s can bring dizziness or fainting: "
                                   f"keep them to {MAX_HOLD_SECONDS:g} s or less"))
        rate = step.breaths_per_minute
        if rate > MAX_BREATHS_PER_MINUTE and step.seconds > FAST_FOR_SECONDS:
            out.append(at.risk("fast-breathing", ("steps", index), f"step {number} paces "
                               f"{rate:.3g} breaths a minute for {format_duration(step.seconds)}; "
                               f"more than {MAX_BREATHS_PER_MINUTE:g} a minute for over "
                               f"{format_duration(FAST_FOR_SECONDS)} can bring light-headedness "
                               "and tingling: slow the breath or shorten the step"))
    if first_hold is not None and not entry.safety:
        out.append(at.risk("holds-without-safety", first_hold, "breath holds and no 'safety' "
                           "line: add one, such as \"Skip the holds if you are pregnant or have "
                           "a heart or lung condition. Stop if you feel dizzy.\""))
    if entry.participants == 2 and not entry.caution:
        out.append(at.risk("no-caution", ("participants",), "an exercise for two with no "
                           "'caution': say who it is for and when not to do it, for example "
                           "when either of you feels unsafe"))
    if entry.participants == 2 and entry.kind == "repair" and not _offers_a_break(entry):
        out.append(at.risk("no-break", ("kind",), "a conflict script for two that never says how "
                           "to take a break: say in its caution or a step that either of you "
                           "can ask for a pause or a break"))
    return out


def _offers_a_break(exercise: Exercise) -> bool:
    if any(getattr(step, "type", "") == "break" for step in exercise.steps):
        return True
    texts = [exercise.caution, *(getattr(step, "text", "") for step in exercise.steps)]
    return any(_BREAK_WORDS.search(text) for text in texts)


class _Where:
    """Finds the line and column of a value in a composed file by its keys and indexes."""

    def __init__(self, path: Path, root: Node | None) -> None:
        self.path = str(path)
        self.root = root

    def risk(self, name: str, keys: tuple[object, ...], message: str) -> Risk:
        line, column = self.locate(keys)
        return Risk(self.path, line, column, name, message)

    def locate(self, keys: tuple[object, ...]) -> tuple[int, int]:
        """Where the value at ``keys`` starts; its nearest parent's place when it is absent."""
        node = self.root
        found = node
        for key in keys:
            if isinstance(node, MappingNode) and isinstance(key, str):
                node = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
            elif isinstance(node, SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
            else:
                node = None
            if node is None:
                break
            found = node
        if found is None:
            return 1, 1
        return found.start_mark.line + 1, found.start_mark.column + 1
