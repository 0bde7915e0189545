"""``coach serve``: a real server on a free port of this computer; the page loads nothing from
anywhere else; opening the app's socket starts a coach on the same folders; all of it stops."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.paths import resolve_paths


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, within: float = 15.0) -> str:
    """The page at ``url``, once the server (which says where it is as it starts) listens."""
    end = time.monotonic() + within
    while True:
        try:
            return urllib.request.urlopen(url, timeout=10).read().decode()
        except urllib.error.URLError:
            if time.monotonic() > end:
                raise
            time.sleep(0.1)


def coach_processes(marker: str) -> list[int]:
    """Pids of coach app processes whose command line names ``marker`` (not the server)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        words = [a.decode(errors="replace") for a in argv]
        if "coach" in words and marker in " ".join(words) and "serve" not in words and "-c" not in words:
            found.append(int(entry.name))
    return found


def test_serve_says_how_to_install_textual_serve(monkeypatch, capsys) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "textual_serve" else real(name, *a))
    assert main(["serve"]) == 1
    assert capsys.readouterr().err == 'coach serve needs textual-serve: pip install "coach[web]"\n'


def test_each_tab_runs_coach_on_the_same_folders(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve")
    from coach.web.server import app_command

    paths = resolve_paths(tmp_path / "my config", tmp_path / "data", tmp_path / "ex",
                          cache_dir=tmp_path / "c")
    command = app_command(paths, python="/usr/bin/python3")
    assert command.startswith("/usr/bin/python3 -m coach --config-dir ")
    if os.name == "posix":
        assert f"'{tmp_path / 'my config'}'" in command  # quoted for the shell textual-serve uses


def test_a_host_other_than_this_computer_is_warned_about(monkeypatch, capsys) -> None:
    pytest.importorskip("textual_serve")
    import coach.web.server

    served: list[tuple[str, int]] = []
    monkeypatch.setattr(coach.web.server, "serve", lambda paths, host, port: served.append((host, port)) or 0)
    assert main(["serve", "--host", "192.168.1.20", "--port", "8123"]) == 0
    assert served == [("192.168.1.20", 8123)]
    assert "Anyone who can reach that address and learns the key can open coach" in capsys.readouterr().err
    assert main(["serve"]) == 0 and served[-1] == ("127.0.0.1", 8000)
    assert capsys.readouterr().err == ""
    with pytest.raises(SystemExit):
        main(["serve", "--port", "70000"])


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_serve_a_page_of_local_assets_and_a_coach_per_socket(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve")
    import aiohttp

    port = free_port()
    marker = str(tmp_path / "data")
    server = subprocess.Popen([sys.executable, "-m", "coach", "serve", "--port", str(port)],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, start_new_session=True)  # no stdin: a test worker's own pipe
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        found = re.fullmatch(rf"coach is at (http://127\.0\.0\.1:{port}/\?key=([\w-]{{20,}}))\n", first)
        assert found, first
        url, key = found.groups()
        base = f"http://127.0.0.1:{port}"
        page = fetch(url)
        # nothing from a third party: no address in the page but relative ones on this server
        assert re.findall(r"(?:https?:|wss?:)?//[\w.-]+", page) == [], "the page names another host"
        assert "fonts.googleapis" not in page and key not in page
        for asset in re.findall(r'(?:src|href)="(/[^"]+)"', page):
            assert urllib.request.urlopen(base + asset, timeout=10).status == 200, asset
        for wrong in (base + "/", base + "/?key=guess"):  # the page needs the key
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(wrong, timeout=10)
            assert refused.value.code == 403
        assert coach_processes(marker) == []

        async def open_tab(origin: str, with_key: bool = True) -> bytes:
            async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
                if with_key:
                    async with session.get(url) as answer:  # the page keeps the key as a cookie
                        assert answer.status == 200
                async with session.ws_connect(f"ws://127.0.0.1:{port}/ws?width=80&height=24",
                                              origin=origin) as ws:
                    seen = b""
                    end = time.monotonic() + 30
                    while b"Welcome" not in seen and time.monotonic() < end:  # a first run's welcome
                        message = await ws.receive(timeout=10)
                        if message.type == aiohttp.WSMsgType.BINARY:
                            seen += message.data
                        elif message.type != aiohttp.WSMsgType.TEXT:
                            break
                    tabs.append(coach_processes(marker))
                    return seen

        tabs: list[list[int]] = []
        # another web page's script, or a request without the key, opens nothing
        for origin, with_key in (("http://evil.example", True), (base, False)):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                asyncio.run(asyncio.wait_for(open_tab(origin, with_key), 60))
            assert refused.value.status == 403
        assert coach_processes(marker) == []
        shown = asyncio.run(asyncio.wait_for(open_tab(base), 60))  # never waits for ever
        assert b"Welcome" in shown, "the app did not draw its first screen in the tab"
        assert len(tabs[0]) == 1, f"one coach for the tab: {tabs}"
        end = time.monotonic() + 15  # closing the tab ends its coach
        while coach_processes(marker) and time.monotonic() < end:
            time.sleep(0.1)
        assert coach_processes(marker) == []
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert coach_processes(marker) == []
