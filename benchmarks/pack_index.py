"""The index of packs from Python packages: finding them vs reading the kept index.

Each run is a new Python process on the same tmp cache folder. "find" deletes the index first,
so it imports importlib.metadata and reads every installed package's entry points, as the first
start after a package changed does; "index" reads the kept index, as every other start does.
The baseline is a process that only imports coach.core.pack_index (what both must import).
Prints medians of the time inside the process and the ratio.

    .venv/bin/python benchmarks/pack_index.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
INNER = """
import sys, time
t = time.perf_counter()
from coach.core.pack_index import entry_point_packs
entry_point_packs(sys.argv[1])
print(f"{(time.perf_counter() - t) * 1000:.3f} {int('importlib.metadata' in sys.modules)}")
"""
BASELINE = """
import sys, time
t = time.perf_counter()
import coach.core.pack_index
print(f"{(time.perf_counter() - t) * 1000:.3f} 0")
"""


def run(code: str, cache_dir: str) -> tuple[float, bool]:
    out = subprocess.run([PYTHON, "-c", code, cache_dir], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    ms, metadata = out.stdout.split()
    return float(ms), metadata == "1"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10, help="runs of each (default 10)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "pack-index.cache"
        found: list[float] = []
        kept: list[float] = []
        base: list[float] = []
        for i in range(args.runs + 1):
            index.unlink(missing_ok=True)
            slow, imported = run(INNER, tmp)
            if not index.is_file():
                print("the index was not kept (a site-packages folder changed in the last 2 s?)")
                return 1
            fast, imported_again = run(INNER, tmp)
            assert imported and not imported_again
            if i:  # the first round warms the OS caches
                found.append(slow)
                kept.append(fast)
                base.append(run(BASELINE, tmp)[0])
        print(f"python {sys.version.split()[0]}, {args.runs} runs each, medians in ms "
              f"({time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs)")
        med = {name: statistics.median(v) for name, v in
               (("baseline: import pack_index", base), ("find (no index)", found),
                ("index kept", kept))}
        for name, value in med.items():
            print(f"{name:32}{value:8.1f}")
        print(f"find / index: {med['find (no index)'] / med['index kept']:.1f}x; the index saves "
              f"{med['find (no index)'] - med['index kept']:.1f} ms of each start")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
