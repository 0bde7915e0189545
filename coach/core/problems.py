"""What is wrong in a file, as plain values (no YAML needed to create or unpickle them)."""

from __future__ import annotations

from functools import total_ordering

from coach.core.record import Record, record


@total_ordering
@record
class Problem(Record):
    """One thing wrong in a file, 1-based line and column; sorted by file, then place."""

    path: str
    line: int
    column: int
    message: str

    def __lt__(self, other: object) -> bool:
        if other.__class__ is not Problem:
            return NotImplemented
        assert isinstance(other, Problem)
        return ((self.path, self.line, self.column, self.message)
                < (other.path, other.line, other.column, other.message))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class Invalid(Exception):
    """Raised by a reader after it has recorded its problem; the value is unusable."""
