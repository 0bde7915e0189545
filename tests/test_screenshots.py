"""README's pictures are the app as it is: each is redrawn here and must match the file."""

from __future__ import annotations

import re

from tests.screenshots import FOLDER, SHOTS, render_all


def test_readme_screenshots_are_present_and_current() -> None:
    drawn = render_all()
    assert set(drawn) == set(SHOTS)
    readme = (FOLDER.parents[1] / "README.md").read_text()
    for name, svg in drawn.items():
        path = FOLDER / f"{name}.svg"
        assert path.exists(), f"{path} is missing: run .venv/bin/python -m tests.screenshots"
        assert path.read_text() == svg, f"{path} is stale: run .venv/bin/python -m tests.screenshots"
        assert f"(docs/screenshots/{name}.svg)" in readme, f"README does not show {name}.svg"
    words = {name: " ".join(re.findall(r">([^<>]+)</text>", svg)) for name, svg in drawn.items()}
    assert "Suggested" in words["home"] and "Library" in words["home"]
    assert "cycle" in words["breathing"] and "Box" in words["breathing"]
    assert "Speaking:" in words["turn"] and "Listening:" in words["turn"]
    assert "Practice" in words["history"]
