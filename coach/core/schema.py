"""Validate one composed exercise or plan file into the model of :mod:`coach.core.model`."""

from __future__ import annotations

import hashlib
import re
import string
from pathlib import Path
from typing import Any

from yaml.nodes import Node, ScalarNode

from coach.core.model import (
    CONTEXTS,
    FORMAT_VERSION,
    KINDS,
    STEP_TYPES,
    Break,
    Breathe,
    Emotions,
    Entry,
    Exercise,
    Instruction,
    Note,
    Plan,
    Rate,
    Reflect,
    Step,
    Timer,
    Turn,
)
from coach.core.yamlnodes import Invalid, Problem, Reader

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
COMMON_KEYS = ("format", "id", "title", "kind", "summary", "description", "tags", "contexts",
               "caution", "source")
EXERCISE_KEYS = (*COMMON_KEYS, "participants", "safety", "roles", "steps")
MAX_SAFETY_LENGTH = 200
MAX_ROLE_LENGTH = 60
PLAN_KEYS = (*COMMON_KEYS, "exercises")
REQUIRED = ("format", "title", "kind", "summary", "source")

_LENGTH = ("seconds", "minutes")
STEP_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # type: (allowed keys, required keys); "type" is always allowed and required.
    "instruction": (("text", "seconds"), ("text",)),
    "breathe": (("text", "inhale", "top_up", "hold", "exhale", "hold_after", "cycles", "minutes"),
                ("inhale", "exhale")),
    "timer": (("text", *_LENGTH), ("text",)),
    "emotions": (("text", "max_words", "intensity"), ("text",)),
    "rate": (("text", "measure", "low", "high"), ("text", "measure", "low", "high")),
    "turn": (("speaker", "text", *_LENGTH), ("speaker", "text")),
    "reflect": (("speaker", "text"), ("speaker", "text")),
    "note": (("text",), ("text",)),
    "break": (("text",), ()),
}
MAX_STEP_SECONDS = 4 * 3600.0


def content_hash(data: bytes) -> str:
    """Short, stable hash of a file's bytes, stored with each practice run."""
    return hashlib.sha256(data).hexdigest()[:12]


class PlanRefs(dict[str, list[ScalarNode]]):
    """Plan id -> the nodes naming its exercises, so unknown ids get a line number."""


def parse_entry(data: bytes, path: Path, *, builtin: bool = False,
                refs: PlanRefs | None = None) -> tuple[Entry | None, list[Problem]]:
    """Parse one file's bytes. Returns the entry, or None and at least one problem."""
    reader = Reader(str(path))
    root = reader.compose(data)
    if root is None:
        return None, reader.problems
    try:
        entry = _FileParser(reader, path, builtin).entry(root, data, refs)
    except Invalid:
        entry = None
    if reader.problems:
        return None, sorted(reader.problems)
    return entry, []


class _FileParser:
    def __init__(self, reader: Reader, path: Path, builtin: bool) -> None:
        self.r = reader
        self.path = path
        self.builtin = builtin
        self.participants = 1

    def _get(self, fields: dict[str, tuple[ScalarNode, Node]], name: str, read: Any,
             *args: Any, default: Any = None, **kwargs: Any) -> Any:
        """Read an optional field; a bad value is recorded and gives the default."""
        if name not in fields:
            return default
        try:
            return read(fields[name][1], name, *args, **kwargs)
        except Invalid:
            return default

    def entry(self, root: Node, data: bytes, refs: PlanRefs | None) -> Entry | None:
        r = self.r
        fields = r.mapping(root, "the file")
        kind = self._get(fields, "kind", r.choice, (*KINDS, "plan"))
        is_plan = kind == "plan"
        r.check_keys(root, fields, PLAN_KEYS if is_plan else EXERCISE_KEYS,
                     (*REQUIRED, "exercises" if is_plan else "steps"),
                     "a plan" if is_plan else "an exercise")
        fmt = self._get(fields, "format", r.number, whole=True, maximum=10**6)
        if fmt is not None and fmt != FORMAT_VERSION:
            r.problem(fields["format"][1], f"format {fmt} is not supported; this coach reads "
                      f"format {FORMAT_VERSION}")
        entry_id = self._get(fields, "id", r.text, default=self.path.stem)
        if not ID_PATTERN.match(entry_id):
            r.problem(fields["id"][1] if "id" in fields else root,
                      f"id {entry_id!r} must be lowercase letters, digits and dashes"
                      + ("" if "id" in fields else " (it comes from the file name; set 'id')"))
        common: dict[str, Any] = dict(
            id=entry_id,
            title=self._get(fields, "title", r.text, max_length=80, default=""),
            summary=self._get(fields, "summary", r.text, max_length=120, default=""),
            source=self._get(fields, "source", r.text, default=""),
            description=self._get(fields, "description", r.markdown, default=""),
            tags=tuple(self._get(fields, "tags", r.text_list, default=[])),
            contexts=tuple(self._get(fields, "contexts", r.text_list, options=CONTEXTS, default=[])),
            caution=self._get(fields, "caution", r.markdown, default=""),
            path=self.path,
            builtin=self.builtin,
            content_hash=content_hash(data),
        )
        if is_plan:
            ids = self._plan_ids(fields, refs, entry_id)
            return Plan(exercise_ids=ids, **common)
        self.participants = self._get(fields, "participants", r.number, whole=True,
                                      minimum=1, maximum=2, allow_zero=True, default=1)
        safety = self._get(fields, "safety", r.text, max_length=MAX_SAFETY_LENGTH, default="")
        roles = self._roles(fields)
        steps = self._steps(fields)
        if kind is None:
            return None
        return Exercise(kind=kind, participants=self.participants, safety=safety, roles=roles,
                        steps=steps, **common)

    def _roles(self, fields: dict[str, tuple[ScalarNode, Node]]) -> tuple[str, ...]:
        """Two short phrases, what {a} does and what {b} does, in an exercise for two."""
        if "roles" not in fields:
            return ()
        node = fields["roles"][1]
        roles = self._get(fields, "roles", self.r.text_list, default=[])
        if self.participants != 2:
            self.r.problem(node, "roles need 'participants: 2'")
        elif len(roles) != 2 or any(len(role) > MAX_ROLE_LENGTH for role in roles):
            self.r.problem(node, f"roles must be two short phrases (up to {MAX_ROLE_LENGTH} "
                           "characters): what {a} does, then what {b} does")
        return tuple(roles)

    def _plan_ids(self, fields: dict[str, tuple[ScalarNode, Node]], refs: PlanRefs | None,
                  entry_id: str) -> tuple[str, ...]:
        if "exercises" not in fields:
            return ()
        items = self.r.sequence(fields["exercises"][1], "exercises")
        if not items:
            self.r.problem(fields["exercises"][1], "a plan needs at least one exercise")
        ids: list[str] = []
        nodes: list[ScalarNode] = []
        for item in items:
            try:
                ids.append(self.r.text(item, "each of exercises", max_length=80))
                nodes.append(item)  # type: ignore[arg-type]
            except Invalid:
                continue
        if refs is not None:
            refs[entry_id] = nodes
        return tuple(ids)

    def _steps(self, fields: dict[str, tuple[ScalarNode, Node]]) -> tuple[Step, ...]:
        if "steps" not in fields:
            return ()
        items = self.r.sequence(fields["steps"][1], "steps")
        if not items:
            self.r.problem(fields["steps"][1], "an exercise needs at least one step")
        steps: list[Step] = []
        for number, item in enumerate(items, start=1):
            try:
                steps.append(self._step(item, number))
            except Invalid:
                continue
        return tuple(steps)

    def _step(self, node: Node, number: int) -> Step:
        r = self.r
        what = f"step {number}"
        fields = r.mapping(node, what)
        if "type" not in fields:
            raise r.problem(node, f"{what} is missing 'type' (one of {', '.join(STEP_TYPES)})")
        step_type = r.choice(fields["type"][1], f"{what} type", STEP_TYPES)
        allowed, required = STEP_KEYS[step_type]
        before = len(r.problems)
        r.check_keys(node, fields, ("type", *allowed), required, f"{what} ({step_type})")
        values: dict[str, Any] = {}
        for name in allowed:
            if name not in fields:
                continue
            try:
                values[name] = self._step_field(fields[name][1], name, step_type, what)
            except Invalid:
                continue
        if step_type in ("turn", "reflect", "break") and self.participants != 2:
            r.problem(fields["type"][1], f"{what}: {step_type} steps need 'participants: 2'")
        if step_type in ("timer", "turn", "breathe"):
            self._length(node, fields, values, step_type, what)
        if len(r.problems) > before:
            raise Invalid(what)
        return _build_step(step_type, values)

    def _step_field(self, node: Node, name: str, step_type: str, what: str) -> Any:
        r = self.r
        label = f"{what} {name}"
        if name == "text":
            text = r.text(node, label)
            self._check_placeholders(node, text, step_type, label)
            return text
        if name in ("seconds", "inhale", "exhale"):
            return r.number(node, label, maximum=MAX_STEP_SECONDS)
        if name in ("hold", "hold_after", "top_up"):
            return r.number(node, label, maximum=600, allow_zero=True)
        if name == "minutes":
            return r.number(node, label, maximum=MAX_STEP_SECONDS / 60)
        if name == "cycles":
            return r.number(node, label, whole=True, minimum=1, maximum=1000, allow_zero=True)
        if name == "max_words":
            return r.number(node, label, whole=True, minimum=1, maximum=5, allow_zero=True)
        if name == "intensity":
            return r.boolean(node, label)
        if name == "speaker":
            return r.choice(node, label, ("a", "b"))
        if name == "measure":
            value = r.text(node, label, max_length=30)
            if not ID_PATTERN.match(value):
                raise r.problem(node, f"{label} must be a short lowercase word such as calm")
            return value
        return r.text(node, label, max_length=40)  # low, high

    def _check_placeholders(self, node: Node, text: str, step_type: str, label: str) -> None:
        allowed = {"a", "b"} if self.participants == 2 else set()
        if step_type in ("turn", "reflect"):
            allowed |= {"speaker", "listener"}
        try:
            names = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
        except ValueError:
            raise self.r.problem(node, f"{label} has an unmatched brace; write {{{{ or }}}} "
                                 "for a literal one") from None
        for name in names:
            if name not in allowed:
                valid = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none here"
                used = "{" + name + "}"
                shown = used if name.isidentifier() else repr(used)  # one line, always
                raise self.r.problem(node, f"{label} uses {shown}; placeholders allowed: {valid}")

    def _length(self, node: Node, fields: dict[str, tuple[ScalarNode, Node]],
                values: dict[str, Any], step_type: str, what: str) -> None:
        names = ("cycles", "minutes") if step_type == "breathe" else _LENGTH
        given = [n for n in names if n in fields]
        if len(given) != 1:
            where = fields[given[1]][0] if len(given) == 2 else node
            self.r.problem(where, f"{what} ({step_type}) needs exactly one of "
                           f"'{names[0]}' or '{names[1]}'")
            return
        if step_type != "breathe" and "minutes" in values:
            values["seconds"] = values.pop("minutes") * 60.0


def _build_step(step_type: str, v: dict[str, Any]) -> Step:
    text = v.get("text", "")
    match step_type:
        case "instruction":
            return Instruction(text=text, seconds=v.get("seconds"))
        case "breathe":
            kwargs = {k: v[k] for k in ("hold", "hold_after", "top_up") if k in v}
            cycle = v["inhale"] + v["exhale"] + sum(kwargs.values())
            minutes = v.get("minutes")
            cycles = v["cycles"] if minutes is None else Breathe.cycles_for(minutes, cycle)
            return Breathe(inhale=v["inhale"], exhale=v["exhale"], cycles=cycles,
                           minutes=minutes, text=text, **kwargs)
        case "timer":
            return Timer(text=text, seconds=v["seconds"])
        case "emotions":
            return Emotions(text=text, max_words=v.get("max_words", 3),
                            intensity=v.get("intensity", True))
        case "rate":
            return Rate(text=text, measure=v["measure"], low=v["low"], high=v["high"])
        case "turn":
            return Turn(speaker=v["speaker"], text=text, seconds=v["seconds"])
        case "reflect":
            return Reflect(speaker=v["speaker"], text=text)
        case "note":
            return Note(text=text)
        case "break":
            return Break(text=text)
    raise AssertionError(step_type)  # pragma: no cover
