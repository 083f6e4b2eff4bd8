"""Snapshot tests of the main screens at 100x30 (sync tests: pytest-textual-snapshot 1.1.0, Textual 8.2.8).

Update them after an intended change with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from tests.tui.conftest import MARKUP, MINI, FakeTime, load, make_app

SIZE = (100, 30)


def test_title(snap_compare):
    assert snap_compare(make_app(scenario=load(MINI)), terminal_size=SIZE)


def test_play(snap_compare):
    assert snap_compare(make_app(scenario=load(MINI)), terminal_size=SIZE, press=["n", "1"])


def test_play_markup(snap_compare):
    assert snap_compare(make_app(scenario=load(MARKUP)), terminal_size=SIZE, press=["n"])


def test_dossier(snap_compare):
    assert snap_compare(make_app(scenario=load(MINI)), terminal_size=SIZE, press=["n", "2", "d"])


def test_debrief(snap_compare):
    assert snap_compare(make_app(scenario=load(MINI)), terminal_size=SIZE, press=["n", "1", "1"])


def test_play_small(snap_compare):
    assert snap_compare(make_app(scenario=load(MINI)), terminal_size=(40, 12), press=["n"])


def test_workshop_facilitator_view(snap_compare):
    app = make_app(
        scenario=load(MINI), workshop=True, timer=300, theme="projector", now=FakeTime()
    )  # 05:00 always
    assert snap_compare(
        app,
        terminal_size=SIZE,
        press=["n", "t", "1", "2", "enter", "7", "escape"],
    )


def test_workshop_tie(snap_compare):
    app = make_app(
        scenario=load(MINI), workshop=True, timer=300, theme="projector", now=FakeTime()
    )  # 05:00 always
    assert snap_compare(app, terminal_size=SIZE, press=["n", "plus", "down", "plus", "v"])
