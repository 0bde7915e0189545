"""The ``coach`` command line."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from coach import __version__
from coach.commands import app

if TYPE_CHECKING:
    import argparse

PLAIN = {"config_dir": None, "data_dir": None, "exercises_dir": None, "func": app.cmd_open}
"""What the parser gives for plain ``coach`` (tests/test_cli_library.py checks it still does)."""


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The ``coach`` parser; without ``commands`` only the options of plain ``coach``."""
    import argparse

    from coach.core.paths import ENV_CONFIG, ENV_DATA, ENV_EXERCISES

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
    if commands:
        from coach.commands import history, library

        sub = parser.add_subparsers(title="commands", metavar="COMMAND")
        for module in (app, library, history):
            module.register(sub)
    return parser


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Plain ``coach`` (perhaps with folder options) opens the app without building the
    parsers of the other commands and importing their modules: a faster first frame."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:  # nothing to parse: not even argparse is imported (~3 ms)
        return cast("argparse.Namespace", SimpleNamespace(**PLAIN))
    if not {"-h", "--help"} & set(args_list):
        args, rest = build_parser(commands=False).parse_known_args(args_list)
        if not rest:
            return args
    return build_parser().parse_args(args_list)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if args.func in (app.cmd_open, app.cmd_run):
        gc.disable()  # from here, not only from app._launch: the core's imports allocate too
    from coach.core.paths import resolve_paths

    paths = resolve_paths(args.config_dir, args.data_dir, args.exercises_dir)
    try:
        return int(args.func(args, paths))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
