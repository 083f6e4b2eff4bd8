"""explore merges states no condition can tell apart: the same findings as the full search, in fewer
states, by paths the game plays; and on the shipped scenario the search completes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.authoring.analysis import compared_with
from briefing.authoring.playtest import DEFAULT_MAX_STATES, ExploreReport, explore, random_playthroughs
from briefing.core.catalog import default_scenario
from briefing.core.engine import Game
from briefing.core.expr import Names, parse_condition
from briefing.core.loader import load_or_raise

from .helpers import load, write

HEAD = """\
id: t
title: "T"
start: step1
state:
  n: 0
  m: 10
  trust: 5
  alarm: 0
  flag: false
  mode: "none"
"""

ENDINGS = """\
  - {id: end-low, title: Low, text: t, ending: true}
  - {id: end-mid, title: Mid, text: t, ending: true}
  - {id: end-high, title: High, text: t, ending: true}
  - {id: end-rich, title: Rich, text: t, ending: true}
"""

# n only grows (or is set), compared with 2, 4, 5, 6 and 7 at the gate; m only falls, compared with 5;
# chose() and visited() are read early, flag and mode late: states at the gate differ in all of them
THRESHOLDS = (
    """\
scenes:
  - {id: step1, title: One, dateline: d, text: t, choices: [
      {text: "+1", goto: step2, do: ["n += 1"]},
      {text: "+2", goto: step2, do: ["n += 2", "mode = 'two'"]},
      {text: "+0", goto: step2, do: ["flag = true"]},
      {text: "Spend", goto: step2, do: ["m -= 3"]}]}
  - {id: step2, title: Two, dateline: d, text: t, do: ["n += 1"], choices: [
      {text: "+1", goto: step3, do: ["n = n + 1"]},
      {text: "+2", goto: step3, do: ["n += 2", "m -= 4"]},
      {text: "Set", goto: step3, do: ["n = 1"]},
      {text: "After spending", goto: step3, if: 'chose("step1", 4)', do: ["n += 3"]},
      {text: "After one", goto: step3, if: 'visited("step1") and n == 2'}]}
  - {id: step3, title: Three, dateline: d, text: t, choices: [
      {text: "+3", goto: gate, do: ["n += 3", "m -= 1"]},
      {text: "+1", goto: gate, do: ["n += 1"]},
      {text: "Only at 2", goto: gate, if: "n == 2", do: ["n += 5"]},
      {text: "Drop", goto: gate, do: ["n = 0"]}]}
  - {id: gate, title: Gate, dateline: d, text: t, choices: [
      {text: "Low", goto: end-low, if: "n < 2"},
      {text: "Mid", goto: end-mid, if: "n >= 2 and n <= 4"},
      {text: "High", goto: end-high, if: "n > 5 and n != 7 and not flag"},
      {text: "Rich", goto: end-rich, if: "m >= 5 and n == 6 and mode != 'two'"}]}
"""
    + ENDINGS
)

# trust and alarm move both ways, round a loop (bounded by conditions) and after it; the late scene
# sticks for some values and loops forever for others
UPDOWN = (
    """\
scenes:
  - {id: step1, title: Start, dateline: d, text: t, choices: [
      {text: "Praise", goto: middle, do: ["trust += 1"]},
      {text: "Blame", goto: middle, do: ["trust -= 2", "alarm += 1"]},
      {text: "Wait", goto: middle, do: ["alarm -= 1"]}]}
  - {id: middle, title: Middle, dateline: d, text: t, choices: [
      {text: "Again", goto: step1, if: "alarm < 2 and alarm > -2 and trust < 8 and trust > 0"},
      {text: "Push", goto: late, do: ["trust -= 1"]},
      {text: "Hold", goto: late},
      {text: "Calm", goto: late, do: ["alarm = 0", "trust += 2"]}]}
  - {id: late, title: Late, dateline: d, text: t, do: ["alarm += 1"], choices: [
      {text: "Trusted", goto: end-high, if: "trust >= 6"},
      {text: "Doubted", goto: end-low, if: "trust <= 2 and alarm != 3"},
      {text: "Middling", goto: end-mid, if: "trust >= 3 and trust <= 5 and alarm >= 2"},
      {text: "Wander", goto: wander, if: "alarm <= -1"}]}
  - {id: wander, title: Wander, dateline: d, text: t, choices: [
      {text: "On", goto: wander2, do: ["trust -= 1"]}]}
  - {id: wander2, title: Wander on, dateline: d, text: t, choices: [
      {text: "Back", goto: wander, do: ["trust += 1"]},
      {text: "Out", goto: end-rich, if: "trust >= 9"}]}
"""
    + ENDINGS
)

# n only grows, round a loop: the full search never ends, the merged one does
GROWING = (
    """\
scenes:
  - {id: step1, title: Start, dateline: d, text: t, choices: [
      {text: "Count", goto: step1, do: ["n += 1"]},
      {text: "Leap", goto: step1, do: ["n += 3"]},
      {text: "Two", goto: gate, if: "n >= 2 and n < 5"},
      {text: "Eight", goto: gate, if: "n > 7"}]}
  - {id: gate, title: Gate, dateline: d, text: t, choices: [
      {text: "Back", goto: step1, if: "n != 9"},
      {text: "Out", goto: end-low, if: "n <= 8"}]}
"""
    + ENDINGS
)


@pytest.mark.parametrize(
    ("src", "constants"),
    [
        ("n >= 3 and (2 < n or n != -1)", {3, 2, -1}),
        ("n == 1 + 2 or flag", {3}),
        ("flag", set()),
        ("n + 1 >= 3", None),  # arithmetic on n
        ("n >= k", None),  # compared with another variable
        ("n >= 3 and n == k", None),
    ],
)
def test_the_constants_a_condition_compares_a_variable_with(src, constants):
    names = Names({"n": "int", "k": "int", "flag": "bool"})
    found = compared_with(parse_condition(src, names), "n")
    assert found == (None if constants is None else frozenset(constants))


def same_findings(merged: ExploreReport, full: ExploreReport) -> None:
    assert not merged.bound_hit and not full.bound_hit
    assert merged.scenes_reached == full.scenes_reached
    assert merged.endings_reached == full.endings_reached
    assert merged.choices_taken == full.choices_taken
    assert merged.facts_revealed == full.facts_revealed
    assert set(merged.stuck) == set(full.stuck)
    assert set(merged.no_ending) == set(full.no_ending)
    assert set(merged.limits) == set(full.limits)
    assert merged.states <= full.states


def replays(scenario, found: ExploreReport) -> None:
    """Every path the search reports plays, choice by choice, in the game."""

    def play(trail, end):
        game = Game.new(scenario)
        for sid, n in trail:
            assert game.scene_id == sid, trail
            assert n in [o.number for o in game.available()], trail
            game.choose(n)
        assert game.scene_id == end, trail
        return game

    for sid, trail in found.trails.items():
        play(trail, sid)
    for sid, (trail, _count) in found.stuck.items():
        assert play(trail, sid).stuck
    for sid, (trail, _count) in found.no_ending.items():
        play(trail, sid)


@pytest.mark.parametrize("scenes", [THRESHOLDS, UPDOWN], ids=["thresholds", "up-and-down"])
def test_merged_search_finds_what_the_full_search_finds(tmp_path, scenes):
    scenario = load(write(tmp_path / "s", {"scenario.yaml": HEAD, "scenes.yaml": scenes}))
    merged, full = explore(scenario), explore(scenario, merge=False)
    same_findings(merged, full)
    assert merged.states < full.states
    replays(scenario, merged)


def test_thresholds_findings(tmp_path):
    scenario = load(write(tmp_path / "s", {"scenario.yaml": HEAD, "scenes.yaml": THRESHOLDS}))
    found = explore(scenario)
    assert found.endings_reached == {"end-low", "end-mid", "end-high", "end-rich"}
    assert set(found.stuck) == {"gate"}  # n == 5, or n == 7, or n > 5 after +0
    assert ("step2", 5) in found.choices_taken and ("step3", 3) in found.choices_taken


def test_up_and_down_findings(tmp_path):
    scenario = load(write(tmp_path / "s", {"scenario.yaml": HEAD, "scenes.yaml": UPDOWN}))
    found = explore(scenario)
    assert set(found.stuck) == {"late"}  # trust <= 2 with alarm == 3 never happens; other gaps do
    # alarm <= -1 leaves only the wander, where trust never gets to 9
    assert set(found.no_ending) == {"late", "wander", "wander2"}
    assert "end-rich" not in found.endings_reached


def test_a_counter_that_only_grows_round_a_loop_is_searched_to_the_end(tmp_path):
    scenario = load(write(tmp_path / "s", {"scenario.yaml": HEAD, "scenes.yaml": GROWING}))
    full = explore(scenario, 2_000, merge=False)
    assert full.bound_hit  # n takes every value
    merged = explore(scenario, 2_000)
    assert not merged.bound_hit and merged.states < 30
    assert merged.scenes_reached >= full.scenes_reached and merged.choices_taken >= full.choices_taken
    assert set(merged.stuck) == {"gate"} and merged.stuck["gate"][0][-1] == ("step1", 4)  # at n == 9
    assert set(merged.no_ending) == {"step1", "gate"}  # once n is past 9 nothing ends
    replays(scenario, merged)


@pytest.mark.parametrize("effect", ["n += 100000000000000", "n = n + n"])
def test_values_that_can_pass_the_limits_are_not_merged(tmp_path, effect):
    # n is only compared with 5, but it would pass the largest integer allowed: the merged search
    # keeps it exact, and reports the same limit (B205) as the full search
    scenes = """\
scenes:
  - {id: step1, title: Start, dateline: d, text: t, choices: [
      {text: "Grow", goto: step1, do: ["EFFECT"]},
      {text: "Out", goto: end-low, if: "n >= 5"}]}
""".replace("EFFECT", effect)
    head = HEAD.replace("n: 0", "n: 1")
    scenario = load(write(tmp_path / "s", {"scenario.yaml": head, "scenes.yaml": scenes + ENDINGS}))
    merged, full = explore(scenario, 5_000), explore(scenario, 5_000, merge=False)
    same_findings(merged, full)
    assert set(merged.limits) == {("step1", 1)}
    assert merged.limits[("step1", 1)] == full.limits[("step1", 1)]


# ---------------------------------------------------------------- generated scenarios

FUZZ = bool(os.environ.get("BRIEFING_FUZZ"))
SETTINGS = settings(
    max_examples=3000 if FUZZ else 100,
    deadline=None,  # no wall-clock bound: the work is bounded instead
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=not FUZZ,
)
SCENES = ["a", "b", "c", "d", "e"]
ATOMS = [
    *(f"n {op} {k}" for op in ("<", "<=", "==", "!=", ">=", ">") for k in (-1, 0, 2, 3)),
    "2 < n",
    "k >= 1",
    "k <= -1",
    "n - k >= 1",  # arithmetic: n and k stay exact
    "flag",
    "mode == 'x'",
    *(f'visited("{s}")' for s in SCENES),
    *(f'chose("{s}", 1)' for s in SCENES),
]
EFFECTS = ["n += 1", "n -= 1", "n += 2", "n = 0", "n = 3", "n = n - 2", "k += 1", "k -= 1", "k = 0"]
EFFECTS += ["flag = true", "flag = not flag", "mode = 'x'", "mode = 'y'", "shown += 1"]
EFFECTS += ["n = k", "flag = n > 2"]  # a value read by an effect on another variable stays exact


@st.composite
def conditions(draw, depth: int = 0) -> str:
    if depth >= 2 or not draw(st.booleans()):
        return draw(st.sampled_from(ATOMS))
    op = draw(st.sampled_from(["and", "or", "not"]))
    if op == "not":
        return f"not ({draw(conditions(depth + 1))})"
    return f"({draw(conditions(depth + 1))}) {op} ({draw(conditions(depth + 1))})"


@st.composite
def generated(draw) -> dict[str, str]:
    # (Hypothesis starts from the smallest draws, 0 and False: let those make the commoner scenario)
    scenes: list[dict[str, object]] = []
    for i, sid in enumerate(SCENES):
        later = [*SCENES[i + 1 :], "end-a", "end-b"]  # mostly onward, as a story goes; sometimes back
        choices = []
        for _ in range(draw(st.integers(1, 3))):
            goto = draw(st.sampled_from(SCENES if draw(st.integers(0, 3)) == 3 else later))
            choice: dict[str, object] = {"text": "Go", "goto": goto}
            if draw(st.integers(0, 2)) < 2:
                choice["if"] = draw(conditions())
            if draw(st.integers(0, 2)) < 2:
                choice["do"] = draw(st.lists(st.sampled_from(EFFECTS), min_size=1, max_size=2))
            choices.append(choice)
        scene: dict[str, object] = {"id": sid, "title": sid, "dateline": "d", "text": "t", "choices": choices}
        if draw(st.integers(0, 2)) == 0:
            scene["do"] = [draw(st.sampled_from(EFFECTS))]
        scenes.append(scene)
    scenes += [{"id": e, "title": e, "text": "t", "ending": True} for e in ("end-a", "end-b")]
    state = {"n": draw(st.integers(-2, 3)), "k": 0, "flag": False, "mode": "", "shown": 0}
    head = {"id": "g", "title": "G", "start": "a", "state": state}
    return {"scenario.yaml": yaml.safe_dump(head), "scenes.yaml": yaml.safe_dump({"scenes": scenes})}


@SETTINGS
@given(generated())
def test_on_generated_scenarios_the_merged_search_agrees_with_the_full_one(files):
    with tempfile.TemporaryDirectory() as tmp:
        scenario = load(write(Path(tmp) / "g", files))
        full = explore(scenario, 3_000, merge=False)
        merged = explore(scenario, 3_000)
        if not full.bound_hit:
            same_findings(merged, full)
        elif not merged.bound_hit:  # the full search stopped early: what it found, the merged one found
            assert full.scenes_reached <= merged.scenes_reached
            assert full.choices_taken <= merged.choices_taken
            assert set(full.stuck) <= set(merged.stuck)
        replays(scenario, merged)


# ---------------------------------------------------------------- the shipped scenario


def test_the_shipped_scenario_is_searched_to_the_end():
    scenario = load_or_raise(default_scenario())
    found = explore(scenario)
    assert not found.bound_hit and found.states < DEFAULT_MAX_STATES // 4
    assert found.stuck == {} and found.no_ending == {} and found.limits == {}
    rnd = random_playthroughs(scenario, 200, 0)
    assert rnd.scenes_visited <= found.scenes_reached == set(scenario.scenes)
    assert rnd.choices_taken <= found.choices_taken
    assert found.endings_reached == {e.id for e in scenario.endings}
