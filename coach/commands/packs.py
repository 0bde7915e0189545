"""``coach pack install|list|remove|export``: exercise packs, from local paths only."""

from __future__ import annotations

import argparse
from pathlib import Path

from coach.commands.output import plural, say
from coach.core.paths import Paths


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pack = sub.add_parser("pack", help="install, list, remove or export exercise packs",
                          description="Exercise packs: a folder (or a .zip of one) holding "
                          "pack.yaml and exercise files. coach never downloads: give it a "
                          "local path.")
    pack.set_defaults(command=lambda args, paths: _usage(pack))
    packs = pack.add_subparsers(title="pack commands", metavar="ACTION")
    p = packs.add_parser("install", help="check a pack folder or .zip, then install all of it")
    p.add_argument("path", type=Path, help="a pack folder, or a .zip of one")
    p.add_argument("--replace", action="store_true",
                   help="replace an installed pack of the same name")
    p.set_defaults(command=cmd_install)
    p = packs.add_parser("list", help="the installed packs and those of Python packages")
    p.set_defaults(command=cmd_list)
    p = packs.add_parser("remove", help="remove an installed pack (its history stays)")
    p.add_argument("name", help="the pack's name (see 'coach pack list')")
    p.set_defaults(command=cmd_remove)
    p = packs.add_parser("export", help="write your own exercises as a pack in a new folder")
    p.add_argument("dir", type=Path, help="the new folder")
    p.add_argument("--name", help="the pack's name (default: the folder's name)")
    p.add_argument("--version", default="1.0.0", help="default 1.0.0")
    p.add_argument("--author", default="unknown", help="who wrote it (default: unknown)")
    p.add_argument("--licence", default="all rights reserved",
                   help="for example CC-BY-4.0 (default: all rights reserved)")
    p.add_argument("--description", default="", help="one line about the pack")
    p.set_defaults(command=cmd_export)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def cmd_install(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.context import build_context
    from coach.core.pack_install import PackError, check_pack, install_pack

    source: Path = args.path
    if not source.exists() and not source.is_symlink():
        say(f"coach: {source}: no such file or folder (coach installs packs from local paths "
            "only)", err=True)
        return 1
    library = build_context(paths).library
    checked = check_pack(source, library)
    for problem in checked.problems:
        say(str(problem))
    if not checked.ok:
        files = plural(len({p.path for p in checked.problems}), "file")
        say(f"{plural(len(checked.problems), 'problem')} in {files}; nothing was installed.",
            err=True)
        return 1
    for risk in checked.risks:
        say(str(risk))
    try:
        pack = install_pack(checked, paths, library, replace=args.replace)
    except PackError as err:
        say(f"coach: {err}", err=True)
        return 1
    entries = sorted(checked.library.entries)
    say(f"Installed {pack.name} {pack.version} by {pack.author} ({pack.licence}): "
        f"{plural(len(entries), 'exercise or plan', 'exercises and plans')}.", err=True)
    if checked.risks:
        say(f"Read the {plural(len(checked.risks), 'risk')} above before you practise.", err=True)
    if checked.files.ignored:
        say(f"Left out (not exercise files): {', '.join(sorted(checked.files.ignored))}.",
            err=True)
    say(f"Start one with: coach run {entries[0]}", err=True)
    return 0


def cmd_list(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.context import build_context

    library = build_context(paths).library
    if not library.packs:
        say("No packs. 'coach pack install PATH' installs one (a folder or a .zip).", err=True)
    else:
        rows = [("NAME", "VERSION", "ENTRIES", "FROM", "BY")]
        for pack in sorted(library.packs.values(), key=lambda p: p.name):
            where = "installed" if pack.installed else pack.origin
            rows.append((pack.name, pack.version, str(len(library.pack_entries(pack.name))),
                         where, f"{pack.author} ({pack.licence})"))
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        for row in rows:
            say("  ".join([*(c.ljust(w) for c, w in zip(row[:4], widths, strict=True)), row[4]]))
    from coach.core.library import builtin_dir

    own = (str(builtin_dir()), str(paths.exercises_dir))
    for problem in library.problems:
        if not problem.path.startswith(own):  # a pack's
            say(str(problem), err=True)
    return 0


def cmd_remove(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.context import build_context
    from coach.core.pack_install import PackError, remove_pack

    library = build_context(paths).library
    count = len(library.pack_entries(args.name)) if args.name in library.packs else 0
    try:
        remove_pack(args.name, paths, library)
    except PackError as err:
        say(f"coach: {err}", err=True)
        return 1
    what = f" ({plural(count, 'exercise or plan', 'exercises and plans')})" if count else ""
    say(f"Removed the pack {args.name}{what}. Its runs stay in your history, and come back "
        "together with it if you install it again.", err=True)
    return 0


def cmd_export(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.context import build_context
    from coach.core.fields import ID_PATTERN
    from coach.core.pack_install import PackError, export_pack

    dest: Path = args.dir
    name = args.name or (dest.name if ID_PATTERN.match(dest.name) else "my-exercises")
    library = build_context(paths).library
    try:
        result = export_pack(paths, dest, library, name=name, version=args.version,
                             author=args.author, licence=args.licence,
                             description=args.description)
    except PackError as err:
        say(f"coach: {err}", err=True)
        return 1
    if isinstance(result, list):
        for problem in result:
            say(str(problem))
        say(f"{plural(len(result), 'problem')} in your exercise files; nothing was exported "
            "('coach validate' shows them too).", err=True)
        return 1
    say(f"Wrote the pack {result.pack.name} {result.pack.version} to {result.folder}: "
        f"{plural(len(result.files), 'file')} ({', '.join(result.files)}).", err=True)
    if args.author == "unknown" or args.licence == "all rights reserved":
        say(f"Before sharing it, name yourself and a licence in {result.folder / 'pack.yaml'}.",
            err=True)
    say(f"Install it with: coach pack install {result.folder}", err=True)
    return 0
