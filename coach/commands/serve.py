"""``coach serve``: the full app in a web browser, on this computer by default."""

from __future__ import annotations

import argparse
import importlib.util

from coach.commands.output import say
from coach.core.paths import Paths

INSTALL = 'coach serve needs textual-serve: pip install "coach[web]"'


def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 1 to 65535, not {value}")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help='the app in a web browser on this computer (needs "coach[web]")')
    p.add_argument("--port", type=port_number, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--host", default="127.0.0.1", metavar="ADDRESS",
                   help="address to listen on (default 127.0.0.1: this computer only); another "
                   "address lets anyone on that network who learns the key open coach, with your "
                   "history, over an unencrypted connection")
    p.set_defaults(command=cmd_serve)


def cmd_serve(args: argparse.Namespace, paths: Paths) -> int:
    if importlib.util.find_spec("textual_serve") is None:
        say(INSTALL, err=True)
        return 1
    host: str = args.host.strip() or "0.0.0.0"
    from coach.web.server import LOCAL_HOSTS, serve

    if host not in LOCAL_HOSTS:
        say(f"Warning: listening on {host}. Anyone who can reach that address and learns the key "
            "can open coach and read and change your practice history and settings, and the "
            "connection is not encrypted. Use it only on a network you trust, and stop it with "
            "ctrl+c when you are done.", err=True)
    return serve(paths, host, args.port)
