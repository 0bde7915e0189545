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
SOUNDS = ("off", "bell", "tones")
"""What marks a breathing phase, a turn's end or a run's end: nothing, the terminal bell, or
soft tones (see coach.core.sound); ``bell: true`` in older files reads as ``bell``."""
PRACTICE_CHOICES = ("alone", "together", "both")
"""How someone practises: alone, with a partner, or both ('' until they say)."""
DEFAULT_THEME = "coach-dusk"


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str = DEFAULT_THEME
    """Name of a registered theme; an unknown one falls back to the default."""
    animation: str = "full"
    """full, basic or none; TEXTUAL_ANIMATIONS in the environment wins when set."""
    sound: str = "off"
    """off, bell or tones: cues for eyes-closed practice (breathing phases, time up, the end)."""
    count_in: bool = False
    """Count 3-2-1 before the first breath of a breathing step."""
    plain: bool = False
    """Always run exercises as plain lines (for screen readers), as ``--plain`` does."""
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
        return ("Notes are kept in your history on this computer, never sent anywhere; "
                "'coach forget' removes them.")
    return ("Notes are not kept in your history (settings: keep my notes); nothing you write "
            "leaves this computer.")


_TEXT_FIELDS = {"theme": 40, "partner_a": 30, "partner_b": 30}
MAX_SETTINGS_BYTES = 64 * 1024
"""A settings file is a few hundred bytes; anything past this is not one."""
_BOOL_FIELDS = ("keep_partner_names", "keep_notes", "alternate_starter", "welcomed", "count_in",
                "plain")
LEGACY_KEYS = ("bell",)
"""Keys older versions wrote, still read: ``bell: true`` means ``sound: bell``."""


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
    r.check_keys(root, mapping, [*names, *LEGACY_KEYS], (), "settings")
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
            elif name == "sound":
                values[name] = _sound(r, node)
            elif name == "bell" and r.boolean(node, name) and "sound" not in mapping:
                values["sound"] = "bell"
        except Invalid:
            continue
    return Settings(**values), sorted(r.problems)


def _sound(r: Any, node: Any) -> str:
    """``sound``: off, bell or tones; YAML reads a bare ``off`` (or ``no``) as false, which
    means off, and true as the bell, as the old ``bell`` setting did."""
    from coach.core.yamlnodes import BOOL

    if node.tag == BOOL:
        return "bell" if r.boolean(node, "sound") else "off"
    return str(r.choice(node, "sound", SOUNDS))


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
