"""The default scenario grades craft, not patterns: scripted players never reach the top letter over
the machine protocol; a player who answers like the author's model does; the recorded runs replay."""

from __future__ import annotations

import subprocess

import pytest

from briefing.authoring import strategies
from briefing.authoring.playtest import random_playthroughs
from briefing.core.loader import load_or_raise
from tests.conftest import ROOT, briefing_command
from tests.instruments.test_scripted_players import play_json

KAZ = ROOT / "scenes" / "kazakhstan-2022"
PICKS = {
    "first": lambda p: p["answers"][0]["value"],
    "last": lambda p: p["answers"][-1]["value"],
    "longest": lambda p: max(p["answers"], key=lambda a: len(a["text"]))["value"],
    "shortest": lambda p: min(p["answers"], key=lambda a: len(a["text"]))["value"],
}


@pytest.fixture(scope="module")
def scenario():
    return load_or_raise(KAZ)


@pytest.mark.parametrize("name", list(PICKS))
def test_a_pattern_over_play_json_does_not_reach_the_top_letter(name):
    ending, seen = play_json(PICKS[name], scenario=KAZ)
    assert ending["grade"] not in ("A", ""), (name, ending["scores"])
    assert ending["scores"]["estimates_resolved"] >= 6 and ending["scores"]["brier"] is not None


def test_a_thousand_random_players_never_reach_the_top_letter(scenario):
    report = random_playthroughs(scenario, 1000, 0)
    assert not report.failed and "A" not in report.letter_counts
    assert {e.id for e in scenario.endings} == set(report.ending_counts)


@pytest.mark.parametrize("cut", ["", "from-almaty", "deployment"])
def test_the_model_player_reaches_the_top_letter_in_the_game_and_each_cut(scenario, cut):
    from briefing.core.engine import Game

    run = strategies.play(scenario, "model", game=Game.new(scenario, cut=cut or None))
    assert run.letter == "A" and run.ending, (cut, run.card.as_dict())
    if not cut:
        assert run.card.estimates_resolved >= 6


def test_the_recorded_careful_careless_and_hawkish_runs_replay_clean_and_end_differently(scenario):
    r = subprocess.run(
        [*briefing_command(), "replay", str(KAZ / "recordings")], capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "3 clean, 0 diverged" in r.stdout
    import json

    endings = {
        name: json.loads((KAZ / "recordings" / f"{name}.json").read_text(encoding="utf-8"))["reached"]
        for name in ("careful", "careless", "hawkish")
    }
    assert len({e["ending"] for e in endings.values()}) == 3
    assert endings["careful"]["letter"] == "A" and endings["hawkish"]["letter"] in ("D", "E")
