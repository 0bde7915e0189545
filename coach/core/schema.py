"""Validate one composed exercise or plan file into the model of :mod:`coach.core.model`."""

from __future__ import annotations

import hashlib
import string
from pathlib import Path
from typing import Any

from yaml.nodes import Node, ScalarNode

from coach.core.fields import (
    EXERCISE_FIELDS,
    EXERCISE_KIND,
    EXERCISES,
    ID_FIELD,
    ID_PATTERN,
    MAX_SAFETY_LENGTH,
    MAX_STEP_SECONDS,
    PLAN_FIELDS,
    PLAN_KIND,
    REF_PATTERN,
    STEP_FIELDS,
    STEP_SPECS,
    Field,
    names,
    required,
)
from coach.core.model import (
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

__all__ = ["EXERCISE_KEYS", "ID_PATTERN", "MAX_SAFETY_LENGTH", "MAX_STEP_SECONDS", "PLAN_KEYS",
           "REF_PATTERN", "STEP_KEYS", "PlanRefs", "content_hash", "parse_entry"]

EXERCISE_KEYS = names(EXERCISE_FIELDS)
PLAN_KEYS = names(PLAN_FIELDS)
STEP_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    name: (spec.keys, spec.required) for name, spec in STEP_SPECS.items()
}
"""Step type -> (allowed keys, required keys); ``type`` is always allowed and required."""
_ANY_KIND = Field("kind", "choice", "", options=(*EXERCISE_KIND.options, *PLAN_KIND.options))
_READ_APART = ("kind", "id", "steps", "exercises")
"""Fields the parser reads itself (the others are read straight from their definitions)."""


def content_hash(data: bytes) -> str:
    """Short, stable hash of a file's bytes, stored with each practice run."""
    return hashlib.sha256(data).hexdigest()[:12]


class PlanRefs(dict[str, list[ScalarNode]]):
    """Plan id -> the nodes naming its exercises, so unknown ids get a line number."""


def parse_entry(data: bytes, path: Path, *, builtin: bool = False, refs: PlanRefs | None = None,
                namespace: str | None = None) -> tuple[Entry | None, list[Problem]]:
    """Parse one file's bytes. Returns the entry, or None and at least one problem.

    ``namespace`` is the name of the pack the file belongs to: the entry's id is then
    ``namespace/id`` (the file itself writes the plain id)."""
    reader = Reader(str(path))
    root = reader.compose(data)
    if root is None:
        return None, reader.problems
    try:
        entry = _FileParser(reader, path, builtin, namespace).entry(root, data, refs)
    except Invalid:
        entry = None
    if reader.problems:
        return None, sorted(reader.problems)
    return entry, []


class _FileParser:
    def __init__(self, reader: Reader, path: Path, builtin: bool, namespace: str | None) -> None:
        self.r = reader
        self.path = path
        self.builtin = builtin
        self.namespace = namespace
        self.participants = 1

    def _get(self, fields: dict[str, tuple[ScalarNode, Node]], field: Field,
             default: Any = None) -> Any:
        """Read an optional field; a bad value is recorded and gives the default."""
        if field.name not in fields:
            return default
        try:
            return field.read(self.r, fields[field.name][1], field.name)
        except Invalid:
            return default

    def entry(self, root: Node, data: bytes, refs: PlanRefs | None) -> Entry | None:
        r = self.r
        fields = r.mapping(root, "the file")
        kind = self._get(fields, _ANY_KIND)
        is_plan = kind == "plan"
        table = PLAN_FIELDS if is_plan else EXERCISE_FIELDS
        r.check_keys(root, fields, names(table), required(table),
                     "a plan" if is_plan else "an exercise")
        entry_id = self._id(root, fields)
        values: dict[str, Any] = {}
        for field in table:
            if field.name not in _READ_APART:
                empty = () if field.shape == "list" else ""
                value = self._get(fields, field, default=field.default or empty)
                values[field.name] = tuple(value) if field.shape == "list" else value
        values.pop("format", None)
        common: dict[str, Any] = dict(
            id=entry_id,
            path=self.path,
            builtin=self.builtin,
            content_hash=content_hash(data),
            **{k: values.pop(k) for k in ("title", "summary", "source", "description", "tags",
                                          "contexts", "caution")},
        )
        if is_plan:
            ids = self._plan_ids(fields, refs, entry_id)
            return Plan(exercise_ids=ids, **common)
        self.participants = values["participants"]
        self._only_for_two(fields)
        steps = self._steps(fields)
        if kind is None:
            return None
        return Exercise(kind=kind, participants=self.participants, safety=values["safety"],
                        roles=values["roles"], steps=steps, **common)

    def _only_for_two(self, fields: dict[str, tuple[ScalarNode, Node]]) -> None:
        """Fields that only an exercise for two may have (roles: what {a} and {b} do)."""
        for field in EXERCISE_FIELDS:
            if field.for_two and field.name in fields and self.participants != 2:
                self.r.problem(fields[field.name][1], f"{field.name} need 'participants: 2'")

    def _id(self, root: Node, fields: dict[str, tuple[ScalarNode, Node]]) -> str:
        """The entry's id: the file's own (or its file name's), in the pack's namespace."""
        if "id" in fields:
            entry_id = self._get(fields, ID_FIELD, default=self.path.stem)
        else:
            entry_id = self.path.stem
            if not ID_PATTERN.match(entry_id):
                self.r.problem(root, f"id {entry_id!r} must be lowercase letters, digits and "
                               "dashes (it comes from the file name; set 'id')")
        return f"{self.namespace}/{entry_id}" if self.namespace else entry_id

    def _plan_ids(self, fields: dict[str, tuple[ScalarNode, Node]], refs: PlanRefs | None,
                  entry_id: str) -> tuple[str, ...]:
        if "exercises" not in fields:
            return ()
        items = self.r.sequence(fields["exercises"][1], "exercises")
        if not items:
            self.r.problem(fields["exercises"][1], EXERCISES.empty_says)
        assert EXERCISES.item is not None
        ids: list[str] = []
        nodes: list[ScalarNode] = []
        for item in items:
            try:
                ids.append(EXERCISES.item.read(self.r, item, "each of exercises"))
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
        spec = STEP_SPECS[step_type]
        before = len(r.problems)
        r.check_keys(node, fields, ("type", *spec.keys), spec.required, f"{what} ({step_type})")
        values: dict[str, Any] = {}
        for name in spec.keys:
            if name not in fields:
                continue
            label = f"{what} {name}"
            value_node = fields[name][1]
            try:
                values[name] = STEP_FIELDS[name].read(r, value_node, label)
                if name == "text":
                    self._check_placeholders(value_node, values[name], step_type, label)
            except Invalid:
                continue
        if spec.for_two and self.participants != 2:
            r.problem(fields["type"][1], f"{what}: {step_type} steps need 'participants: 2'")
        if spec.one_of is not None:
            self._length(node, fields, values, step_type, what, spec.one_of)
        if len(r.problems) > before:
            raise Invalid(what)
        return _build_step(step_type, values)

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
                values: dict[str, Any], step_type: str, what: str, names: tuple[str, str]) -> None:
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
            return Instruction(text=text, seconds=v.get("seconds"), part=v.get("part", ""),
                               show_notes=v.get("show_notes", False))
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
