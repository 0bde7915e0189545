"""Start-up cache: the parsed library, settings and themes, kept between starts.

Parsing the YAML files (and importing PyYAML and the strict reader to do it) is most of the
time before the first frame. The result is pickled to ``startup.cache`` in the data folder
together with a key: the format, coach's version, the Python, the core modules whose classes
are pickled, and the stat stamp of every file read (folders are listed, so added and removed
files count too; a missing settings file is part of the key). A warm start stats those files,
reads the cache and never imports ``yaml``, ``coach.core.yamlnodes`` or ``coach.core.schema``.

The cache is only ever an optimisation: a file that cannot be read, is corrupt, truncated,
of the wrong type or from another version is ignored and rebuilt; a cache that cannot be
written (read-only or full disk) is silently skipped. Problems found while parsing (skipped
exercise files, broken themes, invalid settings values) are part of the cached value, so they
are reported on every start, warm or cold.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import coach
from coach.core.files import Stamp, atomic_write_bytes, read_private_bytes
from coach.core.files import file_stamp as _stamp
from coach.core.library import SUFFIXES, Library, builtin_dir, load_library
from coach.core.paths import Paths
from coach.core.problems import Problem
from coach.core.settings import Settings, load_settings
from coach.core.themes import ThemeSpec, builtin_themes_dir, load_themes

FORMAT = 1
"""Bump when the layout of the cached value changes."""
CACHE_NAME = "startup.cache"
CSS_CACHE_NAME = "css.cache"
"""Written by coach.ui.css_cache; named here so that ``coach forget`` needs no Textual."""
RACY_NS = 2_000_000_000
"""A file changed this recently (ns) may change again within the same timestamp tick (2 s on
FAT), unseen by its stamp: then the cache is not written this time."""
_CODE = ("model", "library", "settings", "themes", "problems", "schema", "yamlnodes", "startup",
         "text", "links", "files")
"""Core modules (in this folder) whose classes are pickled or whose code shapes the result."""



@dataclass(frozen=True, slots=True)
class Startup:
    """Everything start-up reads from YAML files, and what was wrong in them."""

    library: Library
    settings: Settings
    settings_problems: list[Problem] = field(default_factory=list)
    theme_specs: list[ThemeSpec] = field(default_factory=list)
    theme_problems: list[Problem] = field(default_factory=list)


def cache_file(paths: Paths) -> Path:
    return paths.data_dir / CACHE_NAME


def cache_files(paths: Paths) -> list[Path]:
    """Every cache coach keeps in the data folder: this one and the UI's parsed CSS."""
    return [cache_file(paths), paths.data_dir / CSS_CACHE_NAME]


def load_startup(paths: Paths) -> Startup:
    """The library, settings and themes for ``paths``: from the cache when every source file
    is unchanged, else parsed (exactly as without a cache) and cached for the next start."""
    started = time.time_ns()
    key, newest = source_key(paths)
    path = cache_file(paths)
    cached = read_cache(path, key)
    if cached is not None:
        return cached
    loaded = parse_all(paths)
    if newest <= started - RACY_NS:
        write_cache(path, key, loaded)
    return loaded


def parse_all(paths: Paths) -> Startup:
    """Read every file the way coach always has (no cache involved)."""
    settings, settings_problems = load_settings(paths.settings_file)
    specs, theme_problems = load_themes(user=paths.themes_dir)
    return Startup(
        library=load_library(user=paths.exercises_dir),
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


def source_key(paths: Paths) -> tuple[tuple[object, ...], int]:
    """The cache key for ``paths`` and the newest change time among the files it covers."""
    here = Path(__file__).parent
    code = tuple((name, _stamp(here / f"{name}.py")) for name in _CODE)
    folders = tuple((str(f), _folder(f)) for f in (builtin_dir(), paths.exercises_dir,
                                                    builtin_themes_dir(), paths.themes_dir))
    settings = (str(paths.settings_file), _stamp(paths.settings_file))
    key = (FORMAT, coach.__version__, sys.implementation.cache_tag, code, folders, settings)
    stamps = [s for _, s in code] + [s for _, listing in folders for _, s in listing or ()]
    stamps.append(settings[1])
    newest = max((max(s[0], s[1]) for s in stamps if s is not None), default=0)
    return key, newest


# -- file ----------------------------------------------------------------------------------
# pickle runs code named in the file it reads. The cache lives in the user's own data folder
# (0700) as a 0600 file, and is refused unless it is the user's and writable by no one else:
# whoever could plant one could already run code as the user. It also holds settings with
# partner names, so it is kept private like the history.
def read_cache(path: Path, key: tuple[object, ...]) -> Startup | None:
    """The cached value when it is sound and its key is ``key``; otherwise None, silently."""
    data = read_private_bytes(path)
    if data is None:
        return None
    try:
        stream = io.BytesIO(data)
        if pickle.load(stream) != key:
            return None
        value = pickle.load(stream)
    except Exception:  # any unreadable cache (corrupt, truncated, old) is rebuilt
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


def write_cache(path: Path, key: tuple[object, ...], value: Startup) -> bool:
    """Store ``value`` under ``key`` (0600, folder 0700). False, silently, if that failed."""
    try:
        data = pickle.dumps(key, pickle.HIGHEST_PROTOCOL) + pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        atomic_write_bytes(path, data)
    except Exception:  # read-only or full disk: start without a cache
        return False
    return True
