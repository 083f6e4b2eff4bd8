"""Finding scenarios: the default one shipped with the package, a folder, or a folder of scenarios."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from briefing.core.errors import BriefingError
from briefing.core.format import SCENARIO_FILE

if TYPE_CHECKING:
    from briefing.core.diagnostics import Diagnostics
    from briefing.core.model import Scenario

DEFAULT_SCENARIO = "kazakhstan-2022"


def shipped_dir() -> Path:
    """The folder of scenarios shipped inside the package."""
    return Path(__file__).resolve().parent.parent / "scenarios"


def default_scenario() -> Path:
    return shipped_dir() / DEFAULT_SCENARIO


def shipped_scenarios() -> list[Path]:
    root = shipped_dir()
    return sorted(p.parent for p in root.glob(f"*/{SCENARIO_FILE}")) if root.is_dir() else []


class ScenarioNotFound(BriefingError):
    """No scenario folder by that name."""


def resolve(arg: str | None) -> Path:
    """One scenario folder from a command-line argument: a folder, or a shipped id; with none, the
    scenario in the current folder when there is one, else the default scenario."""
    if arg is None:
        here = Path.cwd()
        return Path(".") if (here / SCENARIO_FILE).is_file() else default_scenario()
    p = Path(arg)
    if p.is_dir():
        return p
    if p.name == SCENARIO_FILE and p.is_file():
        return p.parent
    shipped = shipped_dir() / arg
    if "/" not in arg and (shipped / SCENARIO_FILE).is_file():
        return shipped
    raise ScenarioNotFound(f"no scenario folder '{arg}'")


def expand(arg: str | None) -> list[Path]:
    """Scenario folders for ``check``: a scenario folder, or every scenario in a folder of scenarios."""
    p = resolve(arg)
    if (p / SCENARIO_FILE).is_file():
        return [p]
    subs = sorted(d.parent for d in p.glob(f"*/{SCENARIO_FILE}"))
    return subs or [p]  # a folder with neither: the loader reports the missing scenario.yaml


def cannot_load_lines(folder: Path | str, diags: Diagnostics, verb: str = "play") -> list[str]:
    """What to tell a user whose scenario did not load: every error, then one summary line."""
    lines = [d.format() for d in diags.sorted() if d in diags.errors]
    n = len(diags.errors)
    lines.append(
        f"{folder}: cannot {verb}: {n} error{'s' if n != 1 else ''} (run 'briefing check' for details)"
    )
    return lines


def load_for(arg: str | None, verb: str = "play") -> tuple[Scenario | None, int, list[str]]:
    """Resolve and load a scenario to ``verb``: (scenario, 0, []) or (None, exit status, lines to print)."""
    from briefing.core.loader import load_scenario

    try:
        folder = resolve(arg)
    except ScenarioNotFound as exc:
        return None, 2, [f"briefing: error: {exc}"]
    scenario, diags = load_scenario(str(folder))
    if diags.errors or scenario is None:
        return None, 1, cannot_load_lines(folder, diags, verb)
    return scenario, 0, []
