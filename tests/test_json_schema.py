"""The JSON Schema for editors (coach schema, docs/exercise.schema.json): generated from the
loader's own field definitions, current, valid draft 2020-12, accepting every built-in file and
rejecting what the loader rejects wherever JSON Schema can say the rule."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from coach.cli import main
from coach.core.json_schema import dumps, exercise_schema, pack_schema, plain_pattern
from coach.core.library import builtin_dir
from coach.core.packs import parse_pack_meta
from coach.core.schema import parse_entry
from coach.core.text import REFUSED
from tests.test_loader_properties import DOC

DOCS = Path(__file__).resolve().parents[1] / "docs"
EXERCISE = jsonschema.Draft202012Validator(exercise_schema())
PACK = jsonschema.Draft202012Validator(pack_schema())


def schema_errors(text: str, validator: jsonschema.Draft202012Validator = EXERCISE) -> list[str]:
    """What the schema says of a document, read as coach reads YAML (PyYAML, YAML 1.1)."""
    return [e.message for e in validator.iter_errors(yaml.safe_load(text))]


@pytest.mark.parametrize(("name", "schema"), [("exercise.schema.json", exercise_schema),
                                              ("pack.schema.json", pack_schema)])
def test_the_docs_copy_is_current(name: str, schema: Any) -> None:
    assert (DOCS / name).read_text(encoding="utf-8") == dumps(schema()), (
        f"docs/{name} is stale: run coach schema{' --pack' if 'pack' in name else ''} > docs/{name}")


def test_coach_schema_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == dumps(exercise_schema())
    assert main(["schema", "--pack"]) == 0
    assert capsys.readouterr().out == dumps(pack_schema())


def test_the_schemas_are_valid_draft_2020_12_using_only_draft_7_keywords() -> None:
    for schema in (exercise_schema(), pack_schema()):
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        text = dumps(schema)
        for newer in ("prefixItems", "unevaluated", "dependentRequired", "$dynamicRef", "$anchor"):
            assert newer not in text
        stack: list[Any] = [schema]
        while stack:  # draft 7 ignores anything beside a $ref: never put anything there
            node = stack.pop()
            if isinstance(node, dict):
                assert "$ref" not in node or set(node) == {"$ref"}, node
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)


@pytest.mark.parametrize("path", sorted(builtin_dir().glob("*.yaml")), ids=lambda p: p.stem)
def test_every_builtin_file_validates(path: Path) -> None:
    assert schema_errors(path.read_text(encoding="utf-8")) == []


def test_the_plain_pattern_refuses_exactly_what_the_format_refuses_in_the_bmp() -> None:
    pattern = re.compile(plain_pattern())
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        assert (pattern.match(f"a{char}b") is None) == bool(REFUSED.match(char)), hex(code)
    assert pattern.match("Emoji 🌿, accents é, tab\tand\nnew line")


GOOD = """\
format: 1
title: Good
kind: breathing
summary: One line.
source: Balban et al. 2023
steps:
  - type: breathe
    inhale: 4
    exhale: 6
    minutes: 1
"""
PLAN = """\
format: 1
title: A plan
kind: plan
summary: Two in a row.
source: Library
exercises: [box-breathing, calm/box]
"""


def swap(old: str, new: str, base: str = GOOD) -> str:
    assert old in base
    return base.replace(old, new, 1)


REJECTED = {
    "missing title": swap("title: Good\n", ""),
    "missing source": swap("source: Balban et al. 2023\n", ""),
    "missing steps": GOOD.split("steps:")[0],
    "format 2": swap("format: 1", "format: 2"),
    "format as text": swap("format: 1", 'format: "1"'),
    "unknown key": swap("summary:", "secnds: 4\nsummary:"),
    "unknown kind": swap("kind: breathing", "kind: meditation"),
    "title reads as a yes/no": swap("title: Good", "title: no"),
    "title reads as a number": swap("title: Good", "title: 12:30"),
    "title reads as a date": swap("title: Good", "title: 2026-01-02"),
    "escape sequence in a title": swap("title: Good", r'title: "\e[31mRed"'),
    "bell in a summary": swap("summary: One line.", r'summary: "ring \a"'),
    "direction override": swap("title: Good", 'title: "abc\u202edef"'),
    "zero-width space": swap("title: Good", 'title: "a\u200bb"'),
    "title too long": swap("title: Good", "title: " + "x" * 81),
    "empty title": swap("title: Good", 'title: "   "'),
    "summary of two lines": swap("summary: One line.", "summary: |\n  one\n  two"),
    "id with capitals": swap("title:", "id: Box_Breathing\ntitle:"),
    "id with a slash (a pack's namespace is not written in files)": swap("title:",
                                                                        "id: calm/box\ntitle:"),
    "three participants": swap("summary:", "participants: 3\nsummary:"),
    "no participants": swap("summary:", "participants: 0\nsummary:"),
    "safety too long": swap("summary:", f"safety: {'y' * 201}\nsummary:"),
    "tags not a list": swap("summary:", "tags: calm\nsummary:"),
    "unknown context": swap("summary:", "contexts: [nowhere]\nsummary:"),
    "empty steps": GOOD.split("steps:")[0] + "steps: []\n",
    "step without type": swap("  - type: breathe\n    inhale: 4", "  - inhale: 4"),
    "unknown step type": swap("type: breathe", "type: dance"),
    "step not a mapping": GOOD.split("steps:")[0] + "steps:\n  - breathe\n",
    "unknown step key": swap("    minutes: 1", "    minutes: 1\n    hld: 4"),
    "cycles and minutes": swap("    minutes: 1", "    minutes: 1\n    cycles: 4"),
    "neither cycles nor minutes": swap("    minutes: 1\n", ""),
    "inhale of zero": swap("inhale: 4", "inhale: 0"),
    "negative exhale": swap("exhale: 6", "exhale: -6"),
    "hold too long": swap("    minutes: 1", "    minutes: 1\n    hold: 601"),
    "half a cycle": swap("minutes: 1", "cycles: 2.5"),
    "zero cycles": swap("minutes: 1", "cycles: 0"),
    "timer with seconds and minutes": GOOD.split("steps:")[0]
    + "steps:\n  - type: timer\n    text: Rest.\n    seconds: 4\n    minutes: 1\n",
    "turn for one person": GOOD.split("steps:")[0]
    + "steps:\n  - type: turn\n    speaker: a\n    text: Speak.\n    minutes: 1\n",
    "third speaker": swap("summary:", "participants: 2\nsummary:", GOOD.split("steps:")[0])
    + "steps:\n  - type: reflect\n    speaker: c\n    text: Say it back.\n",
    "too many words": GOOD.split("steps:")[0]
    + "steps:\n  - type: emotions\n    text: Feel.\n    max_words: 6\n",
    "intensity as text": GOOD.split("steps:")[0]
    + "steps:\n  - type: emotions\n    text: Feel.\n    intensity: 'yes'\n",
    "measure not a word": GOOD.split("steps:")[0]
    + "steps:\n  - type: rate\n    measure: Calm level\n    text: Rate.\n    low: a\n    high: b\n",
    "rate without low": GOOD.split("steps:")[0]
    + "steps:\n  - type: rate\n    measure: calm\n    text: Rate.\n    high: b\n",
    "break for one person": GOOD.split("steps:")[0] + "steps:\n  - type: break\n",
    "roles for one person": swap("summary:", "roles: [talks, listens]\nsummary:"),
    "three roles": swap("summary:", "participants: 2\nroles: [talks, listens, waits]\nsummary:"),
    "a role too long": swap("summary:", f"participants: 2\nroles: [talks, {'x' * 61}]\nsummary:"),
    "plan with steps": PLAN + "steps: []\n",
    "plan with no exercises": swap("exercises: [box-breathing, calm/box]", "exercises: []", PLAN),
    "plan naming a title": swap("calm/box", "Box breathing", PLAN),
    "plan naming two slashes": swap("calm/box", "a/b/c", PLAN),
    "plan with a safety line": swap("summary:", "safety: Careful.\nsummary:", PLAN),
    "a list, not a mapping": "- format: 1\n",
}


@pytest.mark.parametrize("text", list(REJECTED.values()), ids=list(REJECTED))
def test_what_the_loader_rejects_the_schema_rejects(text: str) -> None:
    entry, problems = parse_entry(text.encode(), Path("t.yaml"))
    assert entry is None and problems, "the loader must reject this"
    assert schema_errors(text), "the schema must reject it too"


FOR_TWO = swap("summary:", "participants: 2\nroles: [asks for a break, agrees to it]\nsummary:",
               GOOD.split("steps:")[0]) + "steps:\n  - type: break\n  - type: break\n    text: Breathe.\n"


def test_the_examples_are_accepted_by_both() -> None:
    for text in (GOOD, PLAN, FOR_TWO):
        assert parse_entry(text.encode(), Path("t.yaml"))[0] is not None
        assert schema_errors(text) == []


LOADER_ONLY = {
    "placeholder in a one-person exercise": swap("    minutes: 1", "    minutes: 1\n    text: '{b}'"),
    "link in a description": swap("summary:", "description: See www.example.org\nsummary:"),
    "whole number written with a point": swap("minutes: 1", "cycles: 4.0"),
    "number written as an exponent": swap("inhale: 4", "inhale: 4.0e+0"),
}


@pytest.mark.parametrize("text", list(LOADER_ONLY.values()), ids=list(LOADER_ONLY))
def test_rules_only_the_loader_knows_are_documented(text: str) -> None:
    """JSON Schema cannot say these; docs/exercise-format.md lists them."""
    assert parse_entry(text.encode(), Path("t.yaml"))[0] is None
    assert schema_errors(text) == []


def _only_the_loader_can_say(message: str) -> bool:
    if "placeholders allowed" in message or "unmatched brace" in message:
        return True
    number = re.search(r"must be (?:a|a whole) number such as [^,]+, not '(.*)'$", message)
    if number:  # a number YAML reads, written in a way coach does not take (4.0, 1e-05)
        value = yaml.safe_load(number.group(1))
        return isinstance(value, int | float) and not isinstance(value, bool)
    char = re.search(r"\(U\+([0-9A-F]{4,6})", message)  # above the BMP: see plain_pattern
    return bool(char) and int(char.group(1), 16) > 0xFFFF  # type: ignore[union-attr]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(DOC)
def test_schema_and_loader_agree(doc: dict[str, Any]) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)
    entry, problems = parse_entry(text.encode(), Path("t.yaml"))
    errors = schema_errors(text)
    if entry is not None:
        assert errors == [], "the schema must accept what the loader accepts"
    elif not errors:
        assert all(_only_the_loader_can_say(p.message) for p in problems), problems


PACK_YAML = "format: 1\nname: calm\nversion: 1.0\nauthor: Ana\nlicence: CC-BY-4.0\n"


@pytest.mark.parametrize("text", [
    PACK_YAML.replace("name: calm", "name: Calm Pack"),
    PACK_YAML.replace("version: 1.0", "version: one"),
    PACK_YAML.replace("author: Ana\n", ""),
    PACK_YAML + "licence_url: x\n",
    PACK_YAML.replace("author: Ana", r'author: "\e]0;pwned\a"'),
    PACK_YAML.replace("format: 1", "format: 2"),
])
def test_pack_yaml_rejected_by_both(text: str) -> None:
    assert parse_pack_meta(text.encode(), Path("pack.yaml"))[0] is None
    assert schema_errors(text, PACK)


def test_pack_yaml_accepted_by_both_with_a_version_as_written() -> None:
    text = PACK_YAML.replace("version: 1.0", "version: 1.10")
    pack, problems = parse_pack_meta(text.encode(), Path("pack.yaml"))
    assert problems == [] and pack is not None and pack.version == "1.10"
    assert schema_errors(text, PACK) == []
