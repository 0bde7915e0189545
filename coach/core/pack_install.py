"""Installing, removing and exporting packs: checked first, all or nothing, private.

``coach pack install`` reads the pack into memory (:mod:`coach.core.pack_files`), loads every
file with the strict reader (the schema's rules, the plain-text rule, links, plans) and only
when nothing at all is wrong writes it: into a hidden staging folder first (0700, files 0600,
each synced), then renamed into place in one step, so a pack is either wholly installed or not
at all. Packs come from local paths only: coach never downloads anything.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from coach.core.fields import ID_PATTERN, PACK_FORMAT, VERSION_PATTERN
from coach.core.files import atomic_write_bytes, ensure_private_dir, fsync_dir, read_regular
from coach.core.library import Library, load_pack, load_paths, yaml_files
from coach.core.pack_files import SAFE_NAME, PackFiles, read_pack
from coach.core.packs import PACK_FILE, Pack, pack_of, parse_pack_meta
from coach.core.paths import Paths
from coach.core.problems import Problem
from coach.core.risks import Risk, find_risks
from coach.core.text import unsafe_char
from coach.core.yamlnodes import MAX_FILE_BYTES

_LEFTOVERS = (".staging-", ".old-", ".removing-")
PACK_SCHEMA_FILE = ".coach-pack.schema.json"


class PackError(Exception):
    """Something the user must do differently; ``str()`` is one sentence to show."""


@dataclass
class Checked:
    """A pack read and loaded on its own, not yet installed."""

    files: PackFiles
    library: Library
    pack: Pack | None
    risks: list[Risk] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return self.library.problems

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.problems


def check_pack(source: Path, installed: Library | None = None) -> Checked:
    """Read the pack at ``source`` (a folder or a zip) and load every file of it; its plans
    may name exercises of ``installed`` (other than an older copy of the same pack)."""
    files = read_pack(source)
    name = None
    if files.meta is not None:
        meta, _ = parse_pack_meta(files.meta, files.shown(PACK_FILE))
        name = meta.name if meta else None
    known = {i: e for i, e in (installed.entries if installed else {}).items()
             if name is None or pack_of(i) != name}
    library, pack = load_pack(files, known)
    risks: list[Risk] = []
    if pack is not None:
        for entry in library.entries.values():
            data = files.exercises.get(Path(str(entry.path)).name)
            risks += find_risks(entry, data)
    return Checked(files, library, pack, sorted(risks))


@contextlib.contextmanager
def _locked(packs_dir: Path) -> Iterator[None]:
    """One install or removal at a time; leftovers of an interrupted one are cleared."""
    from filelock import FileLock

    ensure_private_dir(packs_dir)
    with FileLock(str(packs_dir / ".lock"), mode=0o600):
        with contextlib.suppress(OSError), os.scandir(packs_dir) as listing:
            stale = [packs_dir / e.name for e in listing if e.name.startswith(_LEFTOVERS)]
        for path in stale:
            shutil.rmtree(path, ignore_errors=True)
        yield


def install_pack(checked: Checked, paths: Paths, installed: Library, *,
                 replace: bool = False) -> Pack:
    """Write a checked pack into :attr:`Paths.packs_dir` (see the module docstring).
    Raises :class:`PackError` when it cannot or must not be installed; nothing is written."""
    pack = checked.pack
    if pack is None or not checked.ok:
        raise PackError("the pack has problems; nothing was installed")
    there = installed.packs.get(pack.name)
    if there is not None and not there.installed:
        raise PackError(f"a pack called '{pack.name}' comes from the {there.origin}; coach "
                        "cannot install another pack with that name")
    target = paths.packs_dir / pack.name
    if os.path.lexists(target) and not replace:
        version = f" (version {there.version})" if there else ""
        raise PackError(f"a pack called '{pack.name}' is already installed{version}; add "
                        f"--replace to replace it, or run 'coach pack remove {pack.name}' first")
    try:
        with _locked(paths.packs_dir):
            staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=paths.packs_dir))
            try:
                _write_files(staging, checked.files)
                _move_into_place(staging, target)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            fsync_dir(paths.packs_dir)
    except OSError as exc:
        raise PackError(f"could not install the pack in {paths.packs_dir}: "
                        f"{exc.strerror or exc}; nothing was installed") from None
    return pack


def _write_files(folder: Path, files: PackFiles) -> None:
    assert files.meta is not None
    for name, data in [(PACK_FILE, files.meta), *sorted(files.exercises.items())]:
        fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                     | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(folder / name, 0o600)
    fsync_dir(folder)


def _move_into_place(staging: Path, target: Path) -> None:
    """Rename ``staging`` to ``target``; an existing ``target`` is swapped out first and put
    back if the rename fails."""
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".old-{target.name}-", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def remove_pack(name: str, paths: Paths, installed: Library) -> Pack | None:
    """Delete the installed pack ``name`` (its history stays). Returns what it was, when it
    could be read. Raises :class:`PackError` when there is no such installed pack."""
    target = paths.packs_dir / name
    if not ID_PATTERN.match(name) or not os.path.lexists(target):
        there = installed.packs.get(name) if ID_PATTERN.match(name) else None
        if there is not None and not there.installed:
            raise PackError(f"the pack '{name}' comes from the {there.origin}; remove that "
                            "package with pip (pip uninstall) to remove the pack")
        names = sorted(p.name for p in installed.packs.values() if p.installed)
        listed = f" (installed: {', '.join(names)})" if names else " (none is installed)"
        raise PackError(f"no pack called '{name}' is installed{listed}")
    try:
        with _locked(paths.packs_dir):
            if target.is_symlink():
                target.unlink()
            else:
                gone = Path(tempfile.mkdtemp(prefix=".removing-", dir=paths.packs_dir))
                os.rmdir(gone)
                os.rename(target, gone)
                shutil.rmtree(gone, ignore_errors=True)
            fsync_dir(paths.packs_dir)
    except OSError as exc:
        raise PackError(f"could not remove {target}: {exc.strerror or exc}") from None
    return installed.packs.get(name)


# -- export ---------------------------------------------------------------------------------------
@dataclass
class Exported:
    pack: Pack
    files: list[str]
    folder: Path


def export_pack(paths: Paths, dest: Path, installed: Library, *, name: str, version: str,
                author: str, licence: str, description: str = "") -> Exported | list[Problem]:
    """Write the user's own exercises (:attr:`Paths.exercises_dir`) as a pack in the new folder
    ``dest``. Returns the problems of the user's files instead when any has one (nothing is
    written); raises :class:`PackError` for a wrong name, version or folder."""
    _check_meta(name, version, author, licence, description)
    sources = yaml_files(paths.exercises_dir)
    if not sources:
        raise PackError(f"there are no exercise files of your own in {paths.exercises_dir} "
                        "('coach new' writes one)")
    known = {i: e for i, e in installed.entries.items() if e.builtin or pack_of(i)}
    mine = load_paths([paths.exercises_dir], known=known)
    if mine.problems:
        return mine.problems
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise PackError(f"{dest} already exists and is not an empty folder; choose a new one")
    from coach.core.json_schema import FILE_NAME, dumps, exercise_schema, pack_schema

    names: list[str] = []
    try:
        ensure_private_dir(dest)
        for entry in mine.entries.values():
            assert entry.path is not None
            file_name = entry.path.name if SAFE_NAME.match(entry.path.name) else f"{entry.id}.yaml"
            atomic_write_bytes(dest / file_name, read_regular(entry.path, MAX_FILE_BYTES))
            names.append(file_name)
        atomic_write_bytes(dest / FILE_NAME, dumps(exercise_schema()).encode())
        atomic_write_bytes(dest / PACK_SCHEMA_FILE, dumps(pack_schema()).encode())
        atomic_write_bytes(dest / PACK_FILE, pack_yaml(name, version, author, licence,
                                                      description).encode())
    except OSError as exc:
        raise PackError(f"could not write the pack to {dest}: {exc.strerror or exc}") from None
    checked = check_pack(dest, installed)
    if checked.pack is None or not checked.ok:
        return checked.problems
    return Exported(checked.pack, sorted(names), dest)


def _check_meta(name: str, version: str, author: str, licence: str, description: str) -> None:
    if not ID_PATTERN.match(name) or len(name) > 40:
        raise PackError(f"the pack's name {name!r} must be lowercase letters, digits and dashes "
                        "(at most 40), such as my-exercises")
    if not VERSION_PATTERN.match(version):
        raise PackError(f"the version {version!r} must be such as 1.0 or 1.2.3")
    for label, text in (("author", author), ("licence", licence), ("description", description)):
        if unsafe_char(text) is not None or (label != "description" and "\n" in text):
            raise PackError(f"the {label} must be plain text on one line")
        if label != "description" and not text.strip():
            raise PackError(f"the {label} must not be empty")


def pack_yaml(name: str, version: str, author: str, licence: str, description: str = "") -> str:
    """The text of a ``pack.yaml`` (strings quoted the JSON way, which YAML reads as written)."""
    lines = [
        f"# yaml-language-server: $schema={PACK_SCHEMA_FILE}",
        "# A pack of coach exercises (docs/packs.md). Before sharing it, name yourself as the",
        "# author and choose a licence (for example CC-BY-4.0).",
        f"format: {PACK_FORMAT}",
        f"name: {name}",
        f"version: {json.dumps(version)}",
        f"author: {json.dumps(author, ensure_ascii=False)}",
        f"licence: {json.dumps(licence, ensure_ascii=False)}",
    ]
    if description.strip():
        lines.append(f"description: {json.dumps(description.strip(), ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
