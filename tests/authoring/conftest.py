"""Fixtures for the authoring tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import MINI, write


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


@pytest.fixture
def mini_copy(tmp_path) -> Path:
    """A copy of the mini test scenario (with its recordings) to change."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder
