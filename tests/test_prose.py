"""Texts that show values and vary with the play ({trust}, {warned: ...|...}); visits(), chance();
the load-time checks that come with them; tags on scenes and choices."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.authoring.graph import graph_data
from briefing.authoring.playtest import explore, random_playthroughs
from briefing.core.engine import Game
from briefing.core.expr import ExprError, Names
from briefing.core.loader import load_scenario
from briefing.core.prose import compile_text, parse_text
from briefing.core.rules import PlayState
from tests.conftest import SCENES_OK

NAMES = Names({"trust": "int", "name": "str", "warned": "bool"}, frozenset({"a", "b"}))


def render(text: str, **vars_) -> str:
    state = PlayState("a", {"trust": 2, "name": "Aigerim", "warned": False, **vars_}, path=["a", "a"])
    prose = compile_text(text, NAMES)
    return text if prose is None else prose.render(state)


@pytest.mark.parametrize(
    "text, shown",
    [
        ("Plain text: no braces.", "Plain text: no braces."),
        ("{name} trusts you {trust}/5.", "Aigerim trusts you 2/5."),
        ("Next: {trust + 1}.", "Next: 3."),
        ("{trust >= 2: The minister listens.}", "The minister listens."),
        ("{trust >= 3: The minister listens.}", ""),
        ("You {warned: warned her|said nothing}.", "You said nothing."),
        ("{ warned :  yes  |  no  }!", "no!"),
        ("{trust >= 2: Warm, {name}.|Cold.}", "Warm, Aigerim."),
        ("{{braces}} and a }} alone", "{braces} and a } alone"),
        ('{trust > 0: a {"|"} bar and a {"}"} brace}', "a | bar and a } brace"),
        ("time: 10:00 | or: {name}", "time: 10:00 | or: Aigerim"),
        ('{visits("a")} visits; {visited("b"): been|new}', "2 visits; new"),
        ('{"a: b" == name: x|y}', "y"),
    ],
)
def test_texts_render_values_and_conditional_text(text, shown):
    assert render(text) == shown


@pytest.mark.parametrize(
    "text, code, offset, fragment",
    [
        ("Hello {name", "B206", 6, "not closed"),
        ("a } b", "B206", 2, "'}' without its '{'"),
        ("{}", "B206", 0, "nothing between"),
        ("{warned}", "B203", 1, "true/false value cannot be shown"),
        ("{trust: x}", "B203", 1, "must be true or false"),
        ("x {trust = 2: y}", "B201", 9, "'='"),
        ("{warned: a|b|c}", "B206", 12, "two branches at most"),
        ("ok {nope}", "B202", 4, "unknown variable 'nope'"),
        ("{warned: {trust: x}}", "B203", 10, "must be true or false"),
        ('{visited("zz"): a}', "B204", 9, "names no scene 'zz'"),
    ],
)
def test_bad_texts_raise_our_located_error(text, code, offset, fragment):
    with pytest.raises(ExprError) as exc:
        compile_text(text, NAMES)
    assert exc.value.code == code and exc.value.offset == offset and fragment in exc.value.message


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('{}|:"\\ ab()=<>+-1name trustwarned\n')), max_size=40))
def test_any_text_renders_or_gives_our_own_located_error(text):
    try:
        parse_text(text)
        prose = compile_text(text, NAMES)
    except ExprError as exc:
        assert 0 <= exc.offset <= len(text)
        return
    if prose is not None:
        assert isinstance(prose.render(PlayState("a", {"trust": 1, "name": "n", "warned": True})), str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_text_parses_or_gives_our_own_error(text):
    try:
        parse_text(text)
    except ExprError as exc:
        assert 0 <= exc.offset <= len(text)


def test_text_without_braces_is_left_alone():
    assert compile_text("No inserts: 10:00 | fine.", NAMES) is None


# ------------------------------------------------------------------ in a scenario

SCENARIO = """\
id: t
title: "Test"
start: a
state:
  trust: 2
  name: "Aigerim"
  late: false
"""

SCENES = """\
scenes:
  - id: a
    title: "A"
    tags: [opening]
    text: |
      Minister {name} reads your note.
      {trust >= 2: She nods.|She does not look up.} Visit {visits("a")}.
    passages:
      - text: "You are {late: late|on time}."
    choices:
      - text: "Brief {name} again"
        goto: a
        do: ["trust += 1"]
        tags: [loop]
      - text: "Leave ({trust} trust)"
        goto: b
  - id: b
    title: "B"
    text: "{trust >= 3: Trusted.|Doubted.}"
    ending: true
"""


def test_the_game_shows_rendered_texts_and_keeps_what_the_player_saw(make_scenario):
    scenario, diags = load_scenario(make_scenario({"scenario.yaml": SCENARIO, "scenes.yaml": SCENES}))
    assert not diags.errors, diags.errors
    game = Game.new(scenario, seed=1)
    assert game.passages() == [
        "Minister Aigerim reads your note.\nShe nods. Visit 1.\n",
        "You are on time.",
    ]
    assert [o.text for o in game.options()] == ["Brief Aigerim again", "Leave (2 trust)"]
    game.choose(1)
    assert "Visit 2." in game.passages()[0]
    assert game.options()[1].text == "Leave (3 trust)"
    game.choose(2)
    assert game.passages() == ["Trusted."]
    assert [d.text for d in game.history] == ["Brief Aigerim again", "Leave (3 trust)"]
    restored = Game.from_dict(scenario, json.loads(json.dumps(game.to_dict())))
    assert restored.state.visits == {"a": 2, "b": 1}


def test_play_json_shows_the_rendered_text(run_briefing, make_scenario):
    folder = make_scenario({"scenario.yaml": SCENARIO, "scenes.yaml": SCENES})
    r = run_briefing("play", "--json", folder, input="")
    assert "Minister Aigerim reads your note." in r.stdout
    assert "Brief Aigerim again" in r.stdout and "{name}" not in r.stdout


def test_text_errors_are_located_in_the_file(run_briefing, make_scenario):
    scenes = SCENES.replace('Visit {visits("a")}.', 'Visit {visits("a").').replace(
        '"Leave ({trust} trust)"', '"Leave ({trust trust)"'
    )
    r = run_briefing("check", make_scenario({"scenario.yaml": SCENARIO, "scenes.yaml": scenes}))
    assert r.returncode == 1
    lines = [line for line in r.stdout.splitlines() if "error" in line]
    assert any("scenes.yaml:7:59: error: this '{' is not closed" in line for line in lines), lines
    assert any("scenes.yaml:15:23: error: this '{' is not closed" in line for line in lines), lines


# ------------------------------------------------------------------ root causes at load


def _errors(make_scenario, scenario: str, scenes: str) -> list[str]:
    _, diags = load_scenario(make_scenario({"scenario.yaml": scenario, "scenes.yaml": scenes}))
    return [
        f"{d.path.rsplit('/', 1)[-1]}:{d.line}:{d.col}: {d.message} ({d.hint}) [{d.code}]"
        for d in diags.errors
    ]


def test_a_single_equals_in_a_condition_asks_for_double(make_scenario):
    scenes = SCENES_OK.replace("goto: b\n", 'goto: b\n        if: "trust = 2"\n', 1)
    errors = _errors(make_scenario, SCENARIO, scenes)
    assert any("unexpected '='" in e and "did you mean '=='?" in e and "[B201]" in e for e in errors), errors


def test_chose_names_a_choice_the_scene_does_not_have(make_scenario):
    scenes = SCENES_OK.replace("goto: b\n", "goto: b\n        if: 'chose(\"a\", 3)'\n", 1)
    errors = _errors(make_scenario, SCENARIO, scenes)
    assert any(
        "chose() names choice 3 of scene 'a', which has 1 choice" in e and "[B204]" in e for e in errors
    )


def test_a_mistyped_declaration_is_reported_at_the_declaration_and_the_use(make_scenario):
    scenario = SCENARIO.replace("trust: 2", 'trust: "0"')
    scenes = SCENES_OK.replace("goto: b\n", 'goto: b\n        do: ["trust += 1"]\n', 1)
    errors = _errors(make_scenario, scenario, scenes)
    assert any(e.startswith("scenes.yaml:") and "'trust' is string" in e for e in errors), errors
    declared = [e for e in errors if e.startswith("scenario.yaml:5:3:")]
    assert declared and "starts as string but is used as integer" in declared[0], errors
    assert "declare it without quotes: trust: 0" in declared[0]


@pytest.mark.parametrize(
    "condition, fragment",
    [
        ("chance(101)", "percentage from 0 to 100"),
        ('chance("a")', "percentage from 0 to 100"),
        ('visits("zz") > 1', "names no scene 'zz'"),
        ('visits("a")', "must be true or false"),
    ],
)
def test_the_new_functions_are_checked_at_load(make_scenario, condition, fragment):
    scenes = SCENES_OK.replace("goto: b\n", f"goto: b\n        if: '{condition}'\n", 1)
    errors = _errors(make_scenario, SCENARIO, scenes)
    assert any(fragment in e for e in errors), errors


# ------------------------------------------------------------------ chance() and visits()

LUCK = """\
scenes:
  - id: a
    title: "A"
    text: "Roll."
    choices:
      - text: "Lucky"
        goto: win
        if: "chance(50)"
      - text: "Again"
        goto: a
        if: 'visits("a") < 3'
      - text: "Give up"
        goto: lose
        if: 'visits("a") >= 3 and chance(10)'
  - id: win
    title: "W"
    text: "Won."
    ending: true
  - id: lose
    title: "L"
    text: "Lost."
    ending: true
"""


@pytest.fixture
def luck(make_scenario):
    scenario, diags = load_scenario(make_scenario({"scenario.yaml": SCENARIO, "scenes.yaml": LUCK}))
    assert not diags.errors, diags.errors
    return scenario


def test_chance_is_the_same_throughout_a_step_and_after_loading_a_save(luck):
    for seed in range(20):
        game = Game.new(luck, seed=seed)
        first = [o.number for o in game.available()]
        assert [o.number for o in game.available()] == first  # asking again does not draw again
        again = Game.from_dict(luck, json.loads(json.dumps(game.to_dict())))
        assert [o.number for o in again.available()] == first


def test_chance_differs_between_games_and_holds_about_as_often_as_it_says(luck):
    lucky = sum(any(o.number == 1 for o in Game.new(luck, seed=s).available()) for s in range(400))
    assert 140 < lucky < 260


def test_randomtest_plays_both_outcomes_of_chance(luck):
    report = random_playthroughs(luck, 200, seed=3)
    assert report.ending_counts.get("win", 0) > 0 and report.ending_counts.get("lose", 0) > 0
    assert report.stuck  # a fourth visit where neither chance() holds leaves the player stuck


def test_explore_treats_chance_as_both_outcomes(luck):
    report = explore(luck)
    assert report.endings_reached == {"win", "lose"}
    assert ("a", 1) in report.choices_taken and ("a", 3) in report.choices_taken
    assert "a" in report.stuck  # every chance() false on the third visit: nothing on offer


def test_visits_count_every_entry(luck):
    game = Game.new(luck, seed=0)
    while any(o.number == 2 for o in game.available()):
        game.choose(2)
    assert game.state.visits["a"] == 3 and game.path == ["a", "a", "a"]


# ------------------------------------------------------------------ tags


def test_tags_reach_the_model_the_graph_and_randomtest(make_scenario, run_briefing):
    folder = make_scenario({"scenario.yaml": SCENARIO, "scenes.yaml": SCENES})
    scenario, _ = load_scenario(folder)
    assert scenario.scenes["a"].tags == ("opening",) and scenario.scenes["a"].choices[0].tags == ("loop",)
    data = graph_data(scenario, "loop")
    assert [e["highlight"] for e in data["edges"]] == [True, False]
    only = graph_data(scenario, "opening", only=True)
    assert [n["id"] for n in only["nodes"]] == ["a"]
    r = run_briefing("graph", folder, "--tag", "loop", "--format", "dot")
    assert r.returncode == 0 and 'color="#b58900"' in r.stdout
    r = run_briefing("randomtest", folder, "-n", "20")
    assert "coverage by tag" in r.stdout and "loop" in r.stdout
    r = run_briefing("graph", folder, "--only")
    assert r.returncode == 2


def test_a_tag_must_be_written_like_an_id(make_scenario):
    errors = _errors(make_scenario, SCENARIO, SCENES.replace("tags: [loop]", 'tags: ["two words"]'))
    assert any("'two words' is not a valid tag" in e and "[B104]" in e for e in errors), errors


def test_a_recorded_game_with_chance_replays_clean(luck, tmp_path):
    from briefing.authoring.replay import read_recording, replay, write_recording

    for seed in range(30):
        game = Game.new(luck, seed=seed)
        while not game.ended and game.available():
            game.choose(game.available()[-1].number)
        write_recording(game, tmp_path / "r.json")
        diags = replay(read_recording(tmp_path / "r.json"), luck, "r.json")
        assert not diags.errors, (seed, [d.format() for d in diags.errors])


def test_only_a_scenario_that_calls_chance_draws_a_seed_per_game(luck, make_scenario):
    plain, _ = load_scenario(make_scenario({"scenario.yaml": SCENARIO, "scenes.yaml": SCENES_OK}, "plain"))
    assert {Game.new(plain).state.seed for _ in range(3)} == {0}  # its saves stay the same
    assert len({Game.new(luck).state.seed for _ in range(3)}) > 1
