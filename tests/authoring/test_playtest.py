"""randomtest and explore, through the installed command and the pure module."""

from __future__ import annotations

import pytest

from briefing.authoring.playtest import explore, random_playthroughs
from briefing.authoring.scaffold import scenario_files
from briefing.core.engine import Game

from .helpers import MINI, load, run, run_json, write

HEAD = """\
id: t
title: "T"
start: start
state:
  n: 0
  flag: false
"""

STUCK = """\
scenes:
  - id: start
    title: Start
    dateline: d
    text: t
    choices:
      - text: "To the end"
        goto: the-end
      - text: "To the trap"
        goto: trap
  - id: trap
    title: Trap
    dateline: d
    text: t
    choices:
      - text: "Only before the start"
        goto: the-end
        if: 'not visited("start")'
  - id: the-end
    title: End
    text: t
    ending: true
"""

LOOP = """\
scenes:
  - id: start
    title: Start
    dateline: d
    text: t
    choices:
      - text: "End"
        goto: the-end
      - text: "Loop"
        goto: loop-a
  - id: loop-a
    title: A
    dateline: d
    text: t
    choices:
      - text: "On"
        goto: loop-b
  - id: loop-b
    title: B
    dateline: d
    text: t
    choices:
      - text: "Back"
        goto: loop-a
  - id: the-end
    title: End
    text: t
    ending: true
"""

COUNTER = """\
scenes:
  - id: start
    title: Start
    dateline: d
    text: t
    choices:
      - text: "Count"
        goto: start
        do: ["n += 1"]
      - text: "End"
        goto: the-end
        if: "n >= 3"
      - text: "Never"
        goto: the-end
        if: "n < 0"
  - id: the-end
    title: End
    text: t
    ending: true
"""


@pytest.fixture
def folders(tmp_path):
    return {
        name: write(tmp_path / name, {"scenario.yaml": HEAD, "scenes.yaml": body})
        for name, body in (("stuck", STUCK), ("loop", LOOP), ("counter", COUNTER))
    }


def test_randomtest_clean_json():
    r, d = run_json("randomtest", MINI, "-n", "200", "--seed", "3", "--json")
    assert r.returncode == 0
    for key in (
        "playthroughs",
        "scenes_total",
        "scenes_visited",
        "endings_total",
        "endings_reached",
        "choices_total",
        "choices_taken",
        "stuck",
        "errors",
    ):
        assert key in d
    assert d["playthroughs"] == 200 and d["scenes_total"] == 5 and d["scenes_visited"] == 5
    assert d["endings_total"] == d["endings_reached"] == 2
    assert d["stuck"] == [] and d["errors"] == []
    assert sum(d["ending_counts"].values()) == 200
    never = {(c["scene"], c["choice"]) for c in d["choices_never_taken"]}
    assert never == {("wire", 3), ("briefed", 2)}
    assert all(c["path"].endswith("scenes.yaml") and c["line"] > 0 for c in d["choices_never_taken"])


def test_randomtest_is_deterministic():
    a = run("randomtest", MINI, "-n", "50", "--seed", "7", "--json").stdout
    b = run("randomtest", MINI, "-n", "50", "--seed", "7", "--json").stdout
    assert a == b


def test_randomtest_text_lists_unreached_at_file_and_line():
    r = run("randomtest", MINI, "-n", "100")
    assert r.returncode == 0, r.stderr
    assert "endings reached: 2/2" in r.stdout
    assert "choices taken: 4/6" in r.stdout
    assert "scenes.yaml:22:9: choice 3 of scene 'wire'" in r.stdout
    assert "longest 2, average 2.00" in r.stdout


def test_randomtest_reports_stuck(folders):
    r, d = run_json("randomtest", folders["stuck"], "-n", "50", "--json")
    assert r.returncode == 1
    assert [s["scene"] for s in d["stuck"]] == ["trap"]
    assert d["stuck"][0]["trail"] == [["start", 2]]
    text = run("randomtest", folders["stuck"], "-n", "50")
    assert text.returncode == 1
    assert "scenes.yaml:11:5: error: stuck in scene 'trap'" in text.stdout
    assert "start -2-> trap [B401]" in text.stdout


def test_randomtest_reports_no_ending(folders):
    r, d = run_json("randomtest", folders["loop"], "-n", "20", "--max-steps", "30", "--json")
    assert r.returncode == 1
    assert d["errors"] and d["errors"][0]["message"] == "no ending within 30 steps"
    assert d["stuck"] == []


def test_randomtest_usage_errors(folders):
    r = run("randomtest", folders["loop"], "-n", "0")
    assert r.returncode == 2 and r.stderr.startswith("briefing: error:") and "Traceback" not in r.stderr
    r = run("randomtest", "/nonexistent/folder")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


def test_randomtest_broken_scenario(tmp_path):
    folder = write(tmp_path / "bad", {"scenario.yaml": HEAD, "scenes.yaml": "scenes:\n  - id: start\n"})
    r = run("randomtest", folder, "-n", "5")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "[B103]" in r.stderr


def test_explore_clean_json():
    r, d = run_json("explore", MINI, "--json")
    assert r.returncode == 0
    assert d["complete"] and not d["bound_hit"]
    assert d["scenes_reached"] == d["scenes_total"] == 5
    assert d["endings_reached"] == 2
    assert {(c["scene"], c["choice"]) for c in d["choices_never_taken"]} == {("wire", 3), ("briefed", 2)}
    assert d["stuck"] == [] and d["no_ending"] == []


def test_explore_stuck_with_shortest_path(folders):
    r, d = run_json("explore", folders["stuck"], "--json")
    assert r.returncode == 1
    assert d["stuck"][0]["scene"] == "trap" and d["stuck"][0]["trail"] == [["start", 2]]
    text = run("explore", folders["stuck"])
    assert "error: stuck in scene 'trap'" in text.stdout and "[B401]" in text.stdout


def test_explore_finds_loops_without_ending(folders):
    r, d = run_json("explore", folders["loop"], "--json")
    assert r.returncode == 1
    assert {s["scene"] for s in d["no_ending"]} == {"loop-a", "loop-b"}
    assert d["no_ending"][0]["trail"] == [["start", 2]]


def test_explore_bound(folders):
    r, d = run_json("explore", folders["counter"], "--max-states", "4", "--json")
    assert d["bound_hit"] is True and d["states"] == 4
    assert r.returncode == 0
    assert {(c["scene"], c["choice"]) for c in d["choices_never_taken"]} == {("start", 3)}
    text = run("explore", folders["counter"], "--max-states", "4")
    assert "stopped at the bound of 4 states" in text.stdout


def _replay(scenario, trail, end):
    game = Game.new(scenario)
    for sid, n in trail:
        assert game.scene_id == sid
        assert n in [o.number for o in game.available()]
        game.choose(n)
    assert game.scene_id == end
    return game


@pytest.mark.parametrize("which", ["mini", "scaffold"])
def test_random_runs_follow_the_engine(tmp_path, which):
    folder = MINI if which == "mini" else write(tmp_path / "s", scenario_files("s", "s", "S"))
    scenario = load(folder)
    for seed in range(30):
        report = random_playthroughs(scenario, 1, seed)
        assert not report.failed
        (end,) = report.ending_counts
        _replay(scenario, report.longest_trail, end)


def test_explore_agrees_with_random(tmp_path):
    folder = write(tmp_path / "s", scenario_files("s", "s", "S"))
    scenario = load(folder)
    ex = explore(scenario)
    rnd = random_playthroughs(scenario, 300, 1)
    assert rnd.scenes_visited <= ex.scenes_reached
    assert rnd.choices_taken <= ex.choices_taken
    assert ex.scenes_reached == set(scenario.scenes)


def test_explore_ignores_variables_no_choice_reads(tmp_path):
    scenes = COUNTER.replace('if: "n >= 3"', 'if: "not flag"').replace('if: "n < 0"', "if: 'flag'")
    folder = write(tmp_path / "c", {"scenario.yaml": HEAD, "scenes.yaml": scenes})
    ex = explore(load(folder), 1000)
    assert not ex.bound_hit and ex.states == 2  # n only counts; it never changes what is offered
    assert ex.choices_taken == {("start", 1), ("start", 2)}


@pytest.mark.parametrize("which", ["mini", "scaffold", "stuck", "loop", "counter"])
def test_explore_paths_follow_the_engine(tmp_path, folders, which):
    if which == "mini":
        folder = MINI
    elif which == "scaffold":
        folder = write(tmp_path / "s", scenario_files("s", "s", "S"))
    else:
        folder = folders[which]
    scenario = load(folder)
    found = explore(scenario, 1000)
    assert set(found.trails) == found.scenes_reached
    for sid, trail in found.trails.items():
        _replay(scenario, trail, sid)
    for sid, (trail, _count) in found.stuck.items():
        assert _replay(scenario, trail, sid).stuck
    for sid, (trail, _count) in found.no_ending.items():
        _replay(scenario, trail, sid)


def test_a_value_growing_past_its_bound_ends_the_run_with_an_error(tmp_path):
    head = HEAD.replace("n: 0", "n: 1")
    scenes = COUNTER.replace('do: ["n += 1"]', 'do: ["n = n + n"]').replace('"n >= 3"', '"n < 0"')
    scenario = load(write(tmp_path / "d", {"scenario.yaml": head, "scenes.yaml": scenes}))
    report = random_playthroughs(scenario, 3, 0)
    assert len(report.errors) == 3 and report.stuck == {}
    assert all(e.scene == "start" and "'n'" in e.message for e in report.errors)
