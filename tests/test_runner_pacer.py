"""The pacer's drawing: a circle that fits its box and grows with the breath."""

from __future__ import annotations

import math

import pytest

from coach.ui.runner.pacer import radii, shape_rows


def brute_force(width: int, height: int, size: float) -> list[str]:
    radius, _ = radii(width, height, size)
    return ["".join("█" if math.hypot((c + 0.5 - width / 2) / 2, r + 0.5 - height / 2) <= radius else " "
                    for c in range(width)) for r in range(height)]


@pytest.mark.parametrize(("width", "height"), [(44, 21), (20, 12), (30, 9), (5, 3)])
def test_fill_is_the_circle(width: int, height: int) -> None:
    for i in range(0, 101, 5):
        rows = shape_rows(width, height, i / 100)
        assert [f for f, _ in rows] == brute_force(width, height, i / 100)
        assert all(len(f) == len(r) == width for f, r in rows)


def test_grows_with_size_and_never_vanishes() -> None:
    filled = [sum(f.count("█") for f, _ in shape_rows(44, 21, s / 10)) for s in range(11)]
    assert filled == sorted(filled) and filled[0] > 0 and filled[-1] > 10 * filled[0]
