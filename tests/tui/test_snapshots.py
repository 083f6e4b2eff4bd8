"""Snapshot tests of the main screens at 100x30 (sync tests: pytest-textual-snapshot 1.1.0, Textual 8.2.8).

Update them after an intended change with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from briefing.tui.app import BriefingApp
from tests.tui.conftest import MARKUP, MINI, load

SIZE = (100, 30)


def test_title(snap_compare):
    assert snap_compare(BriefingApp(load(MINI)), terminal_size=SIZE)


def test_play(snap_compare):
    assert snap_compare(BriefingApp(load(MINI)), terminal_size=SIZE, press=["n", "1"])


def test_play_markup(snap_compare):
    assert snap_compare(BriefingApp(load(MARKUP)), terminal_size=SIZE, press=["n"])


def test_dossier(snap_compare):
    assert snap_compare(BriefingApp(load(MINI)), terminal_size=SIZE, press=["n", "2", "d"])


def test_debrief(snap_compare):
    assert snap_compare(BriefingApp(load(MINI)), terminal_size=SIZE, press=["n", "1", "1"])


def test_play_small(snap_compare):
    assert snap_compare(BriefingApp(load(MINI)), terminal_size=(40, 12), press=["n"])
