"""``briefing serve``: the game in a browser for breakout teams (textual-serve)."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any


def register(sub: Any) -> None:
    from briefing.cli.common import add_scenario

    p = sub.add_parser(
        "serve",
        help="serve the game to browsers (breakout teams)",
        description="Serve the game in a web browser: every browser tab plays its own game and logs it into "
        "the day's session folder for 'briefing report'. Teams name themselves with "
        "?team=NAME in the address. Listens on 127.0.0.1 (this machine only) unless --host says "
        "otherwise; beyond this machine, teams need the join code printed at start (it is in the address "
        "to give them). A facilitator console (its address, with its own key, is printed at start) shows "
        "every game live, pauses and resumes them all and sends them messages. "
        "Needs textual-serve: pip install 'briefing[serve]'.",
    )
    add_scenario(p)
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
    p.add_argument(
        "--timer", type=int, metavar="SECONDS", help="a countdown per decision in every game (e.g. 180)"
    )
    p.add_argument(
        "--workshop", action="store_true", help="every game in workshop mode (the facilitator view)"
    )
    p.add_argument("--cut", metavar="NAME", help="play the scenario's named cut (a shorter session)")
    p.add_argument(
        "--max-games",
        type=int,
        default=40,
        metavar="N",
        help="at most N games at once (default 40); a team beyond it is told the workshop is full",
    )
    p.add_argument(
        "--join-code",
        metavar="CODE",
        help="the join code teams need when serving beyond this machine (default: a new random one, "
        "printed at start)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from briefing.cli.common import load_for_play, usage_error
    from briefing.workshop.serve import Access, GameOptions, is_loopback, make_server, new_code

    if not 1 <= args.port <= 65535:
        return usage_error("--port takes a port number from 1 to 65535")
    if not args.host.strip():
        return usage_error("--host takes an address, such as 127.0.0.1 or 0.0.0.0")
    if args.public_url and not args.public_url.startswith(("http://", "https://")):
        return usage_error("--public-url takes an http:// or https:// address")
    if args.timer is not None and args.timer <= 0:
        return usage_error("--timer takes a number of seconds above 0")
    if not 1 <= args.max_games <= 1000:
        return usage_error("--max-games takes a number from 1 to 1000")
    if args.join_code is not None and not re.fullmatch(r"[A-Za-z0-9]{4,40}", args.join_code):
        return usage_error("--join-code takes 4 to 40 letters and digits")
    scenario, status = load_for_play(args.scenario)
    if scenario is None:
        return status
    cuts = getattr(scenario, "cuts", None)
    if args.cut and isinstance(cuts, dict) and args.cut not in cuts:
        known = ", ".join(sorted(cuts)) or "none"
        return usage_error(f"--cut {args.cut}: the scenario has no such cut (its cuts: {known})")
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        print(
            "briefing: error: 'briefing serve' needs textual-serve: pip install 'briefing[serve]'",
            file=sys.stderr,
        )
        return 1
    loopback = is_loopback(args.host)
    if not loopback:
        print(
            f"briefing: warning: listening on {args.host}: anyone who can reach this machine on port "
            f"{args.port} and has the join code can play (and start processes on it); use only on a "
            "network you trust",
            file=sys.stderr,
        )
    access = Access(
        args.host,
        args.port,
        args.public_url,
        join_code=None if loopback else (args.join_code or new_code()),
        facilitator_key=new_code(16),
        max_games=args.max_games,
    )
    game = GameOptions(args.theme, args.timer, args.workshop, args.cut)
    server = make_server(scenario, args.host, args.port, args.public_url, args.theme, game, access)
    try:
        server.serve()
    except OSError as exc:
        print(
            f"briefing: error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    return 0
