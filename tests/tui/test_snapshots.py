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


def _autosaved():
    from briefing.core import saves
    from briefing.core.engine import Game

    game = Game.new(load(MINI))
    game.choose(2)
    saves.autosave(game)


def test_title_with_a_saved_game(snap_compare):
    """Continue is highlighted (Enter continues)."""
    _autosaved()
    assert snap_compare(make_app(scenario=load(MINI)), terminal_size=SIZE)


def test_new_game_asks_over_a_saved_game(snap_compare):
    _autosaved()
    assert snap_compare(make_app(scenario=load(MINI)), terminal_size=SIZE, press=["n"])


def test_settings(snap_compare):
    assert snap_compare(make_app(scenario=load(MINI)), terminal_size=SIZE, press=["o"])


def test_dossier_searched(snap_compare):
    assert snap_compare(
        make_app(scenario=load(MINI)),
        terminal_size=SIZE,
        press=["n", "2", "1", "d", "o", "slash", *"official"],
    )


def test_play_wide_measure(snap_compare):
    assert snap_compare(make_app(scenario=load(MINI)), terminal_size=(200, 60), press=["n"])


def test_play_80x24(snap_compare):
    assert snap_compare(make_app(scenario=load(MINI)), terminal_size=(80, 24), press=["n"])


def test_save_name(snap_compare):
    assert snap_compare(make_app(scenario=load(MINI)), terminal_size=SIZE, press=["n", "s", "1"])


def test_history(snap_compare):
    assert snap_compare(make_app(scenario=load(MINI)), terminal_size=SIZE, press=["n", "2", "1", "h"])


def test_reread(snap_compare):
    assert snap_compare(
        make_app(scenario=load(MINI)), terminal_size=SIZE, press=["n", "1", "h", "up", "enter"]
    )
