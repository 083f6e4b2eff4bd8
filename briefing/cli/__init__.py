"""The ``briefing`` command: a thin layer that parses arguments and hands over to one command module.

Each command lives in ``briefing/cli/<name>.py`` with ``register(subparsers)`` adding its parser
and setting ``func``; modules import heavy things (Textual) only inside their functions.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from briefing import __version__

COMMANDS = (
    "play",
    "check",
    "randomtest",
    "explore",
    "graph",
    "schema",
    "new",
    "report",
    "serve",
    "facilitate",
    "pack",
    "lsp",
    "replay",
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``only``, just that command's module is imported (a lean start-up)."""
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="A terminal briefing game. With no command, plays the default scenario.",
        epilog="Every command that writes a file takes -o/--output FILE; machine-readable output is "
        "--format json. Run 'briefing COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        importlib.import_module(f"briefing.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["play", *argv]
    parser = build_parser(argv[0] if argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except Exception as exc:  # never show a user a traceback
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        print(
            f"briefing: internal error: {type(exc).__name__}: {exc} "
            "(please report it; set BRIEFING_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return 70
