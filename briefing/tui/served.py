"""The game behind one browser connection of ``briefing serve``: one process per connection.

``python -m briefing.tui.served SCENARIO_FOLDER [--team NAME] [--theme NAME] [--timer SECONDS] [--workshop]
[--cut NAME]`` runs the Textual app with a session log in the day's session folder, so ``briefing report``
finds every game. The facilitator's control file (``BRIEFING_CONTROL``, set by ``serve``) is polled every
second: it pauses and resumes the clock and shows the facilitator's messages.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.tui.launch import Runner, run_app, unknown_cut
from briefing.tui.options import AppOptions


def _seconds(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError("takes a number of seconds above 0")
    return value


def child_main(argv: list[str] | None = None, runner: Runner = run_app) -> int:
    """Run one game for one browser connection, logging into the day's session folder."""
    p = argparse.ArgumentParser(prog="python -m briefing.tui.served", description="(run by 'briefing serve')")
    p.add_argument("scenario")
    p.add_argument("--team", default="")
    p.add_argument("--theme", default=None)
    p.add_argument("--timer", type=_seconds, default=None, metavar="SECONDS")
    p.add_argument("--workshop", action="store_true")
    p.add_argument("--cut", default=None, metavar="NAME")
    args = p.parse_args(argv)

    from briefing.core.catalog import load_for
    from briefing.workshop.control import watcher_from_env
    from briefing.workshop.serve import clean_team, team_slot
    from briefing.workshop.sessionlog import LogOptions, SessionLog, open_log

    scenario, status, lines = load_for(args.scenario)
    for line in lines:
        print(line, file=sys.stderr)
    if scenario is None:
        return status
    if problem := unknown_cut(scenario, args.cut):
        print(f"briefing: error: {problem}", file=sys.stderr)
        return 2
    from briefing.tui.app import build_app

    team = clean_team(args.team)
    slot = team_slot(team)

    def new_log() -> SessionLog:
        return open_log(
            LogOptions(None, team, scenario, slot=slot or ""),
            on_error=lambda message: print(message, file=sys.stderr),
        )

    app = build_app(
        AppOptions(
            scenario=scenario,
            folder=Path(scenario.root) if scenario.root else None,
            theme=args.theme or "default",
            workshop=args.workshop,
            timer=args.timer,
            cut=args.cut,
            # start is written when a game begins: a tab that never starts one leaves no log; every further
            # game in the same tab (Play again) is a new session, in a new file
            session_log=new_log,
            # each team autosaves to its own slot (Continue after a reload finds its own game, never
            # another team's); a tab without a team keeps no autosave at all
            autosave_slot=slot,
            # and sees and writes only its own saves: no team loads another's game
            save_owner=slot or "no-team",
            control=watcher_from_env(),
        )
    )
    runner(app)
    return int(app.return_code or 0)


if __name__ == "__main__":
    raise SystemExit(child_main())
