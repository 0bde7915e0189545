"""``coach history``, ``coach export`` and ``coach forget``: your practice, yours to keep or
delete."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.commands.output import say
from coach.core.paths import Paths

if TYPE_CHECKING:
    from coach.core.history.store import HistoryStore, Loaded

CSV_FIELDS = ("id", "exercise_id", "title", "kind", "started_at", "ended_at", "active_seconds",
              "steps_done", "steps_total", "completed", "feelings", "ratings", "note", "partners",
              "plan_id", "content_hash")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("history", help="print your practice history")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(command=cmd_history)
    p = sub.add_parser("export", help="write your history to a new file (.csv for CSV, else JSON)")
    p.add_argument("path", type=Path)
    p.set_defaults(command=cmd_export)
    p = sub.add_parser("forget", help="delete your history, its backups, lock and temp files")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(command=cmd_forget)


def _store(paths: Paths) -> HistoryStore:
    from coach.core.history.store import HistoryStore

    return HistoryStore(paths.data_dir)


def _load(paths: Paths) -> Loaded:
    loaded = _store(paths).load()
    for notice in loaded.notices:
        say(notice, err=True)
    return loaded


def _rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records flattened for CSV and tables."""
    rows = []
    for rec in records:
        row = {k: rec.get(k) for k in CSV_FIELDS}
        row["steps_done"] = len(rec.get("steps_done") or [])
        row["feelings"] = "; ".join(
            f"{f.get('word')}" + (f" {f['intensity']}" if f.get("intensity") is not None else "")
            for f in rec.get("feelings") or [])
        row["ratings"] = "; ".join(f"{r.get('measure')} {r.get('value')}" for r in rec.get("ratings") or [])
        row["partners"] = " & ".join(rec.get("partners") or [])
        rows.append(row)
    return rows


def _csv_text(records: list[dict[str, Any]]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_rows(records))
    return out.getvalue()


def _json_text(records: list[dict[str, Any]]) -> str:
    import json

    from coach.core.history.store import SCHEMA_VERSION

    return json.dumps({"format": "coach-history", "schema": SCHEMA_VERSION, "runs": records},
                      ensure_ascii=False, indent=1) + "\n"


def _records(paths: Paths) -> list[dict[str, Any]]:
    store = _store(paths)
    loaded = store.load()  # reports and moves aside a broken file first
    for notice in loaded.notices:
        say(notice, err=True)
    records = store.raw_records()
    records.sort(key=lambda r: (str(r.get("started_at", "")), r["id"]))
    return records


def cmd_history(args: argparse.Namespace, paths: Paths) -> int:
    records = _records(paths)
    if args.format == "json":
        sys.stdout.write(_json_text(records))
        return 0
    if args.format == "csv":
        sys.stdout.write(_csv_text(records))
        return 0
    if not records:
        say("No practice stored yet. 'coach suggest' has ideas for a first one.")
        return 0
    from datetime import datetime

    for row in _rows(records):
        try:
            when = datetime.fromisoformat(str(row["started_at"])).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = str(row["started_at"])[:16]
        minutes = float(row["active_seconds"] or 0) / 60
        status = "done" if row["completed"] else "stopped early"
        extra = f"  {row['feelings']}" if row["feelings"] else ""
        say(f"{when}  {str(row['title'])[:32]:<32} {minutes:5.1f} min  {status:<13}{extra}")
    done = sum(1 for r in records if r.get("completed"))
    say(f"{len(records)} run(s), {done} completed.")
    return 0


def cmd_export(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.history.export import write_new_file

    dest: Path = args.path.expanduser()
    records = _records(paths)
    text = _csv_text(records) if dest.suffix.lower() == ".csv" else _json_text(records)
    try:
        write_new_file(dest, text.encode("utf-8"))
    except FileExistsError:
        say(f"coach: {dest} already exists; choose a new file name (nothing was overwritten).",
              err=True)
        return 1
    except OSError as exc:
        say(f"coach: could not write {dest}: {exc.strerror or exc}.", err=True)
        return 1
    say(f"Exported {len(records)} run(s) to {dest} (readable only by you).")
    return 0


def cmd_forget(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.history.store import HistoryError
    from coach.core.startup import cache_files

    store = _store(paths)
    # the start-up cache holds a copy of the settings, partner names included
    caches = [cache for cache in cache_files(paths) if cache.exists()]
    files = store.files() + caches
    if not files:
        say(f"There is no history to forget in {paths.data_dir}.")
        return 0
    say("This deletes your practice history for good:")
    for path in files:
        say(f"  {path}")
    if not args.yes:
        say("Type yes to delete them: ", end="")
        answer = sys.stdin.readline().strip().lower()
        if answer != "yes":
            say("Nothing was deleted.")
            return 1
    try:
        deleted = store.forget()
        for cache in caches:
            cache.unlink(missing_ok=True)
            deleted.append(cache)
    except (HistoryError, OSError) as exc:
        message = exc.message if isinstance(exc, HistoryError) else f"{exc.strerror or exc}"
        say(f"coach: {message}", err=True)
        return 1
    for path in deleted:
        say(f"Deleted {path}")
    say(f"Deleted {len(deleted)} file(s); your history is forgotten.")
    return 0
