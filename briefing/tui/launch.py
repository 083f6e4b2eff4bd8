"""``run_tui(args)``: load what ``briefing play`` was asked to play and run the Textual app."""

from __future__ import annotations

import sys
from pathlib import Path

THEMES = {"default": "briefing", "high-contrast": "briefing-high-contrast", "projector": "briefing-projector"}


def _err(message: str, status: int) -> int:
    print(f"briefing: error: {message}", file=sys.stderr)
    return status


def _folders(arg: str | None) -> list[Path]:
    """The scenario folders on offer: the one named, every one in a folder of scenarios, or the shipped ones."""
    from briefing.scenarios_index import default_scenario, expand, shipped_scenarios

    if arg is None:
        shipped = shipped_scenarios()
        return shipped if len(shipped) > 1 else [default_scenario()]
    return expand(arg)


def _error_lines(diags) -> list[str]:
    return [d.format() for d in diags.sorted() if d in diags.errors] or ["the scenario could not be loaded"]


def run_tui(args) -> int:
    """Run the terminal player for parsed ``briefing play`` arguments; return the exit status."""
    from briefing import saves
    from briefing.commands.common import print_diagnostics
    from briefing.diagnostics import Diagnostics
    from briefing.loader import load_scenario
    from briefing.scenarios_index import ScenarioNotFound

    theme = getattr(args, "theme", None) or "default"
    watch = bool(getattr(args, "watch", False))
    load = getattr(args, "load", None)
    resume = bool(getattr(args, "resume", False))
    try:
        folders = _folders(getattr(args, "scenario", None))
    except ScenarioNotFound as exc:
        return _err(str(exc), 2)

    from briefing.tui.app import BriefingApp, known_theme

    if not known_theme(theme):
        return _err(f"unknown theme '{theme}' (themes: {', '.join(THEMES)})", 2)

    scenario = None
    folder = folders[0] if len(folders) == 1 else None
    errors: list[str] = []
    if folder is None and (load or resume):
        # several scenarios: find the one the save belongs to
        folder, scenario = _match_save(folders, load)
        if folder is None:
            return _err("cannot tell which scenario to resume: name it (briefing play SCENARIO --continue)", 2)
    if folder is not None and scenario is None:
        scenario, diags = load_scenario(str(folder))
        if diags.errors or scenario is None:
            if not watch:
                print_diagnostics(Diagnostics(diags.errors))
                n = len(diags.errors)
                print(f"{folder}: cannot play: {n} error{'s' if n != 1 else ''} (run 'briefing check' for details)",
                      file=sys.stderr)
                return 1
            errors = _error_lines(diags)
            scenario = None
    game = None
    if scenario is not None and (load or resume):
        path = load or saves.slot_path(scenario.id, saves.AUTOSAVE)
        try:
            game = saves.load_game(path, scenario)
        except saves.SaveError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    app = BriefingApp(scenario, folder=folder, game=game, scenarios=folders if folder is None else None,
                      watch=watch, theme_name=theme, errors=errors)
    app.run()
    return int(app.return_code or 0)


def _match_save(folders: list[Path], load: str | None):
    from briefing import saves
    from briefing.loader import load_scenario

    wanted = None
    if load:
        try:
            wanted = saves.read_save(Path(load)).get("scenario")
        except saves.SaveError:
            return None, None
    best = None
    for f in folders:
        scenario, diags = load_scenario(str(f))
        if scenario is None or diags.errors:
            continue
        if wanted is not None:
            if scenario.id == wanted:
                return f, scenario
            continue
        p = saves.slot_path(scenario.id, saves.AUTOSAVE)
        if p.is_file() and (best is None or p.stat().st_mtime > best[0]):
            best = (p.stat().st_mtime, f, scenario)
    return (best[1], best[2]) if best else (None, None)
