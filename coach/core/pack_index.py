"""Packs that Python packages declare (entry point group ``coach.packs``): found, then kept.

A package declares its pack in its own metadata::

    [project.entry-points."coach.packs"]
    calm-breaths = "calm_breaths"           # the package's folder holds pack.yaml
    # or "calm_breaths.data", or "calm_breaths:data": a folder inside the package

Finding them needs ``importlib.metadata``, which alone takes about 50 ms to import
(``benchmarks/pack_index.py``): more than a warm start of coach. So what was found is kept in
the cache folder, keyed by the ``site-packages`` folders on ``sys.path`` and their stamps:
installing, upgrading or removing a package (editable installs too) adds or removes a
``*.dist-info`` folder there, which changes the folder's stamp, and the packages are looked
for again. (Metadata kept elsewhere on the path, such as a ``PYTHONPATH`` folder, is found
when the index is made, but a later change there is not noticed until a package changes or
``coach forget`` clears the caches.) The cache follows
coach's one policy (:mod:`coach.core.cache`); a missing or unreadable index only means
looking again.

No package code runs: a package's folder is found with ``importlib.util.find_spec`` on its
top-level name, which reads the import system's finders and executes no module (importing it,
as ``importlib.resources.files`` would, runs its ``__init__.py``). Until then this module
imports only ``os`` and ``sys`` (``coach nudge`` reads the index).
"""

from __future__ import annotations

import os
import sys

from coach.core import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from coach.core.files import Stamp

GROUP = "coach.packs"
FILE_NAME = "pack-index" + cache.SUFFIX
FORMAT = "coach-pack-index 1"

_WATCHED = ("site-packages", "dist-packages")
"""Where installers put packages' metadata: a change there is a package added or removed."""

Found = tuple[str, str, str, str]
"""(pack name, folder, origin, problem): one entry point; problem is '' when all is well."""


def _stamp(path: str) -> Stamp:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino


def key() -> tuple[tuple[object, ...], int]:
    """What the packages found depend on (the ``site-packages`` folders on the import path and
    their stamps), and the newest change among them (for the cache's check of changes too
    recent to trust)."""
    folders = [e for e in sys.path if os.path.basename(e) in _WATCHED]
    stamps = [_stamp(folder) for folder in folders]
    return (FORMAT, tuple(zip(folders, stamps, strict=True))), cache.newest_change(stamps)


def entry_point_packs(cache_dir: str, *, discover: bool = True) -> list[Found]:
    """The packs Python packages declare, from the index when it is current, else found
    (and kept) when ``discover``; an empty list when not. Never raises."""
    found = indexed(cache_dir)
    if found is not None or not discover:
        return found or []
    started = cache.now_ns()
    stamp_key, newest = key()
    found = find()
    from pathlib import Path

    payload = "\0".join(part for item in found for part in item)
    cache.write(Path(cache_dir), FILE_NAME, stamp_key, payload.encode("utf-8", "surrogateescape"),
                newest_ns=newest, stamped_at=started)
    return found


def indexed(cache_dir: str) -> list[Found] | None:
    """The kept index when it is current, else None."""
    data = cache.read(cache_dir, FILE_NAME, key()[0])
    if data is None:
        return None
    if not data:
        return []
    parts = data.decode("utf-8", "surrogateescape").split("\0")
    if len(parts) % 4:
        return None
    return [(parts[i], parts[i + 1], parts[i + 2], parts[i + 3]) for i in range(0, len(parts), 4)]


def find() -> list[Found]:
    """Look through the installed packages' entry points (slow: see the module docstring)."""
    try:
        from importlib.metadata import entry_points

        points = list(entry_points(group=GROUP))
    except Exception:  # broken metadata of some package: no packs from packages
        return []
    found: list[Found] = []
    for point in points:
        dist = getattr(point, "dist", None)
        origin = (f"Python package {dist.name} {dist.version}" if dist is not None
                  else "a Python package")
        folder, problem = locate(point.value)
        found.append((point.name, folder, origin, problem))
    return sorted(found)


def locate(value: str) -> tuple[str, str]:
    """(folder, '') for an entry point's value (``pkg``, ``pkg.sub`` or ``pkg:sub``), or
    ('', why not). Executes no module of the package."""
    import importlib.util
    import re

    match = re.fullmatch(r"\s*([\w.]+)\s*(?::\s*([\w./]+)\s*)?", value)
    if match is None:
        return "", f"the entry point {value!r} does not name a package"
    module, inside = match.group(1), match.group(2) or ""
    top, *rest = module.split(".")
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return "", f"the package {top!r} named by the entry point is not installed"
    locations = list(spec.submodule_search_locations or [])
    if not locations:
        return "", f"{top!r} is a module, not a package with a folder"
    parts = [*rest, *(p for p in re.split(r"[./]", inside) if p)]  # names only: never ".."
    folder = os.path.join(locations[0], *parts)
    if not os.path.isdir(folder):
        return "", f"the entry point {value!r} names {folder}, which is not a folder"
    return folder, ""
