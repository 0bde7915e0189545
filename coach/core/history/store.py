"""The practice history on disk: one TinyDB file, safe against kills and a second coach.

* Every write is atomic (see :mod:`coach.core.history.storage`).
* Every operation that writes holds a file lock (``history.lock`` in the data folder) around
  the whole read-modify-write and opens TinyDB fresh inside it, so two coach processes never
  lose a record or collide on document ids. Reads need no lock: the file on disk is always
  either the old or the new complete version.
* The file carries a schema version; older files are backed up, then migrated.
* A file that cannot be read or has the wrong shape is never overwritten: it is moved aside
  with a timestamp and practice goes on with a fresh history.

Errors the user should hear about are raised as :class:`HistoryError` with one plain sentence.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.core.files import TEMP_PREFIX, fsync_dir
from coach.core.history import snapshot
from coach.core.history.jsonfile import dump_tables, forget_cached, read_tables, remember
from coach.core.history.snapshot import Key
from coach.core.paths import ensure_private_dir
from coach.core.runs import RunResult

SCHEMA_VERSION = 1
RUNS = "runs"
META = "meta"
HISTORY_NAME = "history.json"
LOCK_NAME = "history.lock"
LOCK_TIMEOUT = 10.0


class HistoryError(Exception):
    """Something the user should be told, as one sentence in ``message``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _WrongShape(Exception):
    """The file parsed but is not a coach history."""


@dataclass(eq=False, repr=False)
class Loaded:
    """What reading the history gave: runs (oldest first) and sentences for the user."""

    runs: list[RunResult] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    skipped: int = 0
    """Stored records that could not be read (kept in the file, left out here)."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _v0_to_v1(tables: dict[str, Any]) -> dict[str, Any]:
    """Version 0 (before versions existed) kept runs in TinyDB's default table."""
    runs = dict(tables.get(RUNS, {}))
    for doc_id, doc in tables.get("_default", {}).items():
        runs.setdefault(doc_id, doc)
    rest = {k: v for k, v in tables.items() if k not in ("_default", RUNS, META)}
    return {**rest, META: {"1": {"schema": 1}}, RUNS: runs}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _v0_to_v1}
"""From version N to N+1."""


def schema_version(tables: Any) -> int:
    """The schema version of parsed content; raises _WrongShape when it is no history."""
    if tables is None:
        return SCHEMA_VERSION
    if not isinstance(tables, dict):
        raise _WrongShape("it does not hold a JSON object")
    for name, table in tables.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise _WrongShape(f"its '{name}' table is not a set of records")
    meta = tables.get(META)
    if not meta:
        return 0 if tables else SCHEMA_VERSION
    version = meta.get("1", {}).get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise _WrongShape("its schema version is missing or not a number")
    return version


def fresh_tables() -> dict[str, Any]:
    return {META: {"1": {"schema": SCHEMA_VERSION}}, RUNS: {}}


class HistoryStore:
    """The history file in ``data_dir``. Cheap to create: nothing touches the disk until used."""

    def __init__(self, data_dir: Path, *, now: Callable[[], datetime] = _utc_now,
                 lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.data_dir = data_dir
        self.path = data_dir / HISTORY_NAME
        self.lock_path = data_dir / LOCK_NAME
        self._now = now
        self._lock_timeout = lock_timeout
        self.cache_path = data_dir / (HISTORY_NAME + ".cache")
        self.last_write: tuple[Key | None, Key | None] = (None, None)
        """version_key() just before and just after the last add() (under the lock)."""

    # -- locking -------------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the history lock (creating the private data folder if needed)."""
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

    def clean_start(self) -> list[Path]:
        """Remove temp files a killed write left behind (under the lock). Never raises."""
        if not self.data_dir.is_dir():
            return []
        try:
            with self.locked():
                from coach.core.files import remove_stray_temp_files

                return remove_stray_temp_files(self.data_dir)
        except HistoryError:
            return []

    def version_key(self) -> Key | None:
        """Changes whenever the file is replaced or changed (for caches); None when missing."""
        return snapshot.file_key(self.path)

    def save_snapshot(self, key: Key | None, runs: list[RunResult], skipped: int = 0) -> None:
        """Remember ``runs`` as the content of the file version ``key`` (for a fast next start)."""
        if key is not None:
            snapshot.save(self.cache_path, key, runs, skipped)

    # -- reading -------------------------------------------------------------------------
    def load(self) -> Loaded:
        """Every stored run, oldest first. Never raises: problems become notices."""
        gc_was_on = gc.isenabled()
        gc.disable()  # thousands of new objects and no garbage: skip the collector's scans
        try:
            return self._load()
        finally:
            if gc_was_on:
                gc.enable()

    def _load(self) -> Loaded:
        key = self.version_key()
        if key is not None:
            hit = snapshot.load(self.cache_path, key)
            if hit is not None:
                return self._loaded(*hit)
        loaded = Loaded()
        try:
            tables = read_tables(self.path)
            version = schema_version(tables)
        except (OSError, ValueError, _WrongShape):
            try:
                with self.locked():
                    tables, version, notice = self._checked_tables()
            except HistoryError as err:
                loaded.notices.append(err.message)
                return loaded
            if notice:
                loaded.notices.append(notice)
        if version < SCHEMA_VERSION:
            try:
                with self.locked():
                    tables, notices = self._prepare()
                loaded.notices.extend(notices)
            except HistoryError as err:
                loaded.notices.append(err.message)
                tables = self._migrated_copy(tables, version)
        elif version > SCHEMA_VERSION:
            loaded.notices.append(self._newer_sentence("it is shown but not changed"))
        records = (tables or {}).get(RUNS, {})
        for doc in records.values():
            try:
                run = RunResult.from_record(doc)
            except (KeyError, TypeError, ValueError, AttributeError):
                loaded.skipped += 1
                continue
            if run.started_at.tzinfo is None:
                run.started_at = run.started_at.replace(tzinfo=UTC)
            if run.ended_at.tzinfo is None:
                run.ended_at = run.ended_at.replace(tzinfo=UTC)
            loaded.runs.append(run)
        loaded.runs.sort(key=lambda r: r.started_at)
        if not loaded.notices and version == SCHEMA_VERSION:
            self.save_snapshot(key, loaded.runs, loaded.skipped)
        return self._loaded(loaded.runs, loaded.skipped, loaded.notices)

    def _loaded(self, runs: list[RunResult], skipped: int, notices: list[str] | None = None) -> Loaded:
        notices = list(notices or [])
        if skipped:
            notices.append(f"{skipped} stored run(s) in {self.path} could not be read "
                           "and are left out (they stay in the file).")
        return Loaded(runs, notices, skipped)

    def raw_records(self) -> list[dict[str, Any]]:
        """The stored records as they are in the file, each with its ``id`` (for exports)."""
        tables = read_tables(self.path) or {}
        runs = tables.get(RUNS, {}) if isinstance(tables, dict) else {}
        return [{"id": int(k), **v} for k, v in runs.items() if isinstance(v, dict) and k.isdigit()]

    # -- writing -------------------------------------------------------------------------
    def add(self, result: RunResult, *, keep_partner_names: bool = False) -> list[str]:
        """Store one run. Returns sentences for the user (e.g. a corrupt file moved aside);
        raises HistoryError when the run could not be stored."""
        return self.add_many([result], keep_partner_names=keep_partner_names)

    def add_many(self, results: list[RunResult], *, keep_partner_names: bool = False) -> list[str]:
        """Store several runs in one write (see :meth:`add`)."""
        records = [r.to_record(keep_partner_names=keep_partner_names) for r in results]
        try:
            with self.locked():
                before = self.version_key()
                _tables, notices = self._prepare()
                from tinydb import TinyDB

                from coach.core.history.storage import AtomicJSONStorage

                db = TinyDB(self.path, storage=AtomicJSONStorage)
                try:
                    db.table(RUNS).insert_multiple(records)
                finally:
                    db.close()
                self.last_write = (before, self.version_key())
        except OSError as exc:
            forget_cached(self.path)
            raise HistoryError(self._write_failed(exc)) from None
        return notices

    def _write_failed(self, exc: OSError) -> str:
        return (f"Could not save this practice to the history in {self.data_dir}: "
                f"{exc.strerror or exc}; your practice is kept until coach closes.")

    def _newer_sentence(self, what: str) -> str:
        return f"The history {self.path} was written by a newer version of coach, so {what}."

    def _checked_tables(self) -> tuple[Any, int, str]:
        """Under the lock: the parsed file and its version; a bad file is moved aside first."""
        try:
            tables = read_tables(self.path)
            return tables, schema_version(tables), ""
        except (OSError, ValueError, _WrongShape) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else (
                str(exc) if isinstance(exc, _WrongShape) else "it is not valid JSON")
            moved = self._quarantine(str(reason))
            return None, SCHEMA_VERSION, (
                f"The history file could not be read ({reason}), so it was moved to {moved} "
                "and practice goes on with a fresh history.")

    def _prepare(self) -> tuple[Any, list[str]]:
        """Under the lock: make the file a readable, current-version history (creating,
        quarantining or migrating as needed). Returns its tables and sentences for the user."""
        tables, version, notice = self._checked_tables()
        notices = [notice] if notice else []
        if version > SCHEMA_VERSION:
            raise HistoryError(self._newer_sentence("this practice was not stored in it"))
        try:
            if tables is None:
                tables = fresh_tables()
                self._write(tables)
            elif version < SCHEMA_VERSION:
                backup = self._backup(version)
                tables = self._migrated_copy(tables, version)
                self._write(tables)
                notices.append(f"The history was updated to a newer format; the old file was "
                               f"kept as {backup}.")
        except OSError as exc:
            raise HistoryError(self._write_failed(exc)) from None
        return tables, notices

    @staticmethod
    def _migrated_copy(tables: Any, version: int) -> dict[str, Any]:
        for step in range(version, SCHEMA_VERSION):
            tables = MIGRATIONS[step](tables)
        return tables

    def _write(self, tables: dict[str, Any]) -> None:
        from coach.core.files import atomic_write_bytes

        forget_cached(self.path)
        payload = dump_tables(tables)
        atomic_write_bytes(self.path, payload)
        remember(self.path, payload, tables)

    def _stamp(self) -> str:
        return self._now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    def _aside_name(self, label: str) -> Path:
        base = self.path.with_name(f"{self.path.name}.{label}-{self._stamp()}")
        candidate, n = base, 1
        while candidate.exists():
            n += 1
            candidate = base.with_name(f"{base.name}-{n}")
        return candidate

    def _quarantine(self, reason: str) -> Path:
        """Move the unreadable file aside (never overwrite it); returns where it went."""
        dest = self._aside_name("corrupt")
        try:
            os.replace(self.path, dest)
        except OSError as exc:
            raise HistoryError(
                f"The history file {self.path} could not be read ({reason}) nor moved aside "
                f"({exc.strerror or exc}), so it was left untouched and nothing was stored.") from None
        forget_cached(self.path)
        with contextlib.suppress(OSError):
            dest.chmod(0o600)
        fsync_dir(self.data_dir)
        return dest

    def _backup(self, version: int) -> Path:
        """Copy the file before migrating it (0600, atomic)."""
        from coach.core.files import atomic_write_bytes

        dest = self._aside_name(f"backup-v{version}")
        atomic_write_bytes(dest, self.path.read_bytes())
        return dest

    # -- forgetting ----------------------------------------------------------------------
    def files(self) -> list[Path]:
        """Every file the history keeps: database, backups, moved-aside copies, lock, temp."""
        if not self.data_dir.is_dir():
            return []
        found = [p for p in self.data_dir.iterdir()
                 if p.name == HISTORY_NAME or p.name.startswith(HISTORY_NAME + ".")
                 or p.name.startswith(TEMP_PREFIX) or p.name == LOCK_NAME]
        return sorted(found)

    def forget(self) -> list[Path]:
        """Delete every file of :meth:`files`; returns what was deleted."""
        deleted: list[Path] = []
        with self.locked():
            for path in self.files():
                if path.name == LOCK_NAME:
                    continue
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    deleted.append(path)
            forget_cached(self.path)
        with contextlib.suppress(FileNotFoundError):
            self.lock_path.unlink()
            deleted.append(self.lock_path)
        fsync_dir(self.data_dir)
        return sorted(deleted)
