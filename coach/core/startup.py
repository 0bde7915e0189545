"""Start-up cache: the parsed library, settings and themes, kept between starts.

Parsing the YAML files (and importing PyYAML and the strict reader to do it) is most of the
time before the first frame. The result is pickled into the cache folder under the cache policy
of :mod:`coach.core.cache`, keyed by the format, the stat stamp of every core module and of
every file read (folders are listed, so added and removed files count too; a missing settings
file is part of the key). A warm start stats those files, reads the cache and never imports
``yaml``, ``coach.core.yamlnodes`` or ``coach.core.schema``.

The cache is only ever an optimisation: one that is missing, damaged, unsafe or for other
files is ignored and rebuilt; one that cannot be written is skipped. Problems found while
parsing (skipped exercise files, broken themes, invalid settings values) are part of the cached
value, so they are reported on every start, warm or cold.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from coach.core import cache
from coach.core.files import Stamp
from coach.core.files import file_stamp as _stamp
from coach.core.library import SUFFIXES, Library, builtin_dir, load_library
from coach.core.packs import pack_sources
from coach.core.paths import Paths
from coach.core.problems import Problem
from coach.core.settings import Settings, load_settings
from coach.core.themes import ThemeSpec, builtin_themes_dir, load_themes

FORMAT = 3
"""Bump when the layout of the cached value changes."""


@dataclass(frozen=True, slots=True)
class Startup:
    """Everything start-up reads from YAML files, and what was wrong in them."""

    library: Library
    settings: Settings
    settings_problems: list[Problem] = field(default_factory=list)
    theme_specs: list[ThemeSpec] = field(default_factory=list)
    theme_problems: list[Problem] = field(default_factory=list)


def cache_file(paths: Paths) -> Path:
    """Where the start-up cache for these folders lives."""
    return paths.cache_dir / cache.name("startup", str(paths.config_dir), str(paths.exercises_dir))


def load_startup(paths: Paths) -> Startup:
    """The library, settings and themes for ``paths``: from the cache when every source file
    is unchanged, else parsed (exactly as without a cache) and cached for the next start."""
    started = cache.now_ns()
    key, newest = source_key(paths)
    path = cache_file(paths)
    cached = read_cache(path, key)
    if cached is not None:
        return cached
    loaded = parse_all(paths)
    write_cache(path, key, loaded, newest_ns=newest, stamped_at=started)
    return loaded


def parse_all(paths: Paths) -> Startup:
    """Read every file the way coach always has (no cache involved)."""
    settings, settings_problems = load_settings(paths.settings_file)
    specs, theme_problems = load_themes(user=paths.themes_dir)
    return Startup(
        library=load_library(user=paths.exercises_dir, packs=pack_sources(paths)),
        settings=settings,
        settings_problems=settings_problems,
        theme_specs=specs,
        theme_problems=theme_problems,
    )


# -- key -----------------------------------------------------------------------------------
def _folder(folder: Path) -> tuple[tuple[str, Stamp], ...] | None:
    """Stamps of the YAML files the loaders would read in ``folder``; None if it is missing."""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if os.path.splitext(e.name)[1] in SUFFIXES]
    except (OSError, ValueError):
        return None
    return tuple((name, _stamp(folder / name)) for name in sorted(names))


def _code() -> tuple[tuple[str, Stamp], ...]:
    """Stamps of every core module: the classes pickled and the code that shapes the value."""
    here = Path(__file__).parent
    try:
        with os.scandir(here) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".py"))
    except OSError:
        names = []
    return tuple((name, _stamp(here / name)) for name in names)


def source_key(paths: Paths) -> tuple[tuple[object, ...], int]:
    """The cache key for ``paths`` (coach.core.cache adds coach's version and the Python) and
    the newest change time among the files it covers."""
    code = _code()
    sources = pack_sources(paths)
    packs = tuple((str(p.folder), p.name, p.origin, p.problem) for p in sources)
    folders = tuple((str(f), _folder(f)) for f in (builtin_dir(), paths.exercises_dir,
                                                    builtin_themes_dir(), paths.themes_dir,
                                                    *(p.folder for p in sources if not p.problem)))
    settings = (str(paths.settings_file), _stamp(paths.settings_file))
    key = ("startup", FORMAT, code, folders, settings, packs)
    stamps = [s for _, s in code] + [s for _, listing in folders for _, s in listing or ()]
    stamps.append(settings[1])
    return key, cache.newest_change(stamps)


# -- file ----------------------------------------------------------------------------------
# pickle runs code named in the bytes it reads: coach.core.cache only hands over bytes from a
# file and a folder that are the user's and that nobody else can write, written for this key.
def read_cache(path: Path, key: tuple[object, ...]) -> Startup | None:
    """The cached value when it is sound and its key is ``key``; otherwise None, silently."""
    data = cache.read(path.parent, path.name, key)
    if data is None:
        return None
    try:
        value = pickle.loads(data)
    except Exception:  # any unreadable cache (corrupt, old classes) is rebuilt
        return None
    return value if _sound(value) else None


def _sound(value: object) -> bool:
    """A Startup whose parts have the types the app expects."""
    return (isinstance(value, Startup) and isinstance(value.library, Library)
            and isinstance(value.library.entries, dict) and isinstance(value.settings, Settings)
            and all(isinstance(p, Problem) for p in (*value.library.problems,
                                                     *value.settings_problems,
                                                     *value.theme_problems))
            and all(isinstance(s, ThemeSpec) for s in value.theme_specs))


def write_cache(path: Path, key: tuple[object, ...], value: Startup, *, newest_ns: int = 0,
                stamped_at: int | None = None) -> bool:
    """Store ``value`` under ``key`` (see :func:`coach.core.cache.write`). False, silently, if
    it was not written."""
    try:
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    except Exception:  # a value that cannot be pickled: start without a cache
        return False
    return cache.write(path.parent, path.name, key, data, newest_ns=newest_ns, stamped_at=stamped_at)
