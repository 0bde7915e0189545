"""First frame in a real terminal: coach vs a bare Textual app, both in tmux.

Runs both via the shared tools' tui.py (``../shared/tools`` from the repository root),
alternating, and times how long each takes until its first screen is complete. For the home
screen (``--what home``, plain ``coach``) that is when the whole terminal text equals the screen
it settles on (captured once beforehand, after two seconds), so a half-drawn home screen or one
still waiting for its suggestions or preview does not count. For ``--what run`` (``coach run
cyclic-sighing``, the two-minutes-before-a-hard-talk path) the screen keeps moving, so it is when
the pacer shows its first cycle. Prints the medians and the ratio coach / bare (target <= 1.3).

    .venv/bin/python benchmarks/first_frame.py [--what home|run] [--runs 10]
"""

from __future__ import annotations

import argparse
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))
from tui import Pane  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
BARE = '''
from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("bare app ready")


Bare().run()
'''


def in_pane(command: str, env: dict[str, str], act, attempts: int = 3):
    """``act(pane)`` on ``command`` running in a new 100x30 tmux session."""
    for attempt in range(attempts):
        try:
            with Pane(command, cols=100, rows=30, env=env) as pane:
                return act(pane)
        except subprocess.CalledProcessError:  # tmux server restarting between sessions
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)
    raise AssertionError("unreachable")


def settled(command: str, regex: str, env: dict[str, str]) -> str:
    """The screen ``command`` settles on: ``regex`` shown, then two quiet seconds."""
    def act(pane: Pane) -> str:
        pane.wait_for(regex, timeout=30)
        time.sleep(2)
        return pane.screen()
    return in_pane(command, env, act)


def time_one(command: str, final: str | re.Pattern[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` until the terminal shows exactly ``final`` (or, for a
    pattern, until the screen matches it)."""
    def done(screen: str) -> bool:
        return screen == final if isinstance(final, str) else final.search(screen) is not None

    def act(pane: Pane) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < 30:
            if done(pane.screen()):
                return time.perf_counter() - pane.t0
            time.sleep(0.005)
        raise TimeoutError(f"{command} never settled on the expected screen")
    return in_pane(command, env, act)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10, help="runs of each (default 10)")
    ap.add_argument("--what", choices=("home", "run"), default="home",
                    help="the home screen (plain coach) or coach run cyclic-sighing")
    args = ap.parse_args()
    # Byte-compile coach, as installing it does: pip compiles a package when it installs it,
    # and an editable install writes the bytecode on the first run - unless
    # PYTHONDONTWRITEBYTECODE is set, as on our development machines. Without this, coach's
    # modules would be compiled from source on every run, while Textual's come compiled.
    subprocess.run([str(PYTHON), "-m", "compileall", "-q", str(ROOT / "coach")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE)
        config = Path(tmp) / "config"
        config.mkdir()
        (config / "settings.yaml").write_text("welcomed: true\n")  # the home screen, no welcome
        env = {"COACH_CONFIG_DIR": str(config), "COACH_DATA_DIR": str(Path(tmp) / "data"),
               "COACH_CACHE_DIR": str(Path(tmp) / "cache")}
        python = shlex.quote(str(PYTHON))
        coach = (f"{python} -m coach", r"Suggested next.*Library.*Preview") if args.what == "home" \
            else (f"{python} -m coach run cyclic-sighing", r"cycle 1 of \d+")
        commands = {"bare": (f"{python} {shlex.quote(str(bare))}", "bare app ready"), "coach": coach}
        times: dict[str, list[float]] = {name: [] for name in commands}
        # The screens each one settles on (this also warms the file and start-up caches).
        finals: dict[str, str | re.Pattern[str]] = {
            name: settled(command, regex, env) for name, (command, regex) in commands.items()}
        if args.what == "run":
            finals["coach"] = re.compile(coach[1])
        for _ in range(args.runs):
            for name, (command, _regex) in commands.items():
                times[name].append(time_one(command, finals[name], env))
    for name, values in times.items():
        print(f"{name:6} median {statistics.median(values):.3f}s  min {min(values):.3f}s  "
              f"max {max(values):.3f}s  ({len(values)} runs)")
    ratio = statistics.median(times["coach"]) / statistics.median(times["bare"])
    # Each coach run next to the bare run just before it: slow spells of a shared machine
    # hit both sides of a pair, so this ratio swings less than the ratio of medians.
    paired = statistics.median(c / b for c, b in zip(times["coach"], times["bare"], strict=True))
    print(f"ratio coach/bare {ratio:.2f} (median of paired runs {paired:.2f}; target <= 1.30)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
