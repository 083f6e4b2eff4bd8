"""``briefing graph``: a scenario's scenes and choices as a Mermaid, Graphviz DOT or JSON graph."""

from __future__ import annotations

import argparse


def register(sub) -> None:
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
    p.add_argument(
        "--format",
        choices=("mermaid", "dot", "json"),
        default="mermaid",
        help="output format (default mermaid)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from briefing.authoring.graph import render
    from briefing.cli.common import load_for_play, write_output

    scenario, status = load_for_play(args.scenario, "draw the graph")
    if scenario is None:
        return status
    text = render(scenario, args.format)
    return write_output(text, args.output)
