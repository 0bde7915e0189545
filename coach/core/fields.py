"""The fields of exercise format 1 and of ``pack.yaml``, as data.

One source of truth: the loader (:mod:`coach.core.schema`, :mod:`coach.core.packs`) reads
every value through :meth:`Field.read`, and the JSON Schema for editors
(:mod:`coach.core.json_schema`) is generated from the same tables. A rule added here is
enforced by both; a rule JSON Schema cannot say (placeholders in step text, links in
Markdown, plan ids that must exist) lives in the loader only and is listed in
``docs/exercise-format.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from coach.core.model import CONTEXTS, FORMAT_VERSION, KINDS, STEP_TYPES

if TYPE_CHECKING:
    from yaml.nodes import Node

    from coach.core.yamlnodes import Reader

Shape = Literal["text", "markdown", "number", "whole", "flag", "choice", "list", "steps",
                "version"]

ID = r"[a-z0-9]+(-[a-z0-9]+)*"
ID_PATTERN = re.compile(f"^{ID}$")
"""An id as written in a file (and a pack's name): lowercase letters, digits and dashes."""
REF_PATTERN = re.compile(f"^({ID}/)?{ID}$")
"""An entry as the library knows it: ``box-breathing``, or ``pack/exercise`` for a pack's."""
VERSION_PATTERN = re.compile(r"^[0-9]+(\.[0-9]+){0,3}(-[0-9A-Za-z.]+)?$")
MAX_STEP_SECONDS = 4 * 3600.0
MAX_SAFETY_LENGTH = 200
MAX_ROLE_LENGTH = 60
PACK_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a mapping: its value's shape and limits, and what it means."""

    name: str
    shape: Shape
    about: str
    """One line for people: shown by editors on hover, and in the schema."""
    required: bool = False
    max_length: int | None = None
    """For text: one line of at most this many characters."""
    low: float = 0.0
    high: float = 24 * 3600.0
    low_ok: bool = False
    """Whether ``low`` itself is allowed (else the value must be more than ``low``)."""
    options: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    pattern_says: str = ""
    """The problem when the value does not match ``pattern`` ({label} and {value} filled)."""
    item: Field | None = None
    """For lists: each item."""
    empty_says: str = ""
    """For lists that may not be empty: the problem when one is."""
    count: int | None = None
    """For lists of a fixed length: exactly this many items."""
    count_says: str = ""
    """The problem when such a list has another number of items (said as written)."""
    for_two: bool = False
    """Only in exercises with ``participants: 2`` (the parser checks it)."""
    const: int | None = None
    default: Any = None
    """Documentation only (the schema's ``default``); the loader's defaults live in the model."""

    def read(self, r: Reader, node: Node, label: str) -> Any:
        """The value of ``node``, or a recorded problem (:class:`~coach.core.problems.Invalid`)."""
        shape = self.shape
        if shape == "text":
            value = r.text(node, label, max_length=self.max_length)
        elif shape == "markdown":
            value = r.markdown(node, label)
        elif shape in ("number", "whole"):
            value = r.number(node, label, minimum=self.low, maximum=self.high,
                             whole=shape == "whole", allow_zero=self.low_ok)
            if self.const is not None and value != self.const:
                raise r.problem(node, f"{label} {value} is not supported; this coach reads "
                                f"{label} {self.const}")
            return value
        elif shape == "flag":
            return r.boolean(node, label)
        elif shape == "choice":
            return r.choice(node, label, self.options)
        elif shape == "version":
            value = _version(r, node, label, self.max_length)
        elif shape == "list":
            return self._items(r, node, label)
        else:  # pragma: no cover - steps are read by the exercise parser
            raise AssertionError(shape)
        if self.pattern is not None and not self.pattern.match(value):
            raise r.problem(node, self.pattern_says.format(label=label, value=value))
        return value

    def _items(self, r: Reader, node: Node, label: str) -> list[Any]:
        from coach.core.problems import Invalid

        assert self.item is not None
        nodes = r.sequence(node, label)
        if not nodes and self.empty_says:
            r.problem(node, self.empty_says)
        if self.count is not None and len(nodes) != self.count:
            r.problem(node, self.count_says)
        out: list[Any] = []
        for item in nodes:
            try:
                out.append(self.item.read(r, item, f"each of {label}"))
            except Invalid:
                continue
        return out


def _version(r: Reader, node: Node, label: str, max_length: int | None) -> str:
    """A version: text, or a number as written (``version: 1.10`` is "1.10", not 1.1)."""
    from yaml.nodes import ScalarNode

    from coach.core.yamlnodes import FLOAT, INT

    if isinstance(node, ScalarNode) and node.tag in (INT, FLOAT):  # plain: quoted is text
        r.plain(node, label)
        return str(node.value).strip()
    return r.text(node, label, max_length=max_length)


def _length(name: str, about: str, high: float = MAX_STEP_SECONDS) -> Field:
    return Field(name, "number", about, high=high)


# -- exercises and plans ----------------------------------------------------------------------
FORMAT = Field("format", "whole", f"The format version: always {FORMAT_VERSION}.", required=True,
               high=10**6, const=FORMAT_VERSION)
ID_FIELD = Field("id", "text", "Lowercase letters, digits and dashes; defaults to the file name "
                 "without .yaml. Unique across the library.", pattern=ID_PATTERN,
                 pattern_says="id {value!r} must be lowercase letters, digits and dashes")
TITLE = Field("title", "text", "Shown in lists and at the top of each screen.", required=True,
              max_length=80)
EXERCISE_KIND = Field("kind", "choice", "What kind of exercise this is.", required=True,
                      options=KINDS)
PLAN_KIND = Field("kind", "choice", "A plan chains exercises.", required=True, options=("plan",))
SUMMARY = Field("summary", "text", "One line, shown in lists.", required=True, max_length=120)
DESCRIPTION = Field("description", "markdown", "A longer text in Markdown; no links except to "
                    "a paper's DOI.")
TAGS = Field("tags", "list", "Words that help filtering.",
             item=Field("tag", "text", "A word that helps filtering.", max_length=60))
CONTEXTS_FIELD = Field("contexts", "list", "When it fits; suggestions use them.",
                       item=Field("context", "choice", "A situation it suits.", options=CONTEXTS))
CAUTION = Field("caution", "markdown", "Shown on its own screen before the exercise starts; "
                "Markdown, like description.")
SOURCE = Field("source", "text", "The work it is written from: author(s), year and title, so "
               "anyone can find it. A DOI is the only link allowed.", required=True)
PARTICIPANTS = Field("participants", "whole", "1 (alone) or 2 (partners a and b).", low=1,
                     high=2, low_ok=True, default=1)
SAFETY = Field("safety", "text", "One short line shown before the first step, e.g. for breath "
               "holds.", max_length=MAX_SAFETY_LENGTH)
ROLES = Field("roles", "list", "In an exercise for two whose roles differ: what {a} does, then "
              "what {b} does; the names dialog then offers to swap them.",
              item=Field("role", "text", "What one partner does, in a few words.",
                         max_length=MAX_ROLE_LENGTH),
              count=2, count_says=f"roles must be two short phrases (up to {MAX_ROLE_LENGTH} "
                                  "characters): what {a} does, then what {b} does", for_two=True)
STEPS = Field("steps", "steps", "The steps, in order.", required=True,
              empty_says="an exercise needs at least one step")
EXERCISES = Field("exercises", "list", "The exercises to run, in order, by id.", required=True,
                  item=Field("exercise", "text", "An exercise's id; pack/exercise for a pack's.",
                             max_length=120, pattern=REF_PATTERN,
                             pattern_says="{label} must be an exercise id such as box-breathing "
                                          "(or pack/exercise for a pack's), not {value!r}"),
                  empty_says="a plan needs at least one exercise")

COMMON_FIELDS = (FORMAT, ID_FIELD, TITLE, SUMMARY, DESCRIPTION, TAGS, CONTEXTS_FIELD, CAUTION,
                 SOURCE)
EXERCISE_FIELDS: tuple[Field, ...] = (*COMMON_FIELDS[:3], EXERCISE_KIND, *COMMON_FIELDS[3:],
                                      PARTICIPANTS, SAFETY, ROLES, STEPS)
PLAN_FIELDS: tuple[Field, ...] = (*COMMON_FIELDS[:3], PLAN_KIND, *COMMON_FIELDS[3:], EXERCISES)


# -- steps ----------------------------------------------------------------------------------------
STEP_FIELDS: dict[str, Field] = {f.name: f for f in (
    Field("text", "text", "Text to read; {a} {b} name the partners in an exercise for two, and "
          "turn and reflect steps may use {speaker} {listener}."),
    _length("seconds", "Length in seconds."),
    _length("minutes", "Length in minutes.", high=MAX_STEP_SECONDS / 60),
    _length("inhale", "Seconds to breathe in."),
    _length("exhale", "Seconds to breathe out."),
    Field("hold", "number", "Seconds to hold with full lungs.", high=600, low_ok=True),
    Field("hold_after", "number", "Seconds to hold with empty lungs.", high=600, low_ok=True),
    Field("top_up", "number", "A short second inhale straight after the first (cyclic sighing).",
          high=600, low_ok=True),
    Field("cycles", "whole", "How many breaths.", low=1, high=1000, low_ok=True),
    Field("max_words", "whole", "How many specific feeling words may be picked.", low=1, high=5,
          low_ok=True, default=3),
    Field("intensity", "flag", "Ask for an intensity from 0 to 10.", default=True),
    Field("speaker", "choice", "Who speaks: partner a or b.", options=("a", "b")),
    Field("measure", "text", "A short lowercase word naming what is rated, such as calm.",
          max_length=30, pattern=ID_PATTERN,
          pattern_says="{label} must be a short lowercase word such as calm"),
    Field("low", "text", "The label of 0.", max_length=40),
    Field("high", "text", "The label of 10.", max_length=40),
    Field("part", "text", "Names a part of a longer script that starts here; the runner counts "
          "parts in its header.", max_length=40),
    Field("show_notes", "flag", "Show what was written in the exercise's earlier note steps under "
          "the text (a read-back step).", default=False),
)}


@dataclass(frozen=True, slots=True)
class StepSpec:
    """One step type: its keys (besides ``type``), which are required, and rules across keys."""

    about: str
    keys: tuple[str, ...]
    required: tuple[str, ...]
    one_of: tuple[str, str] | None = None
    """Exactly one of these two keys must be given (the step's length)."""
    for_two: bool = False
    """Only in exercises with ``participants: 2``."""


STEP_SPECS: dict[str, StepSpec] = {
    "instruction": StepSpec("Text to read; waits for Enter, or moves on after seconds.",
                            ("text", "seconds", "part", "show_notes"), ("text",)),
    "breathe": StepSpec("A breathing pattern in seconds, for cycles or minutes.",
                        ("text", "inhale", "top_up", "hold", "exhale", "hold_after", "cycles",
                         "minutes"), ("inhale", "exhale"), one_of=("cycles", "minutes")),
    "timer": StepSpec("A timed pause with text.", ("text", "seconds", "minutes"), ("text",),
                      one_of=("seconds", "minutes")),
    "emotions": StepSpec("Name feelings: a core word, specific words, an intensity.",
                         ("text", "max_words", "intensity"), ("text",)),
    "rate": StepSpec("A 0-10 self-rating of a measure.", ("text", "measure", "low", "high"),
                     ("text", "measure", "low", "high")),
    "turn": StepSpec("One partner speaks while the other listens.",
                     ("speaker", "text", "seconds", "minutes"), ("speaker", "text"),
                     one_of=("seconds", "minutes"), for_two=True),
    "reflect": StepSpec("The listener says back what the speaker said.", ("speaker", "text"),
                        ("speaker", "text"), for_two=True),
    "note": StepSpec("An optional free-text answer.", ("text",), ("text",)),
    "break": StepSpec("A break both partners agree to: when to come back, a calm timer, then a "
                      "check that both feel calm enough to go on.", ("text",), (), for_two=True),
}
assert tuple(STEP_SPECS) == STEP_TYPES


# -- pack.yaml ------------------------------------------------------------------------------------
PACK_FIELDS: tuple[Field, ...] = (
    Field("format", "whole", f"The pack format version: always {PACK_FORMAT}.", required=True,
          high=10**6, const=PACK_FORMAT),
    Field("name", "text", "The pack's name: lowercase letters, digits and dashes. Its exercises "
          "are known as name/exercise.", required=True, max_length=40, pattern=ID_PATTERN,
          pattern_says="{label} {value!r} must be lowercase letters, digits and dashes"),
    Field("version", "version", "A version such as 1.0 or 1.2.3.", required=True, max_length=40,
          pattern=VERSION_PATTERN,
          pattern_says="{label} {value!r} must be a version such as 1.0 or 1.2.3"),
    Field("author", "text", "Who wrote the pack.", required=True, max_length=80),
    Field("licence", "text", "The licence others may use it under, such as CC-BY-4.0.",
          required=True, max_length=80),
    Field("description", "markdown", "What the pack is for; no links except to a paper's DOI."),
)


def names(fields: tuple[Field, ...]) -> tuple[str, ...]:
    return tuple(f.name for f in fields)


def required(fields: tuple[Field, ...]) -> tuple[str, ...]:
    return tuple(f.name for f in fields if f.required)
