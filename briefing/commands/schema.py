"""``briefing schema``: print the JSON Schema of scenario.yaml or of a scene file, for editors."""

from __future__ import annotations

import argparse
import sys


def register(sub) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of scenario.yaml or of scene files",
                       description="Print a JSON Schema (draft 2020-12) for editors. Save it next to your "
                                   "scenario and put '# yaml-language-server: $schema=schemas/scenes.schema.json' "
                                   "at the top of a scene file (scenario.schema.json for scenario.yaml) to get "
                                   "completion and checking as you type.")
    p.add_argument("kind", choices=("scenario", "scenes"), help="which file kind")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from briefing.schema import schema_text

    text = schema_text(args.kind)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as exc:
            print(f"{args.output}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0
