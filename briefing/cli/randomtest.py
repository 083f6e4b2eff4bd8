"""``briefing randomtest``: many seeded random playthroughs; report coverage, endings and stuck states."""

from __future__ import annotations

import argparse
import sys


def register(sub) -> None:
    p = sub.add_parser(
        "randomtest",
        help="play a scenario many times at random and report what happened",
        description="Play N seeded random playthroughs (run i uses seed S+i, so one run can be "
        "replayed with --seed S+i -n 1). Report the scenes, endings and choices "
        "reached, how often each ending came, run lengths, and any run that got "
        "stuck or found no ending. Exit 0 when every run ended, 1 otherwise.",
    )
    p.add_argument(
        "scenario",
        nargs="?",
        metavar="SCENARIO",
        help="a scenario folder or the id of a shipped one; default: the default scenario",
    )
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
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.set_defaults(func=run)


def loc(d: dict) -> str:
    return f"{d['path']}:{d['line']}:{d['col']}"


def trail(path: list, end: str) -> str:
    from briefing.authoring.playtest import trail_text

    return trail_text([tuple(t) for t in path], end)


def listing(out: list, title: str, reached: int, total: int, missing: list, describe) -> None:
    line = f"{title}: {reached}/{total}"
    if missing:
        line += "; never:"
    out.append(line)
    for d in missing:
        out.append(f"  {loc(d)}: {describe(d)}")


def choice_text(scenario, d: dict) -> str:
    text = scenario.scenes[d["scene"]].choices[d["choice"] - 1].text.replace("\n", " ")
    if len(text) > 60:
        text = text[:57] + "..."
    return f"choice {d['choice']} of scene '{d['scene']}': \"{text}\""


def run(args: argparse.Namespace) -> int:
    from briefing.cli.common import load_for_play, usage_error

    if args.runs < 1:
        return usage_error("-n takes a number of playthroughs of at least 1")
    if args.max_steps is not None and args.max_steps < 1:
        return usage_error("--max-steps takes a number of at least 1")
    scenario, status = load_for_play(args.scenario, "test")
    if scenario is None:
        return status
    from briefing.authoring.playtest import random_playthroughs, random_report_dict

    report = random_playthroughs(scenario, args.runs, args.seed, args.max_steps)
    d = random_report_dict(scenario, report)
    if args.json:
        import json

        json.dump(d, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 1 if report.failed else 0
    out = [
        f"{d['playthroughs']} random playthroughs of '{scenario.id}' "
        f"(seed {d['seed']}; a run stops after {d['max_steps']} choices)"
    ]
    non_endings = d["scenes_total"] - d["endings_total"]
    listing(
        out,
        "scenes visited (not counting endings)",
        d["scenes_visited"] - d["endings_reached"],
        non_endings,
        d["scenes_never_visited"],
        lambda x: f"scene '{x['scene']}'",
    )
    listing(
        out,
        "endings reached",
        d["endings_reached"],
        d["endings_total"],
        d["endings_never_reached"],
        lambda x: f"ending '{x['scene']}'",
    )
    listing(
        out,
        "choices taken",
        d["choices_taken"],
        d["choices_total"],
        d["choices_never_taken"],
        lambda x: choice_text(scenario, x),
    )
    if d["choices_never_taken"] and d["scenes_never_visited"]:
        out.append("  (choices of scenes never visited are not listed)")
    out.append("how often each ending came:")
    width = max((len(e) for e in d["ending_counts"]), default=0)
    for e, c in sorted(d["ending_counts"].items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"  {e:<{width}}  {c:>7}  {100.0 * c / d['playthroughs']:5.1f}%")
    out.append(f"run length in choices: longest {d['longest']}, average {d['average']:.2f}")
    for s in d["stuck"]:
        out.append(
            f"{loc(s)}: error: stuck in scene '{s['scene']}': no choice is available "
            f"({s['count']} run{'s' if s['count'] != 1 else ''}; replay one with --seed {s['seed']} -n 1) "
            f"after {trail(s['trail'], s['scene'])} [B401]"
        )
    for e in d["errors"]:
        out.append(
            f"{loc(e)}: error: {e['message']} (run {e['run']}; replay with --seed {e['seed']} -n 1; "
            f"last choices: {trail(e['trail'], e['scene'])}) [B402]"
        )
    problems = len(d["stuck"]) + len(d["errors"])
    out.append(
        "result: "
        + (
            "every run reached an ending"
            if not problems
            else f"{sum(s['count'] for s in d['stuck'])} run(s) stuck, {len(d['errors'])} run(s) "
            f"with no ending"
        )
    )
    print("\n".join(out))
    return 1 if report.failed else 0
