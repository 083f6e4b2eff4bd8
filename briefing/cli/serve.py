"""``briefing serve``: the game in a browser for breakout teams (textual-serve)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the game to browsers (breakout teams)",
        description="Serve the game in a web browser: every browser tab plays its own game and logs it into "
        "the day's session folder for 'briefing report'. Teams name themselves with "
        "?team=NAME in the address. Listens on 127.0.0.1 (this machine only) unless --host says "
        "otherwise. Needs textual-serve: pip install 'briefing[serve]'.",
    )
    p.add_argument(
        "scenario",
        nargs="?",
        metavar="SCENARIO",
        help="a scenario folder or the id of a shipped one; default: the default scenario",
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1; 0.0.0.0 for every network interface)",
    )
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when behind a proxy (default: the address they asked for)",
    )
    p.add_argument(
        "--theme", metavar="NAME", help="colour theme for every game: default, high-contrast, projector"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from briefing.cli.common import load_for_play, usage_error
    from briefing.workshop.serve import is_loopback, make_server

    if not 1 <= args.port <= 65535:
        return usage_error("--port takes a port number from 1 to 65535")
    if not args.host.strip():
        return usage_error("--host takes an address, such as 127.0.0.1 or 0.0.0.0")
    if args.public_url and not args.public_url.startswith(("http://", "https://")):
        return usage_error("--public-url takes an http:// or https:// address")
    scenario, status = load_for_play(args.scenario)
    if scenario is None:
        return status
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        print(
            "briefing: error: 'briefing serve' needs textual-serve: pip install 'briefing[serve]'",
            file=sys.stderr,
        )
        return 1
    if not is_loopback(args.host):
        print(
            f"briefing: warning: listening on {args.host}: anyone who can reach this machine on port "
            f"{args.port} can play (and start processes on it); use only on a network you trust",
            file=sys.stderr,
        )
    server = make_server(scenario, args.host, args.port, public_url=args.public_url, theme=args.theme)
    try:
        server.serve()
    except OSError as exc:
        print(
            f"briefing: error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    return 0
