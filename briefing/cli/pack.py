"""``briefing pack``: the facilitator's pack of a scenario, one printable page."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    from briefing.cli.common import add_scenario

    p = sub.add_parser(
        "pack",
        help="the facilitator's pack: one printable page for running a workshop",
        description="Make the facilitator's pack of a scenario: one self-contained HTML page (A4; print it "
        "or save it as PDF from a browser) with the situation manual (the role, the dates, the rules), each "
        "scene's facilitator notes and what its timeout means, the debrief questions, the player handouts "
        "(the Admiralty grading scale and the probability words) and a short participant feedback form.",
    )
    add_scenario(p)
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write the pack to FILE (atomically) instead of stdout"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from briefing.cli.common import load_for_play, usage_error, write_output
    from briefing.workshop.pack import render_pack

    if args.output and Path(args.output).is_dir():
        return usage_error(f"-o {args.output}: is a folder; give a file name")
    scenario, status = load_for_play(args.scenario, "pack")
    if scenario is None:
        return status
    status = write_output(render_pack(scenario), args.output)
    if args.output and status == 0:
        print(f"Pack written to {args.output}", file=sys.stderr)
    return status
