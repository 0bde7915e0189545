"""CPU used while a breathing step runs, against a bare Textual app, measured in one run.

Each app runs in its own real terminal (a tmux pane, 80x24) for the same time: a bare Textual
app whose Label changes 10 times a second, and ``coach run cyclic-sighing`` with animation on
(the breathing step comes first). Each child reports its own CPU seconds (user + system, from
getrusage) over the same span, starting 3 s after its first frame (so start-up work is left
out for both). Prints both and the ratio (goal: at most 1.5x).

    python benchmarks/cpu_breathing.py               # 60 s each, both at once
    python benchmarks/cpu_breathing.py --seconds 20  # quicker
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 3.0
"""Seconds after start-up before measuring (both apps alike)."""
sys.path.insert(0, str(ROOT))


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_child(kind: str, seconds: float, out: Path) -> None:
    """Inside the tmux pane: run one app for ``seconds``, then write its CPU seconds to ``out``."""
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    marks: dict[str, float] = {}
    shown: list[str] = []

    def started(app: App) -> None:
        marks["t0"] = time.monotonic()

        def begin() -> None:  # after start-up work settles: measure the steady state only
            marks["start"] = cpu_seconds()
            marks["t1"] = time.monotonic()
            app.set_timer(seconds, finish)

        def finish() -> None:
            shown.append(type(app.screen).__name__)
            app.exit()

        app.set_timer(WARM_UP, begin)

    if kind == "bare":
        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Label("0", id="n")

            def on_ready(self) -> None:
                started(self)
                self.set_interval(0.1, self.bump)

            def bump(self) -> None:
                self.query_one(Label).update(f"{time.monotonic() - marks['t0']:.1f}")

        app: App[None] = Bare()
    else:
        from coach.core.context import build_context
        from coach.core.paths import resolve_paths
        from coach.ui.app import CoachApp

        tmp = Path(tempfile.mkdtemp())
        ctx = build_context(resolve_paths(tmp / "c", tmp / "d", tmp / "c" / "ex"))

        class Coach(CoachApp):
            def on_ready(self) -> None:
                self.animation_level = "full"
                started(self)

        app = Coach(ctx, start="cyclic-sighing")
    app.run()
    used = cpu_seconds() - marks["start"]
    wall = time.monotonic() - marks["t1"]
    out.write_text(json.dumps({"cpu": used, "wall": wall, "screen": shown[0] if shown else "?"}))


def spawn(kind: str, seconds: float, tmp: Path) -> tuple[str, Path]:
    out = tmp / f"{kind}.json"
    name = f"cpu{uuid.uuid4().hex[:6]}"
    envs = "-u TEXTUAL_ANIMATIONS TERM=xterm-256color COLORTERM=truecolor"
    cmd = f"{sys.executable} {Path(__file__).resolve()} --child {kind} --seconds {seconds} --out {out}"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", f"env {envs} {cmd}"],
                   check=True)
    return name, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--sequential", action="store_true", help="one after the other, not at once")
    ap.add_argument("--child", choices=("bare", "coach"), help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run_child(args.child, args.seconds, args.out)
        return
    if not shutil.which("tmux"):
        sys.exit("this benchmark needs tmux (a real terminal for each app)")
    tmp = Path(tempfile.mkdtemp())
    print(f"{args.seconds:g} s each in an 80x24 tmux pane ...", flush=True)
    results: dict[str, dict[str, float]] = {}
    kinds = ("bare", "coach")
    batches = [[k] for k in kinds] if args.sequential else [list(kinds)]
    for batch in batches:
        sessions = [spawn(k, args.seconds, tmp) for k in batch]
        deadline = time.monotonic() + args.seconds + WARM_UP + 60
        for kind, (name, out) in zip(batch, sessions, strict=True):
            while not out.exists() and time.monotonic() < deadline:
                time.sleep(0.5)
            subprocess.run(["tmux", "kill-session", "-t", name], stderr=subprocess.DEVNULL)
            if not out.exists():
                sys.exit(f"the {kind} app did not report (see tmux output)")
            time.sleep(0.2)
            results[kind] = json.loads(out.read_text())
    bare, coach = results["bare"], results["coach"]
    print(f"bare Textual app, label 10x/s : {bare['cpu']:.2f} CPU s in {bare['wall']:.1f} s")
    print(f"coach breathing, animation on : {coach['cpu']:.2f} CPU s in {coach['wall']:.1f} s "
          f"(ended on {coach['screen']})")
    ratio = coach["cpu"] / bare["cpu"] if bare["cpu"] else float("inf")
    print(f"ratio coach / bare: {ratio:.2f}x (goal <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")


if __name__ == "__main__":
    main()
