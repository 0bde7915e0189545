"""The practice history on disk: two TinyDB files, safe against kills and a second coach.

* ``history.json`` holds the runs; ``history-recent.json`` the runs recorded since they were
  last merged into it. Recording a run rewrites only the small recent file, so its cost does
  not grow with the history; every :data:`RECENT_LIMIT` runs they are merged into
  ``history.json``. A run is read from whichever file holds its id (the recent file wins, which
  makes a merge cut short by a kill harmless).
* Every read and write of runs goes through TinyDB with :mod:`coach.core.history.storage`
  (atomic writes, total reads). Every write holds a file lock (``history.lock``) around the
  whole operation and opens TinyDB fresh inside it, so two coach processes never lose a record
  or collide on ids. Reading needs no lock: each file is always a whole old or new version, and
  a read that sees ``history.json`` change underneath starts again.
* Both files carry a schema version; older files are backed up, then migrated. A file that is
  damaged is moved aside with a timestamp and practice goes on; one that cannot be read for
  another reason (permissions, not a regular file, too large) is left where it is.
* The runs of ``history.json`` are also kept as a fast-start copy in the cache folder
  (:mod:`coach.core.history.fastcopy`), and in this process until a file changes.
* Days marked away (holiday, illness) are a table of their own (``away``) in the recent file:
  it is small and read on every load anyway, so they cost nothing to read, and marking one
  never rewrites ``history.json`` nor spoils its fast-start copy. Merges leave the table
  alone; :meth:`HistoryStore.forget` deletes it with the rest. Adding the table needed no new
  schema version: older versions of coach keep tables they do not know.

Errors the user should hear about are raised as :class:`HistoryError` with one plain sentence.
"""

from __future__ import annotations

import bisect
import contextlib
import operator
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from coach.core import cache, collector
from coach.core.files import TEMP_PREFIX, file_stamp, fsync_dir, open_to_others
from coach.core.history import fastcopy, ondisk
from coach.core.history.fastcopy import Part
from coach.core.history.ondisk import (
    AWAY,
    HISTORY_NAME,
    LOCK_NAME,
    RECENT_NAME,
    RUNS,
    SCHEMA_VERSION,
    HistoryError,
    doc_id,
)
from coach.core.runs import RunResult

__all__ = ["SCHEMA_VERSION", "HistoryError", "HistoryStore", "Loaded"]
LOCK_TIMEOUT = 10.0
RECENT_LIMIT = 200
"""Runs kept in the recent file before they are merged into history.json."""


@dataclass(eq=False, repr=False)
class Loaded:
    """What reading the history gave: runs (oldest first) and sentences for the user."""

    runs: list[RunResult] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    skipped: int = 0
    """Stored records that could not be read (kept in the file, left out here)."""
    away: frozenset[date] = frozenset()
    """Days marked away."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


_started = operator.attrgetter("started_at")


class HistoryStore:
    """The history in ``data_dir`` (its fast-start copy in ``cache_dir``, none without one).
    Cheap to create: nothing touches the disk until used."""

    def __init__(self, data_dir: Path, cache_dir: Path | None = None, *,
                 now: Callable[[], datetime] = _utc_now, lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.data_dir = data_dir
        self.cache_dir = cache_dir
        self.path = data_dir / HISTORY_NAME
        self.recent_path = data_dir / RECENT_NAME
        self.lock_path = data_dir / LOCK_NAME
        self._disk = ondisk.Files(data_dir, now, lock_timeout)
        self._base: Part | None = None
        self._recent: Part | None = None
        self._loaded: Loaded | None = None
        self._key: tuple[object, object] | None = None
        self._cleaned = False
        self._told_open = False

    # -- locking -------------------------------------------------------------------------
    def locked(self) -> contextlib.AbstractContextManager[None]:
        """Hold the history lock (creating the data folder, 0700, if needed)."""
        return self._disk.locked()

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

    def _folder_notice(self, notices: list[str]) -> None:
        if not self._told_open and open_to_others(self.data_dir):
            self._told_open = True
            notices.append(f"The data folder {self.data_dir} can be opened by other users; coach "
                           "keeps its own files there private but left the folder as it is.")

    def _stamps(self) -> tuple[object, object]:
        return file_stamp(self.path), file_stamp(self.recent_path)

    # -- reading -------------------------------------------------------------------------
    def load(self) -> Loaded:
        """Every stored run, oldest first. Never raises: problems become notices. Called again
        while neither file changed, it returns the same Loaded at once."""
        told: list[str] = []
        loaded = Loaded()
        for _ in range(3):
            before = self._stamps()
            if self._loaded is not None and before == self._key:
                self._save_copy()
                return self._loaded
            with collector.paused():  # thousands of runs, no garbage
                loaded = self._read(before, told)
            if self._stamps() == before:
                self._loaded, self._key = loaded, before
                break  # else a file changed while it was read: read again
        return loaded

    def _save_copy(self) -> None:
        """Save the runs of history.json that this process built itself (after a merge) as the
        fast-start copy, once the file is old enough for its stamp to be trusted."""
        if self._base is not None and not self._base.saved and self.cache_dir is not None:
            with collector.paused():  # thousands of runs, no garbage
                fastcopy.save(self.cache_dir, self.path, self._base)

    def _read(self, stamps: tuple[Any, Any], told: list[str]) -> Loaded:
        state: list[str] = []
        base = self._base_part(stamps[0], told, state)
        recent = self._recent_part(stamps[1], told, state)
        runs = _merged(base, recent)
        skipped = base.skipped + recent.skipped
        notices = list(told)
        self._folder_notice(notices)
        notices += state
        if skipped:
            notices.append(f"{skipped} stored run{'s' if skipped != 1 else ''} could not be read "
                           f"and {'are' if skipped != 1 else 'is'} left out; "
                           f"{'they stay' if skipped != 1 else 'it stays'} in the file.")
        return Loaded(runs, notices, skipped, recent.away)

    def _base_part(self, stamp: Any, told: list[str], state: list[str]) -> Part:
        if self._base is not None and self._base.stamp == stamp:
            return self._base
        if self.cache_dir is not None:
            copy = fastcopy.load(self.cache_dir, self.path, stamp)
            if copy is not None:
                self._base = copy
                return copy
        stamped_at = cache.now_ns()
        part, kept = self._read_part(self.path, stamp, told, state)
        if kept:
            self._base = part
            if self.cache_dir is not None:
                fastcopy.save(self.cache_dir, self.path, part, stamped_at=stamped_at)
        return part

    def _recent_part(self, stamp: Any, told: list[str], state: list[str]) -> Part:
        if self._recent is not None and self._recent.stamp == stamp:
            return self._recent
        part, kept = self._read_part(self.recent_path, stamp, told, state)
        if kept:
            self._recent = part
        return part

    def _read_part(self, path: Path, stamp: Any, told: list[str],
                   state: list[str]) -> tuple[Part, bool]:
        """The runs in ``path`` and whether they may be kept for its ``stamp`` (the file was
        read as it is: not damaged, moved, migrated or unreadable)."""
        if stamp is None:
            return Part(None), True
        db, _tables, ok = self._disk.open_for_reading(path, told, state)
        part = Part(stamp)
        for doc in db.table(RUNS) if db is not None else ():
            number = doc_id(doc.doc_id)
            if number is None:
                part.skipped += 1
                continue
            part.max_id = max(part.max_id, number)
            try:
                part.runs[number] = RunResult.from_record(doc)
            except ValueError:
                part.skipped += 1
        if db is not None and path == self.recent_path:
            part.away = _away_days(db.table(AWAY))
        return part, ok

    def records(self) -> list[dict[str, Any]]:
        """The readable stored records with their ids, oldest first, checked and in the shape
        :meth:`RunResult.to_record` gives (partner names as stored). Never raises."""
        found: dict[int, RunResult] = {}
        for path in (self.path, self.recent_path):
            db = self._disk.open_quietly(path)
            for doc in db.table(RUNS) if db is not None else ():
                number = doc_id(doc.doc_id)
                with contextlib.suppress(ValueError):
                    if number is not None:
                        found[number] = RunResult.from_record(doc)
        ordered = sorted(found.items(), key=lambda item: (item[1].started_at, item[0]))
        return [{"id": i, **run.to_record(keep_partner_names=True)} for i, run in ordered]

    # -- writing -------------------------------------------------------------------------
    def add(self, result: RunResult, *, keep_partner_names: bool = False) -> list[str]:
        """Store one run. Returns sentences for the user (e.g. a damaged file moved aside);
        raises HistoryError when the run could not be stored."""
        return self.add_many([result], keep_partner_names=keep_partner_names)

    def add_many(self, results: list[RunResult], *, keep_partner_names: bool = False) -> list[str]:
        """Store several runs in one write (see :meth:`add`)."""
        records = [r.to_record(keep_partner_names=keep_partner_names) for r in results]
        if not records:
            return []
        told: list[str] = []
        try:
            with self.locked():
                if not self._cleaned:
                    self._cleaned = True
                    from coach.core.files import remove_stray_temp_files

                    remove_stray_temp_files(self.data_dir)
                before = self._stamps()
                first, changed, merged = self._disk.insert(records, told, RECENT_LIMIT)
                after = self._stamps()
        except OSError as exc:
            raise HistoryError(self._disk.write_failed(exc)) from None
        added = {first + i: RunResult.from_record(r) for i, r in enumerate(records)}
        self._remember(before, after, added, merged, changed or bool(told))
        self._folder_notice(told)
        return told

    def _remember(self, before: tuple[Any, Any], after: tuple[Any, Any],
                  added: dict[int, RunResult], merged: bool, changed: bool) -> None:
        """Keep this process's copy current after our own write (or drop what it cannot
        vouch for, so the next load reads the files)."""
        current = self._loaded is not None and before == self._key
        if (not current or changed or self._base is None or self._recent is None
                or (merged and self._base.runs.keys() & self._recent.runs.keys())):
            self._loaded = self._key = self._recent = None
            if self._base is not None and self._base.stamp != after[0]:
                self._base = None
            return
        runs = {**self._recent.runs, **added}
        top = max(self._recent.max_id, *added)
        away = self._recent.away
        if merged:
            self._base = Part(after[0], {**self._base.runs, **runs},
                              self._base.skipped + self._recent.skipped, max(self._base.max_id, top))
            self._recent = Part(after[1], away=away)
        else:
            self._recent = Part(after[1], runs, self._recent.skipped, top, away=away)
        assert self._loaded is not None
        ordered = list(self._loaded.runs)
        for run in added.values():
            bisect.insort(ordered, run, key=_started)
        self._loaded = Loaded(ordered, [], self._loaded.skipped, away)
        self._key = after

    # -- days away -----------------------------------------------------------------------
    def set_away(self, days: Iterable[date], *, away: bool = True) -> list[str]:
        """Mark ``days`` as days away (or, without ``away``, as ordinary days again) in one
        locked write. Returns sentences for the user; raises HistoryError when nothing was
        stored."""
        wanted = sorted({d.isoformat() for d in days})
        if not wanted:
            return []
        told: list[str] = []
        try:
            with self.locked():
                self._disk.set_away(wanted, away, told)
        except OSError as exc:
            raise HistoryError(f"Could not save the days away in {self.data_dir}: "
                               f"{exc.strerror or exc}.") from None
        self._recent = self._loaded = self._key = None  # the next load reads the small file again
        self._folder_notice(told)
        return told

    # -- forgetting ----------------------------------------------------------------------
    def files(self) -> list[Path]:
        """Every file the history keeps: both files (and the targets of links to them),
        backups, moved-aside copies, lock, temp files and its fast-start copy."""
        found: list[Path] = []
        with contextlib.suppress(OSError):
            found = [p for p in self.data_dir.iterdir()
                     if (p.name in (HISTORY_NAME, RECENT_NAME, LOCK_NAME)
                         or p.name.startswith((HISTORY_NAME + ".", RECENT_NAME + ".", TEMP_PREFIX)))
                     and not p.name.endswith(".cache")]
        for link in (self.path, self.recent_path):
            if link.is_symlink() and (target := Path(os.path.realpath(link))).exists():
                found.append(target)
        if self.cache_dir is not None:
            copy = self.cache_dir / fastcopy.file_name(self.path)
            if copy.exists():
                found.append(copy)
        return sorted(set(found))

    def forget(self) -> list[Path]:
        """Delete every file of :meth:`files`; returns what was deleted."""
        deleted: list[Path] = []
        with self.locked():
            for path in self.files():
                if path == self.lock_path:
                    continue
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    deleted.append(path)
        self._base = self._recent = self._loaded = self._key = None
        with contextlib.suppress(FileNotFoundError):
            self.lock_path.unlink()
            deleted.append(self.lock_path)
        fsync_dir(self.data_dir)
        return sorted(deleted)


def _merged(base: Part, recent: Part) -> list[RunResult]:
    """The runs of both parts, oldest first (the recent part wins for an id in both)."""
    if not recent.runs:
        return sorted(base.runs.values(), key=_started)
    if not base.runs.keys() & recent.runs.keys():
        return sorted([*base.runs.values(), *recent.runs.values()], key=_started)
    return sorted({**base.runs, **recent.runs}.values(), key=_started)



def _away_days(table: Iterable[Any]) -> frozenset[date]:
    """The days of the ``away`` table; a record that is not a plain date is left out."""
    days = set()
    for doc in table:
        day = doc.get("day")
        if type(day) is str and len(day) == 10 and day[4] == "-" and day[7] == "-":
            with contextlib.suppress(ValueError):
                days.add(date.fromisoformat(day))
    return frozenset(days)
