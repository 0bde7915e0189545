"""Record classes behave like frozen dataclasses (coach.core.record)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path

import pytest

from coach.core.model import Breathe, Exercise, Instruction, Note, Plan, step_seconds
from coach.core.record import Record, record
from coach.core.settings import Settings


@record
class Point(Record):
    x: int
    y: str = "a"
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)
    secret: str = field(default="", repr=False)


@dataclass(frozen=True)
class FrozenPoint:
    x: int
    y: str = "a"
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)
    secret: str = field(default="", repr=False)


@record
class Other(Record):
    x: int
    y: str = "a"
    tags: tuple[str, ...] = ()
    note: str = ""
    secret: str = ""


@record
class Empty(Record):
    pass


@record
class Single(Record):
    x: int


@dataclass(frozen=True)
class FrozenSingle:
    x: int


@record
class Box(Record):
    items: list[object] = field(default_factory=list)


class Outer:
    @record
    class Inner(Record):
        x: int

    @dataclass(frozen=True)
    class FrozenInner:
        x: int


class Child(Point):
    """A plain subclass: not a twin of Point."""


def exercise() -> Exercise:
    return Exercise(id="ex", title="Ex", kind="breathing", summary="s",
                    steps=(Instruction("Sit."), Breathe(inhale=4, exhale=6, cycles=3)),
                    source="src", tags=("calm",), path=Path("/tmp/ex.yaml"))


def test_equal_values_are_equal_and_hash_alike() -> None:
    a, b = Point(1, "b", ("t",)), Point(1, "b", ("t",))
    assert a is not b
    assert a == b
    assert (a != b) is False
    assert hash(a) == hash(b)
    assert len({a, b}) == 1


def test_different_values_differ() -> None:
    assert Point(1) != Point(2)
    assert Point(1, "a") != Point(1, "b")
    assert Point(1, tags=("a",)) != Point(1, tags=("b",))


def test_other_classes_are_never_equal() -> None:
    assert Point(1) != Other(1)
    assert Other(1) != Point(1)
    assert Point(1) != Child(1)
    assert Point(1) != (1, "a", (), "", "")
    assert Point(1).__eq__(Other(1)) is NotImplemented
    assert Point(1).__eq__("x") is NotImplemented


def test_hash_is_the_frozen_dataclass_hash() -> None:
    assert hash(Point(1, "b", ("t",), "n")) == hash(FrozenPoint(1, "b", ("t",), "n"))
    assert hash(Single(5)) == hash(FrozenSingle(5)) == hash((5,))
    assert hash(Empty()) == hash(())
    assert Empty() == Empty()


def test_compare_false_field_is_ignored_by_eq_and_hash() -> None:
    a, b = Point(1, note="one"), Point(1, note="two")
    assert a == b
    assert hash(a) == hash(b)
    assert {a: 1}[b] == 1


def test_plan_exercises_do_not_take_part_in_equality() -> None:
    bare = Plan(id="p", title="P", summary="s", exercise_ids=("ex",))
    resolved = dataclasses.replace(bare, exercises=(exercise(),))
    assert bare == resolved
    assert hash(bare) == hash(resolved)


@pytest.mark.parametrize("args", [(1,), (2, "b", ("x", "y"), "n", "hidden"), (3, "it's", (), "", "")])
def test_repr_matches_a_frozen_dataclass(args: tuple[object, ...]) -> None:
    ours, theirs = repr(Point(*args)), repr(FrozenPoint(*args))
    assert ours == theirs.replace("FrozenPoint(", "Point(", 1)
    assert "secret" not in ours


def test_repr_uses_the_qualified_name_and_nested_reprs() -> None:
    assert repr(Empty()) == "Empty()"
    assert repr(Outer.Inner(1)) == "Outer.Inner(x=1)" == repr(Outer.FrozenInner(1)).replace("Frozen", "")
    assert repr(Note("Hi")) == "Note(text='Hi', type='note')"
    assert repr(Instruction("Sit.", 5)) == "Instruction(text='Sit.', seconds=5, type='instruction')"
    shown = repr(exercise())
    assert shown.startswith("Exercise(id='ex', title='Ex', kind='breathing', summary='s', "
                            "steps=(Instruction(text='Sit.', seconds=None, type='instruction'), Breathe(")
    assert "path=PosixPath('/tmp/ex.yaml')" in shown or "path=WindowsPath(" in shown


def test_recursive_repr_stops() -> None:
    box = Box()
    box.items.append(box)
    assert repr(box) == "Box(items=[...])"


def test_reassignment_and_deletion_raise() -> None:
    p = Point(1)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'x'"):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'note'"):
        p.note = "later"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'extra'"):
        p.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(FrozenInstanceError, match="cannot delete field 'x'"):
        del p.x  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError, match="cannot delete field 'nothing'"):
        del p.nothing  # type: ignore[attr-defined]
    assert p == Point(1) and p.note == ""


def test_a_default_field_is_still_assigned_once() -> None:
    """Fields with defaults live on the class too; the first instance assignment is allowed,
    the second is not."""
    s = Settings()
    with pytest.raises(FrozenInstanceError):
        s.theme = "other"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        Instruction("x").seconds = 3  # type: ignore[misc]


def test_frozen_instance_error_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        Point(1).y = "b"  # type: ignore[misc]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip(protocol: int) -> None:
    plan = Plan(id="p", title="P", summary="s", exercise_ids=("ex",), exercises=(exercise(),))
    for value in (Point(1, "b", ("t",), "n", "s"), exercise(), plan, Settings(bell=True)):
        back = pickle.loads(pickle.dumps(value, protocol))
        assert back == value
        assert type(back) is type(value)
        assert vars(back) == vars(value)  # compare=False fields come back too
    back = pickle.loads(pickle.dumps(plan, protocol))
    assert back.exercises == plan.exercises
    with pytest.raises(FrozenInstanceError):
        back.title = "changed"  # type: ignore[misc]


def test_copies_are_equal_and_still_frozen() -> None:
    for clone in (copy.copy(exercise()), copy.deepcopy(exercise())):
        assert clone == exercise()
        with pytest.raises(FrozenInstanceError):
            clone.id = "x"  # type: ignore[misc]


def test_dataclasses_functions_keep_working() -> None:
    p = Point(1, "b", note="n")
    q = dataclasses.replace(p, x=2)
    assert q == Point(2, "b") and q.note == "n" and p.x == 1
    assert dataclasses.is_dataclass(p) and dataclasses.is_dataclass(Point)
    assert [f.name for f in dataclasses.fields(p)] == ["x", "y", "tags", "note", "secret"]
    assert dataclasses.asdict(p) == {"x": 1, "y": "b", "tags": (), "note": "n", "secret": ""}
    assert dataclasses.asdict(Settings()) == dataclasses.asdict(Settings())
    assert dataclasses.astuple(Single(3)) == (3,)


def test_match_class_patterns_keep_working() -> None:
    match Instruction("Read this.", seconds=7):
        case Instruction(seconds=float() | int() as s):
            assert s == 7
        case _:  # pragma: no cover
            pytest.fail("no match")
    assert step_seconds(Breathe(inhale=4, exhale=6, cycles=3)) == 30.0
    match Point(4, "z"):
        case Point(x, y):
            assert (x, y) == (4, "z")


def test_no_generated_methods_beyond_init() -> None:
    """The point of Record: the class itself carries no generated eq/hash/repr/setattr."""
    for name in ("__eq__", "__hash__", "__repr__", "__setattr__", "__delattr__"):
        assert name not in vars(Exercise), name
    assert "__init__" in vars(Exercise)


def test_unpickling_and_copying_do_not_call_setattr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pickle and copy restore ``__dict__`` directly, so they never meet the frozen refusal
    (and cost nothing extra): what the start-up cache relies on."""
    data = pickle.dumps(exercise())
    calls: list[str] = []

    def counting(self: Record, name: str, value: object) -> None:
        calls.append(name)
        raise AssertionError("unexpected __setattr__")

    monkeypatch.setattr(Record, "__setattr__", counting)
    assert pickle.loads(data).title == "Ex"
    assert copy.deepcopy(pickle.loads(data)).steps[1].cycles == 3
    assert calls == []
    with pytest.raises(AssertionError):
        Note("built by __init__")
    assert calls == ["text"]


def test_problems_still_sort_by_file_then_place() -> None:
    from coach.core.problems import Problem

    later, earlier = Problem("a.yaml", 10, 1, "x"), Problem("a.yaml", 2, 5, "y")
    other = Problem("b.yaml", 1, 1, "z")
    assert sorted([other, later, earlier]) == [earlier, later, other]
    assert earlier < later <= later and other > later and not later < earlier
    assert Problem.__lt__(earlier, object()) is NotImplemented


def test_value_gives_a_mutable_dataclass_its_eq_and_repr_and_no_hash() -> None:
    from datetime import UTC, datetime

    from coach.core.runs import Rating, RunResult

    when = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)

    def run() -> RunResult:
        return RunResult("box", "h", "breathing", "Box", when, when, 60.0, 3, ratings=[Rating("calm", 4, 0)])

    first, second = run(), run()
    assert first == second
    second.note = "changed"  # still mutable
    assert first != second
    with pytest.raises(TypeError):
        hash(first)
    assert repr(first).startswith("RunResult(exercise_id='box', content_hash='h'")
    assert repr(Rating("calm", 4, 0)) == "Rating(measure='calm', value=4, step=0)"
    assert hash(Rating("calm", 4, 0)) == hash(Rating("calm", 4, 0))
