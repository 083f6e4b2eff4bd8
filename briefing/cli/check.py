"""``briefing check``: load scenarios, lint them, print every problem at its file, line and column."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub) -> None:
    p = sub.add_parser(
        "check",
        help="check scenarios for errors and warnings",
        description="Check scenario folders (or folders of scenarios) and print every problem "
        "as path:line:col: severity: message [CODE]. Exit 0 clean, 1 on errors.",
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="scenario folder(s); default: the default scenario"
    )
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument(
        "--select",
        metavar="CODES",
        default="",
        help="only report these codes (comma-separated, prefixes allowed)",
    )
    p.add_argument(
        "--ignore",
        metavar="CODES",
        default="",
        help="do not report these codes (comma-separated, prefixes allowed)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.set_defaults(func=run)


def _codes(text: str) -> list[str]:
    return [c.strip().upper() for c in text.split(",") if c.strip()]


def run(args: argparse.Namespace) -> int:
    from briefing.authoring.lint import lint
    from briefing.cli.common import usage_error
    from briefing.core.catalog import ScenarioNotFound, expand
    from briefing.core.diagnostics import ERROR, Diagnostic, Diagnostics
    from briefing.core.loader import load_scenario

    folders = []
    for arg in args.paths or [None]:
        try:
            folders.extend(str(folder) for folder in expand(arg))
        except ScenarioNotFound as exc:
            return usage_error(str(exc))
    select, ignore = _codes(args.select), _codes(args.ignore)
    all_diags: list[Diagnostic] = []
    scenes = facts = 0
    for shown in folders:
        scenario, diags = load_scenario(shown)
        if scenario is not None and not diags.errors:
            lint(scenario, diags)
        if scenario is not None:
            scenes += len(scenario.scenes)
            facts += len(scenario.facts)
        all_diags.extend(diags.sorted())
    kept = [
        d
        for d in all_diags
        if (not select or any(d.code.startswith(c) for c in select))
        and not any(d.code.startswith(c) for c in ignore)
    ]
    if args.strict:
        kept = [Diagnostic(d.path, d.line, d.col, ERROR, d.code, d.message, d.hint) for d in kept]
    errors = sum(d.severity == ERROR for d in kept)
    warnings = len(kept) - errors
    if args.format == "json":
        json.dump(
            {
                "scenarios": len(folders),
                "scenes": scenes,
                "facts": facts,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": [d.as_dict() for d in kept],
            },
            sys.stdout,
            indent=1,
        )
        sys.stdout.write("\n")
    else:
        out = Diagnostics(kept)
        for d in out:
            print(d.format())
        noun = "scenario" if len(folders) == 1 else "scenarios"
        print(
            f"checked {len(folders)} {noun} ({scenes} scenes, {facts} facts): "
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        )
    return 1 if errors else 0
