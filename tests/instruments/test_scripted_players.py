"""Scripted players on the test scenario: patterns never reach the top letter; the model does."""

from __future__ import annotations

import json
import subprocess

import pytest

from briefing.authoring import strategies
from briefing.core.loader import load_or_raise
from tests.conftest import FIXTURES, briefing_command

DESK = FIXTURES / "desk"


@pytest.fixture(scope="module")
def desk():
    return load_or_raise(DESK)


@pytest.mark.parametrize("strategy", ["first", "last", "longest", "shortest"])
def test_a_pattern_does_not_reach_the_top_letter(desk, strategy):
    run = strategies.play(desk, strategy)
    assert run.ending and run.letter != "A", (strategy, run.card.as_dict())


def test_random_players_never_reach_the_top_letter(desk):
    letters = {strategies.play(desk, "random", seed).letter for seed in range(300)}
    assert "A" not in letters and len(letters) >= 2


def test_the_model_player_reaches_the_top_letter_with_every_measure_full(desk):
    run = strategies.play(desk, "model")
    assert run.ending == "end-brief" and run.letter == "A"
    assert run.card.measures["grading"] == 1.0 and run.card.measures["hypotheses"] == 1.0
    assert run.card.estimates_resolved == 4 and run.card.feedback[0].pattern == "strength"


class JsonClient:
    """Drives the installed ``briefing play --json`` line by line."""

    def __init__(self, *args, env=None, scenario=DESK):
        self.proc = subprocess.Popen(
            [*briefing_command(), "play", "--json", str(scenario), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.seen: list[dict] = []

    def next(self) -> dict:
        line = self.proc.stdout.readline()
        assert line, self.proc.stderr.read()
        event = json.loads(line)
        self.seen.append(event)
        return event

    def until(self, *types: str) -> dict:
        while True:
            event = self.next()
            if event["type"] in types:
                return event

    def send(self, value: str) -> None:
        self.proc.stdin.write(value + "\n")
        self.proc.stdin.flush()

    def close(self) -> int:
        self.proc.stdin.close()
        return self.proc.wait(timeout=60)


def play_json(pick, scenario=DESK) -> tuple[dict, list[dict]]:
    client = JsonClient(scenario=scenario)
    while True:
        event = client.until("prompt", "ending")
        if event["type"] == "ending":
            assert client.close() == 0
            return event, client.seen
        client.send(pick(event))


def test_every_line_is_json_with_a_type_and_the_first_answer_player_ends_below_the_top(desk):
    ending, seen = play_json(lambda p: p["answers"][0]["value"])
    assert all("type" in e for e in seen)
    kinds = {e["kind"] for e in seen if e["type"] == "prompt"}
    assert kinds == {"grade", "estimate", "weigh", "lead", "choice"}
    assert ending["grade"] != "A" and ending["scores"]["brier"] is not None
    assert ending["scores"]["estimates_resolved"] == 4


def test_a_longest_text_player_over_the_protocol_ends_below_the_top(desk):
    ending, _ = play_json(lambda p: max(p["answers"], key=lambda a: len(a["text"]))["value"])
    assert ending["grade"] != "A"


def test_the_brier_score_reported_matches_a_hand_computation():
    # answers: grades F3 then C4 (model), every estimate "likely" (0.65); outcomes: deploy True,
    # leave True, fighters False, speech: briefed >= 2 (True after briefing twice)
    def pick(p):
        if p["kind"] == "estimate":
            return "likely"
        if p["kind"] == "grade":
            return (
                {"reliability": "F", "credibility": "3"}[p["part"]]
                if "video" in p["question"]
                else {
                    "reliability": "C",
                    "credibility": "4",
                }[p["part"]]
            )
        return p["answers"][0]["value"]

    ending, seen = play_json(pick)
    expected = ((0.65 - 1) ** 2 * 3 + (0.65 - 0) ** 2) / 4
    assert ending["scores"]["brier"] == pytest.approx(expected, abs=0.0006)
    resolved = [e for e in seen if e["type"] == "resolved"]
    assert [(e["id"], e["outcome"]) for e in resolved] == [
        ("deploy", True),
        ("leave", True),
        ("fighters", False),
        ("speech", True),
    ]


def test_an_invalid_line_gets_an_error_and_the_same_prompt_and_end_of_input_exits_0():
    client = JsonClient()
    first = client.until("prompt")
    client.send("Z")
    assert client.next()["type"] == "error"
    again = client.next()
    assert again == first
    assert client.close() == 0


def test_a_cut_starts_at_its_scene_with_its_state_and_dossier(desk):
    from briefing.core.engine import Game, GameError

    game = Game.new(desk, cut="second-half")
    assert game.scene_id == "troops-land" and game.vars["briefed"] == 2 and game.cut == "second-half"
    assert game.dossier[:4] == ["video-claim", "official-count", "price-rise", "chief-arrested"]
    assert game.judgement().kind == "estimate"
    again = Game.from_dict(desk, game.to_dict())
    assert again.cut == "second-half"
    with pytest.raises(GameError):
        Game.new(desk, cut="nope")
    run = strategies.play(desk, "model", game=Game.new(desk, cut="second-half"))
    assert run.ending == "end-brief" and run.card.estimates_resolved == 3
