"""``run_tui(args)``: load what ``briefing play`` was asked to play and run the Textual app."""

from __future__ import annotations

import re
import sys
import time
from argparse import Namespace
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.tui.options import THEMES, AppOptions

if TYPE_CHECKING:
    from textual.app import App

    from briefing.core.diagnostics import Diagnostics
    from briefing.core.model import Scenario
    from briefing.tui.app import BriefingApp
    from briefing.workshop.sessionlog import SessionLog

Runner = Callable[["BriefingApp"], None]
SCENARIO_FILE = "scenario.yaml"  # the loader's name for it (not imported here: see _folders)


def _err(message: str, status: int) -> int:
    print(f"briefing: error: {message}", file=sys.stderr)
    return status


def _folders(arg: str | None) -> list[Path]:
    """The scenario folders on offer: the one named, every one in a folder of scenarios, or the shipped ones.

    The common cases are answered from the file system alone, so that the title screen is painted
    before the loader (and YAML) is imported; anything else goes through ``scenarios_index``.
    """
    if arg is None:
        import briefing

        shipped = Path(briefing.__file__).resolve().parent / "scenarios"
        found = sorted(p.parent for p in shipped.glob(f"*/{SCENARIO_FILE}")) if shipped.is_dir() else []
        if found:
            return found  # one: the default scenario; several: a picker
    else:
        p = Path(arg)
        if p.is_dir() and (p / SCENARIO_FILE).is_file():
            return [p]
    from briefing.core.catalog import default_scenario, expand

    return [default_scenario()] if arg is None else expand(arg)


_PLAIN_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_DOUBLE_QUOTED = re.compile(r'"([^"\\]*)"[ \t]*(?:#.*)?')
_SINGLE_QUOTED = re.compile(r"'([^']*)'[ \t]*(?:#.*)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def peek_title(folder: Path) -> str:
    """The title of a scenario.yaml, read cheaply so the title screen is painted before YAML is imported.

    The top-level ``title:`` line is read by hand when its value is a one-line plain or quoted string
    without escapes; anything else (escapes, ``''``, folded or multi-line values, no title line found)
    goes through the safe YAML reader, on just the title's lines when they are found. "" when there is
    no readable title (the full load says why)."""
    path = Path(folder) / SCENARIO_FILE
    try:
        with open(path, encoding="utf-8-sig") as f:  # -sig: a byte-order mark is not part of the key
            lines = f.read().split("\n")  # not splitlines: YAML breaks lines only at \n and \r
    except (OSError, UnicodeDecodeError):
        return ""
    for i, line in enumerate(lines):
        if line.startswith("title:"):
            follow = i + 1
            while follow < len(lines) and (not lines[follow].strip() or lines[follow][0] in " \t"):
                follow += 1
            quick = _simple_title(line[6:].strip(), continued=follow > i + 1)
            return quick if quick is not None else _read_title(path, "\n".join(lines[i:follow]) + "\n")
    return _read_title(path, "\n".join(lines))


def _simple_title(value: str, continued: bool) -> str | None:
    """The value of a one-line ``title:`` when it can be read without a YAML parser, else None."""
    if _CONTROL.search(value):
        return None
    for quoted in (_DOUBLE_QUOTED, _SINGLE_QUOTED):
        m = quoted.fullmatch(value)
        if m:
            return m.group(1)
    if continued or not value or value[0] in _PLAIN_INDICATORS:
        return None  # a multi-line value, or one YAML reads specially
    if ": " in value or value.endswith(":") or "\t" in value:
        return None
    return value.split(" #")[0].rstrip()


def _read_title(path: Path, text: str) -> str:
    """The ``title`` of ``text`` (YAML) through the safe reader; "" when it is not a readable string."""
    from briefing.core.diagnostics import Diagnostics
    from briefing.core.yamlread import read_yaml

    data = read_yaml(str(path), text.encode("utf-8"), Diagnostics()).data
    title = data.get("title") if isinstance(data, dict) else None
    return title if isinstance(title, str) else ""


def print_load_errors(folder: Path, diags: Diagnostics) -> None:
    from briefing.core.catalog import cannot_load_lines

    for line in cannot_load_lines(folder, diags):
        print(line, file=sys.stderr)


def error_lines(diags: Diagnostics) -> list[str]:
    return [d.format() for d in diags.sorted() if d in diags.errors] or ["the scenario could not be loaded"]


def unknown_cut(scenario: Scenario, cut: str | None) -> str | None:
    """The usage error for a ``--cut`` the scenario does not have (naming its cuts), or None."""
    if not cut or cut in scenario.cuts:
        return None
    return f"the scenario has no cut '{cut}' (its cuts: {', '.join(scenario.cuts) or 'none'})"


def run_app(app: App[int]) -> None:
    """Run the app in the terminal (the default ``runner`` of ``run_tui``)."""
    app.run()


def run_tui(args: Namespace, runner: Runner = run_app, now: Callable[[], float] = time.monotonic) -> int:
    """Run the terminal player for parsed ``briefing play`` arguments; return the exit status.

    ``runner`` runs the built app (tests drive it with a Pilot instead of a terminal); ``now`` is the
    decision clock's time source."""
    import gc

    gc_was = gc.isenabled()
    gc.disable()  # start-up allocates many long-lived objects; collecting them only slows the first paint
    try:
        return _run(args, gc_was, runner, now)
    finally:
        if gc_was:
            gc.enable()


class _Logs:
    """``--log FILE`` / ``--workshop``: the session log of the first game (checked before the app starts),
    and a fresh one (a new session id) for every further game started in the same app."""

    def __init__(self, log: str | None, team: str) -> None:
        from briefing.workshop.sessionlog import check_writable, default_log_path, new_session_id

        self.explicit = log
        self.team = team
        self.app: App[int] | None = None
        self.made: list[Path] = []
        self.first_id: str | None = new_session_id()
        self.first_path = Path(self.explicit) if self.explicit else default_log_path(self.first_id)
        check_writable(self.first_path)  # raises SessionLogError: the caller prints it and stops

    def make(self) -> SessionLog:
        """The session log of the next game (the first one's id and path were checked before the app)."""
        from briefing.workshop.sessionlog import LogOptions, open_log

        session_id, self.first_id = self.first_id, None
        log = open_log(LogOptions(self.explicit, self.team), session_id, on_error=self._error)
        self.made.append(log.path)
        return log

    def _error(self, message: str) -> None:
        if self.app is not None:
            self.app.notify(message, title="Session log", severity="error", timeout=20)
        else:
            print(message, file=sys.stderr)

    def report(self) -> None:
        """After the app: where the logs went (the session folder is not obvious)."""
        if self.explicit:
            return
        for path in dict.fromkeys(self.made):
            if path.exists():
                print(f"Session log: {path}", file=sys.stderr)


def _run(args: Namespace, gc_was: bool, runner: Runner, now: Callable[[], float]) -> int:
    workshop = bool(getattr(args, "workshop", False))
    timer = getattr(args, "timer", None)
    theme = getattr(args, "theme", None) or ("projector" if workshop else None)  # None: the player's
    watch = bool(getattr(args, "watch", False))
    load = getattr(args, "load", None)
    resume = bool(getattr(args, "resume", False))
    cut = getattr(args, "cut", None) or None
    try:
        folders = _folders(getattr(args, "scenario", None))
    except Exception as exc:  # ScenarioNotFound, without importing its module on the fast path
        if type(exc).__name__ != "ScenarioNotFound":
            raise
        return _err(str(exc), 2)

    from briefing.tui.app import build_app
    from briefing.tui.themes import known_theme

    if theme is not None and not known_theme(theme):
        return _err(f"unknown theme '{theme}' (themes: {', '.join(THEMES)})", 2)

    logs = None
    if getattr(args, "log", None) or workshop:
        from briefing.workshop.sessionlog import SessionLogError

        try:
            logs = _Logs(getattr(args, "log", None), getattr(args, "team", None) or "")
        except SessionLogError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    control = None
    if workshop:  # a plenary game follows the facilitator's control file when BRIEFING_CONTROL names one
        from briefing.workshop.control import watcher_from_env

        control = watcher_from_env()
    base = AppOptions(
        watch=watch,
        debug=bool(getattr(args, "debug", False)),
        theme=theme,
        workshop=workshop,
        timer=timer,
        now=now,
        session_log=logs.make if logs is not None else None,
        notices=(f"Session log: {logs.first_path}",) if logs is not None else (),
        gc_after_paint=gc_was,
        cut=cut,
        control=control,
    )

    if len(folders) == 1 and not (load or resume or cut):
        # the fast path: paint the title first, load the scenario just after
        only = folders[0]
        app = build_app(replace(base, folder=only, pending_title=peek_title(only)))
        _run_app(app, logs, runner, getattr(args, "record", None))
        if app.failed_load is not None:
            print_load_errors(only, app.failed_load)
            return 1
        return int(app.return_code or 0)

    from briefing.core import saves
    from briefing.core.loader import load_scenario

    scenario = None
    folder = folders[0] if len(folders) == 1 else None
    errors: list[str] = []
    if folder is None and (load or resume):
        # several scenarios: find the one the save belongs to
        folder, scenario = _match_save(folders, load)
        if folder is None:
            return _err(
                "cannot tell which scenario to resume: name it (briefing play SCENARIO --continue)", 2
            )
    if folder is not None and scenario is None:
        scenario, diags = load_scenario(str(folder))
        if diags.errors or scenario is None:
            if not watch:
                print_load_errors(folder, diags)
                return 1
            errors = error_lines(diags)
            scenario = None
    if scenario is not None and (problem := unknown_cut(scenario, cut)):
        return _err(problem, 2)
    game = None
    if scenario is not None and (load or resume):
        path = load or saves.slot_path(scenario.id, saves.AUTOSAVE)
        try:
            game = saves.load_game(path, scenario)
        except saves.SaveError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    app = build_app(
        replace(
            base,
            scenario=scenario,
            folder=folder,
            game=game,
            scenarios=tuple(folders) if folder is None else (),
            errors=tuple(errors),
            resumed_from=(Path(load).stem if load else saves.AUTOSAVE) if game is not None else None,
        )
    )
    _run_app(app, logs, runner, getattr(args, "record", None))
    return int(app.return_code or 0)


def _run_app(app: BriefingApp, logs: _Logs | None, runner: Runner, record: str | None = None) -> None:
    if logs is not None:
        logs.app = app
    try:
        runner(app)
    finally:
        if logs is not None:
            logs.report()
        if record:  # play --record FILE: the playthrough, from the engine, at exit
            from briefing.authoring.replay import save_recording

            problem = save_recording(app.game, record)
            if problem:
                print(problem, file=sys.stderr)


def _match_save(folders: list[Path], load: str | None) -> tuple[Path | None, Scenario | None]:
    from briefing.core import saves
    from briefing.core.loader import load_scenario

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
