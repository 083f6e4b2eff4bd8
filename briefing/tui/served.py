"""The game behind one browser connection of ``briefing serve``: one process per connection.

``python -m briefing.tui.served SCENARIO_FOLDER [--team NAME]`` runs the Textual app with a session log in
the day's session folder, so ``briefing report`` finds every game.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.tui.launch import Runner, run_app
from briefing.tui.options import AppOptions
from briefing.workshop.serve import clean_team, team_slot


def child_main(argv: list[str] | None = None, runner: Runner = run_app) -> int:
    """Run one game for one browser connection, logging into the day's session folder."""
    p = argparse.ArgumentParser(prog="python -m briefing.tui.served", description="(run by 'briefing serve')")
    p.add_argument("scenario")
    p.add_argument("--team", default="")
    p.add_argument("--theme", default=None)
    args = p.parse_args(argv)

    from briefing.core.catalog import load_for
    from briefing.workshop.sessionlog import LogOptions, SessionLog, open_log

    scenario, status, lines = load_for(args.scenario)
    for line in lines:
        print(line, file=sys.stderr)
    if scenario is None:
        return status
    from briefing.tui.app import build_app

    team = clean_team(args.team)

    def new_log() -> SessionLog:
        return open_log(
            LogOptions(None, team, scenario), on_error=lambda message: print(message, file=sys.stderr)
        )

    app = build_app(
        AppOptions(
            scenario=scenario,
            folder=Path(scenario.root) if scenario.root else None,
            theme=args.theme or "default",
            # start is written when a game begins: a tab that never starts one leaves no log; every further
            # game in the same tab (Play again) is a new session, in a new file
            session_log=new_log,
            # each team autosaves to its own slot (Continue after a reload finds its own game, never
            # another team's); a tab without a team keeps no autosave at all
            autosave_slot=team_slot(team),
        )
    )
    runner(app)
    return int(app.return_code or 0)


if __name__ == "__main__":
    raise SystemExit(child_main())
