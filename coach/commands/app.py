"""Opening the app: plain ``coach`` and ``coach run ID``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.commands.output import say

if TYPE_CHECKING:
    import argparse

    from coach.core.paths import Paths
    from coach.ui.app import CoachApp


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    import argparse

    p = sub.add_parser("run", help="open straight into an exercise or plan")
    p.add_argument("id", help="exercise or plan id (see 'coach list'), or its title")
    p.add_argument("--plain", action=argparse.BooleanOptionalAction, default=None,
                   help="plain lines for screen readers, braille displays and pipes, no full screen "
                   "(the default when output is not a terminal; also COACH_PLAIN=1 or the plain "
                   "setting); --no-plain opens the app")
    p.set_defaults(command=cmd_run)


def cmd_run(args: argparse.Namespace, paths: Paths) -> int:
    return open_app(paths, start=args.id, plain=args.plain)


def open_app(paths: Paths | None, start: str | None = None, plain: bool | None = None) -> int:
    """Run the app on the home screen, or straight into the entry ``start``; as plain lines
    when asked or when output is not a terminal (see coach.commands.plain)."""
    from coach.commands.plain import plain_home, run_plain, wants_plain
    from coach.core import collector
    from coach.core.context import build_context

    with collector.starting_up():
        ctx = build_context(paths)
        found = ctx.library.find(start) if start is not None else None
        if start is not None and found is None:
            nearest = ctx.library.nearest(start)
            hint = f" Did you mean {' or '.join(nearest)}?" if nearest else ""
            say(f"coach: no exercise or plan called '{start}'.{hint} 'coach list' shows them all.",
                err=True)
            if ctx.library.problems:
                say(ctx.library.skipped_message(), err=True)
            return 2
        app: CoachApp | None = None
        if not wants_plain(plain, ctx.settings.plain):
            from coach.ui.app import CoachApp  # Textual only for commands that open the app

            ctx.history_runs()  # the first screen reads it (suggestions, a run's pick-up point)
            app = CoachApp(ctx, start=found.id if found is not None else None)
    if app is None:
        return run_plain(ctx, found) if found is not None else plain_home(ctx)
    app.run()
    return app.return_code or 0
