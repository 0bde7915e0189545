"""The format refuses what can act: control, text-direction and invisible characters in any
text or key (after YAML escapes are decoded), and Markdown links other than a paper's DOI.
Markup-like brackets are plain text and load fine."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from coach.core.model import Exercise
from coach.core.schema import parse_entry

HEAD = "format: 1\nkind: repair\nsummary: A test.\nsource: General practice\n"
STEPS = "steps: [{type: note, text: t}]\n"


def load(text: str) -> tuple[Exercise | None, list[str]]:
    entry, found = parse_entry(textwrap.dedent(text).encode(), Path("t.yaml"))
    assert entry is None or isinstance(entry, Exercise)
    return entry, [str(p) for p in found]


def only(text: str) -> str:
    entry, found = load(text)
    assert entry is None and len(found) == 1, found
    return found[0]


# -- characters ----------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "column", "name"), [
    ('title: "Calm\\e]0;owned\\a"', 13, "U+001B ESC"),  # column of the backslash of \e
    ('title: "Calm\\x1b[2J"', 13, "U+001B ESC"),
    ('title: "Calm\\u202edown"', 13, "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ('title: "Calm\\x9b"', 13, "U+009B CSI"),
    ('title: "Calm\\N"', 13, "U+0085 NEL"),
    ('title: "Calm\\L"', 13, "U+2028 LINE SEPARATOR"),
    ('title: "Tab\\t ok, CR\\r not"', 21, "U+000D CR"),
    ("title: Calm\u202edown", 12, "U+202E RIGHT-TO-LEFT OVERRIDE"),  # literal, plain
    ("title: 'It''s\u200b'", 14, "U+200B ZERO WIDTH SPACE"),  # literal, single quoted
    ('title: "\\x7f"', 9, "U+007F DEL"),
])
def test_refused_character_is_named_where_it_is(line: str, column: int, name: str) -> None:
    msg = only(HEAD + line + "\n" + STEPS)
    assert msg.startswith(f"t.yaml:5:{column}: title contains "), msg
    assert f"({name}) at character" in msg
    assert msg.endswith("remove it: text in coach files must be plain, visible text")


def test_literal_control_character_is_named_by_the_yaml_reader() -> None:
    msg = only(HEAD + "title: Calm\x1b[2J\n" + STEPS)
    assert msg == ("t.yaml:5:12: the file contains a control character (U+001B ESC); remove it: "
                   "text in coach files must be plain, visible text")


def test_literal_block_points_at_the_line_and_column_of_the_character() -> None:
    msg = only(HEAD + "title: T\ndescription: |\n  First line.\n  Second\u2067 line.\n" + STEPS)
    assert msg.startswith("t.yaml:8:9: description contains a text-direction control (U+2067 "
                          "RIGHT-TO-LEFT ISOLATE) at character 19")


def test_folded_and_multi_line_values_point_at_the_value() -> None:
    msg = only(HEAD + "title: T\ncaution: >\n  First line.\n  Second\u200d line.\n" + STEPS)
    assert msg.startswith("t.yaml:6:10: caution contains an invisible character (U+200D ZERO")
    msg = only(HEAD + 'title: "Two\n  lines\\e"\n' + STEPS)
    assert msg.startswith("t.yaml:5:8: title contains a control character (U+001B ESC)")


@pytest.mark.parametrize("field", [
    "title", "summary", "source", "description", "caution", "tags", "id", "step text",
    "low", "high", "measure", "speaker", "type", "key",
])
def test_every_text_field_is_checked(field: str) -> None:
    bad = '"x\\u200by"'
    doc = {
        "title": "T", "summary": "S.", "source": "G", "description": "D", "caution": "C",
        "tags": "[a]", "id": "x",
    }
    step = {"text": "How calm?", "low": "L", "high": "H", "measure": "calm", "type": "rate"}
    if field in doc:
        doc[field] = f"[{bad}]" if field == "tags" else bad
    elif field == "step text":
        step["text"] = bad
    elif field in step:
        step[field] = bad
    head = "format: 1\nkind: emotion\n" + "".join(f"{k}: {v}\n" for k, v in doc.items())
    if field == "key":
        head += '"ti\\u200btle2": x\n'
    if field == "speaker":
        head += "participants: 2\nsteps:\n  - type: reflect\n    speaker: " + bad + "\n    text: t\n"
    else:
        head += "steps:\n  - " + "\n    ".join(f"{k}: {v}" for k, v in step.items()) + "\n"
    entry, found = load(head)
    assert entry is None
    assert any("(U+200B ZERO WIDTH SPACE)" in f for f in found), found


def test_plan_exercise_ids_are_checked() -> None:
    msg = only("format: 1\ntitle: P\nkind: plan\nsummary: s\nsource: s\n"
               'exercises:\n  - "one\\e"\n')
    assert msg.startswith("t.yaml:7:9: each of exercises contains a control character")


@pytest.mark.parametrize("title", [
    "Kim [/] and [Ana]", "[b]bold[/b]", "[@click=app.quit]Tap here[/]", "[link='x']x[/link]",
    "[$accent]x", "a \\e b", "Dir\u200fection marks", "emoji ❤️ 😀", "C:\\path",
])
def test_markup_like_text_and_allowed_marks_load_as_they_are(title: str) -> None:
    entry, found = load(HEAD + f"title: {json.dumps(title, ensure_ascii=False)}\n" + STEPS)
    assert found == [] and entry is not None and entry.title == title


def test_brackets_in_step_text_and_partner_placeholders_load() -> None:
    entry, found = load(HEAD + "title: T\nparticipants: 2\nsteps:\n"
                        "  - type: note\n    text: \"[/] {a} [b]{b}[/b] [@click=app.quit]\"\n")
    assert found == [] and entry is not None


# -- links ---------------------------------------------------------------------------------

DOI = "https://doi.org/10.1016/j.xcrm.2022.100895"


def description(text: str) -> list[str]:
    body = "".join(f"  {line}\n" for line in text.splitlines())
    return load(HEAD + "title: T\n" + STEPS + "description: |\n" + body)[1]


@pytest.mark.parametrize(("text", "says"), [
    ("See [the site](https://example.com/x).", "a link to 'https://example.com/x'"),
    ("See [the site][s].\n\n[s]: https://example.com", "a link definition for 'https://example.com'"),
    ("Go to <https://example.com>.", "a link to 'https://example.com'"),
    ("Go to https://example.com now.", "'https://example.com', which Markdown turns into a link"),
    ("Go to www.example.com now.", "'www.example.com', which Markdown turns into a link"),
    ("Mail help@example.com.", "'help@example.com', which Markdown turns into a link"),
    ("Try coach.py today.", "'coach.py', which Markdown turns into a link"),
    ("![a picture](https://example.com/a.png)", "an image ('https://example.com/a.png')"),
    ("![a DOI picture](" + DOI + ")", "an image"),
    ("Some <b>bold</b> text.", "an HTML tag '<b>'"),
    ("<div>\nblock\n</div>", "an HTML block"),
    ("A [link](http://doi.org/10.1016/x) over http.", "a link to 'http://doi.org/10.1016/x'"),
])
def test_links_other_than_a_doi_are_refused(text: str, says: str) -> None:
    found = description(text)
    assert found and all(f.startswith("t.yaml:") for f in found)
    assert any(says in f for f in found), found
    assert all("only a paper's DOI may be linked (https://doi.org/10.…)" in f for f in found)


def test_link_problem_points_at_its_line() -> None:
    found = description("First line.\nSee [this](https://example.com).")
    assert found == [
        "t.yaml:9:14: description has a link to 'https://example.com'; only a paper's DOI may "
        "be linked (https://doi.org/10.…); name any other source in words in 'source'"]


def test_caution_links_are_refused_too() -> None:
    entry, found = load(HEAD + "title: T\n" + STEPS + "caution: Call [us](tel:123).\n")
    assert entry is None and "caution has a link to 'tel:123'" in found[0]


@pytest.mark.parametrize("text", [
    f"From [Balban et al. 2023]({DOI}).",
    f"From {DOI}.",
    f"<{DOI}>",
    "A DOI with brackets: [x](https://doi.org/10.1016/S0140-6736(20)30183-5).",
    "Plain words, **bold**, *italic*, `code.py` and a list:\n\n- one\n- two",
    "Brackets [b] and [/] and [@click=app.quit] are text. 3 < 4 and e.g. 4.7.8 breathing.",
    "Write `https://example.com` in backticks to keep it as code.",
])
def test_doi_links_and_plain_markdown_are_allowed(text: str) -> None:
    assert description(text) == []
