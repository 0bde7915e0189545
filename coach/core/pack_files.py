"""Reading a pack's files into memory, from a folder or a ``.zip``, without trusting them.

A pack is ``pack.yaml`` and exercise files (``*.yaml``, ``*.yml``) side by side; anything else
(a README, a licence file, subfolders) is left alone. Nothing is ever extracted: a zip is
checked whole before one byte of it is decompressed (every entry's path, type, size and
compression ratio, the number of entries and their total size), and then only the YAML files
next to ``pack.yaml`` are read, each into memory with a hard limit. A folder is listed, never
followed through links, and read the same way. Every problem is a :class:`Problem` naming
the file (``calm.zip/calm/box.yaml`` for a zip's entry); nothing here raises.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coach.core.files import read_regular
from coach.core.packs import PACK_FILE
from coach.core.problems import Problem
from coach.core.text import unsafe_char
from coach.core.yamlnodes import MAX_FILE_BYTES, read_source

SUFFIXES = (".yaml", ".yml")
if TYPE_CHECKING:
    from zipfile import ZipInfo
MAX_FILES = 200
"""Entries in a zip (folders included), or names in a pack folder."""
MAX_TOTAL_BYTES = 16 << 20
"""Uncompressed size of everything in a zip, or of a folder's YAML files."""
MAX_ZIP_BYTES = 16 << 20
MAX_RATIO = 100
"""Largest uncompressed/compressed size of one zip entry (YAML text compresses about 4:1)."""
RATIO_FROM = 1024
"""Entries smaller than this cannot be a bomb, whatever their ratio."""
_MACOS = "__MACOSX/"
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$")
"""A file name an installed pack may hold: no dot first, no space, no separator."""


@dataclass
class PackFiles:
    """A pack's YAML files in memory: ``pack.yaml`` and the exercises, by file name."""

    source: Path
    meta: bytes | None = None
    exercises: dict[str, bytes] = field(default_factory=dict)
    """File name -> bytes, for the exercise files next to pack.yaml."""
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    """Names left alone: not YAML, or in a subfolder."""
    prefix: str = ""
    """How problems name a file: this, then the file name (``calm.zip/calm/``)."""

    def shown(self, name: str) -> Path:
        """The path a problem in file ``name`` is reported under."""
        return Path(self.prefix + name)


def read_pack(source: Path) -> PackFiles:
    """The files of the pack at ``source``: a folder, or a zip of one."""
    if source.is_dir():
        return read_folder(source)
    return read_zip(source)


def is_yaml(name: str) -> bool:
    return os.path.splitext(name)[1] in SUFFIXES


# -- a folder -------------------------------------------------------------------------------
def read_folder(folder: Path) -> PackFiles:
    """A pack folder's files. Links, FIFOs and devices named ``x.yaml`` are refused."""
    files = PackFiles(folder, prefix=str(folder) + os.sep)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        files.problems.append(Problem(str(folder), 1, 1, f"cannot list the folder: {reason}"))
        return files
    if len(entries) > MAX_FILES:
        files.problems.append(Problem(str(folder), 1, 1, f"the folder holds {len(entries)} "
                                      f"names; a pack may hold at most {MAX_FILES}"))
        return files
    total = 0
    for entry in entries:
        path = folder / entry.name
        if not is_yaml(entry.name) or entry.name.startswith("."):  # hidden: an editor's, the OS's
            if not entry.name.startswith("."):
                files.ignored.append(entry.name)
            continue
        if entry.is_symlink():
            files.problems.append(Problem(str(path), 1, 1, "a symbolic link; a pack holds "
                                          "regular files only"))
            continue
        data, problem = read_source(path, MAX_FILE_BYTES)
        if data is None:
            files.problems.append(problem or Problem(str(path), 1, 1, "cannot read the file"))
            continue
        total += len(data)
        _keep(files, entry.name, data)
    if total > MAX_TOTAL_BYTES:
        files.problems.append(Problem(str(folder), 1, 1, f"its YAML files hold {total >> 20} MiB; "
                                      f"a pack may hold at most {MAX_TOTAL_BYTES >> 20} MiB"))
    _require_meta(files, folder)
    return files


def _keep(files: PackFiles, name: str, data: bytes) -> None:
    if name == PACK_FILE:
        files.meta = data
    elif not SAFE_NAME.match(name):
        files.problems.append(Problem(str(files.shown(name)), 1, 1, "a pack's file names are "
                                      "letters, digits, dots, dashes and underscores, ending "
                                      "in .yaml; rename this file"))
    else:
        files.exercises[name] = data


def _require_meta(files: PackFiles, where: Path) -> None:
    if files.meta is None and not files.problems:
        files.problems.append(Problem(str(where), 1, 1, f"no {PACK_FILE} here: a pack is a "
                                      f"folder holding {PACK_FILE} and exercise files "
                                      "(see docs/packs.md)"))


# -- a zip ----------------------------------------------------------------------------------
def read_zip(path: Path) -> PackFiles:
    """A zipped pack's files, after every entry of the zip has been checked (see the module
    docstring). Any unsafe entry refuses the whole zip: nothing of it is read."""
    import io
    import zipfile

    files = PackFiles(path, prefix=f"{path}/")
    where = str(path)
    try:
        data = read_regular(path, MAX_ZIP_BYTES)
    except FileNotFoundError:
        files.problems.append(Problem(where, 1, 1, "no such file or folder"))
        return files
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if isinstance(exc, IsADirectoryError) or "regular" in reason:
            reason = "not a regular file; a pack is a folder or a .zip file"
        files.problems.append(Problem(where, 1, 1, f"cannot read it: {reason}"))
        return files
    except ValueError as exc:
        files.problems.append(Problem(where, 1, 1, f"cannot read it: {exc}"))
        return files
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception:  # any damage zipfile finds, under whatever name: not a pack
        files.problems.append(Problem(where, 1, 1, "not a zip file (or a damaged one); a pack "
                                      "is a folder or a .zip of one"))
        return files
    problems = check_entries(path, infos)
    if problems:
        files.problems.extend(problems)
        return files
    root = _root([i.filename for i in infos])
    if root is None:
        files.problems.append(Problem(where, 1, 1, f"no {PACK_FILE} at the top of the zip or "
                                      "in its one folder"))
        return files
    files.prefix = f"{path}/{root}"
    for info in infos:
        rest = info.filename[len(root):] if info.filename.startswith(root) else ""
        if info.is_dir() or not rest:
            continue
        if "/" in rest or not is_yaml(rest) or rest.startswith("."):
            if not rest.startswith("."):
                files.ignored.append(info.filename)
            continue
        try:
            with archive.open(info) as member:
                content = member.read(MAX_FILE_BYTES + 1)
        except Exception as exc:  # a damaged entry (bad CRC, cut short): said, never raised
            files.problems.append(Problem(str(files.shown(rest)), 1, 1,
                                          f"cannot unpack it: {type(exc).__name__}"))
            continue
        if len(content) > MAX_FILE_BYTES:  # pragma: no cover - the sizes were checked
            files.problems.append(Problem(str(files.shown(rest)), 1, 1, "file is too large"))
            continue
        _keep(files, rest, content)
    _require_meta(files, path)
    return files


def check_entries(path: Path, infos: list[ZipInfo]) -> list[Problem]:
    """What makes a zip unsafe to read, before anything is decompressed: too many entries,
    unsafe paths (absolute, ``..``, backslashes, control characters), links, devices and
    other special entries, encryption, compression other than deflate, an entry over the
    size limit or the ratio limit, and a total over the limit."""
    import zipfile

    where = str(path)
    if len(infos) > MAX_FILES:
        return [Problem(where, 1, 1, f"the zip holds {len(infos)} entries; a pack may hold at "
                        f"most {MAX_FILES}")]
    problems: list[Problem] = []
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename

        def refuse(message: str, name: str = name) -> None:
            problems.append(Problem(f"{where}/{name}", 1, 1, message))

        why = unsafe_path(name)
        if why:
            refuse(why)
            continue
        if name in seen:
            refuse("the zip holds two entries with this name")
        seen.add(name)
        kind = _special(info)
        if kind:
            refuse(f"{kind}; a pack holds regular files only")
            continue
        if info.flag_bits & 0x1:
            refuse("encrypted; a pack is never encrypted")
            continue
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            refuse("compressed in a way coach does not unpack; zip it with the usual "
                   "(deflate) compression")
            continue
        total += info.file_size
        if is_yaml(name) and info.file_size > MAX_FILE_BYTES:
            refuse(f"it unpacks to {info.file_size // 1024} KiB; an exercise file may be at "
                   f"most {MAX_FILE_BYTES // 1024} KiB")
        elif info.file_size >= RATIO_FROM and info.file_size > MAX_RATIO * max(1, info.compress_size):
            ratio = info.file_size // max(1, info.compress_size)
            refuse(f"it unpacks to {ratio} times its packed size (a zip bomb?); the limit is "
                   f"{MAX_RATIO}")
    if total > MAX_TOTAL_BYTES:
        problems.append(Problem(where, 1, 1, f"the zip unpacks to {total >> 20} MiB; a pack may "
                                f"be at most {MAX_TOTAL_BYTES >> 20} MiB"))
    return problems


def unsafe_path(name: str) -> str:
    """Why an entry's path could write outside the pack, or '' when it is a plain relative
    path (``calm/box.yaml``)."""
    if unsafe_char(name) is not None or "\x00" in name:
        return "its name holds a control or invisible character"
    if "\\" in name:
        return "its name holds a backslash (a Windows path); a pack uses / only"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "an absolute path; a pack's entries are relative to the pack"
    parts = name[:-1].split("/") if name.endswith("/") else name.split("/")
    if ".." in parts:
        return "its path climbs out of the pack (..)"
    if any(p in ("", ".") for p in parts):
        return "an odd path (an empty or '.' part)"
    return ""


def _special(info: ZipInfo) -> str:
    """What a zip entry is when it is not a plain file or folder ('' otherwise)."""
    mode = info.external_attr >> 16
    if info.create_system != 3 or not stat.S_IFMT(mode):
        return ""  # made on a system without Unix modes: plain files and folders only
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return ""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    return "a special file"


def _root(names: list[str]) -> str | None:
    """Where pack.yaml is: '' at the top, 'folder/' when everything is in one folder."""
    if PACK_FILE in names:
        return ""
    tops = {n.split("/", 1)[0] for n in names
            if not n.startswith((_MACOS, "."))}  # what a Mac's Finder adds to every zip
    if len(tops) == 1:
        top = tops.pop() + "/"
        if top + PACK_FILE in names:
            return top
    return None
