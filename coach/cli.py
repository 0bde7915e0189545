"""The ``coach`` command line: argv to one command, each given the one context."""

from __future__ import annotations

import os
import sys

from coach import __version__

TYPE_CHECKING = False  # typing is not imported: `coach nudge` and `--version` stay quick
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

COMMAND_MODULES = ("app", "library", "practice", "history", "insights", "remind", "authoring",
                   "packs", "serve")
"""Modules of coach.commands; each registers its commands with ``register(subparsers)``."""


def build_parser() -> argparse.ArgumentParser:
    import argparse
    import importlib

    from coach.core.paths import ENV_CACHE, ENV_CONFIG, ENV_DATA, ENV_EXERCISES

    parser = argparse.ArgumentParser(
        prog="coach",
        description="Guided exercises for secure attachment: breathing, naming feelings, "
        "and repair scripts for two. Run without a command to open the app; 'coach run ID "
        "--plain' runs an exercise as plain lines for screen readers, 'coach serve' opens the "
        "app in a web browser.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument("--config-dir", metavar="DIR",
                        help=f"settings, themes and your exercises (env {ENV_CONFIG})")
    parser.add_argument("--data-dir", metavar="DIR", help=f"practice history (env {ENV_DATA})")
    parser.add_argument("--exercises-dir", metavar="DIR",
                        help=f"your own exercise files (env {ENV_EXERCISES})")
    parser.add_argument("--cache-dir", metavar="DIR",
                        help=f"disposable caches that make coach start faster (env {ENV_CACHE})")
    parser.set_defaults(command=None)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"coach.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:  # asked by scripts and prompts: answered before any import
        print(f"coach {__version__}")
        return 0
    if args == ["nudge"]:  # from shell start-up files: the kept line when nothing changed
        from coach.core.nudge import kept_line

        kept = kept_line(os.environ)
        if kept is not None:
            sys.stdout.write(kept)
            return 0
    if not args:  # plain `coach`: the app, no parser needed
        from coach.commands.app import open_app
        return _guarded(lambda: open_app(None))
    if len(args) == 2 and args[0] == "run" and not args[1].startswith("-"):  # before a hard talk
        from coach.commands.app import open_app
        return _guarded(lambda: open_app(None, start=args[1]))
    parsed = build_parser().parse_args(args)
    from coach.core.paths import resolve_paths

    paths = resolve_paths(parsed.config_dir, parsed.data_dir, parsed.exercises_dir,
                          cache_dir=parsed.cache_dir)
    if parsed.command is None:
        from coach.commands.app import open_app
        return _guarded(lambda: open_app(paths))
    return _guarded(lambda: int(parsed.command(parsed, paths)))


def _guarded(run: Callable[[], int]) -> int:
    """Ctrl+C at a prompt and a closed pipe (``coach history | head``) end quietly."""
    try:
        return run()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
