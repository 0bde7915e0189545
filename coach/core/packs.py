"""Exercise packs: a folder (or a zip of one) holding ``pack.yaml`` and exercise files.

A pack's exercises are known as ``name/id`` (the files write the plain id), so they never
clash with the built-in library, the user's own files or another pack, and the same pack
version installed again gives the same ids: the history keeps pointing at them.

Packs come from two places, both data only (no code of a pack ever runs):

* installed with ``coach pack install``: one folder each in :attr:`Paths.packs_dir`;
* Python packages declaring an entry point in the group ``coach.packs`` (see
  :mod:`coach.core.pack_index`, which finds their folders without importing them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coach.core.fields import ID_PATTERN, PACK_FIELDS, names, required
from coach.core.paths import Paths
from coach.core.problems import Invalid, Problem

ENTRY_POINT_GROUP = "coach.packs"
PACK_FILE = "pack.yaml"


@dataclass(frozen=True, slots=True)
class Pack:
    """What ``pack.yaml`` says, and where the pack was loaded from."""

    name: str
    version: str
    author: str
    licence: str
    description: str = ""
    folder: str = ""
    origin: str = ""
    """'' for a pack installed with coach, else the Python package it comes from."""

    @property
    def installed(self) -> bool:
        return not self.origin


@dataclass(frozen=True, slots=True)
class PackSource:
    """A folder to load as a pack, the name it must have, and where it comes from."""

    folder: Path
    name: str
    origin: str = ""
    problem: str = ""
    """Why it cannot be loaded (an entry point naming a package that is not there)."""


def pack_of(entry_id: str) -> str | None:
    """The pack an entry belongs to (``calm`` for ``calm/box``), None for any other entry."""
    return entry_id.split("/", 1)[0] if "/" in entry_id else None


def parse_pack_meta(data: bytes, path: Path) -> tuple[Pack | None, list[Problem]]:
    """Read ``pack.yaml`` with the strict reader: the pack, or None and its problems."""
    from coach.core.yamlnodes import Reader

    r = Reader(str(path))
    root = r.compose(data)
    if root is None:
        return None, r.problems
    values: dict[str, str] = {}
    try:
        fields = r.mapping(root, "pack.yaml")
        r.check_keys(root, fields, names(PACK_FIELDS), required(PACK_FIELDS), "pack.yaml")
        for field in PACK_FIELDS:
            if field.name in fields:
                try:
                    values[field.name] = field.read(r, fields[field.name][1], field.name)
                except Invalid:
                    continue
    except Invalid:
        pass
    if r.problems:
        return None, sorted(r.problems)
    values.pop("format", None)
    return Pack(**values), []


def installed_sources(packs_dir: Path) -> list[PackSource]:
    """The installed packs' folders, by name. Names coach never writes (a dot first: a
    half-done install; anything not an id) and links are left alone."""
    try:
        with os.scandir(packs_dir) as listing:
            found = sorted(e.name for e in listing
                            if ID_PATTERN.match(e.name) and e.is_dir(follow_symlinks=False))
    except (OSError, ValueError):
        return []
    return [PackSource(packs_dir / name, name) for name in found]


def pack_sources(paths: Paths, *, discover: bool = True) -> list[PackSource]:
    """Every pack to load: the installed ones, then those of Python packages (from the index
    in the cache folder; found again when the installed packages changed)."""
    from coach.core.pack_index import entry_point_packs

    sources = installed_sources(paths.packs_dir)
    for name, folder, origin, problem in entry_point_packs(str(paths.cache_dir), discover=discover):
        sources.append(PackSource(Path(folder), name, origin, problem))
    return sources


def meta_path(folder: Path) -> Path:
    return folder / PACK_FILE
