"""A real browser's view of `coach serve`, for the README (not part of the tests).

Starts `coach serve` on a free port of this computer, on an empty private folder, opens it in
headless Chromium (Debian's `chromium` package) and saves what the browser shows once the app
has drawn:

    .venv/bin/python docs/browser_screenshot.py [OUT.png]

Default output: docs/screenshots/browser.png. Everything it started is stopped at the end.
"""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots" / "browser.png"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
WAIT_MS = 20_000
"""How long to wait at most for the app to draw in the page."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, within: float = 20.0) -> None:
    end = time.monotonic() + within
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.2)


async def screenshot(browser: str, url: str, profile: Path) -> bytes:
    """PNG of ``url`` once the app has drawn in the page (asked over Chromium's DevTools
    protocol on a local port, then the browser is closed)."""
    import aiohttp  # comes with textual-serve

    port = free_port()
    chrome = subprocess.Popen([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                               f"--user-data-dir={profile}", "--window-size=1200,760",
                               f"--remote-debugging-port={port}", "about:blank"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        async with aiohttp.ClientSession() as http:
            end = time.monotonic() + 30
            while True:
                try:
                    async with http.get(f"http://127.0.0.1:{port}/json/list") as answer:
                        pages = [t for t in await answer.json() if t["type"] == "page"]
                    break
                except aiohttp.ClientError:
                    if time.monotonic() > end:
                        raise
                    await asyncio.sleep(0.2)
            async with http.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as cdp:
                calls = iter(range(1, 1000))

                async def call(method: str, **params: object) -> dict:
                    number = next(calls)
                    await cdp.send_json({"id": number, "method": method, "params": params})
                    while True:
                        message = await cdp.receive_json(timeout=60)
                        if message.get("id") == number:
                            return dict(message.get("result", {}))

                await call("Page.navigate", url=url)
                drawn = "document.body && document.body.classList.contains('-first-byte')"
                end = time.monotonic() + WAIT_MS / 1000
                while time.monotonic() < end:
                    result = await call("Runtime.evaluate", expression=drawn)
                    if result.get("result", {}).get("value") is True:
                        break
                    await asyncio.sleep(0.25)
                await asyncio.sleep(2.0)  # the first frames settle
                shot = await call("Page.captureScreenshot", format="png")
                return base64.b64decode(shot["data"])
    finally:
        os.killpg(chrome.pid, signal.SIGTERM)
        chrome.wait(timeout=15)


def main(argv: list[str]) -> int:
    out = Path(argv[0]).resolve() if argv else OUT
    browser = next((b for b in map(shutil.which, BROWSERS) if b), None)
    if browser is None:
        print("No Chromium found: on Debian, apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "COACH_CONFIG_DIR": f"{folder}/config", "COACH_DATA_DIR": f"{folder}/data",
               "COACH_CACHE_DIR": f"{folder}/cache", "TEXTUAL_ANIMATIONS": "none"}
        Path(folder, "config").mkdir()
        Path(folder, "config", "settings.yaml").write_text("welcomed: true\n")
        server = subprocess.Popen([sys.executable, "-m", "coach", "serve", "--port", str(free_port())],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                  start_new_session=True)
        try:
            assert server.stdout is not None
            url = server.stdout.readline().removeprefix("coach is at ").strip()  # with its key
            threading.Thread(target=server.stdout.read, daemon=True).start()  # its log, unread
            wait_for(url)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(asyncio.run(screenshot(browser, url, Path(folder) / "browser")))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    print(f"{out}: what the browser showed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
