"""Helpers shared by commands: loading a scenario and printing its diagnostics."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.core.diagnostics import Diagnostics
    from briefing.core.model import Scenario


def usage_error(message: str) -> int:
    print(f"briefing: error: {message}", file=sys.stderr)
    return 2


def print_diagnostics(diags: Diagnostics, stream=None) -> None:
    stream = stream or sys.stderr
    for d in diags.sorted():
        print(d.format(), file=stream)


def load_for_play(arg: str | None, verb: str = "play") -> tuple[Scenario | None, int]:
    """Resolve and load a scenario to ``verb``: (scenario, 0), or (None, exit status) after printing why."""
    from briefing.core.catalog import load_for

    scenario, status, lines = load_for(arg, verb)
    for line in lines:
        print(line, file=sys.stderr)
    return scenario, status


def write_output(text: str, output: str | None) -> int:
    """Print ``text``, or write it atomically to ``output``; the exit status."""
    if not output:
        sys.stdout.write(text)
        return 0
    from pathlib import Path

    from briefing.core.saves import write_atomic

    try:
        write_atomic(Path(output), text)
    except OSError as exc:
        print(f"{output}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
