"""How fast ``coach nudge`` is (it runs in shell start-up files), against ``python -c pass``
and ``coach --version`` measured in the same run.

The ``coach`` launcher pip writes imports ``re`` before coach runs (pip's script template,
pypa/pip#13165); ``python -c "import re"`` is that floor, shown for comparison. (uv's launcher
does not import it.)

    .venv/bin/python benchmarks/nudge.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.core.history.store import HistoryStore  # noqa: E402
from coach.core.library import load_library  # noqa: E402
from tests.history_data import generate_runs, make_run  # noqa: E402

COACH = str(Path(sys.executable).with_name("coach"))


def seconds(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    # Byte-compile coach first, as installing it does: where PYTHONDONTWRITEBYTECODE is set (as on
    # our development machines) coach's modules would otherwise be compiled on every run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "coach")], check=True)
    tmp = Path(tempfile.mkdtemp(prefix="coach-nudge-"))
    now = datetime.now(UTC)
    big = HistoryStore(tmp / "big")
    big.add_many(generate_runs(load_library(), 20_000, now, days=5 * 365))
    big.load()  # as after the app has run once: the fast-start copy exists
    done = HistoryStore(tmp / "done")
    done.add(make_run(at=now))
    cases = [("python -c pass", [sys.executable, "-c", "pass"], tmp / "empty"),
             ("python -c 'import re' (pip's launcher's floor)", [sys.executable, "-c", "import re"],
              tmp / "empty"),
             ("coach --version", [COACH, "--version"], tmp / "empty"),
             ("coach nudge, empty history", [COACH, "nudge"], tmp / "empty"),
             ("coach nudge, today's practice done (silent)", [COACH, "nudge"], tmp / "done"),
             ("coach nudge, 20,000 runs", [COACH, "nudge"], tmp / "big")]
    # each data folder has its own cache folder, as each user has (one cache folder shared by
    # three histories would make every nudge rebuild the line it keeps)
    envs = [{**os.environ, "COACH_DATA_DIR": str(data), "COACH_CONFIG_DIR": str(tmp / "config"),
             "COACH_CACHE_DIR": str(data / "cache")} for _, _, data in cases]
    for (_, cmd, _), env in zip(cases, envs, strict=True):
        seconds(cmd, env)  # warm-up: caches written, files in the page cache
    times: list[list[float]] = [[] for _ in cases]
    for _ in range(args.repeat):
        for i, ((_, cmd, _), env) in enumerate(zip(cases, envs, strict=True)):
            times[i].append(seconds(cmd, env))
    for (label, _, _), samples in zip(cases, times, strict=True):
        ratio = statistics.median(t / b for t, b in zip(samples, times[0], strict=True))
        print(f"{label:<48}{statistics.median(samples) * 1000:8.1f} ms  {ratio:5.2f}x python -c pass")


if __name__ == "__main__":
    main()
