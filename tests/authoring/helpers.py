"""Helpers for the authoring tests: write scenarios from strings, run the installed command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BRIEFING = ROOT / ".venv" / "bin" / "briefing"
MINI = ROOT / "tests" / "fixtures" / "mini"


def briefing_cmd() -> list[str]:
    if BRIEFING.exists():
        return [str(BRIEFING)]
    return [sys.executable, "-m", "briefing"]


def run(*args, input: str | None = None, cwd=None, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("BRIEFING_DEBUG", None)
    env["NO_COLOR"] = "1"
    return subprocess.run(
        briefing_cmd() + [str(a) for a in args],
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env=env,
    )


def run_json(*args, **kw):
    r = run(*args, **kw)
    assert r.returncode in (0, 1) and "internal error" not in r.stderr, r.stderr
    return r, json.loads(r.stdout)


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return folder


def load(folder: Path):
    from briefing.core.loader import load_scenario

    scenario, diags = load_scenario(str(folder))
    assert scenario is not None and not diags.errors, [d.format() for d in diags]
    return scenario
