"""``coach remind``: the entry that makes your own computer run ``coach nudge --notify`` at a
time (printed; added with --install after asking, removed with --uninstall)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coach.commands.output import say

if TYPE_CHECKING:
    from coach.core.paths import Paths
    from coach.core.remind import Entry

ENV_FOLDER = "COACH_REMIND_DIR"
"""Where --install writes the systemd timer or launchd agent (default: the platform's own
user folder); set by tests and by people who keep their units elsewhere."""


METHODS = ("cron", "systemd", "launchd", "schtasks")
"""coach.core.remind.METHODS (a test keeps them equal): every command builds this parser, and
importing that module (subprocess, json, hashlib) would slow every command, `coach run` too."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "remind", help="a reminder your own computer runs at a time: prints the entry for its "
        "scheduler (--install adds it)",
        description="Prints what to add to your computer's scheduler so that it runs 'coach "
        "nudge --notify' at a time: a desktop notification, at most one a day, none once you "
        "have practised that day or on a day away. coach runs no service of its own. Without "
        "--at: says whether a reminder is installed.")
    p.add_argument("--at", metavar="HH:MM", help="the time, for example 19:30")
    p.add_argument("--days", metavar="mon,tue,...", help="the days (default: every day)")
    p.add_argument("--method", choices=METHODS,
                   help="default: launchd on macOS, schtasks on Windows, a systemd user timer on "
                   "Linux where systemd runs, else cron")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--install", action="store_true", help="add it for you, after asking")
    what.add_argument("--uninstall", action="store_true", help="remove exactly what --install added")
    p.add_argument("--yes", action="store_true", help="with --install: do not ask")
    p.set_defaults(command=cmd_remind)


def coach_argv(paths: Paths) -> list[str]:
    """How the scheduler starts this coach: this Python running coach, with the folders it
    uses whenever they are not the defaults (the scheduler does not see your environment)."""
    from coach.core.paths import resolve_paths

    default = resolve_paths(env={})
    argv = [sys.executable, "-m", "coach"]
    for flag, mine, theirs in (("--config-dir", paths.config_dir, default.config_dir),
                               ("--data-dir", paths.data_dir, default.data_dir),
                               ("--exercises-dir", paths.exercises_dir, default.exercises_dir),
                               ("--cache-dir", paths.cache_dir, default.cache_dir)):
        if mine != theirs:
            argv += [flag, str(Path(mine).absolute())]
    return [*argv, "nudge", "--notify"]


def units_folder(method: str) -> Path:
    """Where the systemd user units or the launchd agent go."""
    chosen = os.environ.get(ENV_FOLDER)
    if chosen:
        return Path(chosen).expanduser().absolute()
    if method == "launchd":
        return Path.home() / "Library" / "LaunchAgents"
    config = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if os.path.isabs(config) else Path.home() / ".config"
    return base / "systemd" / "user"


def cmd_remind(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core import remind

    if args.uninstall:
        return _uninstall(paths)
    if not args.at:
        return _status(paths)
    try:
        when = remind.parse_when(args.at, args.days)
    except ValueError as exc:
        say(f"coach remind: {exc}.", err=True)
        return 2
    method = args.method or remind.default_method(sys.platform, remind.systemd_running())
    bus = f"unix:path=/run/user/{os.getuid()}/bus" if sys.platform == "linux" else ""
    e = remind.entry(method, when, coach_argv(paths), units_folder(method), bus)
    say({"cron": "The line for your crontab:", "systemd": "A systemd user timer (two files):",
         "launchd": "A launchd agent:", "schtasks": "The Task Scheduler command:"}[method])
    say()
    for text in e.text:
        say(f"  {text}" if text else "")
    say()
    say(f"It runs 'coach nudge --notify' {when.said()}: a desktop notification where your "
        "system has one, at most one a day, and none once you have practised that day or on a "
        "day away.")
    say(f"To add it yourself: {' '.join(e.add)}")
    say(f"To remove it later: {' '.join(e.remove)}")
    if not args.install:
        days = f" --days {args.days}" if args.days else ""
        say(f"Or let coach add it: coach remind --at {when.clock}{days} --install "
            "('coach remind --uninstall' removes it again).")
        return 0
    return _install(e, when.said(), paths, ask=not args.yes)


def _status(paths: Paths) -> int:
    from coach.core.remind import read_record

    try:
        record = read_record(paths.config_dir)
    except ValueError as exc:
        say(f"coach remind: {exc}.", err=True)
        return 1
    if record is None:
        say("No reminder is installed. 'coach remind --at 19:30' shows the entry for your "
            "computer's scheduler; add --install to let coach add it.")
    else:
        said = f" {record['said']}" if isinstance(record.get("said"), str) and record["said"] else ""
        say(f"A reminder is installed ({record['method']}){said}. 'coach remind --uninstall' "
            "removes it.")
    return 0


def _install(e: Entry, said: str, paths: Paths, *, ask: bool) -> int:
    from coach.core import remind

    if ask:
        say("Install it now? [y/N] ", end="")
        if sys.stdin.readline().strip().lower() not in ("y", "yes"):
            say("Nothing was installed.")
            return 1
    try:
        if remind.read_record(paths.config_dir) is not None:
            for sentence in remind.uninstall(paths.config_dir, remind.run_command):
                say(f"Removing the earlier reminder: {sentence}")
        done = remind.install(e, paths.config_dir, remind.run_command, said)
    except (ValueError, RuntimeError) as exc:
        say(f"coach remind: {exc}.", err=True)
        return 1
    except OSError as exc:
        say(f"coach remind: could not write {exc.filename or 'a file'}: {exc.strerror or exc}.", err=True)
        return 1
    for sentence in done:
        say(sentence)
    say(f"The reminder is installed: {said}. 'coach remind --uninstall' removes exactly what was added.")
    return 0


def _uninstall(paths: Paths) -> int:
    from coach.core import remind

    try:
        said = remind.uninstall(paths.config_dir, remind.run_command)
    except ValueError as exc:
        say(f"coach remind: {exc}; nothing more was removed.", err=True)
        return 1
    for sentence in said:
        say(sentence)
    return 0
