"""Fixtures for the authoring tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import write


@pytest.fixture
def make(tmp_path):
    """make(scenario_yaml, scenes_yaml) -> the folder."""
    counter = [0]

    def _make(scenario: str, scenes: str, **more) -> Path:
        counter[0] += 1
        files = {"scenario.yaml": scenario, "scenes.yaml": scenes}
        files.update(more)
        return write(tmp_path / f"s{counter[0]}", files)

    return _make
