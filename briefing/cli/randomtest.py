"""``briefing randomtest``: many seeded random playthroughs; report coverage, endings and stuck states."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    from briefing.cli.common import add_outputs, add_scenario

    p = sub.add_parser(
        "randomtest",
        help="play a scenario many times at random and report what happened",
        description="Play N seeded random playthroughs (run i uses seed S+i, so one run can be "
        "replayed with --seed S+i -n 1). Report the scenes, endings and choices "
        "reached, how often each ending came, run lengths, and any run that got "
        "stuck (B401) or found no ending (B402). Exit 0 when every run ended, 1 otherwise.",
    )
    add_scenario(p)
    p.add_argument(
        "-n", "--runs", type=int, default=1000, metavar="N", help="number of playthroughs (default 1000)"
    )
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument(
        "--max-steps",
        type=int,
        metavar="STEPS",
        help="stop a run after this many choices (default: 10 x the number of scenes, at least 100)",
    )
    p.add_argument(
        "--cut",
        metavar="NAME",
        help="play only this workshop cut (by default the whole scenario, then each of its cuts)",
    )
    add_outputs(p, "text", "json", json_alias=True)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from briefing.cli.common import load_for_play, unknown_cut_error, usage_error

    if args.runs < 1:
        return usage_error("-n takes a number of playthroughs of at least 1")
    if args.max_steps is not None and args.max_steps < 1:
        return usage_error("--max-steps takes a number of at least 1")
    scenario, status = load_for_play(args.scenario, "test")
    if scenario is None:
        return status
    if status := unknown_cut_error(scenario, args.cut):
        return status
    from briefing.authoring.findings import random_findings
    from briefing.authoring.playtest import random_playthroughs, random_report_dict
    from briefing.cli.common import coverage_listing, write_playtest_json, write_playtest_text

    report = random_playthroughs(scenario, args.runs, args.seed, args.max_steps, cut=args.cut or "")
    d = random_report_dict(scenario, report)
    found = random_findings(d).sorted()
    failed = 1 if report.failed else 0
    if args.format == "json":
        return write_playtest_json(d, found, args.output) or failed
    out = [
        f"{d['playthroughs']} random playthroughs of '{scenario.id}' "
        f"(seed {d['seed']}; a run stops after {d['max_steps']} choices)"
    ]
    coverage_listing(out, scenario, d, "visited", "choices taken")
    out.append("how often each ending came:")
    width = max((len(e) for e in d["ending_counts"]), default=0)
    for e, c in sorted(d["ending_counts"].items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"  {e:<{width}}  {c:>7}  {100.0 * c / d['playthroughs']:5.1f}%")
    out.append(f"run length in choices: longest {d['longest']}, average {d['average']:.2f}")
    out += tag_lines(d["tags"])
    if d["judgements_total"]:
        out += judgement_lines(scenario, d)
    if not args.cut:
        for cut in scenario.cuts:  # each workshop cut, played as many times
            r = random_playthroughs(scenario, args.runs, args.seed, args.max_steps, cut=cut)
            reached = sum(1 for e in scenario.endings if r.ending_counts.get(e.id))
            verdict = (
                "every run reached an ending" if not r.failed else "SOME RUNS FAILED: run with --cut " + cut
            )
            out.append(f"cut '{cut}': endings reached {reached}/{len(scenario.endings)}; {verdict}")
            if r.failed:
                failed = 1
    stuck_runs = sum(s["count"] for s in d["stuck"])
    result = (
        f"{stuck_runs} run(s) stuck, {len(d['errors'])} run(s) with no ending"
        if found
        else "every run reached an ending"
    )
    return write_playtest_text(out, found, result, args.output) or failed


def tag_lines(tags: dict[str, dict[str, int]]) -> list[str]:
    """Coverage per tag (the scenario's 'tags:'), when it tags anything."""
    if not tags:
        return []
    out = ["coverage by tag (scenes visited, choices taken):"]
    width = max(len(t) for t in tags)
    for tag, c in tags.items():
        parts = []
        if c["scenes_total"]:
            parts.append(f"scenes {c['scenes_reached']}/{c['scenes_total']}")
        if c["choices_total"]:
            parts.append(f"choices {c['choices_reached']}/{c['choices_total']}")
        out.append(f"  {tag:<{width}}  {', '.join(parts)}")
    return out


def judgement_lines(scenario, d) -> list[str]:
    """Format 2: judgements answered at random, estimates resolved, letters, and the scripted players."""
    from briefing.authoring.strategies import SCRIPTED, play

    out = [
        f"judgements answered (at random): {d['judgements_answered']}/{d['judgements_total']}",
        f"estimates resolved: {d['estimates_resolved']}/{len(scenario.instruments.estimates)}",
        "letters at random: " + ", ".join(f"{k} {v}" for k, v in d["letter_counts"].items()),
    ]
    runs = [play(scenario, name) for name in SCRIPTED]
    out.append("scripted players: " + ", ".join(f"{r.strategy} {r.letter or '-'}" for r in runs))
    top = scenario.instruments.letters[0][0]
    tells = [r.strategy for r in runs if r.strategy != "model" and r.letter == top]
    if tells:
        out.append(f"  warning: a player who always answers {' / '.join(tells)} reaches {top}: a tell")
    if not any(r.strategy == "model" and r.letter == top for r in runs):
        out.append(f"  warning: the model player does not reach {top}")
    return out
