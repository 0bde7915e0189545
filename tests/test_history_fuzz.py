"""Fuzz: mutated real histories and mutated fast-start copies, read through HistoryStore.load()
and records(), never raise and never give a run of the wrong shape; recording after reading
any of them still stores the new run."""

from __future__ import annotations

import dataclasses
import json
import marshal
import math
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core import cache
from coach.core.files import file_stamp
from coach.core.history import fastcopy
from coach.core.history import store as store_mod
from coach.core.history.export import csv_text, json_text
from coach.core.history.store import HistoryError, HistoryStore
from coach.core.runs import BREAK_OUTCOMES, BreakTaken, NamedFeeling, Rating, RunResult
from tests.history_data import make_run

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
NEW = make_run("the-new-one", at=datetime(2027, 1, 1, tzinfo=UTC))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8)


def real_history(folder: Path) -> HistoryStore:
    """A history as coach writes it: runs in history.json and one in the recent file."""
    store = HistoryStore(folder / "data", folder / "cache")
    limit = store_mod.RECENT_LIMIT
    store_mod.RECENT_LIMIT = 3  # the first three are merged into history.json
    try:
        store.add_many([make_run("box-breathing", calm=(3, 7)),
                        make_run("feeling-wheel-check-in", kind="emotion",
                                 feelings=[("sad", "lonely", 6)], note="a note"),
                        dataclasses.replace(
                            make_run("soft-start-up", kind="repair", partners=("Ana", "Ben")),
                            passed=(2,), swapped=True,
                            breaks=(BreakTaken(3, datetime(2026, 11, 1, 19, 2, tzinfo=UTC), 20,
                                               "resumed", (6, 7)),))],
                       keep_partner_names=True)
    finally:
        store_mod.RECENT_LIMIT = limit
    store.add(make_run("cyclic-sighing", completed=False))
    assert len(json.loads(store.path.read_text())["runs"]) == 3
    return store


def paths_in(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside nested dicts and lists."""
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += paths_in(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += paths_in(v, (*prefix, i))
    return found


def parent_of(root: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        root = root[step]
    return root


@st.composite
def mutated_json(draw: st.DrawFn, text: str) -> str:
    data = json.loads(text)
    path = draw(st.sampled_from(paths_in(data)))
    kind = draw(st.sampled_from(["value", "key", "delete", "nest"]))
    if not path:
        return json.dumps(draw(json_values)) if kind == "value" else text
    parent, last = parent_of(data, path), path[-1]
    if kind == "value":
        parent[last] = draw(json_values)
    elif kind == "nest":
        parent[last] = _nest(parent[last], draw(st.integers(1, 60)))
    elif kind == "delete" and isinstance(parent, dict):
        del parent[last]
    elif kind == "key" and isinstance(parent, dict):
        parent[draw(st.text(max_size=8))] = parent.pop(last)
    return json.dumps(data, ensure_ascii=draw(st.booleans()))


def _nest(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    start = draw(st.integers(0, len(data)))
    end = draw(st.integers(start, min(len(data), start + 40)))
    return data[:start] + draw(st.binary(max_size=20)) + data[end:]


def assert_sound(run: RunResult) -> None:
    """A run of the shape every screen and command expects."""
    for name in ("exercise_id", "content_hash", "kind", "title", "note"):
        assert type(getattr(run, name)) is str
    assert run.started_at.tzinfo is not None and run.ended_at.tzinfo is not None
    assert type(run.active_seconds) is float and math.isfinite(run.active_seconds)
    assert type(run.steps_total) is int and type(run.completed) is bool
    assert all(type(i) is int for i in run.steps_done)
    assert all(type(f) is NamedFeeling and type(f.word) is str for f in run.feelings)
    assert all(type(r) is Rating and type(r.value) is int for r in run.ratings)
    assert run.partners is None or (type(run.partners) is tuple and len(run.partners) == 2)
    assert run.plan_id is None or type(run.plan_id) is str
    assert all(type(i) is int for i in run.passed) and type(run.swapped) is bool
    assert all(type(b) is BreakTaken and b.outcome in BREAK_OUTCOMES and b.started_at.tzinfo
               and (b.calm is None or len(b.calm) == 2) for b in run.breaks)


def read_and_record(store: HistoryStore) -> None:
    loaded = HistoryStore(store.data_dir, store.cache_dir).load()
    for run in loaded.runs:
        assert_sound(run)
    records = HistoryStore(store.data_dir, store.cache_dir).records()
    json.loads(json_text(records))
    csv_text(records)
    newer = any("newer version" in n for n in loaded.notices)
    try:
        store.add(NEW)
    except HistoryError as err:
        assert newer, err.message
        return
    assert NEW.to_record() in [r.to_record() for r in HistoryStore(store.data_dir).load().runs]


def fuzz_file(which: str, mutate: Callable[[st.DrawFn, Any], Any], draw: st.DrawFn) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = real_history(Path(tmp))
        path = store.path if which == "history" else store.recent_path
        content = path.read_bytes()
        path.write_bytes(mutate(draw, content))
        read_and_record(store)


@FUZZ
@given(st.sampled_from(["history", "recent"]), st.data())
def test_mutated_histories_never_raise(which: str, data: st.DataObject) -> None:
    def mutate(draw: st.DrawFn, content: bytes) -> bytes:
        return draw(mutated_json(content.decode())).encode("utf-8", "surrogatepass")
    fuzz_file(which, mutate, data.draw)


@FUZZ
@given(st.sampled_from(["history", "recent"]), st.data())
def test_histories_with_mutated_bytes_never_raise(which: str, data: st.DataObject) -> None:
    fuzz_file(which, lambda draw, content: draw(mutated_bytes(content)), data.draw)


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written a moment ago count as old enough for a fast-start copy."""
    moved = cache.now_ns() + 3600 * 10**9
    monkeypatch.setattr(cache, "now_ns", lambda: moved)


def with_copy(tmp: str) -> tuple[HistoryStore, Path, list[dict[str, Any]]]:
    store = real_history(Path(tmp))
    truth = [r.to_record() for r in HistoryStore(store.data_dir, store.cache_dir).load().runs]
    assert store.cache_dir is not None
    [copy] = store.cache_dir.glob("history-*")
    return store, copy, truth


@FUZZ
@given(data=st.data())
def test_fast_start_copies_with_mutated_bytes_are_ignored(later: None, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store, copy, truth = with_copy(tmp)
        copy.write_bytes(data.draw(mutated_bytes(copy.read_bytes())))
        loaded = HistoryStore(store.data_dir, store.cache_dir).load()
        assert [r.to_record() for r in loaded.runs] == truth and loaded.notices == []
        read_and_record(store)


marshal_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    | st.binary(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
    | st.lists(inner, min_size=1, max_size=3).map(tuple),
    max_leaves=6)


@FUZZ
@given(data=st.data())
def test_fast_start_copies_of_another_shape_never_raise(later: None, data: st.DataObject) -> None:
    """Even a copy whose digest is right (as after a change to RunResult without a new key)
    is checked column by column before a run is built from it."""
    with tempfile.TemporaryDirectory() as tmp:
        store, copy, _ = with_copy(tmp)
        key = fastcopy._key(store.path, file_stamp(store.path))
        payload = cache.read(copy.parent, copy.name, key)
        assert payload is not None
        value = list(marshal.loads(payload))  # (names, ids, columns, skipped, max_id)
        value[2] = [list(column) for column in value[2]]
        path = data.draw(st.sampled_from([p for p in paths_in(value) if p]))
        parent_of(value, path)[path[-1]] = data.draw(marshal_values)
        cache.write(copy.parent, copy.name, key, marshal.dumps(tuple(value)))
        loaded = HistoryStore(store.data_dir, store.cache_dir).load()
        for run in loaded.runs:
            assert_sound(run)
        read_and_record(store)
