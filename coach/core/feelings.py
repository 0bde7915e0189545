"""The feelings vocabulary offered by emotion steps, loaded from YAML data.

Every core feeling and every word has a stable key (``mad``, ``sad/left-out``) next to the label
people see (``angry``, ``left out``). Keys never change; labels may, and the old labels are kept
in ``formerly`` so :meth:`Vocabulary.key_for` can turn what older histories stored (the labels
shown then) into keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from yaml.nodes import Node, ScalarNode

from coach.core.yamlnodes import MAX_FILE_BYTES, Invalid, Problem, Reader, read_source

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "feelings.yaml"

_PART = r"[a-z0-9]+(?:-[a-z0-9]+)*"
CORE_KEY = re.compile(rf"^{_PART}$")
WORD_KEY = re.compile(rf"^{_PART}/{_PART}$")
PAIR = re.compile(r"^[^/]+/[^/]+$")


def slug(word: str) -> str:
    """'left out' -> 'left-out' (the word part of a default key)."""
    return "-".join(re.sub(r"[^a-z0-9 -]", "", word.lower()).replace("-", " ").split())


@dataclass(frozen=True, slots=True)
class Feeling:
    """One specific word under a core feeling."""

    key: str
    """Stable, for history and statistics: ``sad/lonely``."""
    word: str
    """The label shown."""
    core: str
    """The core's key."""
    formerly: tuple[str, ...] = ()
    """Old ``core/word`` label pairs that now mean this word."""


@dataclass(frozen=True, slots=True)
class CoreFeeling:
    key: str
    """Stable: ``mad``."""
    word: str
    """The label shown: ``angry``."""
    description: str
    feelings: tuple[Feeling, ...]
    formerly: tuple[str, ...] = ()
    """Old core labels (``mad``), or old ``core/word`` label pairs that now mean the core."""

    @property
    def words(self) -> tuple[str, ...]:
        """The labels of the core's words, in order."""
        return tuple(f.word for f in self.feelings)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    cores: tuple[CoreFeeling, ...]

    def core(self, word: str) -> CoreFeeling | None:
        """The core shown as ``word`` (or with that key)."""
        return (next((c for c in self.cores if c.word == word), None)
                or next((c for c in self.cores if c.key == word), None))

    def feelings(self) -> list[Feeling]:
        return [f for c in self.cores for f in c.feelings]

    def keys(self) -> set[str]:
        """Every key: the cores' and their words'."""
        return {c.key for c in self.cores} | {f.key for f in self.feelings()}

    def search(self, query: str) -> list[tuple[str, str]]:
        """(core, word) label pairs whose word or core starts with or contains ``query``."""
        q = query.strip().lower()
        pairs = [(c.word, w) for c in self.cores for w in c.words]
        if not q:
            return pairs
        return [(c, w) for c, w in pairs if q in w or c.startswith(q)]

    def key_for(self, core: str, word: str) -> str | None:
        """The key of a feeling stored as the labels (``core``, ``word``), today's or former ones.

        A core picked without a word is stored with the core as its word (``sad``, ``sad``) and
        gives the core's key. None when the pair means nothing in this vocabulary. To look up
        many pairs, build :meth:`key_index` once instead.
        """
        return self.key_index().get((core, word))

    def key_index(self) -> dict[tuple[str, str], str]:
        """Every (core label, word label) pair, today's and former ones, to its key."""
        return _index(self)


def _index(vocabulary: Vocabulary) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for c in vocabulary.cores:
        labels = [c.word, *(f for f in c.formerly if "/" not in f)]
        for label in labels:
            out.setdefault((label, label), c.key)
            for f in c.feelings:
                out.setdefault((label, f.word), f.key)
        for pair in (f for f in c.formerly if "/" in f):
            out[_split(pair)] = c.key
        for f in c.feelings:
            for pair in f.formerly:
                out[_split(pair)] = f.key
    return out


def _split(pair: str) -> tuple[str, str]:
    core, word = pair.split("/")
    return core.strip(), word.strip()


class VocabularyError(ValueError):
    """The vocabulary file is broken; ``problems`` says where."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


class _Parser:
    def __init__(self, path: str) -> None:
        self.r = Reader(path)
        self.keys: dict[str, Node] = {}
        self.pairs: set[tuple[str, str]] = set()

    def vocabulary(self, data: bytes) -> list[CoreFeeling]:
        r = self.r
        root = r.compose(data)
        cores: list[CoreFeeling] = []
        if root is None:
            return cores
        try:
            fields = r.mapping(root, "the vocabulary")
            r.check_keys(root, fields, ("format", "cores"), ("format", "cores"), "the vocabulary")
            for node in r.sequence(fields["cores"][1], "cores") if "cores" in fields else []:
                core = self.core(node)
                if core is not None:
                    cores.append(core)
        except Invalid:
            pass
        return cores

    def core(self, node: Node) -> CoreFeeling | None:
        r = self.r
        fields = r.mapping(node, "a core feeling")
        before = len(r.problems)
        r.check_keys(node, fields, ("key", "word", "formerly", "description", "words"),
                     ("key", "word", "description", "words"), "a core feeling")
        if len(r.problems) > before:
            return None
        try:
            key = self.key(fields["key"][1], CORE_KEY, "a core's key (a lowercase word such as mad)")
        except Invalid:
            return None
        formerly = self.formerly(fields, allow_labels=True)
        feelings = tuple(f for item in r.sequence(fields["words"][1], "words")
                         if (f := self.feeling(item, key)) is not None)
        return CoreFeeling(
            key=key,
            word=r.text(fields["word"][1], "word", max_length=30),
            description=r.text(fields["description"][1], "description", max_length=120),
            feelings=feelings,
            formerly=formerly,
        )

    def feeling(self, node: Node, core: str) -> Feeling | None:
        r = self.r
        try:
            if isinstance(node, ScalarNode):
                word = r.text(node, "each of words", max_length=40)
                return Feeling(key=self.key(node, WORD_KEY, "", default=f"{core}/{slug(word)}"),
                               word=word, core=core)
            fields = r.mapping(node, "a word")
            r.check_keys(node, fields, ("word", "key", "formerly"), ("word",), "a word")
            word = r.text(fields["word"][1], "word", max_length=40)
            where = fields["key"][1] if "key" in fields else node
            given = r.text(fields["key"][1], "key") if "key" in fields else f"{core}/{slug(word)}"
            if "key" in fields and not given.startswith(core + "/"):
                raise r.problem(where, f"key {given!r} must start with its core's key, {core}/")
            return Feeling(key=self.key(where, WORD_KEY, "a word's key (core/word)", default=given),
                           word=word, core=core, formerly=self.formerly(fields, allow_labels=False))
        except Invalid:
            return None

    def key(self, node: Node, pattern: re.Pattern[str], what: str, default: str | None = None) -> str:
        value = default if default is not None else self.r.text(node, "key", max_length=60)
        if not pattern.match(value):
            raise self.r.problem(node, f"{value!r} is not {what or 'a valid key'}")
        if value in self.keys:
            first = self.keys[value].start_mark.line + 1
            raise self.r.problem(node, f"key {value!r} is used twice (first on line {first})")
        self.keys[value] = node
        return value

    def formerly(self, fields: dict[str, tuple[ScalarNode, Node]], *, allow_labels: bool) -> tuple[str, ...]:
        if "formerly" not in fields:
            return ()
        node = fields["formerly"][1]
        out: list[str] = []
        for item in self.r.sequence(node, "formerly"):
            try:
                value = self.r.text(item, "each of formerly", max_length=80)
            except Invalid:
                continue
            if "/" not in value and not allow_labels:
                self.r.problem(item, f"{value!r} must be an old 'core/word' pair")
                continue
            if "/" in value and not PAIR.match(value):
                self.r.problem(item, f"{value!r} must be one 'core/word' pair")
                continue
            pair = _split(value) if "/" in value else (value, value)
            if pair in self.pairs:
                self.r.problem(item, f"{value!r} is already listed as a former label")
                continue
            self.pairs.add(pair)
            out.append(value)
        return tuple(out)


def parse_vocabulary(data: bytes, path: str) -> Vocabulary:
    parser = _Parser(path)
    cores = parser.vocabulary(data)
    r = parser.r
    if r.problems or not cores:
        raise VocabularyError(sorted(r.problems) or [Problem(path, 1, 1, "no core feelings")])
    return Vocabulary(tuple(cores))


@cache
def load_vocabulary(path: Path = DEFAULT_PATH) -> Vocabulary:
    """The packaged vocabulary (cached: it never changes while the app runs). Raises
    :class:`VocabularyError` when it cannot be read or is broken (a broken install)."""
    data, problem = read_source(path, MAX_FILE_BYTES)
    if data is None:
        raise VocabularyError([problem or Problem(str(path), 1, 1, "cannot read the file")])
    return parse_vocabulary(data, str(path))
