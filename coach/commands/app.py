"""Opening the app: plain ``coach`` and ``coach run ID``."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from coach.core.paths import Paths


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("run", help="open straight into an exercise or plan")
    p.add_argument("id", help="exercise or plan id (see 'coach list')")
    p.set_defaults(func=cmd_run)


def cmd_open(args: argparse.Namespace, paths: Paths) -> int:
    return _launch(paths, start=None)


def cmd_run(args: argparse.Namespace, paths: Paths) -> int:
    return _launch(paths, start=args.id)


def _launch(paths: Paths, start: str | None) -> int:
    # Start-up allocates hundreds of thousands of objects (Textual's modules, the first
    # screen), none of them garbage; the cyclic collector would scan them again and again.
    # The app turns it back on once its first frame is on screen (CoachApp._first_frame_shown).
    gc.disable()
    from coach.core.context import build_context

    ctx = build_context(paths)
    if start is not None and ctx.library.get(start) is None:
        print(f"coach: no exercise or plan called '{start}'; 'coach list' shows them all.",
              file=sys.stderr)
        if ctx.library.problems:
            print(ctx.library.skipped_message(), file=sys.stderr)
        gc.enable()
        return 2
    from coach.ui.app import CoachApp  # Textual only for commands that open the app

    app = CoachApp(ctx, start=start)
    app.run()
    app.css_cache.save()  # CSS first parsed after the first frame (other screens)
    return 0
