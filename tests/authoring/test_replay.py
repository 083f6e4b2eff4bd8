"""Recorded playthroughs: ``play --record`` writes them, ``replay`` finds where a scenario now diverges."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.core.engine import Game

from .helpers import MINI, load, run

RECORDINGS = MINI / "recordings"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(needle) + 1


def test_the_shipped_recordings_replay_clean():
    r = run("replay", RECORDINGS)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == "replayed 3 recordings: 3 clean, 0 diverged\n"


def test_a_renamed_scene_is_reported_at_the_choice_that_now_leads_elsewhere(mini_copy: Path):
    scenes = mini_copy / "scenes.yaml"
    edit(scenes, "id: waited", "id: overtaken")
    edit(scenes, "goto: waited", "goto: overtaken")
    assert run("check", mini_copy).returncode == 0  # the scenario itself is fine
    r = run("replay", "recordings", cwd=mini_copy)
    assert r.returncode == 1
    line = line_of(scenes, '      - text: "Wait for more"')
    lines = r.stdout.splitlines()
    assert lines[-1] == "replayed 3 recordings: 1 clean, 2 diverged"
    assert lines[:-1] == [
        f"./scenes.yaml:{line}:9: error: recordings/{name}.json: choice 2 of scene 'wire' now leads to "
        "'overtaken'; the recording went to 'waited' (there is no scene 'waited' now: renamed or removed? "
        "Record the playthrough again) [B602]"
        for name in ("careless", "stopped-early")
    ]


def test_a_choice_gone_unavailable_or_scoring_differently(mini_copy: Path):
    scenes = mini_copy / "scenes.yaml"
    recording = mini_copy / "recordings" / "careful.json"
    edit(scenes, '"trust += 1", "warned = true"', '"trust += 2", "warned = true"')
    r = run("replay", recording)
    assert r.returncode == 1
    assert "careful.json: 'trust' now ends at 4, not 3 as recorded [B603]" in r.stdout
    assert f"scenes.yaml:{line_of(scenes, '  - id: good-end')}:5:" in r.stdout  # at the ending reached

    edit(scenes, 'if: "trust >= 3"', 'if: "trust >= 9"')
    r = run("replay", recording)
    good = line_of(scenes, '      - text: "Good"')
    assert f"scenes.yaml:{good}:9: error: " in r.stdout
    assert "choice 1 of scene 'briefed' is not available now: 'trust >= 9' does not hold [B601]" in r.stdout

    data = json.loads(recording.read_text(encoding="utf-8"))
    data["inputs"][0] = ["choice", "7"]
    recording.write_text(json.dumps(data), encoding="utf-8")
    r = run("replay", recording)
    assert "scene 'wire' has no choice 7 now (it has 3) [B601]" in r.stdout
    assert f"scenes.yaml:{line_of(scenes, '  - id: wire')}:5:" in r.stdout


def test_an_ending_now_different_and_json_output(mini_copy: Path):
    edit(mini_copy / "scenes.yaml", "goto: good-end", "goto: bad-end")
    r = run("replay", mini_copy / "recordings", "--format", "json")
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert (doc["clean"], doc["diverged"]) == (2, 1)
    (d,) = doc["diagnostics"]
    assert d["code"] == "B602"
    assert d["message"].endswith(
        "choice 1 of scene 'briefed' now leads to 'bad-end'; the recording went to 'good-end'"
    )


@pytest.mark.parametrize("mode", ["--plain", "--json"])
def test_play_record_then_replay_round_trip(tmp_path: Path, mode: str):
    out = tmp_path / "mine.json"
    r = run("play", mode, MINI, "--record", out, input="1\n1\n")
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["inputs"] == [["choice", "1"], ["choice", "1"]]
    assert data["reached"]["ending"] == "good-end" and data["reached"]["scores"]["trust"] == 3
    assert run("replay", out, "--scenario", MINI).returncode == 0


def test_unreadable_recordings_are_reported_one_line_each(tmp_path: Path):
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"format": "something else"}', encoding="utf-8")
    r = run("replay", tmp_path, "--scenario", MINI)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert lines[0].startswith(f"{tmp_path}/bad.json: error: not JSON:")
    assert (
        lines[1]
        == f'{tmp_path}/other.json: error: not a recording (no "format": "briefing-recording") [B600]'
    )
    assert lines[-1] == "replayed 2 recordings: 0 clean, 2 diverged"
    assert run("replay", tmp_path / "none").returncode == 1


def test_the_engine_keeps_every_accepted_input_across_a_save():
    scenario = load(MINI)
    game = Game.new(scenario)
    game.choose(2)
    assert game.inputs == [("choice", "2")]
    again = Game.from_dict(scenario, json.loads(json.dumps(game.to_dict())))
    again.choose(1)
    assert again.inputs == [("choice", "2"), ("choice", "1")]


def test_a_playthrough_that_cannot_be_replayed_is_not_recorded(tmp_path: Path):
    from briefing.authoring.replay import save_recording

    game = Game.new(load(MINI))
    game.jump("waited")
    out = tmp_path / "jumped.json"
    assert "cannot be replayed" in save_recording(game, str(out))
    assert not out.exists()


def test_answers_to_the_analysts_instruments_are_recorded_and_replayed(tmp_path: Path):
    from briefing.authoring.replay import write_recording

    scenario = load(MINI.parent / "desk")
    game = Game.new(scenario)
    while not game.ended:
        prompt = game.judgement()
        if prompt is not None:
            game.answer(prompt.answers[0].value)
        else:
            game.choose(game.available()[0].number)
    assert any(kind == "answer" for kind, _ in game.inputs)
    out = tmp_path / "first-answers.json"
    write_recording(game, out)
    r = run("replay", out, "--scenario", MINI.parent / "desk")
    assert r.returncode == 0, r.stdout + r.stderr

    data = json.loads(out.read_text(encoding="utf-8"))
    first = next(i for i, (kind, _) in enumerate(data["inputs"]) if kind == "answer")
    data["inputs"][first][1] = "no such answer"
    out.write_text(json.dumps(data), encoding="utf-8")
    r = run("replay", out, "--scenario", MINI.parent / "desk")
    assert r.returncode == 1
    assert "no longer accepts the answer 'no such answer'" in r.stdout and "[B601]" in r.stdout
