"""Theme files: ``themes/*.yaml`` (built in) and the ``themes`` folder in the config folder.

Pure Python: files become plain :class:`ThemeSpec` objects (the UI turns them into Textual
themes). Every problem is reported as ``path:line:column: message``; a broken file is
skipped and the rest still load. Also the WCAG 2 contrast maths used to check the
high-contrast theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coach.core.builtin import builtin_folder
from coach.core.problems import Invalid, Problem

if TYPE_CHECKING:
    from coach.core.yamlnodes import Reader

# PyYAML and the strict reader are imported by the parser only: ThemeSpecs read back from
# the start-up cache (coach.core.startup) need neither.

SUFFIXES = (".yaml", ".yml")
COLOR_KEYS = ("primary", "secondary", "accent", "warning", "error", "success",
              "foreground", "background", "surface", "panel", "boost")
REQUIRED = ("name", "dark", "primary", "foreground", "background")
ALLOWED = ("name", "dark", *COLOR_KEYS, "text_alpha", "variables")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,38}$")
_VARIABLE = re.compile(r"^[a-z][a-z0-9-]{0,60}$")
_VARIABLE_VALUE = re.compile(r"^[#a-zA-Z0-9 %.,()-]{1,60}$")
MAX_THEME_BYTES = 64 * 1024
"""A theme is a few dozen lines; anything past this is not one."""
AA_BODY = 4.5
"""WCAG 2 AA: minimum contrast ratio for body text."""


@dataclass(frozen=True, slots=True)
class ThemeSpec:
    """One theme as read from its file; colours are ``#rrggbb`` (or ``#rrggbbaa``) text."""

    name: str
    dark: bool
    primary: str
    foreground: str
    background: str
    secondary: str | None = None
    accent: str | None = None
    warning: str | None = None
    error: str | None = None
    success: str | None = None
    surface: str | None = None
    panel: str | None = None
    boost: str | None = None
    text_alpha: float | None = None
    variables: dict[str, str] = field(default_factory=dict, compare=False)
    path: str = ""
    builtin: bool = False

    @property
    def title(self) -> str:
        """'coach-dusk' -> 'Dusk' (the 'coach-' prefix is dropped)."""
        return self.name.removeprefix("coach-").replace("-", " ").capitalize()


def builtin_themes_dir() -> Path:
    """Built-in themes (see coach.core.builtin)."""
    return Path(builtin_folder("themes"))


def parse_theme(data: bytes, path: str, *, builtin: bool = False) -> tuple[ThemeSpec | None, list[Problem]]:
    """A theme from YAML bytes, or None with the problems that stopped it."""
    from coach.core.yamlnodes import Reader

    r = Reader(path)
    root = r.compose(data)
    if root is None:
        return None, r.problems
    try:
        mapping = r.mapping(root, "a theme")
    except Invalid:
        return None, r.problems
    r.check_keys(root, mapping, ALLOWED, REQUIRED, "a theme")
    values: dict[str, object] = {}
    for name, (_key, node) in mapping.items():
        try:
            if name == "name":
                text = r.text(node, name, max_length=40)
                if not _NAME.match(text):
                    raise r.problem(node, "name must be lowercase letters, digits and dashes, "
                                    f"such as 'my-theme', not {text!r}")
                values[name] = text
            elif name == "dark":
                values[name] = r.boolean(node, name)
            elif name in COLOR_KEYS:
                values[name] = _color(r, node, name)
            elif name == "text_alpha":
                values[name] = r.number(node, name, minimum=0, maximum=1)
            elif name == "variables":
                values[name] = _variables(r, node)
        except Invalid:
            continue
    if r.problems:
        return None, r.problems
    return ThemeSpec(**values, path=path, builtin=builtin), []  # type: ignore[arg-type]


def _color(r: Reader, node: object, name: str) -> str:
    from yaml.nodes import ScalarNode

    from coach.core.yamlnodes import NULL

    if isinstance(node, ScalarNode) and node.tag == NULL:
        raise r.problem(node, f"{name} is empty: put the colour in quotes, such as \"#1e2430\" "
                        "(an unquoted # starts a comment in YAML)")
    text = r.text(node, name, max_length=9)  # type: ignore[arg-type]
    if not _HEX.match(text):
        raise r.problem(node, f"{name} must be a colour such as \"#1e2430\", not {text!r}")  # type: ignore[arg-type]
    return text.lower()


def _variables(r: Reader, node: object) -> dict[str, str]:
    mapping = r.mapping(node, "variables")  # type: ignore[arg-type]
    out: dict[str, str] = {}
    for name, (key, value) in mapping.items():
        if not _VARIABLE.match(name):
            r.problem(key, f"variable names are lowercase words joined by dashes, not {name!r}")
            continue
        try:
            text = r.text(value, name, max_length=60)
        except Invalid:
            continue
        if not _VARIABLE_VALUE.match(text):
            r.problem(value, f"{name} must be a colour or a Textual style value, not {text!r}")
            continue
        out[name] = text
    return out


def load_themes(builtin: Path | None = None,
                user: Path | None = None) -> tuple[list[ThemeSpec], list[Problem]]:
    """Built-in themes then the user's; a user theme with a built-in's name replaces it.
    Never raises or blocks: a FIFO, folder, oversized or unreadable file is a problem."""
    from coach.core.library import yaml_files
    from coach.core.yamlnodes import read_source

    specs: dict[str, ThemeSpec] = {}
    problems: list[Problem] = []
    sources = [(builtin or builtin_themes_dir(), True)]
    if user is not None:
        sources.append((user, False))
    for folder, is_builtin in sources:
        for path in yaml_files(folder, problems):
            data, problem = read_source(path, MAX_THEME_BYTES)
            if data is None:
                problems.append(problem or Problem(str(path), 1, 1, "cannot read the file"))
                continue
            spec, found = parse_theme(data, str(path), builtin=is_builtin)
            problems.extend(found)
            if spec is not None:
                specs[spec.name] = spec
    return list(specs.values()), problems


# -- WCAG 2 contrast ---------------------------------------------------------------------
def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """'#1e2430' -> (30, 36, 48); an alpha part is ignored."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def channel(c: int) -> float:
        s = c / 255.0
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in hex_to_rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two colours, 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
