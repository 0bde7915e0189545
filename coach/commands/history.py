"""``coach suggest``, ``coach history``, ``coach export``, ``coach forget`` and ``coach nudge``.

Imports happen inside the handlers: ``coach nudge`` runs from shell start-up files and must
load neither Textual nor TinyDB.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.core.paths import Paths

if TYPE_CHECKING:
    from coach.core.history.store import HistoryStore, Loaded


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from coach.core.model import CONTEXTS

    p = sub.add_parser("suggest", help="what to practise next, each with a reason")
    p.add_argument("--context", choices=CONTEXTS, metavar="NAME",
                   help=f"the situation: {', '.join(CONTEXTS)}")
    p.add_argument("-n", "--limit", type=int, default=5, help="how many (default 5)")
    p.set_defaults(func=cmd_suggest)
    p = sub.add_parser("history", help="print your practice history")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(func=cmd_history)
    p = sub.add_parser("export", help="write your history to a new file (.csv for CSV, else JSON)")
    p.add_argument("path", type=Path)
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("forget", help="delete your history, its backups, lock and temp files")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_forget)
    p = sub.add_parser("nudge", help="one short line for a shell start-up file; silent once "
                       "today's practice is done")
    p.set_defaults(func=cmd_nudge)


def _store(paths: Paths) -> HistoryStore:
    from coach.core.history.store import HistoryStore

    return HistoryStore(paths.data_dir, paths.cache_dir)


def _load(paths: Paths) -> Loaded:
    loaded = _store(paths).load()
    for notice in loaded.notices:
        print(notice, file=sys.stderr)
    return loaded


def cmd_suggest(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.clock import SystemClock
    from coach.core.library import load_library
    from coach.core.model import format_duration
    from coach.core.suggest import suggest

    library = load_library(user=paths.exercises_dir)
    runs = _load(paths).runs
    for s in suggest(library, runs, SystemClock().now(), args.context)[: max(1, args.limit)]:
        entry = library.entries[s.entry_id]
        print(f"{entry.title} ({format_duration(entry.seconds)}): {s.reason}.  coach run {entry.id}")
    return 0


def cmd_nudge(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.clock import SystemClock
    from coach.core.history.stats import practised_today

    now = SystemClock().now()
    runs = _load(paths).runs
    if practised_today(runs, now):
        return 0
    from coach.core.library import load_library
    from coach.core.model import format_duration
    from coach.core.suggest import suggest

    library = load_library(user=paths.exercises_dir)
    best = suggest(library, runs, now)
    if best:
        entry = library.entries[best[0].entry_id]
        print(f"coach: {entry.title}, {format_duration(entry.seconds)}. {best[0].reason}. "
              f"(coach run {entry.id})")
    return 0


def _records(paths: Paths) -> list[dict[str, Any]]:
    store = _store(paths)
    loaded = store.load()  # reports and moves aside a broken file first
    for notice in loaded.notices:
        print(notice, file=sys.stderr)
    return store.records()


def cmd_history(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.history.export import csv_text, json_text, rows

    records = _records(paths)
    if args.format == "json":
        sys.stdout.write(json_text(records))
        return 0
    if args.format == "csv":
        sys.stdout.write(csv_text(records))
        return 0
    if not records:
        print("No practice stored yet. 'coach suggest' has ideas for a first one.")
        return 0
    from datetime import datetime

    for row in rows(records):
        try:
            when = datetime.fromisoformat(str(row["started_at"])).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = str(row["started_at"])[:16]
        minutes = float(row["active_seconds"] or 0) / 60
        status = "done" if row["completed"] else "stopped early"
        extra = f"  {row['feelings']}" if row["feelings"] else ""
        print(f"{when}  {str(row['title'])[:32]:<32} {minutes:5.1f} min  {status:<13}{extra}")
    done = sum(1 for r in records if r.get("completed"))
    print(f"{len(records)} run(s), {done} completed.")
    return 0


def cmd_export(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.history.export import csv_text, json_text, write_new_file

    dest: Path = args.path.expanduser()
    records = _records(paths)
    text = csv_text(records) if dest.suffix.lower() == ".csv" else json_text(records)
    try:
        write_new_file(dest, text.encode("utf-8"))
    except FileExistsError:
        print(f"coach: {dest} already exists; choose a new file name (nothing was overwritten).",
              file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"coach: could not write {dest}: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    print(f"Exported {len(records)} run(s) to {dest} (readable only by you).")
    return 0


def cmd_forget(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.cache import cache_files
    from coach.core.history.store import HistoryError

    store = _store(paths)
    # the start-up cache holds a copy of the settings, partner names included
    history = store.files()
    caches = [cache for cache in cache_files(paths) if cache not in history]
    files = history + caches
    if not files:
        print(f"There is no history to forget in {paths.data_dir}.")
        return 0
    print("This deletes your practice history for good:")
    for path in files:
        print(f"  {path}")
    if not args.yes:
        print("Type yes to delete them: ", end="", flush=True)
        answer = sys.stdin.readline().strip().lower()
        if answer != "yes":
            print("Nothing was deleted.")
            return 1
    try:
        deleted = store.forget()
        for cache in caches:
            cache.unlink(missing_ok=True)
            deleted.append(cache)
    except (HistoryError, OSError) as exc:
        message = exc.message if isinstance(exc, HistoryError) else f"{exc.strerror or exc}"
        print(f"coach: {message}", file=sys.stderr)
        return 1
    for path in deleted:
        print(f"Deleted {path}")
    print(f"Deleted {len(deleted)} file(s); your history is forgotten.")
    return 0
