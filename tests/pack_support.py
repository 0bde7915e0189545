"""Making packs for tests: folders, zips (hostile ones too) and a walk that records a run."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from coach.core.clock import FakeClock
from coach.core.context import Context
from coach.core.library import builtin_dir
from coach.core.run import Run
from coach.core.runs import RunResult

PACK_YAML = "format: 1\nname: calm\nversion: 1.0\nauthor: Ana Example\nlicence: CC-BY-4.0\n"
BOX = (builtin_dir() / "box-breathing.yaml").read_text(encoding="utf-8")
EXHALE = (builtin_dir() / "extended-exhale.yaml").read_text(encoding="utf-8")
PLAN = """\
format: 1
title: Calm in a row
kind: plan
summary: The pack's box, its exhale, then the built-in sigh.
source: Balban et al. 2023, Cell Reports Medicine 4:100895
exercises: [box, exhale, cyclic-sighing]
"""
GOOD = {"pack.yaml": PACK_YAML, "box.yaml": BOX, "exhale.yaml": EXHALE, "in-a-row.yaml": PLAN}
"""Three entries: two exercises and a plan naming them by their plain ids."""


def make_folder(folder: Path, files: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (GOOD if files is None else files).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def make_zip(path: Path, files: dict[str, str | bytes] | None = None, *, top: str = "calm/",
             compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip of ``files`` (default: the good pack) inside the folder ``top``."""
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in (GOOD if files is None else files).items():
            archive.writestr(top + name, data)
    return path


def add_entry(path: Path, name: str, data: bytes = b"", *, mode: int = 0,
              compression: int = zipfile.ZIP_DEFLATED) -> None:
    """Append one entry, with Unix ``mode`` bits (a link, a device) when given."""
    with zipfile.ZipFile(path, "a", compression=compression) as archive:
        info = zipfile.ZipInfo(name)
        info.compress_type = compression
        if mode:
            info.create_system = 3
            info.external_attr = mode << 16
        archive.writestr(info, data)


SYMLINK = stat.S_IFLNK | 0o777
DEVICE = stat.S_IFCHR | 0o666
FIFO = stat.S_IFIFO | 0o644


def record_run(ctx: Context, entry_id: str) -> RunResult:
    """Walk an exercise to its end through the core and keep the run in the history."""
    from tests.test_content_walk import walk

    clock = FakeClock()
    entry = ctx.library.entries[entry_id]
    run = Run(entry, clock, ("Ada", "Ben") if entry.participants == 2 else None)
    walk(run.begin_next(), clock)
    result = run.close_session()
    assert ctx.record_run(result) == ""
    return result
