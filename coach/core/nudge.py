"""The line ``coach nudge`` prints from shell start-up files, and the cache that keeps it cheap.

The nudge thinks in whole hours: its line depends on coach's own code, the exercise files, the
settings, the history and the local hour, and on nothing else. A computed line is kept in the
cache folder (``nudge.cache``) under a key that stamps exactly those inputs (each file's size,
change time and inode, never its contents), so a kept line is never stale: any change is a
miss, and a miss computes the line the ordinary way. A new shell then pays for a few dozen
``stat`` calls and one small read. Until a line must be computed this module imports only
``os``, ``sys`` and ``time``: importing the rest of coach (dataclasses, platformdirs, PyYAML)
costs more than a whole nudge may take (``benchmarks/nudge.py`` measures it).

Folders: on Linux the kept line is found by resolving the folders the way platformdirs does
there (the XDG variables, else ``~/.config``, ``~/.local/share`` and ``~/.cache``, each with
coach's own environment variables winning). The folders are part of the key and a line is
only kept when they equal the ones the context used, so a difference can only cause a miss.
Elsewhere the nudge always takes the ordinary way.
"""

from __future__ import annotations

import os
import sys
import time

from coach import __version__
from coach.core import cache
from coach.core.builtin import builtin_folder

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from datetime import datetime

    from coach.core.context import Context
    from coach.core.model import Entry
    from coach.core.paths import Paths

FORMAT = "coach-nudge 1"
FILE_NAME = "nudge.cache"
REMINDED = "reminded.cache"
"""The day the last reminder was shown (``coach nudge --notify``): one a day at most."""
_REMINDED_KEY = "coach-reminded 1"
_CORE = os.path.dirname(os.path.abspath(__file__))
_YAML = (".yaml", ".yml")


# -- the line ------------------------------------------------------------------------------
def line(ctx: Context) -> str:
    """What the nudge prints: one line naming the top suggestion for this hour, or nothing
    once something was practised today or on a day marked away. Never a note or a partner's
    name."""
    from coach.core.model import format_duration
    from coach.core.text import printable

    hour = ctx.now().astimezone().replace(minute=0, second=0, microsecond=0)
    if _quiet_today(ctx, hour):
        return ""
    best = _top(ctx, hour)
    if best is None:
        return ""
    entry, reason = best
    text = (f"coach: {entry.title}, {format_duration(entry.seconds)}. {reason}. "
            f"(coach run {entry.id})")
    return printable(text, one_line=True) + "\n"


# -- the reminder (coach nudge --notify) ------------------------------------------------------
def reminder(ctx: Context) -> str:
    """The text of a scheduled reminder now, or '' when there should be none: today's practice
    is done, or today is marked as a day away. It names the top suggestion and how long it
    takes, as an offer: never a reason, never a guilt word, never a note or a partner's name."""
    from coach.core.model import format_duration
    from coach.core.text import printable

    now = ctx.now()
    if _quiet_today(ctx, now):
        return ""
    best = _top(ctx, now)
    if best is None:
        return "If you have a few quiet minutes today, coach is here."
    entry, _reason = best
    text = f"If you have {format_duration(entry.seconds)} today: {entry.title}. (coach run {entry.id})"
    return printable(text, one_line=True)


def _quiet_today(ctx: Context, at: datetime) -> bool:
    """Nothing to offer on the day of ``at``: something was practised, or it is a day away."""
    from coach.core.clock import local_date
    from coach.core.history.stats import practised_today

    return practised_today(ctx.history_runs(), at) or local_date(at) in ctx.away_days()


def _top(ctx: Context, at: datetime) -> tuple[Entry, str] | None:
    """The top suggestion at ``at`` and its reason, as home shows it; None when there is none."""
    from coach.core.suggest import suggest

    best = suggest(ctx.library, ctx.history_runs(), at, practice=ctx.settings.practice)
    return (ctx.library.entries[best[0].entry_id], best[0].reason) if best else None


def reminded_on(paths: Paths) -> str:
    """The day (YYYY-MM-DD) the last reminder was shown, '' when none is remembered."""
    payload = cache.read(paths.cache_dir, REMINDED, _REMINDED_KEY)
    return payload.decode("ascii", "replace") if payload else ""


def remember_reminded(paths: Paths, day: str) -> None:
    """Remember that a reminder was shown on ``day`` (best effort, like every cache)."""
    cache.write(paths.cache_dir, REMINDED, _REMINDED_KEY, day.encode("ascii"))


# -- the key -------------------------------------------------------------------------------
def folders_from(env: Mapping[str, str]) -> tuple[str, str, str, str] | None:
    """(config, data, exercises, cache) as coach.core.paths resolves them from ``env`` alone,
    or None where that needs platformdirs (not Linux, no absolute HOME, odd paths)."""
    if sys.platform != "linux" or env.get("ANDROID_ROOT"):
        return None
    home = env.get("HOME", "")
    if not os.path.isabs(home):
        return None

    def base(var: str, default: str) -> str:
        value = env.get(var, "")
        return value if os.path.isabs(value) else os.path.join(home, default)

    def pick(var: str, default: str) -> str | None:
        value = os.path.expanduser(env.get(var) or default)
        parts = value.split(os.sep)
        if ".." in parts or not os.path.isabs(value):
            return None  # pathlib and os.path would spell it differently
        return os.path.normpath(value)

    config = pick("COACH_CONFIG_DIR", os.path.join(base("XDG_CONFIG_HOME", ".config"), "coach"))
    data = pick("COACH_DATA_DIR", os.path.join(base("XDG_DATA_HOME", ".local/share"), "coach"))
    cache = pick("COACH_CACHE_DIR", os.path.join(base("XDG_CACHE_HOME", ".cache"), "coach"))
    if config is None or data is None or cache is None:
        return None
    exercises = pick("COACH_EXERCISES_DIR", os.path.join(config, "exercises"))
    return None if exercises is None else (config, data, exercises, cache)


def key(folders: tuple[str, str, str, str], *, discover: bool = True) -> tuple[str, int, int]:
    """The key of the line for ``folders`` now, the newest change time it covers and when the
    stamps were taken (both ns, for coach.core.cache's check of changes too recent to trust).
    Without ``discover`` the packs of Python packages are only read from their index."""
    stamped_at = cache.now_ns()
    config, data, exercises, _cache = folders
    stamps: list[str] = []
    newest = [0]

    def stamp(path: str) -> None:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            stamps.append(f"{path} -")
            return
        stamps.append(f"{path} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_size} {st.st_ino}")
        newest[0] = max(newest[0], st.st_mtime_ns, st.st_ctime_ns)

    def listing(folder: str, wanted: Callable[[str], bool]) -> None:
        try:
            with os.scandir(folder) as entries:
                names = sorted(e.name for e in entries if wanted(e.name))
        except (OSError, ValueError):  # no folder: no files (what the loaders see too)
            return
        for name in names:
            stamp(os.path.join(folder, name))

    listing(_CORE, lambda n: n.endswith(".py"))
    listing(os.path.join(_CORE, "history"), lambda n: n.endswith(".py"))
    listing(builtin_folder("exercises"), lambda n: n.endswith(_YAML))
    listing(exercises, lambda n: n.endswith(_YAML))
    for folder in _pack_folders(config, _cache, stamps, discover):
        listing(folder, lambda n: n.endswith(_YAML))
    listing(data, lambda n: n.startswith("history") and not n.endswith((".lock", ".cache")))
    stamp(os.path.join(config, "settings.yaml"))
    hour = time.strftime("%Y-%m-%dT%H %z", time.localtime())
    head = [FORMAT, __version__, sys.implementation.cache_tag, hour, *folders]
    return "\n".join(head + stamps), newest[0], stamped_at


def _pack_folders(config: str, cache_dir: str, stamps: list[str], discover: bool) -> list[str]:
    """The folders of installed packs and of the packs Python packages declare (looked for
    again, slowly, when the installed packages changed and ``discover``: see
    coach.core.pack_index; without, no index is a stamp of its own, which no kept line has)."""
    from coach.core.pack_index import entry_point_packs, indexed

    packs = os.path.join(config, "packs")
    try:
        with os.scandir(packs) as entries:
            folders = sorted(os.path.join(packs, e.name) for e in entries
                             if not e.name.startswith(".") and e.is_dir(follow_symlinks=False))
    except (OSError, ValueError):
        folders = []
    found = entry_point_packs(cache_dir) if discover else indexed(cache_dir)
    if found is None:
        stamps.append("pack index -")
        return folders
    stamps.extend(f"pack {name} {folder} {origin} {problem}" for name, folder, origin, problem in found)
    return folders + [folder for _, folder, _, problem in found if not problem]


# -- the cache file ------------------------------------------------------------------------
def kept_line(env: Mapping[str, str]) -> str | None:
    """The kept line when every input is unchanged, else None (never raises). The cache is read
    under coach's one cache policy (:mod:`coach.core.cache`): only the user's own private file
    in a folder nobody else can write, never through a link."""
    try:
        folders = folders_from(env)
        if folders is None:
            return None
        payload = cache.read(folders[3], FILE_NAME, key(folders, discover=False)[0])
        return None if payload is None else payload.decode("utf-8")
    except Exception:  # a cache is only ever a shortcut
        return None


def keep(paths: Paths, line_key: tuple[str, int, int], output: str) -> None:
    """Keep ``output`` under ``line_key`` (from :func:`key`, taken before the line was
    computed) when the context used the folders the shortcut finds. Best effort."""
    folders = folders_from(os.environ)
    if folders is None or folders != (str(paths.config_dir), str(paths.data_dir),
                                      str(paths.exercises_dir), str(paths.cache_dir)):
        return
    text, newest, stamped_at = line_key
    cache.write(paths.cache_dir, FILE_NAME, text, output.encode("utf-8"), newest_ns=newest,
                stamped_at=stamped_at)
