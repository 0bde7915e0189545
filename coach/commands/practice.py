"""``coach suggest`` and ``coach nudge``: what to practise next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.commands.output import positive_int, say

if TYPE_CHECKING:
    import argparse

    from coach.core.context import Context
    from coach.core.paths import Paths


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from coach.core.model import CONTEXTS

    p = sub.add_parser("suggest", help="what to practise next, each with a reason")
    p.add_argument("--context", choices=CONTEXTS, metavar="NAME",
                   help=f"the situation: {', '.join(CONTEXTS)}")
    p.add_argument("-n", "--limit", type=positive_int, default=5, help="how many (default 5)")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="json: id, title, minutes, participants, reason and score for each")
    p.set_defaults(command=cmd_suggest)
    p = sub.add_parser("nudge", help="one short line for a shell start-up file; silent once "
                       "today's practice is done")
    p.add_argument("--notify", action="store_true",
                   help="a desktop notification instead (what 'coach remind' schedules): at most "
                   "one a day, none once today's practice is done or on a day away")
    p.set_defaults(command=cmd_nudge)


def context(paths: Paths) -> Context:
    """The context, with whatever start-up and the history had to say printed to stderr."""
    from coach.core.context import build_context

    ctx = build_context(paths)
    for sentence in ctx.startup_problems():
        say(sentence, err=True)
    return ctx


def history_notices(ctx: Context) -> None:
    for sentence in ctx.take_history_notices():
        say(sentence, err=True)


def cmd_suggest(args: argparse.Namespace, paths: Paths) -> int:
    from coach.core.model import format_duration

    ctx = context(paths)
    suggestions = ctx.suggestions(args.context)[: args.limit]
    history_notices(ctx)
    if args.format == "json":
        import json

        items = [{"id": s.entry_id, "title": e.title, "minutes": round(e.seconds / 60, 1),
                  "participants": e.participants, "reason": s.reason, "score": s.score}
                 for s in suggestions for e in [ctx.library.entries[s.entry_id]]]
        print(json.dumps({"context": args.context, "suggestions": items}, ensure_ascii=True, indent=1))
        return 0
    for s in suggestions:
        entry = ctx.library.entries[s.entry_id]
        say(f"{entry.title} ({format_duration(entry.seconds)}): {s.reason}.  coach run {entry.id}")
    return 0


def cmd_nudge(args: argparse.Namespace, paths: Paths) -> int:
    import os

    from coach.core import nudge

    if args.notify:
        return notify_once(paths)
    folders = nudge.folders_from(os.environ)
    line_key = nudge.key(folders) if folders else None  # before anything is read
    ctx = context(paths)
    output = nudge.line(ctx)
    history_notices(ctx)
    print(output, end="")  # one line, made printable by nudge.line
    if line_key is not None:
        nudge.keep(paths, line_key, output)
    return 0


def notify_once(paths: Paths) -> int:
    """``coach nudge --notify``: today's reminder as a desktop notification (printed where
    there is none), at most once a day; nothing once today's practice is done."""
    import shutil
    import sys

    from coach.core import nudge, remind

    ctx = context(paths)
    today = ctx.now().astimezone().date().isoformat()
    if nudge.reminded_on(paths) == today:
        return 0
    text = nudge.reminder(ctx)
    history_notices(ctx)
    if not text:
        return 0
    if not remind.notify("coach", text, sys.platform, remind.run_command, shutil.which):
        say(text)
    nudge.remember_reminded(paths, today)
    return 0
