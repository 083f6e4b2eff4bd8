"""``briefing play``: play a scenario in the Textual app, or as plain text with ``--plain``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.cli.common import Subparsers
    from briefing.core.engine import Game


def register(sub: Subparsers) -> None:
    from briefing.cli.common import add_scenario

    p = sub.add_parser(
        "play",
        help="play a scenario (the default command)",
        description="Play a scenario: in the terminal app, or as plain text with --plain.",
    )
    add_scenario(p)
    p.add_argument(
        "--plain",
        action="store_true",
        help="plain text: numbered choices and a prompt (pipes, screen readers)",
    )
    p.add_argument(
        "--json",
        dest="machine",
        action="store_true",
        help="the machine play protocol: JSON lines on standard input and output (docs/play-protocol.md)",
    )
    p.add_argument("--load", metavar="FILE", help="resume from this save file")
    p.add_argument(
        "--cut", metavar="NAME", help="play a workshop cut of the scenario (its 'cuts:' in scenario.yaml)"
    )
    p.add_argument("--continue", dest="resume", action="store_true", help="resume from the latest autosave")
    p.add_argument("--watch", action="store_true", help="reload the scenario when its files change (authors)")
    p.add_argument(
        "--debug",
        action="store_true",
        help="the author's debug panel (F12): every scene and variable, and jumps (on with --watch too)",
    )
    p.add_argument("--theme", metavar="NAME", help="colour theme: default, high-contrast, projector")
    p.add_argument("--workshop", action="store_true", help="facilitator view: notes, timers, vote tallies")
    p.add_argument("--timer", type=int, metavar="SECONDS", help="a countdown per decision (workshop mode)")
    p.add_argument("--log", metavar="FILE", help="append one JSON line per event to FILE")
    p.add_argument("--team", metavar="NAME", help="team name for the session log")
    p.add_argument(
        "--record",
        metavar="FILE",
        help="write the playthrough to FILE when the game ends or you stop (see 'briefing replay')",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.timer is not None and args.timer <= 0:
        from briefing.cli.common import usage_error

        return usage_error("--timer takes a number of seconds above 0")
    if args.machine:
        return run_machine(args)
    plain = args.plain or not (sys.stdin.isatty() and sys.stdout.isatty())
    if not plain:
        from briefing.tui.launch import run_tui

        return run_tui(args)
    from briefing.cli.common import load_for_play, unknown_cut_error

    scenario, status = load_for_play(args.scenario)
    if scenario is None:
        return status
    if status := unknown_cut_error(scenario, args.cut):
        return status
    game = None
    if args.load or args.resume:
        from briefing.core import saves

        path = args.load or saves.slot_path(scenario.id, saves.AUTOSAVE)
        try:
            game = saves.load_game(path, scenario)
        except saves.SaveError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    from briefing.core.engine import Game
    from briefing.plain.player import play_plain

    if game is None and args.cut:
        game = Game.new(scenario, cut=args.cut)
    on_step = on_end = on_answer = on_rollback = None
    if args.log or args.workshop:
        from briefing.workshop.sessionlog import LogOptions, SessionLogError, plain_hooks

        try:
            options = LogOptions(args.log, args.team or "", scenario)
            on_step, on_end, on_answer, on_rollback = plain_hooks(
                options, game, lambda message: print(message, file=sys.stderr)
            )
        except SessionLogError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    game = game or Game.new(scenario)  # made here so that --record can read it afterwards
    status = play_plain(
        scenario,
        game,
        on_step=on_step,
        on_end=on_end,
        timer=args.timer,
        on_answer=on_answer,
        on_rollback=on_rollback,
    )
    return _record(game, args.record) or status


def _record(game: Game, path: str | None) -> int:
    """``--record FILE`` after the game: write its recording; 1 when that failed (said on stderr)."""
    if not path:
        return 0
    from briefing.authoring.replay import save_recording

    problem = save_recording(game, path)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


def run_machine(args: argparse.Namespace) -> int:
    """``play --json``: no autosave, no session log unless asked; the same engine as every player."""
    from briefing.cli.common import load_for_play, unknown_cut_error

    scenario, status = load_for_play(args.scenario)
    if scenario is None:
        return status
    if status := unknown_cut_error(scenario, args.cut):
        return status
    from briefing.core.engine import Game

    game = Game.new(scenario, cut=args.cut or None)
    if args.load:
        from briefing.core import saves

        try:
            game = saves.load_game(args.load, scenario)
        except saves.SaveError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    from briefing.plain.machine import play_machine

    status = play_machine(game, sys.stdin, sys.stdout)
    return _record(game, args.record) or status
