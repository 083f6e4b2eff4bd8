"""``briefing facilitate``: the facilitator's console in a terminal (``briefing.tui.console``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    from briefing.cli.common import add_scenario

    p = sub.add_parser(
        "facilitate",
        help="the facilitator's console in a terminal: every game live, notes, pause all, messages",
        description="Follow every game of the day's session folder (served teams and 'play --workshop'): "
        "each team's scene, decisions, time on the scene, standing and scores, and the highlighted game's "
        "facilitator notes, so they need not be on the projected screen. p pauses every served game, r "
        "resumes them, m sends a message to every team (through the control file of 'briefing serve').",
    )
    add_scenario(p)
    p.add_argument(
        "--port",
        type=int,
        default=8000,
        help="the port 'briefing serve' runs on: its games follow this console's pauses and messages "
        "(default 8000)",
    )
    p.add_argument(
        "--folder", metavar="DIR", help="the session folder to follow (default: today's, as serve uses)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from briefing.cli.common import load_for_play, usage_error

    if not 1 <= args.port <= 65535:
        return usage_error("--port takes a number from 1 to 65535")
    if args.folder and not Path(args.folder).is_dir():
        return usage_error(f"--folder {args.folder}: no such folder")
    scenario, status = load_for_play(args.scenario, "facilitate")
    if scenario is None:
        return status
    from briefing.tui.console import ConsoleApp, ConsoleOptions
    from briefing.workshop.control import control_path
    from briefing.workshop.sessionlog import session_folder

    folder = Path(args.folder) if args.folder else session_folder()
    app = ConsoleApp(ConsoleOptions(scenario, folder, control_path(folder, args.port)))
    app.run()
    return int(app.return_code or 0)
