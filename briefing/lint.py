"""Lint rules: warnings about a scenario that loads, each with a stable code (see docs/diagnostics.md)."""

from __future__ import annotations

from briefing.analysis import reachable
from briefing.diagnostics import Diagnostics
from briefing.model import Scenario


def lint(scenario: Scenario, diags: Diagnostics) -> None:
    """Add every lint warning about ``scenario`` to ``diags``."""
    seen = reachable(scenario)
    for scene in scenario.scenes.values():
        if scene.id not in seen:
            diags.warning(scene.at.path, scene.at.mark, "B301",
                          f"scene '{scene.id}' cannot be reached from the start scene '{scenario.start}'",
                          "add a choice that leads to it, or remove it")
