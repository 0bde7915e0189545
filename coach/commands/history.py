"""``coach history``, ``coach export`` and ``coach forget``: your practice, yours to read, keep
or delete."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.commands.output import plural, say
from coach.core.paths import Paths

if TYPE_CHECKING:
    from coach.core.history.store import HistoryStore
    from coach.core.library import Library


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("history", help="print your practice history")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--notes", action="store_true",
                   help="with the table: each run's notes, under the question that asked them")
    p.set_defaults(command=cmd_history)
    p = sub.add_parser("export", help="write your history to a new file (.csv for CSV, else JSON)")
    p.add_argument("path", type=Path)
    p.set_defaults(command=cmd_export)
    p = sub.add_parser("forget", help="delete your history, its backups and coach's caches")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(command=cmd_forget)


def _store(paths: Paths) -> HistoryStore:
    from coach.core.history.store import HistoryStore

    return HistoryStore(paths.data_dir, paths.cache_dir)


def _records(paths: Paths) -> list[dict[str, Any]]:
    """The stored records, oldest first; what was wrong with the file is said on stderr."""
    store = _store(paths)
    for notice in store.load().notices:  # reports (and moves aside) a damaged file first
        say(notice, err=True)
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
        say("No practice stored yet. 'coach suggest' has ideas for a first one.")
        return 0
    from datetime import datetime

    from coach.core.insights import status
    from coach.core.runs import RunResult

    library = _library(paths) if args.notes else None
    say(f"{'WHEN':<16}  {'EXERCISE':<32} {'TIME':>9}  {'HOW':<13}  FEELINGS")
    for record, row in zip(records, rows(records), strict=True):
        run = RunResult.from_record(record)  # records() gives only records that read
        try:
            when = datetime.fromisoformat(str(row["started_at"])).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = str(row["started_at"])[:16]
        minutes = float(row["active_seconds"] or 0) / 60
        how = status(run)
        say(f"{when:<16}  {str(row['title'])[:32]:<32} {minutes:5.1f} min  {how:<13}  {row['feelings']}"
            .rstrip())
        if library is not None:
            from coach.core.sessions import notes_back

            for note in notes_back(run, library):
                say(f"    {note.heading}")
                say(f"      {note.text}")
    done = sum(1 for r in records if r.get("completed"))
    say(f"{plural(len(records), 'run')}, {done} completed.")
    return 0


def _library(paths: Paths) -> Library:
    """The exercises, to name the questions notes answered (problems are said elsewhere)."""
    from coach.core.context import build_context

    return build_context(paths).library


def cmd_export(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.history.export import csv_text, json_text, write_new_file

    dest: Path = args.path.expanduser()
    records = _records(paths)
    text = csv_text(records) if dest.suffix.lower() == ".csv" else json_text(records)
    try:
        write_new_file(dest, text.encode("utf-8"))
    except FileExistsError:
        say(f"coach: {dest} already exists; choose a new file name (nothing was overwritten).", err=True)
        return 1
    except OSError as exc:
        say(f"coach: could not write {dest}: {exc.strerror or exc}.", err=True)
        return 1
    say(f"Exported {plural(len(records), 'run')} to {dest} (readable only by you).")
    return 0


def cmd_forget(args: argparse.Namespace, paths: Paths) -> int:
    """Delete the history, its backups and the caches; then offer to remove the partner names
    kept in the settings (a second question, default no; --yes removes them too)."""
    from coach.core.cache import cache_files
    from coach.core.history.store import HistoryError

    store = _store(paths)
    history = store.files()
    # the start-up cache holds a copy of the settings, partner names included
    caches = [cache for cache in cache_files(paths) if cache not in history]
    files = history + caches
    names = _has_partner_names(paths)
    if not files and not names:
        say(f"There is no history to forget in {paths.data_dir}.")
        return 0
    declined = False
    if files:
        say("This deletes your practice history for good:")
        for path in files:
            say(f"  {path}")
        if args.yes or _ask("Type yes to delete them: ") == "yes":
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
            say(f"Deleted {plural(len(deleted), 'file')}; your history is forgotten.")
        else:
            say("Nothing was deleted.")
            declined = True
    else:
        say(f"There is no history to forget in {paths.data_dir}.")
    if names:
        if not args.yes and _ask("Also remove the two partner names kept in your settings? "
                                 "[y/N] ") not in ("y", "yes"):
            say("The partner names were kept.")
            return 1 if declined else 0
        message = _remove_partner_names(paths)
        if message:
            say(f"coach: {message}", err=True)
            return 1
        say(f"Removed the partner names from {paths.settings_file}.")
    return 1 if declined else 0


def _ask(question: str) -> str:
    say(question, end="")
    return sys.stdin.readline().strip().lower()


def _has_partner_names(paths: Paths) -> bool:
    from coach.core.settings import load_settings

    settings, _problems = load_settings(paths.settings_file)
    return bool(settings.partner_a or settings.partner_b)


def _remove_partner_names(paths: Paths) -> str:
    """Clear both names in the settings file and delete the caches (the start-up cache keeps a
    copy of the settings); returns a sentence when that failed, else ''."""
    import dataclasses

    from coach.core.cache import clear
    from coach.core.settings import load_settings, save_settings

    settings, _problems = load_settings(paths.settings_file)
    try:
        moved = save_settings(paths.settings_file,
                              dataclasses.replace(settings, partner_a="", partner_b=""))
        if moved is not None:  # a broken file set aside may still hold the names
            moved.unlink()
        clear(paths)
    except OSError as exc:
        return f"could not change {paths.settings_file}: {exc.strerror or exc}."
    return ""
