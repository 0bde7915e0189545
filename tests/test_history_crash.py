"""kill -9 in the middle of writes, and two coach processes writing at once."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WRITER = """
import sys
from coach.core.history import store as store_mod
from coach.core.history.store import HistoryStore
from tests.history_data import make_run
store_mod.RECENT_LIMIT = int(sys.argv[4])
store = HistoryStore(__import__("pathlib").Path(sys.argv[1]))
store.clean_start()
tag, count = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
for i in range(count):
    store.add(make_run(note=f"{tag}-{i}"))
    print(f"{tag}-{i}", flush=True)
"""


SHRINKER = """
import sys
from coach.core.history.storage import HistoryStorage
storage = HistoryStorage(sys.argv[1])
print("ready", flush=True)
for i in range(100000):
    filler = {str(k): {"note": "x" * 300} for k in range(400 if i % 2 else 3)}
    storage.write({"meta": {"1": {"i": i}}, "runs": filler})
    print(i, flush=True)
"""


def writer(data: Path, tag: str, count: int, code: str = WRITER,
           merge_every: int = 200) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, str(data), tag, str(count), str(merge_every)],
                            stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def stored_notes(data: Path) -> list[str]:
    """The note of every stored run: both files must parse; a run in both (a merge cut short)
    counts once, under one id."""
    docs: dict[str, dict] = {}
    for name in ("history.json", "history-recent.json"):
        if (data / name).exists():
            docs.update(json.loads((data / name).read_bytes()).get("runs", {}))  # none yet: no table
    return [doc["note"] for doc in docs.values()]


@pytest.mark.slow
@pytest.mark.parametrize("merge_every", [200, 3])
def test_kill_9_during_writes_never_loses_a_completed_record(tmp_path: Path, merge_every: int) -> None:
    """With merges every 3 runs, kills land in merges too (history.json and the recent file
    written one after the other)."""
    data = tmp_path / "data"
    rng = random.Random(1234 + merge_every)
    reported: list[str] = []
    iterations = 30
    for n in range(iterations):
        proc = writer(data, f"k{n}", 10_000, merge_every=merge_every)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        reported += [line for line in out.split() if line.startswith("k")]
        notes = stored_notes(data)
        missing = set(reported) - set(notes)
        assert not missing, f"iteration {n}: completed records lost: {sorted(missing)[:5]}"
        assert len(notes) == len(set(notes)), "no record stored twice"
    assert len(reported) > iterations, "the writers did get records in before being killed"
    from coach.core.history.store import HistoryStore

    HistoryStore(data).clean_start()
    assert not list(data.glob(".coach-tmp-*")), "stray temp files are cleaned at start"
    loaded = HistoryStore(data).load()
    assert len(loaded.runs) >= len(reported) and not loaded.notices
    assert {r.note for r in loaded.runs} >= set(reported)


@pytest.mark.slow
@pytest.mark.parametrize("merge_every", [200, 7])
def test_two_processes_writing_at_once_keep_every_record(tmp_path: Path, merge_every: int) -> None:
    data = tmp_path / "data"
    count = 40
    procs = [writer(data, tag, count, merge_every=merge_every) for tag in ("a", "b")]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert sum(o.count("\n") for o in outs) == 2 * count + 2
    notes = stored_notes(data)
    assert sorted(notes) == sorted(f"{t}-{i}" for t in "ab" for i in range(count)), "distinct ids"
    from coach.core.history.store import HistoryStore

    assert [r["id"] for r in HistoryStore(data).records()] == list(range(1, 2 * count + 1))


@pytest.mark.slow
def test_kill_9_while_the_file_shrinks_and_grows_leaves_a_whole_file(tmp_path: Path) -> None:
    """TinyDB's own storage rewrites in place and is corrupted this way (reliability notes)."""
    path = tmp_path / "history.json"
    rng = random.Random(99)
    for n in range(30):
        path.unlink(missing_ok=True)
        proc = writer(path, "s", 0, SHRINKER)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.2))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        done = [int(x) for x in out.split()]
        if not path.exists():
            assert not done
            continue
        tables = json.loads(path.read_bytes())
        i = tables["meta"]["1"]["i"]
        assert i in ((done[-1], done[-1] + 1) if done else (0,)), (n, i, done[-1:])
        assert len(tables["runs"]) == (400 if i % 2 else 3)
