"""Serving the app with textual-serve: one coach process per browser tab, on the same folders.

Only textual-serve's public API: its ``Server`` with our own page template (local assets only,
see templates/app_index.html) and its ``on_startup`` hook to say where coach is.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from textual_serve.server import Server

from coach.commands.output import say
from coach.core.paths import Paths

TEMPLATES = Path(__file__).resolve().parent / "templates"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
EVERY_ADDRESS = ("0.0.0.0", "::")


def app_command(paths: Paths, python: str | None = None) -> str:
    """The shell command each tab runs: this Python's coach, on these folders."""
    argv = [python or sys.executable, "-m", "coach", "--config-dir", str(paths.config_dir),
            "--data-dir", str(paths.data_dir), "--exercises-dir", str(paths.exercises_dir),
            "--cache-dir", str(paths.cache_dir)]
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def address(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


class CoachServer(Server):
    """textual-serve's server, saying in one line where coach is (not its banner)."""

    async def on_startup(self, app: Any) -> None:
        if self.host in EVERY_ADDRESS:
            where = (f"coach is listening on every address of this computer, port {self.port}: open "
                     f"{address('127.0.0.1', self.port)} here, or this computer's address from another.")
        else:
            where = f"coach is at {address(self.host, self.port)} - open it in a web browser."
        say(f"{where} Each tab runs its own coach with your settings and history. Ctrl+C stops.")


def serve(paths: Paths, host: str, port: int) -> int:
    """Serve until ctrl+c or SIGTERM."""
    # Each tab's coach writes to a pipe, which would start the plain mode: the browser gets the app.
    os.environ["COACH_PLAIN"] = "0"
    server = CoachServer(app_command(paths), host=host, port=port, title="coach",
                         templates_path=TEMPLATES)
    server.serve()
    return 0
