"""Packs from Python packages (entry point group coach.packs): found without running any of the
package's code, kept in an index that is looked for again when the installed packages change."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.cli import main
from coach.core import pack_index
from coach.core.context import Context
from coach.core.paths import Paths
from tests.pack_support import BOX, PACK_YAML

NAME = "calm-breaths"


def fake_site(root: Path, entry_point: str = "calm_breaths", name: str = NAME) -> Path:
    """A site-packages folder holding one installed package that declares a pack; its
    ``__init__.py`` raises, so importing it would fail the test."""
    site = root / "site-packages"
    info = site / "calm_breaths-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {NAME}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[coach.packs]\n{name} = {entry_point}\n")
    package = site / "calm_breaths"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("raise RuntimeError('a pack's code ran')\n")
    for folder in (package, package / "data"):
        (folder / "pack.yaml").write_text(PACK_YAML.replace("name: calm", f"name: {NAME}"))
        (folder / "box.yaml").write_text(BOX)
    (site / "lonely.py").write_text("")
    return site


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = fake_site(tmp_path / "py")
    monkeypatch.syspath_prepend(str(folder))
    return folder


def test_a_package_pack_is_found_and_loaded_without_importing_it(
        site: Path, make_context: Callable[[], Context]) -> None:
    found = pack_index.find()
    assert (NAME, str(site / "calm_breaths"), f"Python package {NAME} 1.0", "") in found
    library = make_context().library
    assert library.problems == []
    assert library.packs[NAME].origin == f"Python package {NAME} 1.0"
    assert library.entries[f"{NAME}/box"].title == "Box breathing"
    assert "calm_breaths" not in sys.modules


@pytest.mark.parametrize(("value", "folder"), [("calm_breaths.data", "calm_breaths/data"),
                                               ("calm_breaths:data", "calm_breaths/data")])
def test_an_entry_point_may_name_a_folder_inside_the_package(site: Path, value: str,
                                                             folder: str) -> None:
    assert pack_index.locate(value) == (str(site / folder), "")
    assert "calm_breaths" not in sys.modules


@pytest.mark.parametrize(("value", "why"), [
    ("not_installed_anywhere", "is not installed"),
    ("lonely", "is a module, not a package"),
    ("calm_breaths:nowhere", "not a folder"),
    ("what ever", "does not name a package"),
])
def test_what_cannot_be_found_is_said(site: Path, value: str, why: str) -> None:
    folder, problem = pack_index.locate(value)
    assert folder == "" and why in problem


def test_a_broken_entry_point_is_a_problem_not_a_crash(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       make_context: Callable[[], Context]) -> None:
    monkeypatch.syspath_prepend(str(fake_site(tmp_path / "py", entry_point="gone_away")))
    library = make_context().library
    assert [p.message for p in library.problems if NAME in p.message] == [
        f"pack '{NAME}': the package 'gone_away' named by the entry point is not installed"]


def test_the_name_must_match(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             make_context: Callable[[], Context]) -> None:
    monkeypatch.syspath_prepend(str(fake_site(tmp_path / "py", name="other-name")))
    assert any("but is installed as 'other-name'" in p.message
               for p in make_context().library.problems)


def test_dots_never_climb_out_of_the_package(site: Path) -> None:
    assert pack_index.locate("calm_breaths:../..") == (str(site / "calm_breaths"), "")


def test_the_index_is_kept_until_a_package_changes(site: Path, paths: Paths,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.core import cache

    monkeypatch.setattr(cache, "now_ns", lambda: time.time_ns() + 10**10)  # all settled
    cache_dir = str(paths.cache_dir)
    first = pack_index.entry_point_packs(cache_dir)
    assert pack_index.indexed(cache_dir) == first
    monkeypatch.setattr(pack_index, "find", lambda: pytest.fail("looked again"))
    assert pack_index.entry_point_packs(cache_dir) == first
    (site / "another-1.0.dist-info").mkdir()  # a package installed: the folder's stamp moves
    assert pack_index.indexed(cache_dir) is None
    assert pack_index.entry_point_packs(cache_dir, discover=False) == []


def test_pack_list_shows_both_kinds_and_remove_points_at_pip(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.pack_support import make_zip

    assert main(["pack", "install", str(make_zip(tmp_path / "calm.zip"))]) == 0
    capsys.readouterr()
    assert main(["pack", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["NAME", "VERSION", "ENTRIES", "FROM", "BY"]
    assert out[1].split()[:4] == ["calm", "1.0", "3", "installed"]
    assert out[2].split()[:4] == [NAME, "1.0", "1", "Python"]
    assert f"Python package {NAME} 1.0" in out[2]
    assert main(["pack", "remove", NAME]) == 1
    assert "remove that package with pip" in capsys.readouterr().err
