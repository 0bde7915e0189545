"""Load a generated library of 1,000 exercise files; compare with PyYAML's bare safe load.

    python benchmarks/load_library.py [--files 1000] [--repeat 7]

Both sides read the same files from disk; the baseline only runs yaml.load(CSafeLoader),
coach also validates every value and builds the model. Reports medians and the ratio
(goal: at most 1.5x).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from coach.core.library import builtin_dir, exercise_files, load_paths


def generate(folder: Path, count: int) -> None:
    """Copies of the built-in exercises (not plans) under new ids."""
    sources = [p for p in exercise_files(builtin_dir()) if "kind: plan" not in p.read_text()]
    for i in range(count):
        src = sources[i % len(sources)]
        (folder / f"{src.stem}-{i:04d}.yaml").write_bytes(src.read_bytes())


def bare(files: list[Path]) -> None:
    for f in files:
        yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)


def coach_load(folder: Path) -> int:
    library = load_paths([folder])
    assert not library.problems, library.problems[:3]
    return len(library.entries)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.files)
        files = exercise_files(folder)
        size = sum(f.stat().st_size for f in files)
        base, ours = [], []
        for _ in range(args.repeat):  # alternate, so both see the same machine state
            t = time.perf_counter()
            bare(files)
            base.append(time.perf_counter() - t)
            t = time.perf_counter()
            loaded = coach_load(folder)
            ours.append(time.perf_counter() - t)
        b, o = statistics.median(base), statistics.median(ours)
        print(f"{len(files)} files, {size / 1024:.0f} KiB, {loaded} loaded, "
              f"C loader: {yaml.__with_libyaml__}")
        print(f"PyYAML CSafeLoader load: median {b * 1000:.1f} ms")
        print(f"coach load_paths:        median {o * 1000:.1f} ms")
        print(f"ratio: {o / b:.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
