"""``coach insights`` and ``coach away``: what has helped you, and days that neither add to nor
dent your practice strength."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from coach.commands.output import plural, say

if TYPE_CHECKING:
    from coach.core.insights import Report, Row
    from coach.core.paths import Paths

HOW_CONTEXT = ("coach does not know why you started a run, so a run counts for each situation "
               "its exercise is meant for (before a hard talk, after conflict, when stressed, "
               "...), and for the time of day it started: morning 05:00-10:59, evening "
               "18:00-01:59.")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("insights", help="what has helped you, from your own ratings",
                       description="The average change in calm from before to after, per "
                       "exercise, kind and context, from 3 rated runs on. " + HOW_CONTEXT)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(command=cmd_insights)
    p = sub.add_parser("away", help="mark days away (holiday, illness): they neither add to "
                       "nor dent your practice strength",
                       description="Without dates: list the days marked away. Dates are "
                       "YYYY-MM-DD, or today, yesterday or tomorrow.")
    p.add_argument("start", nargs="?", help="the first day away")
    p.add_argument("end", nargs="?", help="the last day away (default: the first)")
    p.add_argument("--remove", action="store_true", help="make these ordinary days again")
    p.set_defaults(command=cmd_away)


# -- insights ---------------------------------------------------------------------------------

def _row(row: Row) -> dict[str, Any]:
    return {"id": row.key, "label": row.label, "measure": row.measure, "rated_runs": row.rated,
            "average_change": None if row.result is None else round(row.result.average_change, 3),
            "text": row.text}


def as_json(r: Report) -> dict[str, Any]:
    """The report as plain data (``coach insights --format json``)."""
    from coach.core.insights import CONTEXT_LABELS

    return {
        "min_runs": r.min_runs,
        "exercises": [_row(x) for x in r.exercises],
        "kinds": [_row(x) for x in r.kinds],
        "contexts": [{"context": c, "label": CONTEXT_LABELS[c], "exercises": [_row(x) for x in rows]}
                     for c, rows in r.contexts],
        "other_measures": [_row(x) for x in r.others],
        "how_context": HOW_CONTEXT,
    }


def text_lines(r: Report) -> list[str]:
    """The report as lines for the terminal."""
    from coach.core.insights import CONTEXT_LABELS

    if r.empty:
        return ["Nothing to tell yet: rate how you feel before and after an exercise, and from "
                f"{r.min_runs} rated runs on the change shows here."]
    lines = [f"What has helped you, from your own calm ratings before and after "
             f"(shown from {r.min_runs} rated runs on):"]
    lines += [f"  {x.label}: {x.text}" for x in r.exercises]
    kinds = [x for x in r.kinds if x.result is not None]
    if kinds:
        lines += ["", "By kind:"] + [f"  {x.label}: {x.text}" for x in kinds]
    if r.contexts:
        lines += ["", "By context (a run counts for what its exercise is meant for, and for the "
                  "time it started):"]
        for context, rows in r.contexts:
            lines.append(f"  {CONTEXT_LABELS[context]}")
            lines += [f"    {x.label}: {x.text}" for x in rows]
    if r.others:
        lines += ["", "Other ratings (how they changed; neither better nor worse):"]
        lines += [f"  {x.label}: {x.text}" for x in r.others]
    return lines


def cmd_insights(args: argparse.Namespace, paths: Paths) -> int:
    from coach.commands.practice import context, history_notices

    ctx = context(paths)
    r = ctx.insights()
    history_notices(ctx)
    if args.format == "json":
        import json

        print(json.dumps(as_json(r), ensure_ascii=True, indent=1))
        return 0
    for text in text_lines(r):
        say(text)
    return 0


# -- away -------------------------------------------------------------------------------------

def cmd_away(args: argparse.Namespace, paths: Paths) -> int:
    from coach.commands.practice import context, history_notices
    from coach.core import away

    ctx = context(paths)
    today = ctx.now().astimezone().date()
    if args.start is None:
        marked = ctx.away_days()
        history_notices(ctx)
        if not marked:
            say("No days are marked away. 'coach away START [END]' marks some (holiday, "
                "illness): they neither add to nor dent your practice strength.")
            return 0
        say(f"Days away ({plural(len(marked), 'day')}; they neither add to nor dent your "
            "practice strength):")
        for first, last in away.periods(marked):
            say(f"  {away.say_period(first, last)}")
        return 0
    try:
        first = away.parse_day(args.start, today)
        last = away.parse_day(args.end, today) if args.end else first
        days = away.span(first, last)
    except ValueError as exc:
        say(f"coach away: {exc}.", err=True)
        return 2
    problem = ctx.mark_away(days, away=not args.remove)
    stored = ctx.away_days()
    history_notices(ctx)
    done = not set(days) & stored if args.remove else set(days) <= stored
    if problem:
        say(problem if done else f"coach: {problem}", err=True)
    if not done:
        return 1
    what = away.say_period(first, last)
    if args.remove:
        say(f"{what}: {'an ordinary day' if first == last else 'ordinary days'} again.")
    else:
        they = "It neither adds to nor dents" if first == last else "They neither add to nor dent"
        say(f"{what}: marked away. {they} your practice strength ('coach away --remove' undoes it).")
    return 0
