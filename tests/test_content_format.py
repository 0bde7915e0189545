"""The format pieces the content needs: the optional one-line ``safety`` field and the ``help``
kind (issue 12)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from coach.core.browse import kind_title
from coach.core.kinds import kind_of
from coach.core.model import KINDS, Exercise, Plan
from coach.core.schema import MAX_SAFETY_LENGTH, parse_entry

BASE = """\
format: 1
title: T
kind: {kind}
summary: S
source: A. Author 2020, A title
{extra}
steps:
  - type: instruction
    text: Hello.
"""


def parse(kind: str = "breathing", extra: str = ""):  # type: ignore[no-untyped-def]
    text = BASE.format(kind=kind, extra=textwrap.dedent(extra).strip())
    return parse_entry(text.encode(), Path("t.yaml"))


def test_safety_line_is_read() -> None:
    entry, problems = parse(extra="safety: Stop if you feel dizzy.")
    assert problems == []
    assert isinstance(entry, Exercise) and entry.safety == "Stop if you feel dizzy."


def test_safety_is_optional_and_empty_by_default() -> None:
    entry, problems = parse()
    assert problems == [] and isinstance(entry, Exercise) and entry.safety == ""


def test_safety_is_one_short_line() -> None:
    long = "x" * (MAX_SAFETY_LENGTH + 1)
    _, problems = parse(extra=f"safety: {long}")
    assert any("safety must be one line" in str(p) for p in problems)
    _, problems = parse(extra="safety: |\n  one\n  two")
    assert any("safety must be one line" in str(p) for p in problems)


def test_plans_have_no_safety_field() -> None:
    text = ("format: 1\ntitle: P\nkind: plan\nsummary: S\nsource: A 2020, T\n"
            "safety: Stop.\nexercises: [a]\n")
    entry, problems = parse_entry(text.encode(), Path("p.yaml"))
    assert entry is None and any("unknown key 'safety'" in str(p) for p in problems)
    assert not hasattr(Plan, "safety")


def test_help_is_a_kind_with_a_title() -> None:
    assert "help" in KINDS
    entry, problems = parse(kind="help")
    assert problems == [] and isinstance(entry, Exercise) and entry.kind == "help"
    assert kind_title("help") == kind_of("help").plural == "Getting help"
