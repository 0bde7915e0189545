"""Parsed Textual CSS, kept between starts in ``css.cache`` in the data folder.

Textual parses every CSS source on each start: its own widgets' DEFAULT_CSS, ours, the
app's. Setting the theme then parses them all once more (a new stylesheet, with an empty
cache). That was about a tenth of the time to the home screen's first frame (see
benchmarks/first_frame.py). Here the parsed rules are shared by every stylesheet of the
process and pickled between starts.

An entry's key is what Textual's own per-stylesheet cache uses (the CSS text, where it was
read from, default or not, tie breaker, scope) plus the theme variables it was parsed with;
the file as a whole is keyed by the stamps of Textual's CSS modules, so another Textual
version starts afresh. Only ``Stylesheet._parse_rules`` is wrapped (Textual is pinned
exactly; tests/test_css_cache.py fails if that method changes shape). A cache that cannot
be read, is not ours or is corrupt is ignored; one that cannot be written is skipped.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

from textual.css import stylesheet as _stylesheet
from textual.css.model import RuleSet

from coach.core.files import atomic_write_bytes, file_stamp, read_private_bytes
from coach.core.startup import CSS_CACHE_NAME

CACHE_NAME = CSS_CACHE_NAME
FORMAT = 1
_TEXTUAL_CSS_MODULES = ("parse", "model", "styles", "tokenize", "tokenizer", "stylesheet")

Key = tuple[str, str, tuple[str, str], bool, int, str]
"""(theme variables, CSS text, read from, default rules, tie breaker, scope)."""


def _stamp() -> tuple[object, ...]:
    """FORMAT and the stamps of the Textual modules that shape parsed rules."""
    folder = Path(_stylesheet.__file__).parent
    return (FORMAT, *(file_stamp(folder / f"{name}.py") for name in _TEXTUAL_CSS_MODULES))


class CssCache:
    """Parsed rules by key; ``load`` and ``save`` keep them in a file between starts."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.entries: dict[Key, list[RuleSet]] = {}
        self.used: set[Key] = set()
        self.unsaved = False
        self._variables: dict[int, tuple[dict[str, str], str]] = {}

    def variables_key(self, variables: dict[str, str]) -> str:
        """The theme variables as one string (computed once per variables dict)."""
        known = self._variables.get(id(variables))
        if known is None or known[0] is not variables:
            known = (variables, repr(sorted(variables.items())))
            self._variables[id(variables)] = known
        return known[1]

    def rules(self, key: Key, parse: Callable[[], list[RuleSet]]) -> list[RuleSet]:
        """The rules for ``key``, parsed by ``parse`` when not cached."""
        rules = self.entries.get(key)
        if rules is None:
            rules = parse()  # may raise, as before: nothing is cached then
            if any(rule.errors for rule in rules):
                return rules  # reported by the stylesheet, and again next time
            self.entries[key] = rules
            self.unsaved = True
        self.used.add(key)
        return rules

    def load(self) -> None:
        """Read the file, if there is a sound one for this Textual."""
        if self.path is None:
            return
        data = read_private_bytes(self.path)
        if data is None:
            return
        try:
            stamp, entries = pickle.loads(data)
        except Exception:  # corrupt, truncated or from another version: parse afresh
            return
        if stamp == _stamp() and isinstance(entries, dict):
            self.entries.update(entries)

    def save(self) -> bool:
        """Write the entries of this start's theme (stale CSS of a source is dropped) if
        anything new was parsed. False, silently, if that failed."""
        if self.path is None or not self.unsaved:
            return False
        current = {key[0] for key in self.used}
        read_from = {key[2]: key[1] for key in self.used}
        keep = {key: rules for key, rules in self.entries.items()
                if key in self.used or (key[0] in current and read_from.get(key[2], key[1]) == key[1])}
        try:
            atomic_write_bytes(self.path, pickle.dumps((_stamp(), keep), pickle.HIGHEST_PROTOCOL))
        except Exception:  # read-only or full disk, or rules that cannot be pickled
            return False
        self.unsaved = False
        return True


_active: CssCache | None = None
_original: Callable[..., list[RuleSet]] = _stylesheet.Stylesheet._parse_rules


def _parse_rules(self: _stylesheet.Stylesheet, css: str, read_from: tuple[str, str],
                 is_default_rules: bool = False, tie_breaker: int = 0, scope: str = "") -> list[RuleSet]:
    """Stylesheet._parse_rules, answered from the active cache when there is one."""
    cache = _active
    if cache is None:
        return _original(self, css, read_from, is_default_rules, tie_breaker, scope)
    key: Key = (cache.variables_key(self._variables), css, read_from, is_default_rules, tie_breaker, scope)
    return cache.rules(key, lambda: _original(self, css, read_from, is_default_rules, tie_breaker, scope))


def install(path: Path | None) -> CssCache:
    """Make a cache (loaded from ``path``) the one every stylesheet of this process uses."""
    global _active
    cache = CssCache(path)
    cache.load()
    _active = cache
    _stylesheet.Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
    return cache
