"""``coach list``, ``coach validate`` and ``coach paths``."""

from __future__ import annotations

import argparse
from pathlib import Path

from coach.commands.output import plural, say
from coach.core.paths import Paths


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("list", help="print the library: id, kind, duration, participants")
    p.set_defaults(command=cmd_list)
    p = sub.add_parser("validate", help="check exercise files or folders; exit 1 on any problem")
    p.add_argument("paths", nargs="*", type=Path,
                   help="files or folders (default: the built-in library and your own folder)")
    p.set_defaults(command=cmd_validate)
    p = sub.add_parser("paths", help="print where coach keeps settings, history and exercises")
    p.set_defaults(command=cmd_paths)


def cmd_list(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.context import build_context
    from coach.core.model import for_whom, format_duration

    library = build_context(paths).library
    rows = [("ID", "KIND", "LENGTH", "FOR", "TITLE")]
    rows += [(e.id, e.kind, format_duration(e.seconds), for_whom(e.participants), e.title)
             for e in library.entries.values()]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        say("  ".join([*(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)), row[4]]))
    if library.problems:
        say(library.skipped_message(), err=True)
    return 0


def cmd_validate(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.library import builtin_dir, load_library, load_paths

    targets: list[Path] = args.paths
    missing = [p for p in targets if not p.exists() and not p.is_symlink()]
    for p in missing:
        say(f"coach: {p}: no such file or folder", err=True)
    if targets and len(missing) == len(targets):
        return 1
    if targets:
        installed = load_library(builtin_dir(), paths.exercises_dir).entries
        library = load_paths((p for p in targets if p not in missing), known=installed)
    else:
        library = load_library(builtin_dir(), paths.exercises_dir)
    for problem in library.problems:
        say(str(problem))
    count = plural(len(library.entries), "exercise or plan", "exercises and plans")
    if library.problems or missing:
        files = plural(len(library.skipped_files), "file")
        say(f"{plural(len(library.problems), 'problem')} in {files}; {count} loaded fine.", err=True)
        return 1
    say(f"{count} valid.", err=True)
    return 0


def cmd_paths(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.library import builtin_dir

    say(f"settings:   {paths.settings_file}")
    say(f"exercises:  {paths.exercises_dir}")
    say(f"themes:     {paths.themes_dir}")
    say(f"history:    {paths.history_file}")
    say(f"caches:     {paths.cache_dir}")
    say(f"built-ins:  {builtin_dir()}")
    return 0
