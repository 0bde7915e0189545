"""Property tests: hostile strings (markup-like brackets, escapes, control, text-direction
and invisible characters) in every text field of an otherwise valid exercise, plan,
settings and theme file, written as literal characters and as YAML escapes. The readers
never raise; a refused character always gives a problem at a real path:line:col (at the
escape itself when the value is on one line); markup-like text alone loads as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from coach.core.model import Exercise, Plan
from coach.core.schema import parse_entry
from coach.core.settings import Settings, parse_settings
from coach.core.text import REFUSED, char_name, unsafe_char
from coach.core.themes import parse_theme

YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
PROBLEM = re.compile(r"^t\.yaml:(\d+):(\d+): \S.*$")
MARKUP = ["[b]", "[/]", "[/b]", "[@click=app.quit]", "[@click=app.screenshot('.bashrc','/home/me')]",
          "[link='x']", "[Ana]", "Kim [/]", "[$accent]", "[on red]", "\\", "\\e", "\\[", "%s",
          "**", "`", "#", "> ", "- ", "'", '"', ":", " "]
REFUSED_CHARS = ["\x1b", "\x07", "\x00", "\r", "\x7f", "\x85", "\x9b", "\x9d", "\u202e", "\u2066",
                 "\u200b", "\u200d", "\ufeff", "\u2028", "\u00ad", "\U000e0041"]
WORDS = ["calm", "Kim", "Ana", "breathe", "ok", "x"]
HOSTILE = st.lists(st.one_of(st.sampled_from(MARKUP), st.sampled_from(REFUSED_CHARS),
                             st.sampled_from(WORDS), st.characters(codec="utf-8")),
                   min_size=1, max_size=12).map("".join)
SAFE = st.lists(st.one_of(st.sampled_from(MARKUP[:-6]), st.sampled_from(WORDS)),
                min_size=1, max_size=6).map(" ".join).filter(lambda s: len(s) <= 40)  # low, high: 40


def escaped(text: str) -> str:
    """A YAML double-quoted scalar writing every character outside printable ASCII as an
    escape (so the decoded value is exactly ``text``)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        else:
            out.append(f"\\x{code:02x}" if code < 0x100 else
                       f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def literal(text: str) -> str:
    """A YAML double-quoted scalar with every character written as itself."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


EXERCISE = """\
format: 1
title: {title}
kind: repair
summary: {summary}
source: {source}
description: {description}
caution: {caution}
tags: [{tag}]
participants: 2
{key}: x
steps:
  - type: rate
    measure: calm
    text: {text}
    low: {low}
    high: {high}
  - type: turn
    speaker: a
    text: {turn}
    seconds: 30
"""
PLAN = "format: 1\ntitle: P\nkind: plan\nsummary: s\nsource: s\nexercises: [{id}]\n"
SETTINGS = "partner_a: {partner_a}\npartner_b: {partner_b}\ntheme: {theme}\n{key}: true\n"
THEME = ('name: {name}\ndark: true\nprimary: {primary}\nforeground: "#eeeeee"\n'
         'background: "#111111"\nvariables:\n  {key}: {value}\n')
DEFAULTS = {"title": "T", "summary": "S.", "source": "G", "description": "D", "caution": "C",
            "tag": "t", "text": "How calm?", "low": "L", "high": "H",
            "turn": "Talk.", "id": "one", "partner_a": "A", "partner_b": "B",
            "theme": "coach-dusk", "name": "mine", "primary": "#8fb3c9", "value": "#cccccc"}
FIELDS = {EXERCISE: ["title", "summary", "source", "description", "caution", "tag", "key",
                     "text", "low", "high", "turn"],
          PLAN: ["id"], SETTINGS: ["partner_a", "partner_b", "theme", "key"],
          THEME: ["name", "primary", "key", "value"]}


def build(template: str, field: str, value: str) -> str:
    values = {k: json.dumps(v) for k, v in DEFAULTS.items()}
    values["key"] = {EXERCISE: "id", SETTINGS: "welcomed", THEME: "text-muted"}.get(template, "")
    values[field] = value
    return template.format(**values)


def read(template: str, text: str) -> tuple[bool, list[str]]:
    """(loaded cleanly, problems as text) from the reader for ``template``."""
    data = text.encode("utf-8", "surrogatepass")
    if template in (EXERCISE, PLAN):
        entry, found = parse_entry(data, Path("t.yaml"))
        assert entry is None or isinstance(entry, Exercise | Plan)
        return entry is not None, [str(p) for p in found]
    if template == SETTINGS:
        settings, found = parse_settings(data, "t.yaml")
        assert isinstance(settings, Settings)
        return not found, [str(p) for p in found]
    spec, found = parse_theme(data, "t.yaml")
    return spec is not None, [str(p) for p in found]


def assert_places_are_real(text: str, problems: list[str]) -> list[tuple[int, int, str]]:
    lines = YAML_BREAKS.split(text)
    places = []
    for problem in problems:
        match = PROBLEM.match(problem)
        assert match, problem
        line, column = int(match.group(1)), int(match.group(2))
        assert 1 <= line <= len(lines), problem
        assert 1 <= column <= len(lines[line - 1]) + 1, problem
        places.append((line, column, problem))
    return places


TEMPLATES = st.sampled_from(list(FIELDS)).flatmap(
    lambda t: st.tuples(st.just(t), st.sampled_from(FIELDS[t])))


@given(TEMPLATES, HOSTILE)
def test_escaped_hostile_text_is_refused_at_its_escape(where: tuple[str, str], value: str) -> None:
    template, field = where
    text = build(template, field, escaped(value))
    ok, problems = read(template, text)
    places = assert_places_are_real(text, problems)
    bad = unsafe_char(value)
    if bad is None:
        assert not any(" contains " in p for p in problems), problems
        return
    assert not ok
    if "\\ud" in escaped(value[: bad.index + 1]).lower():  # a surrogate: a YAML syntax error
        return
    named = [(line, col) for line, col, p in places
             if f"({char_name(bad.char)}) at character {bad.index + 1};" in p]
    assert named, problems
    line, col = named[0]
    assert YAML_BREAKS.split(text)[line - 1][col - 1] == "\\", (text, problems)


@given(TEMPLATES, HOSTILE)
def test_literal_hostile_text_is_refused_where_it_is(where: tuple[str, str], value: str) -> None:
    template, field = where
    text = build(template, field, literal(value))
    ok, problems = read(template, text)
    assert_places_are_real(text, problems)
    if REFUSED.search(YAML_BREAKS.sub("", value)):  # line breaks are folded by YAML
        assert not ok and problems  # the character, or YAML's syntax error, is reported


@given(st.sampled_from([f for f in FIELDS[EXERCISE] if f != "key"]), SAFE, st.booleans())
def test_markup_like_text_loads_as_written(field: str, value: str, as_escapes: bool) -> None:
    text = build(EXERCISE, field, escaped(value) if as_escapes else literal(value))
    entry, problems = parse_entry(text.encode(), Path("t.yaml"))
    assert problems == [] and isinstance(entry, Exercise)
    got = {"title": entry.title, "summary": entry.summary, "source": entry.source,
           "description": entry.description, "caution": entry.caution, "tag": entry.tags[0],
           "text": entry.steps[0].text, "low": getattr(entry.steps[0], "low", None),
           "high": getattr(entry.steps[0], "high", None), "turn": entry.steps[1].text}
    assert got[field] == value.strip()


@given(st.sampled_from(["partner_a", "partner_b"]), SAFE.filter(lambda s: len(s.strip()) <= 30))
def test_markup_like_partner_names_load_as_written(field: str, value: str) -> None:
    settings, problems = parse_settings(build(SETTINGS, field, literal(value)).encode(), "t.yaml")
    assert problems == [] and getattr(settings, field) == value.strip()
