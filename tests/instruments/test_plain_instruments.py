"""Plain play asks the judgements, shows resolutions and the scorecard, and survives a full disk."""

from __future__ import annotations

import os
import random
import subprocess

from briefing.authoring import strategies
from briefing.core.engine import Game
from briefing.core.loader import load_or_raise
from tests.conftest import FIXTURES, briefing_command

DESK = FIXTURES / "desk"


def model_lines() -> str:
    scenario = load_or_raise(DESK)
    game, rng, out = Game.new(scenario), random.Random(0), []
    while not game.ended:
        prompt = game.judgement()
        if prompt is not None:
            value = strategies.pick("model", prompt, rng, game)
            game.answer(value)
        else:
            value = strategies.pick("model", strategies.choice_prompt(game), rng, game)
            game.choose(int(value))
        out.append(value)
    return "\n".join(out) + "\n"


def play(stdin: str, data_dir, *args) -> subprocess.CompletedProcess:
    env = dict(os.environ, BRIEFING_DATA_DIR=str(data_dir), NO_COLOR="1")
    return subprocess.run(
        [*briefing_command(), "play", "--plain", str(DESK), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_a_model_player_in_plain_play_reads_an_a_and_the_calibration_table(data_dir):
    r = play(model_lines(), data_dir)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "How reliable is the source of “The video”?" in out and "6. F: Reliability cannot be judged" in out
    assert (
        "Will allied troops land within three days of the appeal?" in out
        and "7. Almost certain (95-100%)" in out
    )
    assert "How consistent is “Price doubled” with “A foreign-backed attack”?" in out
    assert "Your estimate resolves: Will allied troops land" in out
    assert "You said almost certain (95-100%). It happened." in " ".join(out.split())
    assert "The end (grade A): Final note in time" in out
    assert "Calibration: how often what you called ... happened" in out
    assert "Almost certain (95-100%)           3 of 3 (100%)" in out
    assert "Inconsistency, yours" in out and "Brier score: 0.001 over 4 resolved estimates" in out


def test_answers_by_value_and_the_primer(data_dir):
    r = play("p\nf\n3\n", data_dir)  # p: the primer (? lists the commands)
    assert "Grading a report (the Admiralty scale)" in r.stdout and "Probability words (UK PHIA" in r.stdout
    assert "Noted: F: Reliability cannot be judged" in r.stdout and "Noted: 3: Possibly true" in r.stdout


def test_a_read_only_data_folder_warns_once_and_play_goes_on(tmp_path):
    data = tmp_path / "ro"
    data.mkdir()
    os.chmod(data, 0o500)
    try:
        r = play(model_lines(), data)
    finally:
        os.chmod(data, 0o700)
    if os.geteuid() == 0:  # root writes anywhere: use a path under a file instead
        blocker = tmp_path / "file"
        blocker.write_text("x", encoding="utf-8")
        r = play(model_lines(), blocker / "data")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("Cannot autosave") == 1 and "The end (grade A)" in r.stdout
    assert "internal error" not in r.stderr


def test_the_ending_shows_the_roads_not_taken(data_dir):
    r = play(model_lines(), data_dir)
    out = " ".join(r.stdout.split())
    assert "The roads not taken: • Hold it until the embassy calls back tomorrow morning" in out
    assert "You took the model answer." in out
