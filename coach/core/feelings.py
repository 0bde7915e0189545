"""The feelings vocabulary offered by emotion steps, loaded from YAML data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from coach.core.yamlnodes import MAX_FILE_BYTES, Invalid, Problem, Reader, read_source

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "feelings.yaml"


@dataclass(frozen=True)
class CoreFeeling:
    word: str
    description: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    cores: tuple[CoreFeeling, ...]

    def core(self, word: str) -> CoreFeeling | None:
        return next((c for c in self.cores if c.word == word), None)

    def search(self, query: str) -> list[tuple[str, str]]:
        """(core, word) pairs whose word or core starts with or contains ``query``."""
        q = query.strip().lower()
        pairs = [(c.word, w) for c in self.cores for w in c.words]
        if not q:
            return pairs
        return [(c, w) for c, w in pairs if q in w or c.startswith(q)]


class VocabularyError(ValueError):
    """The vocabulary file is broken; ``problems`` says where."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def parse_vocabulary(data: bytes, path: str) -> Vocabulary:
    r = Reader(path)
    root = r.compose(data)
    cores: list[CoreFeeling] = []
    if root is not None:
        try:
            fields = r.mapping(root, "the vocabulary")
            r.check_keys(root, fields, ("format", "cores"), ("format", "cores"), "the vocabulary")
            for node in r.sequence(fields["cores"][1], "cores") if "cores" in fields else []:
                core = r.mapping(node, "a core feeling")
                r.check_keys(node, core, ("word", "description", "words"),
                             ("word", "description", "words"), "a core feeling")
                if r.problems:
                    break
                cores.append(CoreFeeling(
                    word=r.text(core["word"][1], "word", max_length=30),
                    description=r.text(core["description"][1], "description", max_length=120),
                    words=tuple(r.text_list(core["words"][1], "words")),
                ))
        except Invalid:
            pass
    if r.problems or not cores:
        raise VocabularyError(r.problems or [Problem(path, 1, 1, "no core feelings")])
    return Vocabulary(tuple(cores))


@cache
def load_vocabulary(path: Path = DEFAULT_PATH) -> Vocabulary:
    """The packaged vocabulary (cached: it never changes while the app runs). Raises
    :class:`VocabularyError` when it cannot be read or is broken (a broken install)."""
    data, problem = read_source(path, MAX_FILE_BYTES)
    if data is None:
        raise VocabularyError([problem or Problem(str(path), 1, 1, "cannot read the file")])
    return parse_vocabulary(data, str(path))
