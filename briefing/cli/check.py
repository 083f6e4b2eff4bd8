"""``briefing check``: load scenarios, lint them, print every problem at its file, line and column."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    from briefing.cli.common import add_outputs

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
    add_outputs(p, "text", "json")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from briefing.authoring.checking import check_folders
    from briefing.authoring.selection import Selection, counts
    from briefing.cli.common import diagnostics_text, json_text, usage_error, write_output
    from briefing.core.catalog import ScenarioNotFound, expand

    folders: list[str] = []
    for arg in args.paths or [None]:
        try:
            folders.extend(str(folder) for folder in expand(arg))
        except ScenarioNotFound as exc:
            return usage_error(str(exc))
    checked = check_folders(folders)
    kept = Selection.parse(args.select, args.ignore, args.strict).apply(checked.diagnostics)
    errors, warnings = counts(kept)
    if args.format == "json":
        text = json_text(
            {
                "scenarios": checked.scenarios,
                "checked": checked.names,
                "scenes": checked.scenes,
                "facts": checked.facts,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": [d.as_dict() for d in kept],
            }
        )
    else:
        noun = "scenario" if checked.scenarios == 1 else "scenarios"
        names = ", ".join(f"'{n}'" for n in checked.names[:5]) + (", ..." if len(checked.names) > 5 else "")
        text = diagnostics_text(kept) + (
            f"checked {checked.scenarios} {noun}, {names} ({checked.scenes} scenes, {checked.facts} facts): "
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}\n"
        )
    return write_output(text, args.output) or (1 if errors else 0)
