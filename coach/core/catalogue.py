"""Render the built-in library as ``docs/library.md``.

Run ``python -m coach.core.catalogue`` to rewrite the file from ``exercises/``, or with
``--check`` to exit 1 when the file is out of date (the tests do the same comparison).
Pure Python: nothing here imports Textual.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from coach.core.library import KIND_ORDER, Library, builtin_dir, load_library
from coach.core.model import Entry, format_duration

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "library.md"

HEADINGS: dict[str, str] = {
    "breathing": "Breathing",
    "emotion": "Emotions",
    "repair": "Repair",
    "ritual": "Rituals",
    "family": "Family",
    "help": "Getting help",
    "plan": "Plans",
}

HEADER = """\
# The built-in library

Every exercise and plan that ships with coach, grouped by kind. Durations are estimates
computed from the steps. This file is generated from the files in `exercises/`; do not edit
it by hand. Regenerate it with `python -m coach.core.catalogue`.
"""


def _cell(text: str) -> str:
    """One Markdown table cell: a single line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def who_for(entry: Entry) -> str:
    """'1 person' or '2 people'."""
    return "2 people" if entry.participants >= 2 else "1 person"


def _kind_key(kind: str) -> tuple[int, str]:
    return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), kind)


def render_library_markdown(library: Library) -> str:
    """The whole of ``docs/library.md`` for ``library``: one table per kind, rows by id."""
    groups: dict[str, list[Entry]] = {}
    for entry in library.entries.values():
        groups.setdefault(entry.kind, []).append(entry)
    total = len(library.entries)
    lines = [HEADER, f"{total} entries in all.", ""]
    for kind in sorted(groups, key=_kind_key):
        entries = sorted(groups[kind], key=lambda e: e.id)
        lines += [f"## {HEADINGS.get(kind, kind.capitalize())}", ""]
        lines += ["| id | title | duration | for | source |", "| --- | --- | --- | --- | --- |"]
        for e in entries:
            cells = (f"`{e.id}`", _cell(e.title), format_duration(e.seconds), who_for(e),
                     _cell(e.source) or "(none)")
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the library document; 0 when all is well."""
    parser = argparse.ArgumentParser(prog="python -m coach.core.catalogue",
                                     description="Generate docs/library.md from exercises/.")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the file is out of date")
    parser.add_argument("--output", type=Path, default=DOC_PATH,
                        help=f"file to write or check (default: {DOC_PATH})")
    parser.add_argument("--exercises", type=Path, default=None,
                        help="exercise folder (default: the built-in library)")
    args = parser.parse_args(argv)
    library = load_library(builtin=args.exercises or builtin_dir(), user=None)
    for problem in library.problems:
        print(problem, file=sys.stderr)
    text = render_library_markdown(library)
    output: Path = args.output
    if args.check:
        current = output.read_text(encoding="utf-8") if output.is_file() else ""
        if current != text:
            print(f"{output} is out of date; run: python -m coach.core.catalogue",
                  file=sys.stderr)
            return 1
        return 1 if library.problems else 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {output} ({len(library.entries)} entries)")
    return 1 if library.problems else 0


if __name__ == "__main__":
    sys.exit(main())
