"""The fast-start copy: the runs read from ``history.json``, kept column by column in the cache
folder under the policy of :mod:`coach.core.cache`.

Parsing JSON and checking every record is most of the cost of reading a long history; this copy
skips both (``benchmarks/history_20k.py`` measures it). The copy is keyed by the history file's path
and stat stamp and by the fields of :class:`RunResult` (their names and types), so a copy made
for another file, another version of the file or another shape of run is ignored. Its columns
are checked again when it is read; anything unexpected means it is not used. It is never the
source of a write, and deleting it loses nothing.
"""

from __future__ import annotations

import dataclasses
import marshal
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from coach.core import cache
from coach.core.files import Stamp
from coach.core.runs import (
    BREAK_OUTCOMES,
    BreakTaken,
    NamedFeeling,
    Rating,
    RunResult,
    StepNote,
)

FIELDS = tuple((f.name, str(f.type)) for f in dataclasses.fields(RunResult))
NAMES = tuple(name for name, _ in FIELDS)


@dataclass(eq=False)
class Part:
    """The runs one history file gave, by document id, and what it held besides."""

    stamp: Stamp
    runs: dict[int, RunResult] = field(default_factory=dict)
    skipped: int = 0
    """Stored records that could not be read (left out here, kept in the file)."""
    max_id: int = 0
    """The largest numeric document id in the file, readable record or not."""
    saved: bool = False
    """Whether this part came from its fast-start copy or one was written (or tried)."""
    away: frozenset[date] = frozenset()
    """Days marked away (only the recent file keeps them; never in the fast-start copy)."""


def _tuple(value: Any) -> tuple[Any, ...]:
    if type(value) is not tuple:
        raise ValueError("not a tuple")
    return value


def _feelings(value: tuple[Any, ...]) -> list[NamedFeeling]:
    out = [NamedFeeling(core, word, intensity) for core, word, intensity in _tuple(value)]
    if not all(type(f.core) is str and type(f.word) is str
               and (f.intensity is None or type(f.intensity) is int) for f in out):
        raise ValueError("bad feeling")
    return out


def _ratings(value: tuple[Any, ...]) -> list[Rating]:
    out = [Rating(measure, v, step) for measure, v, step in _tuple(value)]
    if not all(type(r.measure) is str and type(r.value) is int and type(r.step) is int
               for r in out):
        raise ValueError("bad rating")
    return out


def _notes(value: tuple[Any, ...]) -> tuple[StepNote, ...]:
    out = tuple(StepNote(step, text) for step, text in _tuple(value))
    if not all(type(n.step) is int and type(n.text) is str for n in out):
        raise ValueError("bad note")
    return out


def _steps(value: tuple[Any, ...]) -> list[int]:
    if not all(type(i) is int for i in _tuple(value)):
        raise ValueError("bad step")
    return list(value)


def _partners(value: tuple[Any, ...] | None) -> tuple[str, str] | None:
    if value is not None and (len(_tuple(value)) != 2 or not all(type(p) is str for p in value)):
        raise ValueError("bad partners")
    return value


def _breaks(value: tuple[Any, ...]) -> tuple[BreakTaken, ...]:
    out = []
    for step, started_at, minutes, outcome, calm in _tuple(value):
        when = datetime.fromisoformat(started_at)  # TypeError unless text
        if (type(step) is not int or type(minutes) is not int or outcome not in BREAK_OUTCOMES
                or when.tzinfo is None
                or not (calm is None or (type(calm) is tuple and len(calm) == 2
                                         and all(type(c) is int for c in calm)))):
            raise ValueError("bad break")
        out.append(BreakTaken(step, when, minutes, outcome, calm))
    return tuple(out)


def _passed(value: tuple[Any, ...]) -> tuple[int, ...]:
    if not all(type(i) is int for i in _tuple(value)):
        raise ValueError("bad step")
    return value


_NONE = type(None)
_ENCODE: dict[str, Callable[[Any], Any]] = {
    "started_at": datetime.isoformat, "ended_at": datetime.isoformat, "steps_done": tuple,
    "feelings": lambda fs: tuple((f.core, f.word, f.intensity) for f in fs),
    "ratings": lambda rs: tuple((r.measure, r.value, r.step) for r in rs),
    "notes": lambda ns: tuple((n.step, n.text) for n in ns),
    "passed": tuple,
    "breaks": lambda bs: tuple((b.step, b.started_at.isoformat(), b.minutes, b.outcome, b.calm)
                               for b in bs),
}
_TYPES: dict[str, tuple[type, ...]] = {
    "exercise_id": (str,), "content_hash": (str,), "kind": (str,), "title": (str,),
    "started_at": (str,), "ended_at": (str,), "active_seconds": (float,), "steps_total": (int,),
    "steps_done": (tuple,), "completed": (bool,), "feelings": (tuple,), "ratings": (tuple,),
    "note": (str,), "partners": (tuple, _NONE), "plan_id": (str, _NONE), "notes": (tuple,),
    "passed": (tuple,), "swapped": (bool,), "breaks": (tuple,),
}
"""The type of every value in each column (every field of RunResult must be here); the times
and the columns of :data:`_SHARED` are checked as they are built."""
_SHARED: dict[str, Callable[[Any], Any]] = {
    "steps_done": _steps, "feelings": _feelings, "ratings": _ratings, "partners": _partners,
    "notes": _notes, "passed": _passed, "breaks": _breaks,
}
"""Columns of few distinct values: each distinct value is checked and built once."""
_IMMUTABLE = frozenset({"partners", "notes", "passed", "breaks"})
"""Shared columns whose built values are tuples: one object serves every run with that value
(the others are lists)."""


def file_name(path: Path) -> str:
    return cache.name("history", str(path))


def _key(path: Path, stamp: Stamp) -> tuple[object, ...]:
    return ("history", FIELDS, str(path), stamp)


def save(folder: Path, path: Path, part: Part, *, stamped_at: int | None = None) -> bool:
    """Keep ``part``, read from ``path`` whose stamp was taken at ``stamped_at`` (ns, default
    now); not while the file is too fresh for its stamp to be trusted (see coach.core.cache)."""
    if part.stamp is None or not cache.settled(cache.newest_change([part.stamp]), stamped_at):
        return False
    part.saved = True  # a copy that cannot be written is not tried again for this part
    ordered = sorted(part.runs.items(), key=lambda item: item[1].started_at)  # sorts fast on load
    runs = [run for _, run in ordered]
    try:
        columns = [_shared([_ENCODE.get(name, _same)(getattr(r, name)) for r in runs])
                   for name in NAMES]
        payload = marshal.dumps((NAMES, [i for i, _ in ordered], columns, part.skipped,
                                 part.max_id))
    except (TypeError, ValueError, AttributeError):
        return False
    return cache.write(folder, file_name(path), _key(path, part.stamp), payload,
                       newest_ns=cache.newest_change([part.stamp]), stamped_at=stamped_at)


def _same(value: Any) -> Any:
    return value


def _shared(column: list[Any]) -> list[Any]:
    """``column`` with equal texts and tuples made one object: marshal then writes each once
    (a copy half the size that loads several times faster)."""
    seen: dict[Any, Any] = {}
    return [seen.setdefault(v, v) if type(v) in (str, tuple) else v for v in column]


def load(folder: Path, path: Path, stamp: Stamp) -> Part | None:
    """The part saved for exactly this version of ``path``; None when there is none, it is of
    another shape, or anything in it is unexpected. Never raises."""
    if stamp is None:
        return None
    payload = cache.read(folder, file_name(path), _key(path, stamp))
    if payload is None:
        return None
    try:
        return _build(stamp, marshal.loads(payload))
    except Exception:  # a copy that does not build is not used
        return None


def _build(stamp: Stamp, value: Any) -> Part | None:
    names, ids, columns, skipped, max_id = value
    if (names != NAMES or type(ids) is not list or len(columns) != len(NAMES)
            or type(skipped) is not int or type(max_id) is not int
            or not set(map(type, ids)) <= {int}):
        return None
    built = []
    for name, column in zip(NAMES, columns, strict=True):
        if type(column) is not list or len(column) != len(ids):
            return None
        if name in ("started_at", "ended_at"):
            column = list(map(datetime.fromisoformat, column))  # TypeError unless all text
            if not all(when.tzinfo for when in column):
                return None
        elif name not in _SHARED and not set(map(type, column)) <= set(_TYPES[name]):
            return None
        elif name in _SHARED:
            make = _SHARED[name]
            made = {value: make(value) for value in set(column)}
            column = [made[v] for v in column] if name in _IMMUTABLE else [
                list(made[v]) for v in column]
        built.append(column)
    return Part(stamp, dict(zip(ids, map(RunResult, *built), strict=True)), skipped, max_id,
                saved=True)
