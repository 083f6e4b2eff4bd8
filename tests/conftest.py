"""Shared fixtures: an isolated data folder for every test, the installed command, scenario builders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch) -> Path:
    d = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(d))
    no_debounce(tmp_path_factory.mktemp("config"), monkeypatch)
    return d


def no_debounce(folder: Path, monkeypatch) -> Path:
    """A private settings folder whose player turned the key debounce off: tests press keys faster than
    anyone reads, and a debounce on the wall clock would make them depend on time (the debounce's own
    tests turn it on with a fake clock)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text('{"debounce": 0}\n', encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CONFIG_DIR", str(folder))
    return folder


def briefing_command() -> list[str]:
    exe = Path(sys.executable).with_name("briefing")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("briefing")
    return [found] if found else [sys.executable, "-m", "briefing"]


@pytest.fixture
def run_briefing(data_dir):
    """Run the installed ``briefing`` command; returns the CompletedProcess."""

    def run(*args, input: str | None = None, cwd=None, env=None, timeout=60):
        e = dict(os.environ)
        e["BRIEFING_DATA_DIR"] = str(data_dir)
        e.pop("BRIEFING_DEBUG", None)
        if env:
            e.update(env)
        return subprocess.run(
            briefing_command() + [str(a) for a in args],
            input=input,
            capture_output=True,
            text=True,
            cwd=cwd,
            env=e,
            timeout=timeout,
        )

    return run


@pytest.fixture
def make_scenario(tmp_path):
    """Write a scenario folder from {relative path: text or bytes}; returns the folder."""

    def make(files: dict, name: str = "scn") -> Path:
        root = tmp_path / name
        for rel, content in files.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                p.write_bytes(content)
            else:
                p.write_text(textwrap.dedent(content), encoding="utf-8")
        return root

    return make


SCENARIO_YAML = """\
id: t
title: "Test"
start: a
state:
  trust: 2
  warned: false
  lean: "open"
"""

SCENES_OK = """\
scenes:
  - id: a
    title: "A"
    dateline: "Sunday 2 January 2022, 09:00, Almaty"
    text: "Start."
    choices:
      - text: "On"
        goto: b
  - id: b
    title: "B"
    dateline: "Sunday 2 January 2022, 10:00, Almaty"
    text: "End."
    ending: true
"""
