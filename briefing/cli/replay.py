"""``briefing replay``: play recorded playthroughs back against the current scenario; report divergences."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.cli.common import Subparsers
    from briefing.core.model import Scenario


def register(sub: Subparsers) -> None:
    from briefing.cli.common import add_outputs, add_scenario_option

    p = sub.add_parser(
        "replay",
        help="replay recorded playthroughs (play --record) and report where they now diverge",
        description="Feed each recording (made with 'briefing play --record FILE') to the current "
        "scenario and report, at the scene or choice in the scenario's files, where the playthrough "
        "no longer goes as recorded: a choice gone or not available, an answer refused, another path "
        "or ending, a changed score or letter. A folder replays every .json file in it. "
        "Exit 0 when every recording replays clean, 1 on any divergence.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE", help="recording files or folders of them")
    add_scenario_option(p, "the scenario folder the recording is in, else the shipped scenario it names")
    add_outputs(p, "text", "json")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from briefing.authoring.replay import RecordingError, read_recording, recording_files, replay
    from briefing.cli.common import diagnostics_text, json_text, usage_error, write_output
    from briefing.core.catalog import ScenarioNotFound, cannot_load_lines
    from briefing.core.diagnostics import Diagnostics
    from briefing.core.loader import load_scenario

    files = recording_files(args.paths)
    if not files:
        return usage_error("no recordings (*.json) in " + ", ".join(args.paths))
    loaded: dict[Path, Scenario | None] = {}
    lines: list[str] = []
    found = Diagnostics()
    results: list[dict[str, object]] = []
    for path in files:
        shown = str(path)
        before = len(found)
        try:
            recording = read_recording(path)
            folder = _folder_for(path, args.scenario, recording.scenario)
        except RecordingError as exc:
            found.error(shown, None, "B600", f"{exc}")
        except ScenarioNotFound as exc:
            found.error(
                shown, None, "B600", f"no scenario to replay it against: {exc}", "name it with --scenario"
            )
        else:
            if folder not in loaded:
                scenario, diags = load_scenario(str(folder))
                loaded[folder] = None if diags.errors else scenario
                if diags.errors or scenario is None:
                    lines.extend(cannot_load_lines(folder, diags, "replay"))
            scenario = loaded[folder]
            if scenario is None:
                found.error(shown, None, "B600", f"the scenario in {folder} does not load")
            elif recording.scenario != scenario.id:
                found.error(
                    shown, None, "B600", f"recorded on scenario '{recording.scenario}', not '{scenario.id}'"
                )
            else:
                found.extend(replay(recording, scenario, shown))
        results.append({"recording": shown, "clean": len(found) == before})
    clean = sum(1 for r in results if r["clean"])
    diverged = len(results) - clean
    noun = "recording" if len(results) == 1 else "recordings"
    summary = f"replayed {len(results)} {noun}: {clean} clean, {diverged} diverged"
    if args.format == "json":
        doc = {"recordings": results, "clean": clean, "diverged": diverged}
        text = json_text({**doc, "diagnostics": [d.as_dict() for d in found]})
    else:
        text = "".join(f"{line}\n" for line in lines) + diagnostics_text(found) + summary + "\n"
    return write_output(text, args.output) or (1 if diverged else 0)


def _folder_for(recording: Path, given: str | None, scenario_id: str) -> Path:
    """The scenario folder to replay ``recording`` against; raises ScenarioNotFound."""
    from briefing.core.catalog import resolve
    from briefing.core.loader import SCENARIO_FILE

    if given is not None:
        return Path(resolve(given))
    for folder in recording.absolute().parents:
        if (folder / SCENARIO_FILE).is_file():
            shown = os.path.relpath(folder)  # as the user would name it, where that is shorter
            return Path(shown) if not shown.startswith("..") else folder
    return Path(resolve(scenario_id))
