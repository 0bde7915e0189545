"""Property tests: any document yields an exercise or clear `path:line:col: message` errors,
never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.model import Exercise, Plan
from coach.core.schema import EXERCISE_KEYS, STEP_KEYS, parse_entry
from coach.core.settings import Settings, parse_settings
from tests.test_loader import ALL_STEPS

YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
PROBLEM = re.compile(r"^t\.yaml:(\d+):(\d+): \S.*$")
PROFILE = settings(suppress_health_check=[HealthCheck.too_slow])  # examples: tests/conftest.py


def check(data: bytes) -> None:
    entry, problems = parse_entry(data, Path("t.yaml"))
    if entry is None:
        assert problems, "a refused file must say why"
        text = data.decode("utf-8", "replace")
        lines = len(YAML_BREAKS.split(text))  # YAML also breaks lines at \r, \x85, \u2028...
        for p in problems:
            m = PROBLEM.match(str(p))
            assert m, str(p)
            assert 1 <= int(m.group(1)) <= lines + 1, str(p)
    else:
        assert problems == []
        assert isinstance(entry, Exercise | Plan)
        if isinstance(entry, Exercise):
            assert entry.steps and entry.seconds > 0


@PROFILE
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text(text: str) -> None:
    check(text.encode("utf-8", "surrogatepass"))


@PROFILE
@given(st.binary(max_size=300))
def test_any_bytes(data: bytes) -> None:
    check(data)


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 100), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20), st.sampled_from(["no", "yes", "12:30", "2026-01-02", "a", "b", "calm",
                                           "breathing", "repair", "plan", "{speaker}", "{x"]),
)
ALL_KEYS = sorted({*EXERCISE_KEYS, "type", "exercises", *(k for a, _ in STEP_KEYS.values() for k in a)})
KEYS = st.one_of(st.sampled_from(ALL_KEYS), st.text(min_size=1, max_size=8))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)), max_leaves=20)
STEP = st.fixed_dictionaries({"type": st.sampled_from(list(STEP_KEYS))},
                             optional={k: VALUES for k in ALL_KEYS if k != "type"})
DOC = st.fixed_dictionaries(
    {"format": st.sampled_from([1, 1, 1, 2, "1"]), "title": SCALARS,
     "kind": st.sampled_from(["breathing", "emotion", "repair", "ritual", "plan", "x"]),
     "summary": SCALARS, "source": SCALARS},
    optional={"steps": st.lists(STEP, max_size=4), "participants": st.sampled_from([1, 2, 3, "2"]),
              "exercises": st.lists(st.text(max_size=10), max_size=3), "tags": VALUES,
              "contexts": VALUES, "caution": SCALARS,
              "roles": st.one_of(VALUES, st.lists(st.sampled_from(["talks", "listens", "x" * 61]),
                                                  max_size=3))},
)


@PROFILE
@given(DOC)
def test_structured_documents(doc: dict) -> None:
    check(yaml.safe_dump(doc, allow_unicode=True).encode())


@PROFILE
@given(st.data())
def test_mutated_valid_file(data: st.DataObject) -> None:
    text = ALL_STEPS
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 10)))
        text = text[:i] + data.draw(st.sampled_from(["", " ", "\n", ":", "-", "&a", "*a", "{", "'",
                                                     "\t", "no", "[", "!!str"])) + text[j:]
    check(text.encode())


@PROFILE
@given(st.one_of(st.text(max_size=200), st.builds(lambda d: yaml.safe_dump(d), VALUES)))
def test_settings_never_crash(text: str) -> None:
    settings_, problems = parse_settings(text.encode("utf-8", "surrogatepass"), "t.yaml")
    assert isinstance(settings_, Settings)
    for p in problems:
        assert PROBLEM.match(str(p)), str(p)
