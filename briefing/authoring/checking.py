"""Checking scenario folders: load each one, lint the ones that load cleanly, collect every diagnostic.

What ``briefing check`` reports before its ``--select/--ignore/--strict`` selection
(:mod:`briefing.authoring.selection`) and its printing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.core.diagnostics import Diagnostic

if TYPE_CHECKING:
    from briefing.core.diagnostics import Diagnostics
    from briefing.core.model import Scenario


@dataclass
class Checked:
    """What checking some folders found: how much was read, and every problem, folder by folder."""

    scenarios: int = 0
    scenes: int = 0
    facts: int = 0
    names: list[str] = field(default_factory=list)  # each scenario's id (its folder when it has none)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def check_folder(folder: str) -> tuple[Scenario | None, Diagnostics]:
    """Load one scenario folder and, when it loads without errors, lint it."""
    from briefing.authoring.lint import lint
    from briefing.core.loader import load_scenario

    scenario, diags = load_scenario(folder)
    if scenario is not None and not diags.errors:
        lint(scenario, diags)
    return scenario, diags


def check_folders(folders: Iterable[str]) -> Checked:
    """Load and lint each scenario folder; its diagnostics sorted by place, in the folders' order."""
    checked = Checked()
    for folder in folders:
        checked.scenarios += 1
        scenario, diags = check_folder(folder)
        checked.names.append(scenario.id if scenario is not None and scenario.id else str(folder))
        if scenario is not None:
            checked.scenes += len(scenario.scenes)
            checked.facts += len(scenario.facts)
        checked.diagnostics.extend(diags.sorted())
    return checked
