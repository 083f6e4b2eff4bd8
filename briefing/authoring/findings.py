"""What playing a scenario found, as diagnostics: stuck scenes (B401) and runs with no ending (B402).

Built from the dict forms of the playtest reports (:func:`briefing.authoring.playtest.random_report_dict`
and :func:`~briefing.authoring.playtest.explore_report_dict`), which already carry each scene's place, so
``randomtest`` and ``explore`` print them, and list them in their JSON, as ``check`` does its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from briefing.authoring.playtest import trail_text
from briefing.core.diagnostics import Diagnostics

STUCK = "B401"
NO_ENDING = "B402"
LIMIT = "B205"

Found = Mapping[str, Any]  # one entry of a report's "stuck", "errors" or "no_ending" list


def _trail(found: Found) -> str:
    return trail_text([(str(sid), int(n)) for sid, n in found["trail"]], found["scene"])


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _stuck_runs(s: Found) -> str:
    return (
        f"stuck in scene '{s['scene']}': no choice is available ({_plural(s['count'], 'run')}; "
        f"replay one with --seed {s['seed']} -n 1) after {_trail(s)}"
    )


def _run_without_ending(e: Found) -> str:
    return f"{e['message']} (run {e['run']}; replay with --seed {e['seed']} -n 1; last choices: {_trail(e)})"


def _stuck_states(s: Found) -> str:
    states = _plural(s["count"], "state")
    return f"stuck in scene '{s['scene']}': no choice is available ({states}); shortest path: {_trail(s)}"


def _states_without_ending(s: Found) -> str:
    states = _plural(s["count"], "state")
    return f"from scene '{s['scene']}' no ending can be reached ({states}); shortest path: {_trail(s)}"


# a report's list of problems -> its code
CODES = {"stuck": STUCK, "errors": NO_ENDING, "no_ending": NO_ENDING, "limits": LIMIT}


def _past_the_limits(e: Found) -> str:
    return f"{e['message']}, taking choice {e['choice']} of scene '{e['scene']}' after {_trail(e)}"


def _diagnostics(report: Mapping[str, Any], messages: Mapping[str, Callable[[Found], str]]) -> Diagnostics:
    """An error at the place of each entry of the report's lists named in ``messages``."""
    diags = Diagnostics()
    for key, message in messages.items():
        for f in report[key]:
            diags.error(f["path"], (f["line"], f["col"]), CODES[key], message(f))
    return diags


def random_findings(report: Mapping[str, Any]) -> Diagnostics:
    """The problems in a ``random_report_dict``: each stuck scene and each run that found no ending."""
    return _diagnostics(report, {"stuck": _stuck_runs, "errors": _run_without_ending})


def explore_findings(report: Mapping[str, Any]) -> Diagnostics:
    """The problems in an ``explore_report_dict``: stuck states and states with no ending in reach."""
    return _diagnostics(
        report, {"stuck": _stuck_states, "no_ending": _states_without_ending, "limits": _past_the_limits}
    )
