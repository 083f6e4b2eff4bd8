"""The engine plays deterministically and round-trips through saves; bad saves are refused untouched."""

from __future__ import annotations

import json
import os

import pytest

from briefing.core import saves
from briefing.core.engine import Game, GameError
from briefing.core.loader import load_or_raise
from briefing.core.rules import Rules
from tests.conftest import MINI


@pytest.fixture
def mini():
    return load_or_raise(MINI)


def test_a_new_game_enters_the_start_scene_and_reveals_its_facts(mini):
    game = Game.new(mini)
    assert game.scene.id == "wire"
    assert game.dossier == ["price-doubled"]
    assert game.last_new_facts == ["price-doubled"]
    assert [(o.number, o.enabled) for o in game.options()] == [(1, True), (2, True), (3, False)]
    assert [o.number for o in game.available()] == [1, 2]


def test_choose_applies_effects_records_the_decision_and_moves_on(mini):
    game = Game.new(mini)
    step = game.choose(1, seconds=4.5)
    assert game.scene.id == "briefed"
    assert game.vars == {"trust": 3, "warned": True, "lean": "open"}
    assert step.decision.changes == {"trust": [2, 3], "warned": [False, True]}
    assert game.history[0].as_dict() == {
        "scene": "wire",
        "choice": 1,
        "text": "Brief the minister now",
        "revealed": [],
        "seconds": 4.5,
        "changes": {"trust": [2, 3], "warned": [False, True]},
    }
    assert game.passages() == ["Your note is read.", "Your warning is on file."]
    assert [o.text for o in game.options()] == ["Good"]
    game.choose(1)
    assert game.ended and game.ending.ending.grade == "A"
    with pytest.raises(GameError):
        game.choose(1)


def test_a_locked_choice_cannot_be_taken(mini):
    game = Game.new(mini)
    with pytest.raises(GameError, match="not available"):
        game.choose(3)
    with pytest.raises(GameError, match="no choice 9"):
        game.choose(9)


def test_timeout_takes_the_declared_choice(mini):
    game = Game.new(mini)
    step = game.timeout(seconds=60)
    assert step.decision.how == "timeout" and step.decision.choice == 2
    assert game.scene.id == "waited" and game.vars["lean"] == "revolt"
    assert game.timeout() is None  # this scene declares none


def test_games_are_deterministic_and_serialisable(mini):
    a, b = Game.new(mini), Game.new(mini)
    for g in (a, b):
        g.choose(2)
        g.choose(1)
    assert a.to_dict() == b.to_dict()
    restored = Game.from_dict(mini, json.loads(json.dumps(a.to_dict())))
    assert restored.to_dict() == a.to_dict()
    assert restored.ended and restored.chosen == {("wire", 2), ("waited", 1)}


def test_save_and_load_round_trip(mini, tmp_path):
    game = Game.new(mini)
    game.choose(1)
    path = saves.save_game(game, tmp_path / "slot.json", "slot 1")
    doc = json.loads(path.read_text())
    assert (doc["format"], doc["version"], doc["scenario"]) == ("briefing-save", 1, "mini")
    assert doc["content_hash"] == mini.content_hash and len(mini.content_hash) == 64
    loaded = saves.load_game(path, mini)
    assert loaded.to_dict() == game.to_dict()


def test_autosave_goes_to_the_user_data_folder(mini, data_dir):
    game = Game.new(mini)
    game.choose(2)
    path = saves.autosave(game)
    assert path == data_dir / "saves" / "mini" / "autosave.json"
    assert saves.load_game(path, mini).scene_id == "waited"
    assert [s.slot for s in saves.list_saves("mini")] == ["autosave"]


def _unchanged(path, check):
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    check()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"format": "briefing-save", "version": 1, "scen', "save file is corrupt or truncated"),
        ("not json at all", "save file is corrupt or truncated"),
        ('{"format": "other"}', "not a briefing save file"),
        (
            '{"format": "briefing-save", "version": 99, "scenario": "mini", "game": {}}',
            "from a newer version of briefing (format 99",
        ),
        (
            '{"format": "briefing-save", "version": 1, "scenario": "other", "game": {"scene": "wire"}}',
            "save file is for scenario 'other', not 'mini'",
        ),
        (
            '{"format": "briefing-save", "version": 1, "scenario": "mini", "game": {"scene": "gone", "vars": {}}}',
            "does not fit this scenario: the saved scene 'gone' is not in this scenario",
        ),
        (
            '{"format": "briefing-save", "version": 1, "scenario": "mini", "game": {"scene": "wire", "vars": {"trust": "x"}}}',
            "the saved variable 'trust' has the wrong type",
        ),
    ],
)
def test_bad_saves_are_refused_and_left_alone(mini, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)

    def attempt():
        with pytest.raises(saves.SaveError) as info:
            saves.load_game(path, mini)
        assert str(info.value).startswith(str(path))
        assert message in str(info.value)
        assert "\n" not in str(info.value)

    _unchanged(path, attempt)


def test_binary_garbage_is_refused(mini, tmp_path):
    path = tmp_path / "bin.json"
    path.write_bytes(b"\x89PNG\x00\xff")
    with pytest.raises(saves.SaveError, match="not UTF-8"):
        saves.load_game(path, mini)


def test_an_interrupted_write_leaves_the_old_save_whole(mini, tmp_path, monkeypatch):
    game = Game.new(mini)
    path = saves.save_game(game, tmp_path / "slot.json")
    before = path.read_bytes()
    game.choose(1)

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        saves.save_game(game, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["slot.json"]  # no temp file left behind


ORDER = """\
id: order
title: "Order"
start: a
state:
  saw: ""
  n: 0
"""

ORDER_SCENES = """\
scenes:
  - id: a
    title: A
    dateline: d
    text: t
    choices:
      - text: "Go"
        goto: b
        reveals: [memo]
        do: ['saw = saw + "c"', "n += 1"]
        if: 'not chose("a", 1) and not visited("b") and not revealed("memo")'
      - text: "Waste time"
        goto: a
  - id: b
    title: B
    dateline: d
    text: t
    reveals: [memo, wire]
    do:
      - 'saw = saw + "b"'
      - 'n += 1'
    choices:
      - text: "Back"
        goto: a
        if: 'chose("a", 1) and visited("b") and revealed("memo") and n == 2'
facts:
  - {id: memo, kind: fact, text: t, source: s}
  - {id: wire, kind: fact, text: t, source: s}
"""


def test_a_step_happens_in_order_choice_then_scene(make_scenario):
    # the choice's effects see nothing of the step yet; the scene's see the choice taken, the scene
    # visited and the choice's facts revealed; a fact revealed twice keeps its first place
    scenario = load_or_raise(make_scenario({"scenario.yaml": ORDER, "scenes.yaml": ORDER_SCENES}))
    game = Game.new(scenario)
    step = game.choose(1)
    assert game.scene_id == "b" and game.vars == {"saw": "cb", "n": 2}
    assert step.decision.revealed == ["memo"] and step.new_facts == ["memo", "wire"]
    assert game.dossier == ["memo", "wire"] and game.path == ["a", "b"]
    assert [o.number for o in game.available()] == [1]
    game.choose(1)
    assert [(o.number, o.enabled) for o in game.options()] == [(2, True)]  # choice 1 is hidden now


def test_the_rules_step_a_bare_state_as_they_step_the_game(mini):
    rules = Rules(mini)
    state = rules.start(dossier=False)
    game = Game.new(mini, rules)
    assert state.scene_id == game.scene_id and state.dossier is None and state.revealed == game.revealed
    for number in (2, 1):
        (move,) = [m for m in rules.offered(state) if m.number == number]
        rules.take(state, move)
        game.choose(number)
        assert (state.scene_id, state.vars, state.path) == (game.scene_id, game.vars, game.path)
    assert state.chosen == game.chosen and state.visited == game.visited and not rules.offered(state)


def test_a_timeout_whose_choice_is_locked_takes_the_first_on_offer(mini):
    mini.scenes["wire"].timeout.choice = 3  # "Call the embassy": locked while trust <= 5
    game = Game.new(mini)
    step = game.timeout()
    assert step.decision.how == "timeout" and step.decision.choice == 1 and game.scene_id == "briefed"
