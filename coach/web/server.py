"""Serving the app with textual-serve: one coach process per browser tab, on the same folders.

Only textual-serve's public API: its ``Server`` with our own page template (local assets only,
see templates/app_index.html), its ``on_startup`` hook to say where coach is, and its two
request handlers, which here first check the key:

* The address coach prints carries a random key (``?key=...``); the page sets it as a cookie
  (HttpOnly, SameSite=Strict), and the app's socket opens only with that cookie and from a page
  of this same server (its Origin). Another user of this computer, or a web page in another tab
  that tries ``ws://127.0.0.1:8000/ws`` behind the person's back, gets "403 Forbidden" and no
  coach.
"""

from __future__ import annotations

import hmac
import os
import secrets
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from coach.commands.output import say
from coach.core.paths import Paths

TEMPLATES = Path(__file__).resolve().parent / "templates"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
EVERY_ADDRESS = ("0.0.0.0", "::")
COOKIE = "coach_key"
NO_KEY = ("This coach needs its key: open the address coach serve printed (with ?key=...). "
          "Nothing was opened.")


def app_command(paths: Paths, python: str | None = None) -> str:
    """The shell command each tab runs: this Python's coach, on these folders."""
    argv = [python or sys.executable, "-m", "coach", "--config-dir", str(paths.config_dir),
            "--data-dir", str(paths.data_dir), "--exercises-dir", str(paths.exercises_dir),
            "--cache-dir", str(paths.cache_dir)]
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def address(host: str, port: int, key: str = "") -> str:
    base = f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
    return f"{base}?key={key}" if key else base


class CoachServer(Server):
    """textual-serve's server that asks for its key and says in one line where coach is."""

    def __init__(self, command: str, *, key: str, **options: Any) -> None:
        super().__init__(command, **options)
        self.key = key

    def has_key(self, request: web.Request, *, in_address: bool = False) -> bool:
        given = request.cookies.get(COOKIE, "")
        if in_address:
            given = request.query.get("key", "") or given
        return hmac.compare_digest(given.encode(), self.key.encode())

    async def handle_index(self, request: web.Request) -> Any:
        """The page, for the address with the key (which it keeps as a cookie)."""
        if not self.has_key(request, in_address=True):
            raise web.HTTPForbidden(text=NO_KEY)
        response = await super().handle_index(request)
        response.set_cookie(COOKIE, self.key, httponly=True, samesite="Strict", path="/")
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A tab's coach: only with the key's cookie, from a page of this server."""
        origin = request.headers.get("Origin", "")
        if not self.has_key(request) or origin not in (f"http://{request.host}", f"https://{request.host}"):
            raise web.HTTPForbidden(text=NO_KEY)
        return await super().handle_websocket(request)

    async def on_startup(self, app: Any) -> None:
        """Where coach is (the key included), as its first line of output."""
        if self.host in EVERY_ADDRESS:
            say(f"coach is at {address('127.0.0.1', self.port, self.key)}")
            say(f"It listens on every address of this computer, port {self.port}: from another, use "
                "this computer's address with the same ?key=...")
        else:
            say(f"coach is at {address(self.host, self.port, self.key)}")
        say("Open it in a web browser. Each tab runs its own coach with your settings and history. "
            "Ctrl+C stops.")


def serve(paths: Paths, host: str, port: int) -> int:
    """Serve until ctrl+c or SIGTERM."""
    # Each tab's coach writes to a pipe, which would start the plain mode: the browser gets the app.
    os.environ["COACH_PLAIN"] = "0"
    server = CoachServer(app_command(paths), key=secrets.token_urlsafe(18), host=host, port=port,
                         title="coach", templates_path=TEMPLATES)
    server.serve()
    return 0
