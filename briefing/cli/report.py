"""``briefing report``: the after-action report of a workshop, from its session logs."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    from briefing.cli.common import add_output, add_scenario_option

    p = sub.add_parser(
        "report",
        help="after-action report from workshop session logs",
        description="Build the after-action report of a workshop from session logs (*.jsonl, as written by "
        "'briefing play --log/--workshop' and 'briefing serve'): sessions and teams, the split of "
        "decisions at every scene, decision times, endings, each team's path and the debrief notes. "
        "A LOG may be a folder: every *.jsonl in it is read. Bad lines are reported as "
        "path:line: error: ... and skipped (the report is still made; exit status 1).",
    )
    p.add_argument("logs", nargs="+", metavar="LOG", help="session log file(s) or folder(s) of them")
    p.add_argument(
        "--format",
        choices=("md", "html", "json"),
        help="md (Markdown, the default), html (one self-contained file) or json (the report's data, for "
        "other programs); with -o FILE.html, html, and with -o FILE.json, json",
    )
    add_output(p)
    add_scenario_option(p, "the one the sessions played, found from the logs")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from briefing.cli.common import load_for_play, usage_error
    from briefing.workshop.render import render
    from briefing.workshop.report import build_report, write_report
    from briefing.workshop.sessionlog import LogFileError, expand_paths, read_logs

    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lower() if args.output else ""
        fmt = {".html": "html", ".htm": "html", ".json": "json"}.get(suffix, "md")
    if args.output and Path(args.output).is_dir():
        return usage_error(f"-o {args.output}: is a folder; give a file name")
    scenario = None
    if args.scenario:
        scenario, status = load_for_play(args.scenario)
        if scenario is None:
            return status
    try:
        files = expand_paths(args.logs)
        events, problems = read_logs(files)
    except LogFileError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for line in problems:
        print(line, file=sys.stderr)
    if not events:
        where = args.logs[0] if len(args.logs) == 1 else "the logs"
        print(f"{where}: error: no session events to report on", file=sys.stderr)
        return 1
    report = build_report(events, scenario=scenario, sources=len(files))
    text = render(report, fmt)
    if args.output:
        try:
            write_report(Path(args.output), text)
        except OSError as exc:
            print(f"{args.output}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"Report written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 1 if problems else 0
