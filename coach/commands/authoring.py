"""``coach schema`` and ``coach new``: writing exercises."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coach.commands.output import plural, say
from coach.core.paths import Paths

if TYPE_CHECKING:
    from coach.core.library import Library


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from coach.core.kinds import KIND_ORDER as KINDS_FOR_NEW  # light: the parser is built often

    p = sub.add_parser("schema", help="print the JSON Schema of exercise files, for editors",
                       description="Print the JSON Schema (draft 2020-12) of exercise format 1, "
                       "generated from the definitions coach's loader uses.")
    p.add_argument("--pack", action="store_true", help="the schema of a pack's pack.yaml instead")
    p.set_defaults(command=cmd_schema)
    p = sub.add_parser("new", help="write a commented starter exercise to edit",
                       description="Write a short, commented exercise of KIND that is valid "
                       "and runs as it is, into your exercises folder (see 'coach paths'), "
                       "next to a copy of the schema editors use. Never overwrites a file.")
    p.add_argument("kind", choices=KINDS_FOR_NEW, metavar="KIND",
                   help=f"one of {', '.join(KINDS_FOR_NEW)}")
    p.add_argument("id", nargs="?", metavar="ID", help="lowercase letters, digits and dashes "
                   "(default: my-KIND, numbered when taken)")
    p.add_argument("--for-two", action="store_true", help="for partners a and b")
    p.add_argument("--edit", action="store_true",
                   help="open it in $VISUAL or $EDITOR, then check it when the editor closes")
    p.add_argument("--to", type=Path, metavar="PATH",
                   help="a .yaml file or a folder to write to instead of your exercises folder")
    p.set_defaults(command=cmd_new)


def cmd_schema(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.json_schema import dumps, exercise_schema, pack_schema

    sys.stdout.write(dumps(pack_schema() if args.pack else exercise_schema()))
    return 0


def cmd_new(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.context import build_context
    from coach.core.fields import ID_PATTERN
    from coach.core.starters import ALWAYS_FOR_TWO, NEVER_FOR_TWO, starter

    kind: str = args.kind
    if args.for_two and kind in NEVER_FOR_TWO:
        say(f"coach: a {kind} is never for two; leave out --for-two", err=True)
        return 2
    library = build_context(paths).library
    entry_id: str | None = args.id
    if entry_id is not None:
        if not ID_PATTERN.match(entry_id):
            say(f"coach: the id {entry_id!r} must be lowercase letters, digits and dashes, such "
                f"as my-{kind}", err=True)
            return 2
        clash = clash_of(entry_id, library)
        if clash:
            say(f"coach: {clash}; choose another id", err=True)
            return 1
    folder, path = _target(args.to, paths)
    if path is None:
        entry_id = entry_id or _free_id(f"my-{kind}", library, folder)
        path = folder / f"{entry_id}.yaml"
    elif entry_id is None:
        entry_id = path.stem if ID_PATTERN.match(path.stem) else _free_id(f"my-{kind}", library,
                                                                          folder)
        clash = clash_of(entry_id, library)
        if clash:
            say(f"coach: {clash}; give an id: coach new {kind} ID --to {path}", err=True)
            return 1
    if path.suffix not in (".yaml", ".yml"):
        say(f"coach: {path}: an exercise file's name ends in .yaml", err=True)
        return 2
    text = starter(kind, entry_id, for_two=args.for_two or kind in ALWAYS_FOR_TWO,
                   shown_path=str(path))
    problem = write_new(path, text.encode("utf-8"))
    if problem:
        say(f"coach: {problem}", err=True)
        return 1
    say(f"Wrote {path} (id {entry_id}).", err=True)
    if not args.edit:
        say(f"Edit it, then check it with: coach validate --strict {path}", err=True)
        return 0
    if not edit(path):
        return 1
    return check_new(path, library)


def _target(to: Path | None, paths: Paths) -> tuple[Path, Path | None]:
    """(folder, file) to write to: the file is None when only the folder is given."""
    if to is None:
        return paths.exercises_dir, None
    if to.is_dir():
        return to, None
    return to.parent, to


def _free_id(base: str, library: Library, folder: Path) -> str:
    """``base``, or ``base-2``, ``base-3``... the first id neither the library nor a file in
    ``folder`` uses."""
    number = 1
    while True:
        candidate = base if number == 1 else f"{base}-{number}"
        if candidate not in library.entries and not any(
                os.path.lexists(folder / f"{candidate}{s}") for s in (".yaml", ".yml")):
            return candidate
        number += 1


def clash_of(entry_id: str, library: Library, path: Path | None = None) -> str:
    """What already uses ``entry_id`` ('' when nothing, or only the file ``path`` itself)."""
    other = library.entries.get(entry_id)
    if other is None or (path is not None and other.path is not None
                         and os.path.abspath(other.path) == os.path.abspath(path)):
        return ""
    what = "plan" if other.is_plan else "exercise"
    if other.builtin:
        return f"the id '{entry_id}' is already used by the built-in {what} '{other.title}'"
    return f"the id '{entry_id}' is already used by your file {other.path}"


def write_new(path: Path, data: bytes) -> str:
    """Write a new private file (0600) and the schema copy beside it; a sentence when the
    file exists already or cannot be written, else ''."""
    from coach.core.files import atomic_write_bytes, ensure_private_dir
    from coach.core.json_schema import FILE_NAME, dumps, exercise_schema

    try:
        ensure_private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
    except FileExistsError:
        return f"{path} already exists; coach new never overwrites a file (give another id)"
    except OSError as exc:
        return f"cannot write {path}: {exc.strerror or exc}"
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    schema = dumps(exercise_schema()).encode()
    copy = path.parent / FILE_NAME
    try:
        if not copy.is_file() or copy.read_bytes() != schema:
            atomic_write_bytes(copy, schema)
    except OSError:
        pass  # only editors miss it; the file is fine
    return ""


def edit(path: Path) -> bool:
    """Open ``path`` in the user's editor ($VISUAL, else $EDITOR) and wait for it to close.
    The command is split like a shell would and run without one; False when it cannot run."""
    import shlex
    import subprocess

    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ""
    try:
        argv = shlex.split(command)
    except ValueError:
        argv = []
    if not argv:
        say("coach: no editor: set VISUAL or EDITOR (for example: export EDITOR=nano), or "
            f"open {path} yourself", err=True)
        return False
    try:
        done = subprocess.run([*argv, str(path)], check=False)
    except OSError as exc:
        say(f"coach: cannot start the editor {argv[0]!r}: {exc.strerror or exc}", err=True)
        return False
    if done.returncode != 0:
        say(f"The editor ended with status {done.returncode}; checking the file anyway.", err=True)
    return True


def check_new(path: Path, library: Library) -> int:
    """What ``coach validate --strict`` says of the edited file, and an id clash; 1 on any
    problem, risks stay warnings."""
    from coach.core.library import load_paths
    from coach.core.problems import Problem
    from coach.core.risks import find_risks

    loaded = load_paths([path], known=library.entries)
    problems = list(loaded.problems)
    for entry in loaded.entries.values():
        clash = clash_of(entry.id, library, path)
        if clash:
            problems.append(Problem(str(path), *_id_line(path), clash))
    risks = [r for e in loaded.entries.values() for r in find_risks(e)]
    for problem in problems:
        say(str(problem))
    for risk in risks:
        say(str(risk))
    if problems:
        say(f"{plural(len(problems), 'problem')} in {path}; coach skips the file until they "
            f"are fixed (coach validate {path} checks it again).", err=True)
        return 1
    more = f", with {plural(len(risks), 'risk')} to weigh" if risks else ""
    say(f"{path} is valid{more}. Open coach to try it.", err=True)
    return 0


def _id_line(path: Path) -> tuple[int, int]:
    """Where the file's ``id:`` value is (line, column), else 1, 1."""
    import re

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1, 1
    for number, line in enumerate(lines, start=1):
        found = re.match(r"^id:\s*", line)
        if found:
            return number, found.end() + 1
    return 1, 1
