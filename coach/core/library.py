"""Load the built-in and user exercise folders into one :class:`Library`.

One bad file never stops the rest: its problems are collected and it is skipped.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coach.core.builtin import builtin_folder
from coach.core.kinds import KIND_ORDER
from coach.core.model import Entry, Exercise, Plan
from coach.core.packs import PACK_FILE, Pack, PackSource, pack_of
from coach.core.problems import Problem

if TYPE_CHECKING:
    from coach.core.pack_files import PackFiles
    from coach.core.schema import PlanRefs

# The schema (and PyYAML) is imported by the loaders only: a Library read back from the
# start-up cache (coach.core.startup) needs neither.

SUFFIXES = (".yaml", ".yml")


def builtin_dir() -> Path:
    """The built-in library (see coach.core.builtin)."""
    return Path(builtin_folder("exercises"))


@dataclass
class Library:
    """Every loaded exercise and plan by id, plus what could not be loaded and why."""

    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    packs: dict[str, Pack] = field(default_factory=dict)
    """The packs loaded, by name (their entries are ``name/id``)."""

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def find(self, wanted: str) -> Entry | None:
        """The entry with the id ``wanted``, else the one titled so (any case)."""
        entry = self.entries.get(wanted)
        if entry is not None:
            return entry
        folded = " ".join(wanted.split()).casefold()
        return next((e for e in self.entries.values() if e.title.casefold() == folded), None)

    def nearest(self, wanted: str, count: int = 3) -> list[str]:
        """Ids that look like ``wanted`` (a typo, part of a title), closest first."""
        import difflib

        ids = list(self.entries)
        close = difflib.get_close_matches(wanted.lower(), ids, n=count, cutoff=0.6)
        if close:
            return close
        words = wanted.lower().split()
        return [e.id for e in self.entries.values()
                if words and all(w in e.title.lower() for w in words)][:count]

    def pack_entries(self, name: str) -> list[Entry]:
        """The entries of the pack ``name``."""
        return [e for e in self.entries.values() if pack_of(e.id) == name]

    def exercises(self) -> list[Exercise]:
        return [e for e in self.entries.values() if isinstance(e, Exercise)]

    def plans(self) -> list[Plan]:
        return [e for e in self.entries.values() if isinstance(e, Plan)]

    def by_kind(self) -> dict[str, list[Entry]]:
        """Entries grouped by kind, kinds in a fixed order, titles sorted within each."""
        groups: dict[str, list[Entry]] = {k: [] for k in KIND_ORDER}
        for entry in self.entries.values():
            groups.setdefault(entry.kind, []).append(entry)
        return {k: sorted(v, key=lambda e: e.title.lower()) for k, v in groups.items() if v}

    @property
    def skipped_files(self) -> list[str]:
        """Files (paths as text) that had problems and were not loaded."""
        return sorted({p.path for p in self.problems})

    def skipped_message(self) -> str:
        """One plain sentence for the user, or '' when everything loaded."""
        files = self.skipped_files
        if not files:
            return ""
        first = self.problems[0]
        more = f" ({len(files)} files skipped)" if len(files) > 1 else " (1 file skipped)"
        return f"Could not load {first}{more}; run 'coach validate' to see every problem."


def yaml_files(folder: Path, problems: list[Problem] | None = None) -> list[Path]:
    """Paths ending in .yaml or .yml directly in ``folder``, sorted; none if it does not exist.

    Only names are listed (nothing is opened, so this never blocks): a FIFO or folder named
    ``x.yaml`` is listed, and its reader reports it. A folder that cannot be listed, or a
    file where the folder should be, is added to ``problems`` when given."""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if os.path.splitext(e.name)[1] in SUFFIXES]
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        _note(problems, folder, "this should be a folder of .yaml files, but it is not a folder")
        return []
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        _note(problems, folder, f"cannot list the folder: {reason}")
        return []
    return [folder / name for name in sorted(names)]


exercise_files = yaml_files


def _note(problems: list[Problem] | None, path: Path, message: str) -> None:
    if problems is not None:
        problems.append(Problem(str(path), 1, 1, message))


def load_library(builtin: Path | None = None, user: Path | None = None,
                 packs: Sequence[PackSource] = ()) -> Library:
    """Load built-ins (default: :func:`builtin_dir`), the user's folder, if any, and ``packs``
    (see :func:`coach.core.packs.pack_sources`)."""
    from coach.core.schema import PlanRefs

    library = Library()
    refs = PlanRefs()
    origins: dict[str, Path] = {}
    sources: list[tuple[Path, bool]] = [(builtin or builtin_dir(), True)]
    if user is not None:
        sources.append((user, False))
    for folder, is_builtin in sources:
        for path in yaml_files(folder, library.problems):
            _add_file(library, origins, refs, path, is_builtin)
    for source in packs:
        if source.problem:
            library.problems.append(Problem(source.origin or str(source.folder), 1, 1,
                                            f"pack '{source.name}': {source.problem}"))
            continue
        from coach.core.pack_files import read_folder

        add_pack(library, origins, refs, read_folder(source.folder), name=source.name,
                 origin=source.origin)
    _resolve_plans(library, refs)
    library.problems.sort()
    return library


def load_paths(paths: Iterable[Path], known: dict[str, Entry] | None = None) -> Library:
    """Load the given files and folders only (for ``coach validate``).

    A folder holding ``pack.yaml``, a ``.zip`` and a file inside a pack folder are read as a
    pack (the whole pack). Plans may also name exercises from ``known`` (the installed
    library)."""
    from coach.core.pack_files import read_pack
    from coach.core.schema import PlanRefs

    library = Library()
    refs = PlanRefs()
    origins: dict[str, Path] = {}
    packs_seen: set[Path] = set()
    for path in paths:
        pack = _pack_around(path)
        if pack is not None:
            if pack.resolve() not in packs_seen:
                packs_seen.add(pack.resolve())
                add_pack(library, origins, refs, read_pack(pack))
            continue
        files = yaml_files(path, library.problems) if path.is_dir() else [path]
        for file in files:
            _add_file(library, origins, refs, file, False)
    _resolve_plans(library, refs, known or {})
    library.problems.sort()
    return library


def load_pack(files: PackFiles, known: dict[str, Entry] | None = None) -> tuple[Library, Pack | None]:
    """A pack's files read on their own (to check before installing): its entries and every
    problem. Its plans may also name exercises from ``known``."""
    from coach.core.schema import PlanRefs

    library = Library()
    refs = PlanRefs()
    pack = add_pack(library, {}, refs, files)
    _resolve_plans(library, refs, known or {})
    if pack is not None and not library.entries and not library.problems:
        library.problems.append(Problem(str(files.shown(PACK_FILE)), 1, 1,
                                        "the pack holds no exercise files"))
    library.problems.sort()
    return library, pack


def _pack_around(path: Path) -> Path | None:
    """The pack ``path`` is or belongs to (a pack folder or a zip), else None."""
    if path.suffix.lower() == ".zip" and not path.is_dir():
        return path
    folder = path if path.is_dir() else path.parent
    return folder if (folder / PACK_FILE).is_file() else None


def add_pack(library: Library, origins: dict[str, Path], refs: PlanRefs, files: PackFiles, *,
             name: str | None = None, origin: str = "") -> Pack | None:
    """Add a pack's entries (``name/id``) to ``library``; its problems when it cannot be read.
    ``name`` is the name the pack must have (its folder's, or its entry point's)."""
    from coach.core.packs import parse_pack_meta

    if files.problems or files.meta is None:
        library.problems.extend(files.problems)
        return None
    meta_path = files.shown(PACK_FILE)
    pack, problems = parse_pack_meta(files.meta, meta_path)
    if pack is None:
        library.problems.extend(problems)
        return None
    clash = library.packs.get(pack.name)
    why = ""
    if name is not None and pack.name != name:
        why = f"this pack is called '{pack.name}', but is installed as '{name}'"
    elif clash is not None:
        why = f"a pack called '{pack.name}' is already loaded from {clash.folder}"
    if why:
        library.problems.append(Problem(str(meta_path), 1, 1, f"{why}; it was not loaded"))
        return None
    library.packs[pack.name] = pack = dataclasses.replace(pack, folder=str(files.source),
                                                           origin=origin)
    for file_name, data in sorted(files.exercises.items()):
        _add_data(library, origins, refs, files.shown(file_name), data, False, pack.name)
    return pack


def _add_file(library: Library, origins: dict[str, Path], refs: PlanRefs, path: Path,
              builtin: bool) -> None:
    from coach.core.yamlnodes import MAX_FILE_BYTES, read_source

    data, problem = read_source(path, MAX_FILE_BYTES)
    if data is None:
        library.problems.append(problem or Problem(str(path), 1, 1, "cannot read the file"))
        return
    _add_data(library, origins, refs, path, data, builtin)


def _add_data(library: Library, origins: dict[str, Path], refs: PlanRefs, path: Path, data: bytes,
              builtin: bool, namespace: str | None = None) -> None:
    from coach.core.schema import parse_entry

    entry, problems = parse_entry(data, path, builtin=builtin, refs=refs, namespace=namespace)
    if entry is None:
        library.problems.extend(problems)
        return
    if entry.id in origins:
        library.problems.append(Problem(
            str(path), 1, 1,
            f"id '{entry.id}' is already used by {origins[entry.id]}; this file was not loaded "
            "(give it another file name or 'id')"))
        refs.pop(entry.id, None)
        return
    origins[entry.id] = path
    library.entries[entry.id] = entry


def _resolve_plans(library: Library, refs: PlanRefs, known: dict[str, Entry] | None = None) -> None:
    """Link each plan to its exercises. In a pack's plan a plain id is the pack's own exercise
    when the pack has one, else the library's; ``pack/id`` names any pack's."""
    known = known or {}
    for plan in library.plans():
        exercises: list[Exercise] = []
        ok = True
        namespace = pack_of(plan.id)
        for name, node in zip(plan.exercise_ids, refs.get(plan.id, []), strict=False):
            names = [f"{namespace}/{name}", name] if namespace and "/" not in name else [name]
            target = next((found for n in names
                           if (found := library.entries.get(n) or known.get(n)) is not None), None)
            if isinstance(target, Exercise):
                exercises.append(target)
                continue
            ok = False
            why = "is a plan; plans can only list exercises" if target else "is not in the library"
            library.problems.append(Problem(str(plan.path), node.start_mark.line + 1,
                                            node.start_mark.column + 1, f"exercise '{name}' {why}"))
        if ok:
            library.entries[plan.id] = dataclasses.replace(
                plan, exercise_ids=tuple(e.id for e in exercises), exercises=tuple(exercises))
        else:
            del library.entries[plan.id]
    library.entries = dict(sorted(
        library.entries.items(),
        key=lambda kv: (KIND_ORDER.index(kv[1].kind) if kv[1].kind in KIND_ORDER else 99,
                        kv[1].title.lower())))
