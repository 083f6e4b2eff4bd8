"""``briefing graph``: a scenario's scenes and choices as a Mermaid, Graphviz DOT or JSON graph."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    from briefing.cli.common import add_outputs, add_scenario

    p = sub.add_parser(
        "graph",
        help="print a scenario's scenes and choices as a graph",
        description="Print the scenes (nodes) and choices (edges) of a scenario as a Mermaid "
        "flowchart, Graphviz DOT or JSON. Acts are subgraphs; endings and the start "
        "are marked; conditional choices are dashed and show their condition. A scene that asks a "
        "grade, an estimate or a weigh is a hexagon named by its kind; an estimate's resolution is a "
        "dashed edge from the scene that asks it to each scene that resolves it. "
        "Render DOT with e.g. 'briefing graph --format dot | dot -Tsvg > graph.svg'.",
    )
    add_scenario(p)
    p.add_argument(
        "--tag",
        metavar="TAG",
        default="",
        help="highlight the scenes and choices tagged TAG (tags: [TAG] in the scene files)",
    )
    p.add_argument(
        "--only",
        action="store_true",
        help="with --tag: keep only the tagged scenes, where tagged choices lead, and the edges between",
    )
    add_outputs(p, "mermaid", "dot", "json")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from briefing.authoring.graph import render
    from briefing.cli.common import load_for_play, usage_error, write_output

    if args.only and not args.tag:
        return usage_error("--only needs --tag TAG")
    scenario, status = load_for_play(args.scenario, "draw the graph")
    if scenario is None:
        return status
    if args.tag and not any(
        args.tag in s.tags or any(args.tag in c.tags for c in s.choices) for s in scenario.scenes.values()
    ):
        print(f"note: no scene or choice is tagged '{args.tag}'", file=sys.stderr)
    text = render(scenario, args.format, args.tag, args.only)
    return write_output(text, args.output)
