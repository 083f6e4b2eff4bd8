"""briefing check on format 2: every misuse of the instruments is a located error, all at once."""

from __future__ import annotations

import shutil

import pytest

from briefing.core.loader import load_scenario
from tests.conftest import FIXTURES


def lines_of(root) -> list[str]:
    _, diags = load_scenario(str(root))
    return [d.format() for d in diags.sorted()]


@pytest.fixture
def desk(tmp_path):
    root = tmp_path / "desk"
    shutil.copytree(FIXTURES / "desk", root)
    return root


def edit(root, name, old, new):
    p = root / name
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_test_scenario_is_clean(desk):
    assert lines_of(desk) == []


def test_misuses_are_located_errors_reported_together(desk):
    edit(desk, "scenes.yaml", "model: F3", "model: G7")
    edit(
        desk,
        "scenes.yaml",
        "resolves: {at: troops-land, outcome: true}",
        "resolves: {at: first-report, outcome: true}",
    )
    edit(
        desk,
        "scenes.yaml",
        "ach: {foreign: I, elite: N, revolt: CC}",
        "ach: {foreign: I, elit: N, revolt: CC}",
    )
    edit(desk, "scenes.yaml", "anchor: remote", "anchor: maybe")
    edit(
        desk,
        "scenes.yaml",
        "ach: {foreign: N, elite: CC, revolt: N}",
        "ach: {foreign: N, elite: CC, revolt: X}",
    )
    lines = lines_of(desk)
    text = "\n".join(lines)
    assert "scenes.yaml:" in text and all(line.startswith(str(desk)) for line in lines)
    assert "'G7' is not an Admiralty grade (a letter A-F then a digit 1-6, like B2) [B501]" in text
    assert "the estimate 'deploy' never resolves" in text and "[B502]" in text
    assert "the ratings of fact 'price-rise' name no hypothesis 'elit' (did you mean 'elite'?) [B504]" in text
    assert "'maybe' is not a band of the phia yardstick" in text and "[B506]" in text
    assert "'X' is not an ACH rating" in text
    assert (
        "fact 'price-rise' is weighed in the weigh of scene 'weigh-1' but has no rating against elite" in text
    )
    for line in lines:
        head = line.split(": ", 1)[0]
        assert head.count(":") == 2, line  # path:line:col


def test_an_estimate_that_may_end_unresolved_is_a_warning(desk):
    edit(
        desk,
        "scenes.yaml",
        """      - text: "Go on"
        goto: fighters-question""",
        """      - text: "Go on"
        goto: fighters-question
      - text: "Stop here"
        goto: end-late""",
    )
    lines = lines_of(desk)
    assert any("may stay unresolved" in ln and "warning" in ln and ln.endswith("[B503]") for ln in lines)


def test_a_judgement_in_a_format_1_scenario_and_a_grade_on_a_format_2_ending(desk):
    edit(desk, "scenario.yaml", "format: 2\n", "")
    assert any("asks a judgement in a format 1 scenario" in ln for ln in lines_of(desk))
    edit(desk, "scenario.yaml", "yardstick: phia", "format: 2\nyardstick: phia")
    edit(
        desk, "scenes.yaml", 'summary: "Final note in time"', 'summary: "Final note in time"\n      grade: A'
    )
    assert any("sets a grade in a format 2 scenario" in ln for ln in lines_of(desk))


def test_two_judgements_in_one_scene_and_a_duplicate_id(desk):
    edit(
        desk,
        "scenes.yaml",
        "    estimate:\n      id: deploy",
        "    weigh: {evidence: [landing]}\n    estimate:\n      id: deploy",
    )
    edit(desk, "scenes.yaml", "      id: leave", "      id: fighters")
    text = "\n".join(lines_of(desk))
    assert "asks both 'estimate' and 'weigh'" in text or "asks both 'weigh' and 'estimate'" in text
    assert "judgement id 'fighters' is used twice" in text


def test_cuts_are_checked(desk):
    edit(desk, "scenario.yaml", "start: troops-land", "start: troops-lands")
    edit(desk, "scenario.yaml", "state: {briefed: 2}", 'state: {briefed: "two", nope: 1}')
    text = "\n".join(lines_of(desk))
    assert "'start' in cut 'second-half' names no scene 'troops-lands' (did you mean 'troops-land'?)" in text
    assert "gives 'briefed' a value of another type" in text and "sets unknown variable 'nope'" in text


def test_instrument_functions_are_type_checked_and_their_ids_checked(desk):
    edit(desk, "scenes.yaml", "grade('first-report') == 'F3'", "grade('first-reprt') == 3")
    edit(desk, "scenes.yaml", "score('grading') >= 50", "score('grading') >= 50 and lead(1) == ''")
    text = "\n".join(lines_of(desk))
    assert "grade() names no grade 'first-reprt' (did you mean 'first-report'?) [B204]" in text
    assert "lead() takes no argument" in text


def test_instrument_functions_read_the_players_judgements(desk):
    from briefing.authoring import strategies
    from briefing.core.engine import Game
    from briefing.core.loader import load_or_raise

    scenario = load_or_raise(desk)
    game = Game.new(scenario)
    assert game.instrument("grade", "first-report") == "" and game.instrument("estimate", "deploy") == -1
    assert game.instrument("score", "grading") == -1
    run = strategies.play(scenario, "model", game=game)
    assert game.instrument("grade", "first-report") == "F3" and game.instrument("estimate", "deploy") == 98
    assert game.instrument("lead", "") == "elite" and game.instrument("score", "grading") == 100
    assert run.ending == "end-brief"
    assert "Your matrix pointed at the palace, not the street." in game.passages() or game.ended
