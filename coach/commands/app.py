"""Opening the app: plain ``coach`` and ``coach run ID``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from coach.core.paths import Paths


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("run", help="open straight into an exercise or plan")
    p.add_argument("id", help="exercise or plan id (see 'coach list')")
    p.set_defaults(command=cmd_run)


def cmd_run(args: argparse.Namespace, paths: Paths) -> int:
    return open_app(paths, start=args.id)


def open_app(paths: Paths | None, start: str | None = None) -> int:
    """Run the app on the home screen, or straight into the entry ``start``."""
    from coach.core.context import build_context

    ctx = build_context(paths)
    if start is not None and ctx.library.get(start) is None:
        print(f"coach: no exercise or plan called '{start}'; 'coach list' shows them all.",
              file=sys.stderr)
        if ctx.library.problems:
            print(ctx.library.skipped_message(), file=sys.stderr)
        return 2
    from coach.ui.app import CoachApp  # Textual only for commands that open the app

    CoachApp(ctx, start=start).run()
    return 0
