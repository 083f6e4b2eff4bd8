"""What playing a scenario found, as diagnostics: stuck scenes (B401) and runs with no ending (B402).

Built from the dict forms of the playtest reports (:func:`briefing.authoring.playtest.random_report_dict`
and :func:`~briefing.authoring.playtest.explore_report_dict`), which already carry each scene's place, so
``randomtest`` and ``explore`` print them, and list them in their JSON, like ``check`` does its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from briefing.authoring.playtest import trail_text
from briefing.core.diagnostics import Diagnostics

STUCK = "B401"
NO_ENDING = "B402"


def _trail(found: Mapping[str, Any]) -> str:
    return trail_text([(str(sid), int(n)) for sid, n in found["trail"]], found["scene"])


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _error(diags: Diagnostics, found: Mapping[str, Any], code: str, message: str) -> None:
    diags.error(found["path"], (found["line"], found["col"]), code, message)


def random_findings(report: Mapping[str, Any]) -> Diagnostics:
    """The problems in a ``random_report_dict``: each stuck scene and each run that found no ending."""
    diags = Diagnostics()
    for s in report["stuck"]:
        _error(
            diags,
            s,
            STUCK,
            f"stuck in scene '{s['scene']}': no choice is available ({_plural(s['count'], 'run')}; "
            f"replay one with --seed {s['seed']} -n 1) after {_trail(s)}",
        )
    for e in report["errors"]:
        _error(
            diags,
            e,
            NO_ENDING,
            f"{e['message']} (run {e['run']}; replay with --seed {e['seed']} -n 1; "
            f"last choices: {_trail(e)})",
        )
    return diags


def explore_findings(report: Mapping[str, Any]) -> Diagnostics:
    """The problems in an ``explore_report_dict``: stuck states and states with no ending in reach."""
    diags = Diagnostics()
    for s in report["stuck"]:
        _error(
            diags,
            s,
            STUCK,
            f"stuck in scene '{s['scene']}': no choice is available ({_plural(s['count'], 'state')}); "
            f"shortest path: {_trail(s)}",
        )
    for s in report["no_ending"]:
        _error(
            diags,
            s,
            NO_ENDING,
            f"from scene '{s['scene']}' no ending can be reached ({_plural(s['count'], 'state')}); "
            f"shortest path: {_trail(s)}",
        )
    return diags
