"""The core never imports Textual: prove it in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import coach.core


def core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(coach.core.__path__, "coach.core."))


def test_core_modules_are_found() -> None:
    names = core_modules()
    assert {"coach.core.schema", "coach.core.library", "coach.core.settings"} <= set(names)


def test_core_and_cli_do_not_import_textual() -> None:
    imports = "\n".join(f"import {name}" for name in [*core_modules(), "coach.cli",
                                                      "coach.commands.library"])
    code = imports + "\nimport sys\nbad = sorted(m for m in sys.modules if m.split('.')[0] in " \
        "('textual', 'rich'))\nprint(','.join(bad))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core imported: {out.stdout.strip()}"
