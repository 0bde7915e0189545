"""``coach list``, ``coach validate`` and ``coach paths``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    from coach.core.model import format_duration

    library = build_context(paths).library
    rows = [(e.id, e.kind, format_duration(e.seconds),
             "2 people" if e.participants == 2 else "1 person", e.title)
            for e in library.entries.values()]
    widths = [max((len(r[i]) for r in rows), default=0) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)), row[4])
    if library.problems:
        print(library.skipped_message(), file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.library import builtin_dir, load_library, load_paths

    targets: list[Path] = args.paths
    if targets:
        missing = [p for p in targets if not p.exists()]
        for p in missing:
            print(f"{p}: no such file or folder", file=sys.stderr)
        installed = load_library(builtin_dir(), paths.exercises_dir).entries
        library = load_paths((p for p in targets if p.exists()), known=installed)
        failed = bool(missing)
    else:
        library = load_library(builtin_dir(), paths.exercises_dir)
        failed = False
    for problem in library.problems:
        print(problem)
    count = len(library.entries)
    if library.problems or failed:
        files = len(library.skipped_files)
        print(f"{len(library.problems)} problem(s) in {files} file(s); "
              f"{count} loaded fine.", file=sys.stderr)
        return 1
    print(f"{count} exercise(s) and plan(s) valid.", file=sys.stderr)
    return 0


def cmd_paths(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.library import builtin_dir

    print(f"settings:   {paths.settings_file}")
    print(f"exercises:  {paths.exercises_dir}")
    print(f"themes:     {paths.themes_dir}")
    print(f"history:    {paths.history_file}")
    print(f"built-ins:  {builtin_dir()}")
    return 0
