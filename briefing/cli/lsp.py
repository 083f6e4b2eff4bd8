"""``briefing lsp``: the language server for editors (diagnostics, completion, definition, hover)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "lsp",
        help="the language server for editors (Language Server Protocol on stdio)",
        description="Speak the Language Server Protocol on standard input and output: the diagnostics "
        "of 'check' as you type, completion of scene ids, fact ids, variables and functions, go to "
        "definition and hover. Needs the 'lsp' extra: pip install 'briefing-desk[lsp]'. "
        "Set-up for VS Code, Neovim and Helix: docs/editors.md.",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import pygls  # noqa: F401
    except ImportError:
        print(
            "briefing: error: the language server needs pygls: pip install 'briefing-desk[lsp]'",
            file=sys.stderr,
        )
        return 1
    from briefing.authoring.lsp import serve

    return serve()
