"""The ``coach`` command line."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from coach import __version__
from coach.commands import app, history, library
from coach.core.paths import ENV_CONFIG, ENV_DATA, ENV_EXERCISES, resolve_paths

COMMAND_MODULES = (app, library, history)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coach",
        description="Guided exercises for secure attachment: breathing, naming feelings, "
        "and repair scripts for two. Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument("--config-dir", metavar="DIR",
                        help=f"settings, themes and your exercises (env {ENV_CONFIG})")
    parser.add_argument("--data-dir", metavar="DIR", help=f"practice history (env {ENV_DATA})")
    parser.add_argument("--exercises-dir", metavar="DIR",
                        help=f"your own exercise files (env {ENV_EXERCISES})")
    parser.set_defaults(func=app.cmd_open)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = resolve_paths(args.config_dir, args.data_dir, args.exercises_dir)
    try:
        return int(args.func(args, paths))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
