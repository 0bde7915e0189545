"""History with 20,000 stored runs against an empty history, measured in the same run.

    .venv/bin/python benchmarks/history_20k.py [--runs 20000] [--repeat 7]

Reports medians of: (a) recording one run (in a process that has read the history, as the
app has; in a fresh store; through the Context as the app does it; with the recent-runs file
nearly full; and the one write in RECENT_LIMIT that merges it into history.json), (b) reading
the history and computing suggestions, (c) opening the app headless until its first screen is
ready (a fresh process each time: process start to the app's on_ready), with and without the
fast-start copy, (d) opening the history screen with its insights and sessions (a fresh
process: start to the history screen's first frame; and the screen alone, from pushing it to its
first frame). Prints each ratio 20k / empty and the goals.

    .venv/bin/python benchmarks/history_20k.py --only-history   # (d) alone
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.core import cache  # noqa: E402
from coach.core.history import store as store_mod  # noqa: E402
from coach.core.history.fastcopy import file_name  # noqa: E402
from coach.core.history.store import HistoryStore  # noqa: E402
from coach.core.library import load_library  # noqa: E402
from coach.core.suggest import suggest  # noqa: E402
from tests.history_data import generate_runs, make_run  # noqa: E402

NOW = datetime(2026, 11, 2, 18, 30, tzinfo=UTC)

OPEN_APP = """
import time
from coach.core import collector

with collector.paused():  # as coach.commands.app.open_app imports the app
    import coach.ui.app
    from coach.commands.app import open_app

    class Timed(coach.ui.app.CoachApp):
        def on_ready(self) -> None:  # time.monotonic(): one clock for every process (Linux, macOS)
            print(f"{time.monotonic():.6f} {type(self.screen).__name__}", flush=True)
            self.exit()

        def run(self, **_: object) -> None:
            super().run(headless=True, size=(80, 24))

    coach.ui.app.CoachApp = Timed  # the class open_app opens
open_app(None, plain=False)  # as plain `coach` opens it (start-up, then the app)
"""


OPEN_HISTORY = """
import time
from coach.core.context import build_context
from coach.core.paths import resolve_paths
from coach.ui.app import CoachApp
from coach.ui.screens.history import HistoryScreen

class Timed(CoachApp):
    async def on_ready(self) -> None:
        self.pushed = time.perf_counter()
        await self.push_screen(Shown())

    def done(self) -> None:
        now = time.perf_counter()
        print(f"{self.first_at:.6f} {self.first - self.pushed:.4f} {now - self.first:.4f}", flush=True)
        self.exit()

class Shown(HistoryScreen):
    def fill_below(self) -> None:  # called once the first frame is on screen
        self.app.first = time.perf_counter()
        self.app.first_at = time.monotonic()
        super().fill_below()
        self.call_after_refresh(self.app.done)

Timed(build_context(resolve_paths())).run(headless=True, size=(100, 30))
"""


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def caches(data: Path) -> Path:
    return data.parent / "cache"


def time_record(data: Path, repeat: int, *, warm: bool) -> list[float]:
    """Seconds per add(); warm = this store has read the history before (as the app has)."""
    out = []
    for i in range(repeat):
        store = HistoryStore(data, caches(data))
        if warm:
            store.load()
        t = time.perf_counter()
        store.add(make_run(note=f"bench-{i}", at=NOW))
        out.append(time.perf_counter() - t)
    return out


def time_record_recent_full(data: Path, repeat: int) -> tuple[list[float], list[float]]:
    """Seconds per add() with the recent-runs file one short of being merged, and seconds of
    the add that merges it."""
    full, merging = [], []
    store = HistoryStore(data, caches(data))
    store.load()
    for i in range(repeat):
        while len(store.load().runs) % store_mod.RECENT_LIMIT != store_mod.RECENT_LIMIT - 2:
            store.add(make_run(note=f"fill-{i}", at=NOW))
        t = time.perf_counter()
        store.add(make_run(note=f"full-{i}", at=NOW))
        full.append(time.perf_counter() - t)
        t = time.perf_counter()
        store.add(make_run(note=f"merge-{i}", at=NOW))
        merging.append(time.perf_counter() - t)
    return full, merging


def time_context_record(data: Path, repeat: int) -> list[float]:
    """As the app does it: history read first, then record_run (which also refreshes the
    fast-start copy)."""
    from coach.core.clock import FakeClock
    from coach.core.context import build_context
    from coach.core.paths import resolve_paths

    ctx = build_context(resolve_paths(data.parent / "config", data, data.parent / "none",
                                      caches(data)), FakeClock())
    ctx.history_runs()
    out = []
    for i in range(repeat):
        t = time.perf_counter()
        message = ctx.record_run(make_run(note=f"ctx-{i}", at=NOW))
        out.append(time.perf_counter() - t)
        assert not message, message
    return out


def time_load(data: Path, repeat: int, *, copy: bool = True) -> list[float]:
    """Seconds for a fresh store's load(), with the fast-start copy (or without any)."""
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        HistoryStore(data, caches(data) if copy else None).load()
        out.append(time.perf_counter() - t)
    return out


def time_suggest(library, runs, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        suggest(library, runs, NOW, tz=UTC)
        out.append(time.perf_counter() - t)
    return out


def time_open(data: Path, config: Path) -> tuple[float, str, float, float]:
    """Seconds from starting a fresh process to the app's on_ready (interpreter start-up
    included, its exit not), the first screen's name, the CPU time (user + system) of the whole
    process (steadier on a busy machine) and the wall time of the whole process, exit included
    (freeing 20,000 runs at exit is not part of opening the app, so it is reported apart)."""
    env = {**os.environ, "COACH_DATA_DIR": str(data), "COACH_CONFIG_DIR": str(config),
           "COACH_CACHE_DIR": str(caches(data)), "TEXTUAL_ANIMATIONS": "none",
           "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", OPEN_APP], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise SystemExit(f"opening the app failed:\n{proc.stderr[-2000:]}")
    ready, screen = proc.stdout.split()[:2]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return float(ready) - start, screen, cpu, wall


def time_history(data: Path, config: Path) -> tuple[float, float, float, float]:
    """A fresh process from start to the history screen's first frame (wall), the screen alone
    (push to first frame), the CPU time of the whole process (exit included) and the wall time
    until the insights were shown (filled in after the first frame)."""
    env = {**os.environ, "COACH_DATA_DIR": str(data), "COACH_CONFIG_DIR": str(config),
           "COACH_CACHE_DIR": str(caches(data)), "TEXTUAL_ANIMATIONS": "none",
           "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", OPEN_HISTORY], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise SystemExit(f"opening the history failed:\n{proc.stderr[-2000:]}")
    first_at, screen, filling = map(float, proc.stdout.split()[:3])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return first_at - start, screen, cpu, first_at - start + filling


def history_rows(blank: Path, full: Path, config: Path, repeat: int) -> list[tuple[str, float, float]]:
    """(d): the history screen, empty and full, alternating (warmed once each)."""
    time_history(blank, config)
    time_history(full, config)
    got: dict[str, list[tuple[float, float, float, float]]] = {"empty": [], "full": []}
    for _ in range(repeat):
        for name, folder in (("empty", blank), ("full", full)):
            got[name].append(time_history(folder, config))

    def row(label: str, i: int) -> tuple[str, float, float]:
        return label, *(median_ms([g[i] for g in got[n]]) for n in ("empty", "full"))

    return [row("open the app to the history screen", 0),
            row("  same, until the insights are shown", 3),
            row("  same, CPU time of the process (to its exit)", 2),
            row("  the history screen alone (push to first frame)", 1)]


def print_rows(rows: list[tuple[str, float, float]], repeat: int, runs: int) -> None:
    print(f"{'median of ' + str(repeat):<48}{'empty':>10}{str(runs) + ' runs':>14}{'ratio':>8}")
    for label, e, f in rows:
        print(f"{label:<48}{e:>8.1f}ms{f:>12.1f}ms{f / e:>7.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--only-history", action="store_true", help="only (d): the history screen")
    args = parser.parse_args()
    library = load_library()
    tmp = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    empty, full, config = tmp / "empty" / "data", tmp / "full" / "data", tmp / "config"
    blank = tmp / "blank" / "data"  # stays empty: the recording rows add runs to "empty"
    config.mkdir()
    (config / "settings.yaml").write_text("welcomed: true\n")
    t = time.perf_counter()
    runs = generate_runs(library, args.runs, NOW, days=5 * 365)
    HistoryStore(full).add_many(runs)
    HistoryStore(empty).clean_start()
    blank.mkdir(parents=True)
    size = (full / "history.json").stat().st_size
    print(f"built {args.runs} runs ({size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s in {tmp}")
    time.sleep(cache.RACY_NS / 1e9)  # a file this fresh gets no fast-start copy yet
    if args.only_history:
        time_load(full, 1)  # writes the fast-start copy, as any earlier start has
        print_rows(history_rows(blank, full, config, args.repeat), args.repeat, args.runs)
        print("goal: the history screen with insights opens within 1.3x of an empty history")
        return

    rows: list[tuple[str, float, float]] = []
    many = 3 * args.repeat  # each takes milliseconds; an fsync's noise needs more samples
    for warm in (True, False):
        label = "record one run (history already read)" if warm else "record one run (fresh store)"
        e, f = [], []
        for _ in range(many):  # alternate, so both see the same disk
            e += time_record(empty, 1, warm=warm)
            f += time_record(full, 1, warm=warm)
        rows.append((label, median_ms(e), median_ms(f)))
    rows.append(("record one run as the app does (Context)",
                 median_ms(time_context_record(empty, many)),
                 median_ms(time_context_record(full, many))))
    e_full, e_merge = time_record_recent_full(empty, 3)
    f_full, f_merge = time_record_recent_full(full, 3)
    rows.append((f"  same, recent file at {store_mod.RECENT_LIMIT - 1} runs", median_ms(e_full),
                 median_ms(f_full)))
    rows.append((f"  the 1 in {store_mod.RECENT_LIMIT} that merges it", median_ms(e_merge),
                 median_ms(f_merge)))
    time.sleep(cache.RACY_NS / 1e9)  # the merge rewrote history.json
    time_load(full, 1)  # writes the fast-start copy for it
    rows.append(("read the history (load, fast-start copy)", median_ms(time_load(blank, args.repeat)),
                 median_ms(time_load(full, args.repeat))))
    rows.append(("read the history (load, no copy)", median_ms(time_load(blank, 3, copy=False)),
                 median_ms(time_load(full, 3, copy=False))))
    full_runs = HistoryStore(full).load().runs
    rows.append(("compute suggestions", median_ms(time_suggest(library, [], args.repeat)),
                 median_ms(time_suggest(library, full_runs, args.repeat))))
    opens: dict[str, list[float]] = {"empty": [], "full": []}
    cpus: dict[str, list[float]] = {"empty": [], "full": []}
    wholes: dict[str, list[float]] = {"empty": [], "full": []}
    screens = set()
    time_open(blank, config)  # warm the file cache once
    time_open(full, config)
    for _ in range(args.repeat):
        for name, folder in (("empty", blank), ("full", full)):
            ready, screen, cpu, whole = time_open(folder, config)
            opens[name].append(ready)
            cpus[name].append(cpu)
            wholes[name].append(whole)
            screens.add(screen)
    rows.append((f"open the app to first screen ({'/'.join(sorted(screens))})",
                 median_ms(opens["empty"]), median_ms(opens["full"])))
    rows.append(("  same, CPU time of the process (to its exit)", median_ms(cpus["empty"]),
                 median_ms(cpus["full"])))
    rows.append(("  same, the whole process (to its exit)", median_ms(wholes["empty"]),
                 median_ms(wholes["full"])))
    cold = []
    for _ in range(max(3, args.repeat // 2)):
        (caches(full) / file_name(full / "history.json")).unlink(missing_ok=True)
        cold.append(time_open(full, config)[0])
    rows.append(("  same, without the fast-start copy (rebuilt)", median_ms(opens["empty"]), median_ms(cold)))

    rows += history_rows(blank, full, config, args.repeat)
    print_rows(rows, args.repeat, args.runs)
    print("goals: recording one run at most 5x, opening the app at most 1.2x, the history screen "
          "with insights within 1.3x of an empty history")


if __name__ == "__main__":
    main()
