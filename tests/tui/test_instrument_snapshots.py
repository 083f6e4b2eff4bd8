"""Snapshot tests of the analyst's instruments: the grade, estimate and weigh prompts and the scorecard.

Update them after an intended change with: pytest tests/tui/test_instrument_snapshots.py --snapshot-update
"""

from __future__ import annotations

from tests.conftest import FIXTURES
from tests.tui.conftest import load, make_app

DESK = FIXTURES / "desk"
TO_WEIGH = ["n", "f", "3", "1", "7", "1", "c", "4", "1"]
# the model's answers from the weigh to the ending (see tests/fixtures/desk)
TO_END = [*TO_WEIGH, "4", "3", "1", "3", "1", "3", "2", "3", "4", "2", "1", "7", "1", "1", "1", "7", "1"]
TO_END += ["3", "3", "3", "5", "2", "2", "2", "1", "1"]


def test_grade_prompt_80x24(snap_compare):
    assert snap_compare(make_app(scenario=load(DESK)), terminal_size=(80, 24), press=["n", "f"])


def test_estimate_prompt(snap_compare):
    assert snap_compare(make_app(scenario=load(DESK)), terminal_size=(100, 30), press=["n", "f", "3", "1"])


def test_weigh_prompt_80x24(snap_compare):
    assert snap_compare(make_app(scenario=load(DESK)), terminal_size=(80, 24), press=[*TO_WEIGH, "4", "3"])


def test_scorecard_debrief(snap_compare):
    assert snap_compare(make_app(scenario=load(DESK)), terminal_size=(100, 30), press=TO_END)


def test_scorecard_matrix_80x24(snap_compare):
    assert snap_compare(make_app(scenario=load(DESK)), terminal_size=(80, 24), press=[*TO_END, "pagedown"])


def test_primer(snap_compare):
    assert snap_compare(make_app(scenario=load(DESK)), terminal_size=(80, 24), press=["n", "i"])
