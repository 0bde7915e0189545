"""What is wrong in a file, as plain values (no YAML needed to create or unpickle them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong in a file, 1-based line and column; sorted by file, then place."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class Invalid(Exception):
    """Raised by a reader after it has recorded its problem; the value is unusable."""
