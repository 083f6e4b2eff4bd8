"""``briefing check``: load scenarios, lint them, print every problem at its file, line and column."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    from briefing.cli.common import add_format, add_output

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
    add_format(p, "text", "json")
    add_output(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from briefing.authoring.lint import lint
    from briefing.authoring.selection import Selection, counts
    from briefing.cli.common import diagnostics_text, json_text, usage_error, write_output
    from briefing.core.catalog import ScenarioNotFound, expand
    from briefing.core.diagnostics import Diagnostic
    from briefing.core.loader import load_scenario

    folders: list[str] = []
    for arg in args.paths or [None]:
        try:
            folders.extend(str(folder) for folder in expand(arg))
        except ScenarioNotFound as exc:
            return usage_error(str(exc))
    found: list[Diagnostic] = []
    scenes = facts = 0
    for shown in folders:
        scenario, diags = load_scenario(shown)
        if scenario is not None and not diags.errors:
            lint(scenario, diags)
        if scenario is not None:
            scenes += len(scenario.scenes)
            facts += len(scenario.facts)
        found.extend(diags.sorted())
    kept = Selection.parse(args.select, args.ignore, args.strict).apply(found)
    errors, warnings = counts(kept)
    if args.format == "json":
        text = json_text(
            {
                "scenarios": len(folders),
                "scenes": scenes,
                "facts": facts,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": [d.as_dict() for d in kept],
            }
        )
    else:
        noun = "scenario" if len(folders) == 1 else "scenarios"
        text = diagnostics_text(kept) + (
            f"checked {len(folders)} {noun} ({scenes} scenes, {facts} facts): "
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}\n"
        )
    return write_output(text, args.output) or (1 if errors else 0)
