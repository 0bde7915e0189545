"""``coach list``, ``coach validate`` and ``coach paths``."""

from __future__ import annotations

import argparse
from pathlib import Path

from coach.commands.output import plural, say
from coach.core.paths import Paths


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("list", help="print the library: id, kind, duration, participants")
    p.set_defaults(command=cmd_list)
    p = sub.add_parser("validate", help="check exercise files, folders or packs; exit 1 on any problem",
                       description="Check exercise files, folders and packs (a folder with "
                       "pack.yaml, or a .zip of one). Risks (long breath holds, fast breathing, "
                       "no caution for two, no break in a conflict script, no findable source) "
                       "are warnings, or problems with --strict.")
    p.add_argument("paths", nargs="*", type=Path,
                   help="files, folders or packs (default: the built-in library, your own "
                   "folder and your packs)")
    p.add_argument("--strict", action="store_true",
                   help="risks are problems too: exit 1 on any (for pre-commit and CI)")
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
    from coach.core.library import Library, builtin_dir, load_library, load_paths
    from coach.core.packs import pack_sources
    from coach.core.risks import Risk, find_risks

    targets: list[Path] = args.paths
    missing = [p for p in targets if not p.exists() and not p.is_symlink()]
    for p in missing:
        say(f"coach: {p}: no such file or folder", err=True)
    if targets and len(missing) == len(targets):
        return 1
    library = Library()
    risks: list[Risk] = []
    if targets:
        from coach.core.pack_install import check_pack

        installed = load_library(builtin_dir(), paths.exercises_dir, pack_sources(paths))
        zips = [p for p in targets if p not in missing and p.suffix.lower() == ".zip"
                and not p.is_dir()]
        for zipped in zips:
            checked = check_pack(zipped, installed)
            library.entries.update(checked.library.entries)
            library.problems += checked.problems
            risks += checked.risks
        rest = [p for p in targets if p not in missing and p not in zips]
        if rest:
            loaded = load_paths(rest, known=installed.entries)
            library.entries.update(loaded.entries)
            library.problems += loaded.problems
            risks += (r for e in loaded.entries.values() for r in find_risks(e))
    else:
        library = load_library(builtin_dir(), paths.exercises_dir, pack_sources(paths))
        risks = [r for e in library.entries.values() for r in find_risks(e)]
    for problem in library.problems:
        say(str(problem))
    for risk in sorted(risks):
        say(str(risk))
    count = plural(len(library.entries), "exercise or plan", "exercises and plans")
    failed = library.problems or missing or (args.strict and risks)
    if failed:
        found = len(library.problems) + (len(risks) if args.strict else 0)
        files = plural(len({p.path for p in library.problems}
                           | ({r.path for r in risks} if args.strict else set())), "file")
        say(f"{plural(found, 'problem')} in {files}; "
            f"{count} loaded{' fine' if not args.strict else ''}.", err=True)
        return 1
    if risks:
        say(f"{count} valid, with {plural(len(risks), 'risk')} to weigh (warnings; --strict "
            "makes them problems).", err=True)
        return 0
    say(f"{count} valid{' (strict: no risks)' if args.strict else ''}.", err=True)
    return 0


def cmd_paths(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.library import builtin_dir

    say(f"settings:   {paths.settings_file}")
    say(f"exercises:  {paths.exercises_dir}")
    say(f"packs:      {paths.packs_dir}")
    say(f"themes:     {paths.themes_dir}")
    say(f"history:    {paths.history_file}")
    say(f"caches:     {paths.cache_dir}")
    say(f"built-ins:  {builtin_dir()}")
    return 0
