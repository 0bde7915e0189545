"""The safety check: each risk found where it is (path:line:col), accepted only by a visible
comment, warnings without --strict and problems with it; the built-in library passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.cli import main
from coach.core.library import builtin_dir, load_library
from coach.core.risks import RISKS, find_risks
from coach.core.schema import parse_entry

BASE = """\
format: 1
title: Test
kind: breathing
summary: One line.
source: Balban et al. 2023, Cell Reports Medicine 4:100895
steps:
  - type: breathe
    inhale: 4
    exhale: 6
    minutes: 1
"""
FOR_TWO = """\
format: 1
title: Test
kind: repair
participants: 2
summary: One line.
source: J. Gottman and N. Silver 1999, The Seven Principles
steps:
  - type: turn
    speaker: a
    text: Say how you felt.
    minutes: 2
"""


def risks_of(text: str) -> list[str]:
    entry, problems = parse_entry(text.encode(), Path("t.yaml"))
    assert entry is not None, problems
    return [str(r) for r in find_risks(entry, text.encode())]


def test_a_plain_pattern_has_no_risk() -> None:
    assert risks_of(BASE) == []


def test_a_long_hold_is_found_at_its_value() -> None:
    text = BASE.replace("    minutes: 1", "    hold: 12\n    minutes: 1")
    found = risks_of(text.replace("summary:", "safety: Stop if you feel dizzy.\nsummary:"))
    assert found == ["t.yaml:11:11: risk long-hold: step 1 holds the breath for 12 s; holds over "
                     "10 s can bring dizziness or fainting: keep them to 10 s or less"]


def test_holds_need_a_safety_line() -> None:
    found = risks_of(BASE.replace("    minutes: 1", "    hold_after: 4\n    minutes: 1"))
    assert [f.split(": risk ")[1].split(":")[0] for f in found] == ["holds-without-safety"]
    assert found[0].startswith("t.yaml:10:17:")


def test_fast_breathing_for_over_two_minutes() -> None:
    fast = BASE.replace("inhale: 4", "inhale: 2").replace("exhale: 6", "exhale: 2")
    assert risks_of(fast) == [], "eight seconds of fast breathing is no risk"
    found = risks_of(fast.replace("minutes: 1", "minutes: 3"))
    assert found == ["t.yaml:7:5: risk fast-breathing: step 1 paces 15 breaths a minute for "
                     "3 min; more than 10 a minute for over 2 min can bring light-headedness "
                     "and tingling: slow the breath or shorten the step"]
    assert risks_of(fast.replace("minutes: 1", "minutes: 2")) == [], "exactly two minutes is fine"


def test_an_exercise_for_two_needs_a_caution_and_a_conflict_script_a_break() -> None:
    found = risks_of(FOR_TWO)
    assert [f.split(": ")[1] for f in found] == ["risk no-break", "risk no-caution"]
    assert found[0].startswith("t.yaml:3:7:") and found[1].startswith("t.yaml:4:15:")
    caution = "caution: For partners who feel safe. Either of you can ask for a pause.\n"
    assert risks_of(FOR_TWO.replace("summary:", caution + "summary:")) == []
    in_a_step = FOR_TWO.replace("Say how you felt.", "Say how you felt; take a break if you need.")
    assert [f.split(": ")[1] for f in risks_of(in_a_step)] == ["risk no-caution"]
    ritual = FOR_TWO.replace("kind: repair", "kind: ritual")
    assert [f.split(": ")[1] for f in risks_of(ritual)] == ["risk no-caution"]


def test_a_source_without_year_or_doi() -> None:
    found = risks_of(BASE.replace("Balban et al. 2023, Cell Reports Medicine 4:100895",
                                  "my own idea"))
    assert found == ["t.yaml:5:9: risk no-source: the source names no year and no DOI: say who "
                     "wrote the work, the year and the title, so anyone can find it"]
    assert risks_of(BASE.replace("Balban et al. 2023, Cell Reports Medicine 4:100895",
                                 "https://doi.org/10.1016/j.xcrm.2022.100895")) == []


def test_an_accepted_risk_is_not_reported() -> None:
    accepted = FOR_TWO.replace("participants: 2\n", "participants: 2\n# coach: accept no-caution "
                               "(fast on purpose)\n# coach: accept no-break\n")
    assert risks_of(accepted) == []
    assert risks_of(FOR_TWO.replace("summary:", "summary: '# coach: accept no-caution'\nx:")
                    .replace("x:", "description:")) != [], "only a comment line accepts"


def test_every_risk_has_a_test_above() -> None:
    text = Path(__file__).read_text()
    assert all(f"risk {name}" in text or f'"{name}"' in text for name in RISKS)


def test_the_builtin_library_passes_strict(capsys: pytest.CaptureFixture[str]) -> None:
    library = load_library(builtin_dir(), None)
    assert [str(r) for e in library.entries.values() for r in find_risks(e)] == []
    assert main(["validate", "--strict", str(builtin_dir())]) == 0
    assert "(strict: no risks)" in capsys.readouterr().err


def test_risks_are_warnings_without_strict(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "two.yaml").write_text(FOR_TWO)
    assert main(["validate", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert f"{tmp_path / 'two.yaml'}:4:15: risk no-caution:" in out
    assert "with 2 risks to weigh (warnings; --strict makes them problems)" in err
    assert main(["validate", "--strict", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out.count("risk ") == 2 and "2 problems in 1 file" in err


def test_validate_strict_checks_packs_and_zips(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from tests.pack_support import GOOD, make_folder, make_zip

    risky = {**GOOD, "two.yaml": FOR_TWO}
    folder = make_folder(tmp_path / "calm", risky)
    zipped = make_zip(tmp_path / "calm.zip", risky)
    assert main(["validate", "--strict", str(folder / "box.yaml")]) == 1, "a member: the whole pack"
    assert f"{folder / 'two.yaml'}:4:15: risk no-caution" in capsys.readouterr().out
    assert main(["validate", "--strict", str(zipped)]) == 1
    assert f"{zipped}/calm/two.yaml:4:15: risk no-caution" in capsys.readouterr().out
    assert main(["validate", str(make_zip(tmp_path / "good.zip"))]) == 0
