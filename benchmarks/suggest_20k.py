"""How long ``suggest()`` takes on 20,000 runs, against an empty history measured in the same run.

    .venv/bin/python benchmarks/suggest_20k.py [--runs 20000] [--repeat 15]

suggest() runs when the app opens (the home screen's "Suggested next") and in ``coach nudge``.
Reports medians for: an empty history (the baseline), 20,000 generated runs over five years in
time order (as the store gives them), the same runs shuffled, and, for scale, turning the
same runs' records into RunResults (what reading the history costs at least).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.core.library import load_library  # noqa: E402
from coach.core.runs import RunResult  # noqa: E402
from coach.core.suggest import suggest  # noqa: E402
from tests.history_data import generate_runs  # noqa: E402

NOW = datetime(2026, 11, 2, 18, 30, tzinfo=UTC)


def timed_ms(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and fastest of ``repeat`` calls (the fastest is the least disturbed by other
    work on a shared machine)."""
    fn()  # warm up
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples) * 1000, min(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    library = load_library()
    runs = generate_runs(library, args.runs, NOW, days=5 * 365)
    shuffled = list(runs)
    random.Random(3).shuffle(shuffled)
    records = [r.to_record() for r in runs]

    empty = timed_ms(lambda: suggest(library, [], NOW, tz=UTC), args.repeat)
    rows = [
        ("suggest(), empty history (baseline)", empty),
        (f"suggest(), {args.runs} runs in time order", timed_ms(
            lambda: suggest(library, runs, NOW, tz=UTC), args.repeat)),
        (f"suggest(), {args.runs} runs shuffled", timed_ms(
            lambda: suggest(library, shuffled, NOW, tz=UTC), args.repeat)),
        (f"for scale: RunResult.from_record x {args.runs}", timed_ms(
            lambda: [RunResult.from_record(r) for r in records], max(3, args.repeat // 3))),
    ]
    print(f"{str(args.repeat) + ' calls each':<48}{'median':>10}{'ratio':>8}{'fastest':>11}{'ratio':>8}")
    for label, (median, fastest) in rows:
        print(f"{label:<48}{median:>8.2f}ms{median / empty[0]:>7.1f}x"
              f"{fastest:>9.2f}ms{fastest / empty[1]:>7.1f}x")


if __name__ == "__main__":
    main()
