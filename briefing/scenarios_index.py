"""Finding scenarios: the default one shipped with the package, a folder, or a folder of scenarios."""

from __future__ import annotations

from pathlib import Path

from briefing.loader import SCENARIO_FILE

DEFAULT_SCENARIO = "kazakhstan-2022"


def shipped_dir() -> Path:
    """The folder of scenarios shipped inside the package."""
    return Path(__file__).resolve().parent / "scenarios"


def default_scenario() -> Path:
    return shipped_dir() / DEFAULT_SCENARIO


def shipped_scenarios() -> list[Path]:
    root = shipped_dir()
    return sorted(p.parent for p in root.glob(f"*/{SCENARIO_FILE}")) if root.is_dir() else []


class ScenarioNotFound(Exception):
    pass


def resolve(arg: str | None) -> Path:
    """One scenario folder from a command-line argument: None (the default), a folder, or a shipped id."""
    if arg is None:
        return default_scenario()
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
