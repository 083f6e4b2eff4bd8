"""Undo and rewind replay the game's inputs: a game taken back is the game that never took them."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.engine import Game, GameError
from briefing.core.loader import load_or_raise
from tests.conftest import FIXTURES, MINI, ROOT

SCENARIOS = {
    "mini": load_or_raise(MINI),
    "desk": load_or_raise(FIXTURES / "desk"),
    "kazakhstan": load_or_raise(ROOT / "briefing" / "scenarios" / "kazakhstan-2022"),
}


def play(game: Game, picks: list[int]) -> None:
    """Play on: each pick answers the pending judgement or takes an available choice (by index)."""
    for pick in picks:
        if game.ended:
            return
        prompt = game.judgement()
        if prompt is not None:
            game.answer(prompt.answers[pick % len(prompt.answers)].value)
            continue
        offered = game.available()
        if not offered:
            return
        game.choose(offered[pick % len(offered)].number)


def seen(game: Game) -> tuple[object, ...]:
    """What a player could tell two games apart by."""
    return (
        game.scene_id,
        game.path,
        game.vars,
        game.dossier,
        game.judged.to_dict(),
        [d.as_dict() for d in game.history],
        game.transcript,
        game.judgement(),
        [(o.number, o.enabled) for o in game.options()],
    )


walks = st.tuples(st.sampled_from(sorted(SCENARIOS)), st.lists(st.integers(0, 50), max_size=40))


def played(walk: tuple[str, list[int]]) -> Game:
    """A game of the walk's scenario played on with its picks."""
    name, picks = walk
    game = Game.new(SCENARIOS[name])
    play(game, picks)
    return game


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(walks, st.integers(1, 50))
def test_undo_after_any_inputs_equals_replaying_the_prefix(walk, times):
    game = played(walk)
    scenario = game.scenario
    inputs = list(game.inputs)
    times = min(times, len(inputs))
    for _ in range(times):
        game.undo()
    assert seen(game) == seen(Game.replay(scenario, inputs[: len(inputs) - times]))
    assert len(game.rollbacks) == times
    assert all(r.undone == 1 for r in game.rollbacks)
    if times == len(inputs):
        assert seen(game) == seen(Game.new(scenario))
        with pytest.raises(GameError, match="nothing to undo"):
            game.undo()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(walks, st.integers(0, 60))
def test_rewind_goes_back_to_just_after_the_nth_decision(walk, n):
    game = played(walk)
    scenario = game.scenario
    n = min(n, len(game.history))
    decisions = [i for i, (kind, _) in enumerate(game.inputs, 1) if kind == "choice"]
    keep = decisions[n - 1] if n else 0
    prefix = game.inputs[:keep]
    if keep == len(game.inputs):
        with pytest.raises(GameError):
            game.rewind(n)
        return
    rollback = game.rewind(n)
    assert len(game.history) == n == rollback.decisions
    assert seen(game) == seen(Game.replay(scenario, prefix))
    assert game.path[-1] == game.scene_id == rollback.to


def test_undo_three_decisions_and_play_on():
    scenario = SCENARIOS["mini"]
    game = Game.new(scenario)
    game.choose(1)
    first = game.transcript[0]
    assert first.scene == "wire" and first.passages[0] == scenario.scenes["wire"].text
    game.undo()
    assert game.scene_id == "wire" and game.history == [] and game.inputs == []
    assert game.rollbacks[0].left != "wire" and game.rollbacks[0].to == "wire"
    game.choose(2)
    assert game.scene_id != "wire"
    assert [t.scene for t in game.transcript] == game.path


def test_a_decision_keeps_the_seconds_it_took_through_a_rollback():
    game = Game.new(SCENARIOS["kazakhstan"])
    while len(game.history) < 2:
        play(game, [0])
    game.history[0].seconds = 7.5
    game.undo()
    assert game.history[0].seconds == 7.5


def test_rewind_refuses_a_decision_the_history_does_not_have():
    game = Game.new(SCENARIOS["mini"])
    game.choose(1)
    for n in (-1, 2, 99):
        with pytest.raises(GameError):
            game.rewind(n)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(walks, st.integers(0, 5))
def test_saves_round_trip_inputs_rollbacks_and_transcript(walk, undos):
    game = played(walk)
    scenario = game.scenario
    for _ in range(min(undos, len(game.inputs))):
        game.undo()
    back = Game.from_dict(scenario, json.loads(json.dumps(game.to_dict())))
    assert back.inputs == game.inputs
    assert back.rollbacks == game.rollbacks
    assert back.transcript == game.transcript
    if back.inputs:
        back.undo()
        game.undo()
        assert seen(back) == seen(game)


def test_an_older_save_without_inputs_undoes_back_to_where_it_was_loaded():
    scenario = SCENARIOS["kazakhstan"]
    game = Game.new(scenario)
    play(game, [0, 1, 0, 1, 0, 0])
    data = game.to_dict()
    for key in ("inputs", "transcript", "rollbacks"):
        del data[key]
    old = Game.from_dict(scenario, json.loads(json.dumps(data)))
    floor = len(old.history)
    assert old.inputs == [] and not old.can_undo and old.rewind_floor == floor
    play(old, [0, 0])
    while old.can_undo:
        old.undo()
    assert old.scene_id == game.scene_id and len(old.history) == floor
    back = Game.from_dict(scenario, json.loads(json.dumps(old.to_dict())))
    assert back.rewind_floor == floor
    with pytest.raises(GameError, match="saved without its inputs"):
        back.rewind(0)


def test_inputs_that_do_not_lead_to_the_saved_scene_are_not_trusted():
    scenario = SCENARIOS["mini"]
    game = Game.new(scenario)
    game.choose(1)
    data = json.loads(json.dumps(game.to_dict()))
    data["inputs"] = [["choice", "2"]]
    back = Game.from_dict(scenario, data)
    assert back.inputs == [] and not back.can_undo and back.scene_id == game.scene_id


HOSTILE = [
    ("inputs", "nope"),
    ("inputs", [["choice"]]),
    ("inputs", [["eval", "1"]]),
    ("inputs", [["answer", 3]]),
    ("inputs", [["answer", "\x1b[2J"]]),
    ("inputs", [["answer", "x" * 5000]]),
    ("inputs", [["choice", "1"]] * 100_001),
    ("rollbacks", {"left": "a"}),
    ("rollbacks", [{"left": "wire", "to": "wire", "undone": -1, "decisions": 0}]),
    ("rollbacks", [{"left": "wire", "to": "wire", "undone": True, "decisions": 0}]),
    ("rollbacks", [{"left": "\x07", "to": "wire", "undone": 1, "decisions": 0}]),
    ("rollbacks", ["x"]),
    ("transcript", [{"scene": "nowhere", "passages": []}]),
    ("transcript", [{"scene": "wire", "passages": "text"}]),
    ("transcript", [{"scene": "wire", "passages": ["\x1b]0;pwned\x07"]}]),
    ("transcript", [{"scene": "wire", "passages": [], "new_facts": [1]}]),
    ("transcript", [{"scene": "wire", "passages": []}] * 50),
    ("origin", "start"),
    ("origin", {"scene": "nowhere"}),
]


@pytest.mark.parametrize(("key", "value"), HOSTILE, ids=[f"{k}-{i}" for i, (k, _) in enumerate(HOSTILE)])
def test_hostile_values_in_the_rollback_fields_of_a_save_are_refused(key, value):
    game = Game.new(SCENARIOS["mini"])
    game.choose(1)
    data = json.loads(json.dumps(game.to_dict()))
    data[key] = value
    with pytest.raises(ValueError):
        Game.from_dict(SCENARIOS["mini"], data)


def test_a_refused_choice_is_no_input():
    game = Game.new(SCENARIOS["mini"])
    with pytest.raises(GameError):
        game.choose(3)
    assert game.inputs == []
