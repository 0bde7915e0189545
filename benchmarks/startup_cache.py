"""Start-up cache: `build_context()` in a fresh interpreter, cold (no cache) vs warm.

Each run is a new Python process on the same tmp folders (built-in library and themes, no
user files). Cold runs delete the start-up cache first, so they parse every YAML file and
write the cache, as the first start after a change does; warm runs find it. Runs alternate,
after one warm-up of each. The baseline is a process that only imports coach.core.context
(everything a warm start must import anyway). Prints medians of the time inside the process
(imports + build_context) and of the whole process, and the ratios.

    .venv/bin/python benchmarks/startup_cache.py [--runs 10]
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
from coach.core.context import build_context
imported = time.perf_counter()
ctx = build_context()
end = time.perf_counter()
assert len(ctx.library.entries) > 30 and ctx.theme_specs
yaml = any(m == "yaml" or m.startswith("yaml.") for m in sys.modules)
print(f"{(end - t) * 1000:.3f} {(end - imported) * 1000:.3f} {int(yaml)}")
"""
BASELINE = """
import time
t = time.perf_counter()
import coach.core.context
print(f"{(time.perf_counter() - t) * 1000:.3f} 0 0")
"""


def run(code: str, env: dict[str, str]) -> tuple[float, float, float, bool]:
    """(ms inside the process, ms for the whole process, ms in build_context alone, whether
    yaml was imported)."""
    start = time.perf_counter()
    out = subprocess.run([PYTHON, "-c", code], env=env, capture_output=True, text=True, check=True)
    whole = (time.perf_counter() - start) * 1000
    inner, build, yaml = out.stdout.split()
    return float(inner), whole, float(build), yaml == "1"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10, help="runs of each (default 10)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "COACH_CONFIG_DIR": f"{tmp}/config", "COACH_DATA_DIR": f"{tmp}/data",
               "COACH_EXERCISES_DIR": f"{tmp}/config/exercises", "COACH_CACHE_DIR": f"{tmp}/cache"}
        sys.path.insert(0, str(ROOT))
        from coach.core.paths import resolve_paths
        from coach.core.startup import cache_file

        cache = cache_file(resolve_paths(env=env))
        results: dict[str, list[tuple[float, float, float, bool]]] = {"baseline": [], "cold": [], "warm": []}
        for i in range(args.runs + 1):
            cache.unlink(missing_ok=True)
            cold = run(INNER, env)
            if not cache.is_file():
                print("the cold run wrote no cache (a source file changed in the last 2 s?)")
                return 1
            warm = run(INNER, env)
            base = run(BASELINE, env)
            if i:  # the first round warms the OS caches
                results["cold"].append(cold)
                results["warm"].append(warm)
                results["baseline"].append(base)
        assert all(r[3] for r in results["cold"]) and not any(r[3] for r in results["warm"])
        print(f"python {sys.version.split()[0]}, {args.runs} runs each, medians in ms")
        print(f"{'':36}{'build_context':>14}{'in process':>12}{'whole process':>15}")
        med = {k: tuple(statistics.median(r[i] for r in v) for i in range(3))
               for k, v in results.items()}
        labels = {"baseline": "baseline: import coach.core.context", "cold": "cold build_context (no cache)",
                  "warm": "warm build_context (cache)"}
        for name, (inner, whole, build) in med.items():
            shown = "-" if name == "baseline" else f"{build:.1f}"
            print(f"{labels[name]:36}{shown:>14}{inner:12.1f}{whole:15.1f}")
        cold, warm = med["cold"], med["warm"]
        print(f"cold / warm: {cold[2] / warm[2]:.1f}x build_context, {cold[0] / warm[0]:.2f}x in "
              f"process, {cold[1] / warm[1]:.2f}x whole process; saved {cold[0] - warm[0]:.1f} ms "
              "in process")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
