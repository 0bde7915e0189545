"""The two history files on disk: names, lock, schema versions and migrations, moving a damaged
file aside, backing up before a migration, and the locked write that records a run.

Nothing here imports TinyDB at module level (``coach nudge`` imports this module); the storage
module is imported when a file is actually opened.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.core.files import ensure_private_dir, file_stamp, fsync_dir

if TYPE_CHECKING:
    from tinydb import TinyDB

    from coach.core.history.storage import Tables

SCHEMA_VERSION = 2
RUNS = "runs"
META = "meta"
AWAY = "away"
"""Days marked away, one record each ({"day": "2026-12-24"}), in the recent file only."""
HISTORY_NAME = "history.json"
RECENT_NAME = "history-recent.json"
LOCK_NAME = "history.lock"


class HistoryError(Exception):
    """Something the user should be told, as one sentence in ``message``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


ID_LIMIT = 10**15
"""Document ids are below this; a key for a bigger number is data to skip, like any other."""


def doc_id(key: object) -> int | None:
    """The number of a document key as TinyDB writes it ("1", "2", ...); None for any other key."""
    if type(key) is str and 0 < len(key) <= 15 and key.isascii() and key.isdigit() and key[0] != "0":
        return int(key)
    return None


def max_id(tables: Tables | None) -> int:
    """The largest numeric document id of the runs table (0 for none)."""
    runs = (tables or {}).get(RUNS, {})
    return max((n for n in map(doc_id, runs) if n is not None), default=0)


def schema_version(tables: Tables | None) -> int:
    """The schema version of a file's tables. Raises CorruptFile when it is not a number."""
    if tables is None:
        return SCHEMA_VERSION
    meta = tables.get(META)
    if not meta:
        return 0 if tables else SCHEMA_VERSION
    version = meta.get("1", {}).get("schema")
    if type(version) is not int or version < 0:
        from coach.core.history.storage import CorruptFile

        raise CorruptFile("its schema version is missing or not a number")
    return version


def fresh_tables() -> Tables:
    return {META: {"1": {"schema": SCHEMA_VERSION}}, RUNS: {}}


def _v0_to_v1(tables: Tables) -> Tables:
    """Version 0 (before versions existed) kept runs in TinyDB's default table."""
    runs = dict(tables.get(RUNS, {}))
    for key, doc in tables.get("_default", {}).items():
        runs.setdefault(key, doc)
    rest = {k: v for k, v in tables.items() if k not in ("_default", RUNS, META)}
    return {**rest, META: {"1": {"schema": 1}}, RUNS: runs}


def _v1_to_v2(tables: Tables) -> Tables:
    """Version 2 adds the recent-runs file beside history.json; the content is unchanged."""
    meta = dict(tables.get(META, {}))
    meta["1"] = {**meta.get("1", {}), "schema": 2}
    return {**tables, META: meta}


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {0: _v0_to_v1, 1: _v1_to_v2}
"""From version N to N+1."""


def migrated(tables: Tables, version: int) -> Tables:
    for step in range(version, SCHEMA_VERSION):
        tables = MIGRATIONS[step](tables)
    return tables


class Files:
    """The history files in one data folder, and the lock that guards writing them."""

    def __init__(self, data_dir: Path, now: Callable[[], datetime], lock_timeout: float) -> None:
        self.data_dir = data_dir
        self.base = data_dir / HISTORY_NAME
        self.recent = data_dir / RECENT_NAME
        self.lock_path = data_dir / LOCK_NAME
        self._now = now
        self._lock_timeout = lock_timeout

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the history lock (creating the data folder, 0700, if needed)."""
        from filelock import FileLock, Timeout

        try:
            ensure_private_dir(self.data_dir)
            lock = FileLock(str(self.lock_path), timeout=self._lock_timeout, mode=0o600)
            lock.acquire()
        except Timeout:
            raise HistoryError(
                f"Another coach has held the history lock {self.lock_path} for over "
                f"{self._lock_timeout:g} seconds, so the history was not changed.") from None
        except OSError as exc:
            raise HistoryError(f"Could not use the data folder {self.data_dir}: "
                               f"{exc.strerror or exc}.") from None
        try:
            yield
        finally:
            lock.release()

    # -- sentences -----------------------------------------------------------------------
    def label(self, path: Path) -> str:
        return "The history file" if path == self.base else "The file of recent runs"

    def write_failed(self, exc: OSError) -> str:
        return (f"Could not save this practice to the history in {self.data_dir}: "
                f"{exc.strerror or exc}; your practice is kept until coach closes.")

    def newer(self, path: Path, what: str) -> str:
        return f"The history {path} was written by a newer version of coach, so {what}."

    def unreadable(self, path: Path, exc: OSError, *, writing: bool = False) -> str:
        what = ", so this practice was not stored" if writing else "; it was left as it is"
        return f"{self.label(path)} {path} could not be read ({exc.strerror or exc}){what}."

    # -- reading -------------------------------------------------------------------------
    def open_for_reading(self, path: Path, told: list[str],
                         state: list[str]) -> tuple[TinyDB | None, Tables | None, bool]:
        """TinyDB on ``path`` with its tables, and whether they are the file as it is. A
        damaged file is moved aside and an old one migrated (under the lock; ``told`` gets
        what was done); what stays wrong goes to ``state``. Never raises."""
        from coach.core.history.storage import CorruptFile, open_db

        db = open_db(path)
        try:
            tables = db.storage.read()
            version = schema_version(tables)
        except OSError as exc:
            state.append(self.unreadable(path, exc))
            return None, None, False
        except CorruptFile as exc:
            try:
                with self.locked():
                    db = open_db(path)
                    return db, self.checked(db, path, told, writing=False), False
            except HistoryError:
                state.append(f"{self.label(path)} {path} could not be read ({exc.reason}) and "
                             "could not be moved aside, so it was left as it is.")
                return None, None, False
        if version > SCHEMA_VERSION:
            state.append(self.newer(path, "it is shown but not changed"))
        elif version < SCHEMA_VERSION:
            try:
                with self.locked():
                    db = open_db(path)
                    return db, self.checked(db, path, told, writing=False), False
            except HistoryError:
                state.append(f"The history {path} is in an older format and could not be updated "
                             "now, so it is read as it is.")
                db.storage.keep(migrated(tables or {}, version))  # type: ignore[attr-defined]
                return db, tables, False
        return db, tables, True

    def open_quietly(self, path: Path) -> TinyDB | None:
        """TinyDB on ``path`` as it is (an old version migrated in memory only); None when it
        cannot be read. Changes nothing, says nothing, never raises."""
        from coach.core.history.storage import CorruptFile, open_db

        db = open_db(path)
        try:
            tables = db.storage.read()
            version = schema_version(tables)
        except (OSError, CorruptFile):
            return None
        if version < SCHEMA_VERSION:
            db.storage.keep(migrated(tables or {}, version))  # type: ignore[attr-defined]
        return db

    def checked(self, db: TinyDB, path: Path, told: list[str], *, writing: bool) -> Tables | None:
        """Under the lock: the current-version tables of ``path`` (None when it is missing or
        was moved aside), migrating an old file after a backup. Raises HistoryError when the
        file cannot be read, is newer (only when ``writing``) or cannot be moved aside."""
        from coach.core.history.storage import CorruptFile

        try:
            tables = db.storage.read()
            version = schema_version(tables)
        except CorruptFile as exc:
            self._quarantine(path, exc.reason, told)
            return None
        except OSError as exc:
            raise HistoryError(self.unreadable(path, exc, writing=writing)) from None
        if version > SCHEMA_VERSION:
            if writing:
                raise HistoryError(self.newer(path, "this practice was not stored in it"))
            return tables
        if tables is not None and version < SCHEMA_VERSION:
            try:
                backup = self._backup(path, version)
                db.storage.write(migrated(tables, version))
            except OSError as exc:
                raise HistoryError(self.write_failed(exc)) from None
            told.append(f"The history was updated to a newer format; the old file was kept as "
                        f"{backup}.")
            return db.storage.read()
        return tables

    # -- writing (the caller holds the lock) ---------------------------------------------
    def insert(self, records: list[dict[str, Any]], told: list[str],
               limit: int) -> tuple[int, bool, bool]:
        """Store ``records`` in the recent file in one write. Returns the id of the first,
        whether history.json changed before they were stored (created, moved aside, migrated
        or merged into because the recent file did not go with it) and whether the recent runs
        were merged into it after. Raises HistoryError or OSError when nothing was stored."""
        from tinydb.table import Document

        from coach.core.history.storage import open_db

        recent = open_db(self.recent)
        rtables = self.checked(recent, self.recent, told, writing=True)
        hint = (rtables or {}).get(META, {}).get("1", {})
        stamp = file_stamp(self.base)
        base_max = hint.get("base_max_id")
        changed = (stamp is None or hint.get("base") != list(stamp) or type(base_max) is not int
                   or not 0 <= base_max < ID_LIMIT)
        if changed:
            base_max = self._merge(self._base_for_writing(told), recent)
        number = max(base_max, max_id(recent.storage.read())) + 1
        if number + len(records) > ID_LIMIT:  # only a file with a made-up id gets here
            number = self._free_ids(self._base_for_writing(told), recent, len(records))
        runs = recent.table(RUNS)
        runs.insert_multiple(Document(record, doc_id=str(number + i))  # type: ignore[arg-type]
                             for i, record in enumerate(records))
        if len(runs) < limit:
            return number, changed, False
        try:
            self._merge(self._base_for_writing(told), recent)
        except (OSError, HistoryError):  # the runs are stored; merging is tried again next time
            return number, True, False
        return number, changed, True

    def set_away(self, days: list[str], away: bool, told: list[str]) -> bool:
        """Add (or, without ``away``, remove) ``days`` (ISO dates) in the recent file's table of
        days away, in one write. Returns whether anything changed. Raises HistoryError or
        OSError when nothing was stored."""
        from coach.core.history.storage import open_db

        recent = open_db(self.recent)
        tables = self.checked(recent, self.recent, told, writing=True) or fresh_tables()
        have = [doc.get("day") for doc in tables.get(AWAY, {}).values()]
        kept = {d for d in have if type(d) is str}
        wanted = kept | set(days) if away else kept - set(days)
        if wanted == kept and len(have) == len(kept):
            return False
        table = {str(i): {"day": day} for i, day in enumerate(sorted(wanted), start=1)}
        recent.storage.write({**tables, AWAY: table})
        return True

    @staticmethod
    def _free_ids(base: TinyDB, recent: TinyDB, count: int) -> int:
        """The first of ``count`` consecutive ids that no document of either file has."""
        used = {*(base.storage.read() or {}).get(RUNS, {}), *(recent.storage.read() or {}).get(RUNS, {})}
        number = 1
        while any(str(number + i) in used for i in range(count)):
            number += 1
        return number

    def _base_for_writing(self, told: list[str]) -> TinyDB:
        """TinyDB on history.json, checked (see :meth:`checked`); created when missing."""
        from coach.core.history.storage import open_db

        base = open_db(self.base)
        if self.checked(base, self.base, told, writing=True) is None:
            base.storage.write(fresh_tables())
        return base

    def _merge(self, base: TinyDB, recent: TinyDB) -> int:
        """Move the recent runs into history.json (a run already there is not stored twice;
        one whose id is taken by another run gets a new id), then note in the recent file
        which history.json it goes with. Returns the largest id in history.json."""
        from tinydb.table import Document

        tables = base.storage.read() or {}
        stored = tables.get(RUNS, {})
        number = max(max_id(tables), max_id(recent.storage.read()))
        moving = []
        for doc in recent.table(RUNS):
            key = str(doc.doc_id)
            if key in stored:
                if stored[key] == doc:
                    continue
                number += 1
                moving.append(Document(dict(doc), doc_id=str(number)))  # type: ignore[arg-type]
            else:
                moving.append(Document(dict(doc), doc_id=doc.doc_id))  # a str, as in the file
        if moving:
            base.table(RUNS).insert_multiple(moving)
        top = max_id(base.storage.read())
        stamp = file_stamp(self.base)
        recent.table(META).upsert(Document(
            {"schema": SCHEMA_VERSION, "base": list(stamp or ()), "base_max_id": top},
            doc_id="1"))  # type: ignore[arg-type]
        if recent.table(RUNS):
            recent.table(RUNS).truncate()
        return top

    # -- moving aside ----------------------------------------------------------------------
    def _aside_name(self, target: Path, label: str) -> Path:
        stamp = self._now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        base = target.with_name(f"{target.name}.{label}-{stamp}")
        candidate, n = base, 1
        while os.path.lexists(candidate):
            n += 1
            candidate = base.with_name(f"{base.name}-{n}")
        return candidate

    def _quarantine(self, path: Path, reason: str, told: list[str]) -> None:
        """Move the damaged file aside (its link's target, for a link); never overwrite it."""
        target = Path(os.path.realpath(path))
        dest = self._aside_name(target, "corrupt")
        try:
            os.replace(target, dest)
        except OSError as exc:
            raise HistoryError(
                f"{self.label(path)} {path} could not be read ({reason}) nor moved aside "
                f"({exc.strerror or exc}), so it was left untouched and nothing was stored.") from None
        with contextlib.suppress(OSError):
            dest.chmod(0o600)
        fsync_dir(target.parent)
        what = ("practice goes on with a fresh history" if path == self.base
                else "the runs in it are kept there")
        told.append(f"{self.label(path)} {path} could not be read ({reason}), so it was moved "
                    f"to {dest} and {what}.")

    def _backup(self, path: Path, version: int) -> Path:
        """Copy the file before migrating it (0600, atomic)."""
        from coach.core.files import atomic_write_bytes, read_regular
        from coach.core.history.storage import MAX_BYTES

        target = Path(os.path.realpath(path))
        dest = self._aside_name(target, f"backup-v{version}")
        atomic_write_bytes(dest, read_regular(target, MAX_BYTES))
        return dest
