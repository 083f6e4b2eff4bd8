"""Shared set-up for the terminal player's tests: a private data folder for every test, and helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
MARKUP = Path(__file__).resolve().parent / "fixtures" / "markup"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(d))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return d


def load(folder) -> object:
    from briefing.core.loader import load_scenario

    scenario, diags = load_scenario(str(folder))
    assert scenario is not None and not diags.errors, [d.format() for d in diags.errors]
    return scenario


@pytest.fixture
def mini():
    return load(MINI)


@pytest.fixture
def markup():
    return load(MARKUP)


def screen_text(app) -> str:
    """What is on the screen now, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
