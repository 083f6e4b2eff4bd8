"""``briefing explore``: every reachable state of a scenario, searched breadth-first."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    from briefing.cli.common import add_outputs, add_scenario

    p = sub.add_parser(
        "explore",
        help="search every reachable state of a scenario",
        description="Search every state a player can reach (scene, variables, and the visited "
        "scenes, revealed facts and choices taken that conditions read), breadth "
        "first. Report the scenes, endings, choices and facts no play can reach, "
        "and every stuck state (no choice available, B401) or state from which no "
        "ending can be reached (B402), with a shortest path to it. Exit 1 when there are any.",
    )
    add_scenario(p)
    p.add_argument(
        "--max-states",
        type=int,
        default=None,
        metavar="N",
        help="stop adding states after N (default 200,000)",
    )
    add_outputs(p, "text", "json", json_alias=True)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from briefing.authoring.findings import explore_findings
    from briefing.authoring.playtest import DEFAULT_MAX_STATES, explore, explore_report_dict
    from briefing.cli.common import (
        coverage_listing,
        listing,
        load_for_play,
        usage_error,
        write_playtest_json,
        write_playtest_text,
    )

    max_states = DEFAULT_MAX_STATES if args.max_states is None else args.max_states
    if max_states < 1:
        return usage_error("--max-states takes a number of at least 1")
    scenario, status = load_for_play(args.scenario, "explore")
    if scenario is None:
        return status
    report = explore(scenario, max_states)
    d = explore_report_dict(scenario, report)
    found = explore_findings(d).sorted()
    failed = 1 if report.failed else 0
    if args.format == "json":
        return write_playtest_json(d, found, args.output) or failed
    out = [f"explored {d['states']:,} states and {d['transitions']:,} moves of '{scenario.id}'"]
    if d["bound_hit"]:
        out.append(
            f"warning: stopped at the bound of {d['max_states']:,} states: the search is incomplete, so "
            "'never' below means 'not within the bound' (raise --max-states)"
        )
    coverage_listing(out, scenario, d, "reached", "choices ever available", " is never reached")
    listing(
        out,
        "facts revealed",
        d["facts_revealed"],
        d["facts_total"],
        d["facts_never_revealed"],
        lambda x: f"fact '{x['fact']}' is never revealed",
    )
    result = (
        f"{len(d['stuck'])} scene(s) with stuck states, "
        f"{len(d['no_ending'])} scene(s) from which no ending can be reached"
        if found
        else "no stuck state" + ("" if d["bound_hit"] else "; every state can reach an ending")
    )
    return write_playtest_text(out, found, result, args.output) or failed
