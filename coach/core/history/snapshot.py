"""A derived, disposable copy of the loaded history that opens fast (``history.json.cache``).

Parsing 20,000 runs of JSON and building their objects takes most of a second on a slow
machine; this column-wise marshal copy loads in a fraction of that. It is only used when the
history file is exactly the one it was made from (inode, size, modification time and its last
bytes match), it is never the source of any write, and deleting it loses nothing.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.core.runs import NamedFeeling, Rating, RunResult

FORMAT = 1
TAIL = 256
Key = tuple[int, int, int, bytes]


def file_key(path: Path) -> Key | None:
    """Identifies one version of ``path``; None when missing or unreadable."""
    try:
        with path.open("rb") as handle:
            st = os.fstat(handle.fileno())
            handle.seek(max(0, st.st_size - TAIL))
            return (st.st_ino, st.st_size, st.st_mtime_ns, handle.read(TAIL))
    except OSError:
        return None


def save(cache: Path, key: Key, runs: list[RunResult], skipped: int) -> None:
    """Write the snapshot (best effort: a failure only means the next start parses JSON)."""
    columns = (
        [r.exercise_id for r in runs], [r.content_hash for r in runs], [r.kind for r in runs],
        [r.title for r in runs], [r.started_at.isoformat() for r in runs],
        [r.ended_at.isoformat() for r in runs], [r.active_seconds for r in runs],
        [r.steps_total for r in runs], [tuple(r.steps_done) for r in runs], [r.completed for r in runs],
        [tuple((f.core, f.word, f.intensity) for f in r.feelings) for r in runs],
        [tuple((x.measure, x.value, x.step) for x in r.ratings) for r in runs],
        [r.note for r in runs], [r.partners for r in runs], [r.plan_id for r in runs],
    )
    from coach.core.files import atomic_write_bytes

    with contextlib.suppress(OSError, ValueError):
        atomic_write_bytes(cache, marshal.dumps((FORMAT, key, skipped, columns)))


def load(cache: Path, key: Key) -> tuple[list[RunResult], int] | None:
    """The runs and skipped count saved for exactly ``key``, else None."""
    gc_was_on = gc.isenabled()
    gc.disable()  # tens of thousands of new objects, none of them garbage: skip the scans
    try:
        return _load(cache, key)
    finally:
        if gc_was_on:
            gc.enable()


def _load(cache: Path, key: Key) -> tuple[list[RunResult], int] | None:
    try:
        fmt, saved_key, skipped, columns = marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if fmt != FORMAT or tuple(saved_key) != key:
        return None
    feelings: dict[tuple[Any, ...], list[NamedFeeling]] = {}
    ratings: dict[tuple[Any, ...], list[Rating]] = {}
    fromiso = datetime.fromisoformat
    runs = []
    for (eid, chash, kind, title, start, end, active, total, done, completed, feel, rate, note,
         partners, plan) in zip(*columns, strict=True):
        f = feelings.get(feel)
        if f is None:
            f = feelings[feel] = [NamedFeeling(*x) for x in feel]
        r = ratings.get(rate)
        if r is None:
            r = ratings[rate] = [Rating(*x) for x in rate]
        runs.append(RunResult(
            exercise_id=eid, content_hash=chash, kind=kind, title=title,
            started_at=fromiso(start), ended_at=fromiso(end), active_seconds=active,
            steps_total=total, steps_done=list(done), completed=completed,
            feelings=f.copy(), ratings=r.copy(), note=note, partners=partners, plan_id=plan))
    return runs, skipped
