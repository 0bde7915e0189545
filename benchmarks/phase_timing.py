"""How precisely the breathing pacer changes phase, with the real clock.

Runs coach's runner headless on one long box-breathing step (4-4-4-4) and compares, for every
phase change, the moment the runner showed it with the moment the schedule says it is due
(both as seconds since the step started, from time.monotonic()). Prints the worst error.

    python benchmarks/phase_timing.py            # 10 minutes (the issue's goal: worst <= 50 ms)
    python benchmarks/phase_timing.py --quick    # 1 minute
"""

from __future__ import annotations

import argparse
import asyncio
import math
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.core.context import build_context
from coach.core.model import Breathe, Exercise
from coach.core.paths import resolve_paths

PATTERN = dict(inhale=4.0, hold=4.0, exhale=4.0, hold_after=4.0)


async def measure(minutes: float, animation: str) -> list[tuple[float, float]]:
    from coach.ui.app import CoachApp
    from coach.ui.runner.breathe_view import BreatheView
    from coach.ui.runner.runner_screen import RunnerScreen

    tmp = Path(tempfile.mkdtemp())
    ctx = build_context(resolve_paths(tmp / "config", tmp / "data", tmp / "config" / "ex"))
    cycles = Breathe.cycles_for(minutes, 16.0)
    step = Breathe(cycles=cycles, **PATTERN)
    ctx.library.entries["bench"] = Exercise(id="bench", title="Bench", kind="breathing", summary="s",
                                            steps=(step,), source="benchmark")
    app = CoachApp(ctx, start="bench")
    async with app.run_test(size=(80, 24), headless=True) as pilot:
        app.animation_level = animation  # type: ignore[assignment]
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        await runner.show_step()
        view = runner.view
        assert isinstance(view, BreatheView)
        total = cycles * step.cycle_seconds
        while runner.session is not None and not runner.session.ended:
            await asyncio.sleep(0.5)
            if runner.session.step_elapsed > total + 2:
                break
        return list(view.phase_log)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--quick", action="store_true", help="one minute")
    ap.add_argument("--animation", default="full", choices=("full", "basic", "none"))
    args = ap.parse_args()
    minutes = 1.0 if args.quick else args.minutes
    print(f"box breathing 4-4-4-4 for {minutes:g} min, animation {args.animation}, real clock ...",
          flush=True)
    log = asyncio.run(measure(minutes, args.animation))
    errors = [(observed - scheduled) * 1000 for scheduled, observed in log]
    if not errors:
        print("no phase changes observed")
        sys.exit(1)
    worst = max(errors, key=abs)
    ordered = sorted(abs(e) for e in errors)
    p99 = ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]
    print(f"phase changes observed: {len(errors)}")
    print(f"error ms: worst {worst:.1f}, p99 {p99:.1f}, median {statistics.median(ordered):.1f}, "
          f"mean {statistics.fmean(errors):.1f}")
    print(f"last change at {log[-1][0]:.0f} s scheduled, {log[-1][1]:.3f} s observed")
    print(f"goal worst <= 50 ms: {'met' if abs(worst) <= 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
