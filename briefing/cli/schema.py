"""``briefing schema``: print the JSON Schema of scenario.yaml or of a scene file, for editors."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    from briefing.cli.common import add_outputs

    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of scenario.yaml or of scene files",
        description="Print a JSON Schema (draft 2020-12) for editors. Save it next to your "
        "scenario and put '# yaml-language-server: $schema=schemas/scenes.schema.json' "
        "at the top of a scene file (scenario.schema.json for scenario.yaml) to get "
        "completion and checking as you type.",
    )
    p.add_argument("kind", choices=("scenario", "scenes"), help="which file kind")
    add_outputs(p, "json")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from briefing.authoring.schema import schema_text
    from briefing.cli.common import write_output

    text = schema_text(args.kind)
    return write_output(text, args.output)
