"""Stuck scenes (B401) and runs with no ending (B402) as diagnostics, from the playtest reports."""

from __future__ import annotations

import pytest

from briefing.authoring.findings import explore_findings, random_findings
from briefing.authoring.playtest import (
    explore,
    explore_report_dict,
    random_playthroughs,
    random_report_dict,
)
from briefing.core.diagnostics import ERROR

from .helpers import MINI, load, run, run_json, write

HEAD = "id: t\ntitle: T\nstart: start\nstate: {}\n"


def scene(sid: str, *choices: str, ending: bool = False) -> str:
    text = f"  - id: {sid}\n    title: {sid}\n    dateline: d\n    text: t\n"
    if ending:
        return text + "    ending: true\n"
    return text + "    choices:\n" + "".join(choices)


def choice(goto: str, condition: str = "") -> str:
    return f"      - text: go\n        goto: {goto}\n" + (f"        if: '{condition}'\n" if condition else "")


# start (line 2) offers the end or a trap (line 11) whose only way out is never open
STUCK = "scenes:\n" + scene("start", choice("the-end"), choice("trap"))
STUCK += scene("trap", choice("the-end", 'not visited("start")')) + scene("the-end", ending=True)
# start offers the end or a loop of two scenes with no way out
LOOP = "scenes:\n" + scene("start", choice("the-end"), choice("loop-a"))
LOOP += scene("loop-a", choice("loop-b")) + scene("loop-b", choice("loop-a")) + scene("the-end", ending=True)


def test_a_clean_scenario_has_no_findings():
    scenario = load(MINI)
    assert random_findings(random_report_dict(scenario, random_playthroughs(scenario, 50, 1))) == []
    assert explore_findings(explore_report_dict(scenario, explore(scenario))) == []


def test_random_stuck_scene_is_b401_at_the_scene_with_its_replay_seed(tmp_path):
    scenario = load(write(tmp_path / "s", {"scenario.yaml": HEAD, "scenes.yaml": STUCK}))
    report = random_report_dict(scenario, random_playthroughs(scenario, 40, 5))
    (found,) = random_findings(report)
    stuck = report["stuck"][0]
    assert (found.path, found.line, found.severity, found.code) == (
        str(tmp_path / "s" / "scenes.yaml"),
        11,
        ERROR,
        "B401",
    )
    assert found.message == (
        f"stuck in scene 'trap': no choice is available ({stuck['count']} runs; replay one with "
        f"--seed {stuck['seed']} -n 1) after start -2-> trap"
    )


def test_random_run_without_ending_is_b402_with_its_last_choices(tmp_path):
    scenario = load(write(tmp_path / "s", {"scenario.yaml": HEAD, "scenes.yaml": LOOP}))
    report = random_report_dict(scenario, random_playthroughs(scenario, 10, 0, max_steps=4))
    found = random_findings(report)
    assert found and {d.code for d in found} == {"B402"}
    first = found[0]
    assert first.message.startswith(
        f"no ending within 4 steps (run {report['errors'][0]['run']}; replay with"
    )
    assert "last choices: start -2-> loop-a -1-> loop-b" in first.message


def test_explore_findings_give_a_shortest_path(tmp_path):
    stuck = load(write(tmp_path / "s", {"scenario.yaml": HEAD, "scenes.yaml": STUCK}))
    (found,) = explore_findings(explore_report_dict(stuck, explore(stuck)))
    assert found.format().endswith(
        ": error: stuck in scene 'trap': no choice is available (1 state); "
        "shortest path: start -2-> trap [B401]"
    )
    loop = load(write(tmp_path / "l", {"scenario.yaml": HEAD, "scenes.yaml": LOOP}))
    found = explore_findings(explore_report_dict(loop, explore(loop)))
    assert sorted((d.code, d.line) for d in found) == [("B402", 11), ("B402", 18)]
    assert "from scene 'loop-a' no ending can be reached (1 state); shortest path: start -2-> loop-a" in [
        d.message for d in found
    ]


@pytest.mark.parametrize("command", ["randomtest", "explore"])
def test_the_commands_print_and_list_them_as_check_does(tmp_path, command):
    root = write(tmp_path / "s", {"scenario.yaml": HEAD, "scenes.yaml": STUCK})
    runs = ("-n", "30") if command == "randomtest" else ()
    text = run(command, root, *runs)
    r, doc = run_json(command, root, *runs, "--format", "json")
    assert text.returncode == r.returncode == 1
    (diag,) = doc["diagnostics"]
    assert (diag["path"], diag["line"], diag["col"]) == (f"{root}/scenes.yaml", 11, 5)
    assert (diag["severity"], diag["code"]) == ("error", "B401")
    line = f"{diag['path']}:11:5: error: {diag['message']} [B401]"
    assert line in text.stdout.splitlines()
    assert line.endswith("start -2-> trap [B401]")
    assert text.stdout.splitlines()[-1].startswith("result: ")
