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
from coach.core.history.store import HistoryStore
from tests.history_data import make_run
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
from coach.core.history.storage import AtomicJSONStorage
storage = AtomicJSONStorage(sys.argv[1])
print("ready", flush=True)
for i in range(100000):
    filler = {str(k): {"note": "x" * 300} for k in range(400 if i % 2 else 3)}
    storage.write({"meta": {"1": {"i": i}}, "runs": filler})
    print(i, flush=True)
"""


def writer(data: Path, tag: str, count: int, code: str = WRITER) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, str(data), tag, str(count)],
                            stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def stored_notes(data: Path) -> list[str]:
    tables = json.loads((data / "history.json").read_bytes())  # must parse
    return [doc["note"] for doc in tables["runs"].values()]


@pytest.mark.slow
def test_kill_9_during_writes_never_loses_a_completed_record(tmp_path: Path) -> None:
    data = tmp_path / "data"
    rng = random.Random(1234)
    reported: list[str] = []
    iterations = 30
    for n in range(iterations):
        proc = writer(data, f"k{n}", 10_000)
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
    assert len(HistoryStore(data).load().runs) >= len(reported)


@pytest.mark.slow
def test_two_processes_writing_at_once_keep_every_record(tmp_path: Path) -> None:
    data = tmp_path / "data"
    count = 40
    procs = [writer(data, tag, count) for tag in ("a", "b")]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert sum(o.count("\n") for o in outs) == 2 * count + 2
    tables = json.loads((data / "history.json").read_bytes())
    notes = [doc["note"] for doc in tables["runs"].values()]
    assert sorted(notes) == sorted(f"{t}-{i}" for t in "ab" for i in range(count))
    assert len(tables["runs"]) == 2 * count, "distinct ids"


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
