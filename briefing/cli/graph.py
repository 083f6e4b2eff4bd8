"""``briefing graph``: a scenario's scenes and choices as a Mermaid, Graphviz DOT or JSON graph."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    from briefing.cli.common import add_format, add_output

    p = sub.add_parser(
        "graph",
        help="print a scenario's scenes and choices as a graph",
        description="Print the scenes (nodes) and choices (edges) of a scenario as a Mermaid "
        "flowchart, Graphviz DOT or JSON. Acts are subgraphs; endings and the start "
        "are marked; conditional choices are dashed and show their condition. "
        "Render DOT with e.g. 'briefing graph --format dot | dot -Tsvg > graph.svg'.",
    )
    p.add_argument(
        "scenario",
        nargs="?",
        metavar="SCENARIO",
        help="a scenario folder or the id of a shipped one; default: the default scenario",
    )
    add_format(p, "mermaid", "dot", "json")
    add_output(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from briefing.authoring.graph import render
    from briefing.cli.common import load_for_play, write_output

    scenario, status = load_for_play(args.scenario, "draw the graph")
    if scenario is None:
        return status
    text = render(scenario, args.format)
    return write_output(text, args.output)
