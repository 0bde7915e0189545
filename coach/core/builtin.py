"""Where the built-in exercises and themes are: inside the package when installed from a
wheel (``coach/_builtin/``), else the checkout's top-level ``exercises/`` and ``themes/``.

Plain strings and ``os.path`` only, so that ``coach nudge`` can stamp them cheaply.
"""

from __future__ import annotations

import os

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def builtin_folder(name: str) -> str:
    """The built-in folder ``name`` ("exercises" or "themes")."""
    packaged = os.path.join(_PACKAGE, "_builtin", name)
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(_PACKAGE), name)
