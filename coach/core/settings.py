"""User settings: one small YAML file in the config folder.

Unknown keys and invalid values are reported (``path:line:column: message``) and replaced by
defaults; a broken file never stops the app and is moved aside, not overwritten, on save.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.core.files import FileTooLarge, NotRegularFile, atomic_write_bytes, read_regular
from coach.core.problems import Invalid, Problem

# PyYAML and the strict reader are imported when a file is read or written: Settings read
# back from the start-up cache (coach.core.startup) need neither.

ANIMATION_LEVELS = ("full", "basic", "none")
PRACTICE_CHOICES = ("alone", "together", "both")
"""How someone practises: alone, with a partner, or both ('' until they say)."""
DEFAULT_THEME = "coach-dusk"


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str = DEFAULT_THEME
    """Name of a registered theme; an unknown one falls back to the default."""
    animation: str = "full"
    """full, basic or none; TEXTUAL_ANIMATIONS in the environment wins when set."""
    bell: bool = False
    """Ring the terminal bell at breathing phase changes (for eyes-closed practice)."""
    partner_a: str = ""
    partner_b: str = ""
    """Names last used for two-person exercises."""
    keep_partner_names: bool = False
    """Whether partner names are stored with each run in the history."""
    keep_notes: bool = True
    """Whether what is written in note steps is stored with each run in the history (the run
    itself is stored either way; the help guide stores nothing at all)."""
    alternate_starter: bool = True
    """In exercises for two, whoever did not start last time starts (else the first name)."""
    breathing_minutes: float = 2.0
    """How long the quick breathing ('b' on the home screen) breathes, in minutes."""
    welcomed: bool = False
    """The first-run welcome has been shown."""
    practice: str = ""
    """"I practise: alone / with a partner / both" as alone, together or both; '' (the
    default) until it is said. Suggestions read it (else they read the history)."""


def note_privacy(settings: Settings) -> str:
    """The line every note step shows under its text box: where notes are kept and how to
    remove them (the note view shows it literally)."""
    if settings.keep_notes:
        return ("Optional; Enter to go on. Notes are kept in your history on this computer; "
                "'coach forget' removes them.")
    return ("Optional; Enter to go on. Notes are not kept in your history (settings: keep my "
            "notes).")


_TEXT_FIELDS = {"theme": 40, "partner_a": 30, "partner_b": 30}
MAX_SETTINGS_BYTES = 64 * 1024
"""A settings file is a few hundred bytes; anything past this is not one."""
_BOOL_FIELDS = ("bell", "keep_partner_names", "keep_notes", "alternate_starter", "welcomed")


def parse_settings(data: bytes, path: str) -> tuple[Settings, list[Problem]]:
    """Settings from YAML bytes; every problem is reported and that value left at default."""
    from coach.core.yamlnodes import Reader

    r = Reader(path)
    root = r.compose(data)
    values: dict[str, Any] = {}
    if root is None:
        empty = r.problems and r.problems[0].message == "file is empty"
        return Settings(), [] if empty else r.problems
    try:
        mapping = r.mapping(root, "settings")
    except Invalid:
        return Settings(), r.problems
    names = [f.name for f in fields(Settings)]
    r.check_keys(root, mapping, names, (), "settings")
    for name, (_key, node) in mapping.items():
        try:
            if name in _TEXT_FIELDS:
                values[name] = r.text(node, name, max_length=_TEXT_FIELDS[name],
                                      allow_empty=name != "theme")
            elif name in _BOOL_FIELDS:
                values[name] = r.boolean(node, name)
            elif name == "animation":
                values[name] = r.choice(node, name, ANIMATION_LEVELS)
            elif name == "practice":
                values[name] = "" if _empty(node) else r.choice(node, name, PRACTICE_CHOICES)
            elif name == "breathing_minutes":
                values[name] = r.number(node, name, minimum=0, maximum=60)
        except Invalid:
            continue
    return Settings(**values), sorted(r.problems)


def _empty(node: Any) -> bool:
    """An empty value (``practice:`` or ``practice: ''``): not said yet."""
    from coach.core.yamlnodes import NULL, STR

    return bool(node.tag == NULL or (node.tag == STR and node.value == ""))


def load_settings(path: Path) -> tuple[Settings, list[Problem]]:
    """Read settings; a missing file gives defaults with no problem. Never raises or blocks:
    a FIFO, folder, oversized or unreadable file is a problem and gives the defaults."""
    from coach.core.yamlnodes import read_source

    data, problem = read_source(path, MAX_SETTINGS_BYTES, missing_ok=True)
    if data is None:
        return Settings(), [problem] if problem else []
    return parse_settings(data, str(path))


def dump_settings(settings: Settings) -> bytes:
    import yaml

    return yaml.safe_dump(dataclasses.asdict(settings), sort_keys=False).encode()


def save_settings(path: Path, settings: Settings) -> Path | None:
    """Write settings atomically (0600). A broken existing file (bad content, or a FIFO,
    folder or oversized file in its place) is first moved aside; returns where it went, or
    None. A file that cannot be read for another reason (permissions) is left alone and the
    OSError raised: it may be fine, so it is never replaced unseen."""
    moved: Path | None = None
    try:
        broken = bool(parse_settings(read_regular(path, MAX_SETTINGS_BYTES), str(path))[1])
    except (NotRegularFile, FileTooLarge):
        broken = True
    except FileNotFoundError:
        broken = False  # nothing to keep (or a link to nothing, which is replaced)
    if broken:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        moved = path.with_name(f"{path.name}.broken-{stamp}")
        os.replace(path, moved)
    atomic_write_bytes(path, dump_settings(settings))
    return moved
