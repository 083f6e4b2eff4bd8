"""Hostile scenario folders: each is refused with located one-line errors and exit 1, never a traceback,
a hang or a memory blow-up."""

from __future__ import annotations

import os
import re

import pytest

from briefing.core.diagnostics import Suggester
from briefing.core.loader import load_scenario
from tests.conftest import SCENARIO_YAML, SCENES_OK

LINE = re.compile(r"^\S.*:\d+:\d+: error: .* \[B\d{3}\]$|^\S+: error: .* \[B\d{3}\]$")


def codes(root) -> list[str]:
    _, diags = load_scenario(root)
    return [d.code for d in diags.errors]


def refused(run_briefing, root) -> list[str]:
    """``briefing check`` on ``root``: exit 1, every error one located line, no traceback."""
    r = run_briefing("check", root, timeout=60)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    errors = [ln for ln in (r.stdout + r.stderr).splitlines() if ": error: " in ln]
    assert errors
    for ln in errors:
        assert LINE.match(ln), ln
        assert "\x1b" not in ln
    return errors


@pytest.mark.parametrize("title", [".nan", ".inf", "-.inf", ".NaN"])
def test_yaml_float_words_as_a_title(make_scenario, run_briefing, title):
    top = SCENARIO_YAML.replace('title: "Test"', f"title: {title}")
    root = make_scenario({"scenario.yaml": top, "scenes.yaml": SCENES_OK})
    assert codes(root) == ["B102"]
    [line] = refused(run_briefing, root)
    assert "scenario.yaml:2:8:" in line and "must be text" in line


@pytest.mark.parametrize("digits", [16, 4301, 50_000])
def test_huge_integers_anywhere(make_scenario, run_briefing, digits):
    top = SCENARIO_YAML.replace("trust: 2", "trust: " + "9" * digits)
    root = make_scenario({"scenario.yaml": top, "scenes.yaml": SCENES_OK})
    assert "B012" in codes(root)
    refused(run_briefing, root)


@pytest.mark.parametrize("cond", ["[x]", "{a: 1}", "[[x]]"])
def test_conditions_that_are_not_text(make_scenario, run_briefing, cond):
    scenes = SCENES_OK.replace("        goto: b\n", f"        goto: b\n        if: {cond}\n")
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes})
    assert codes(root) == ["B201"]
    [line] = refused(run_briefing, root)
    assert "scenes.yaml:9:13:" in line


def test_control_characters_in_keys_never_reach_the_terminal(make_scenario, run_briefing):
    top = SCENARIO_YAML + '"\\e]0;owned\\a\\e[2J": 1\n"ok\\u009b": 2\n'
    root = make_scenario({"scenario.yaml": top, "scenes.yaml": SCENES_OK})
    assert codes(root) == ["B009", "B009"]
    lines = refused(run_briefing, root)
    assert all("control character" in ln for ln in lines)


def test_an_alias_to_a_scalar_is_refused(make_scenario, run_briefing):
    top = SCENARIO_YAML + "subtitle: &t Sub\nintro: *t\n"
    root = make_scenario({"scenario.yaml": top, "scenes.yaml": SCENES_OK})
    assert codes(root) == ["B006"]
    [line] = refused(run_briefing, root)
    assert "scenario.yaml:8:11:" in line  # the anchored value: an alias shares its node


def test_links_to_devices_fifos_and_outside_files_are_not_read(make_scenario, run_briefing, tmp_path):
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": SCENES_OK})
    outside = tmp_path / "outside.yaml"
    outside.write_text(SCENES_OK.replace("id: a", "id: z").replace("id: b", "id: y"), encoding="utf-8")
    (root / "zero.yaml").symlink_to("/dev/zero")
    (root / "outside.yaml").symlink_to(outside)
    os.mkfifo(root / "pipe.yaml")
    (root / "inside.yaml").symlink_to(root / "scenes.yaml")  # a link within the folder is read
    assert codes(root).count("B008") == 3
    lines = refused(run_briefing, root)
    assert sorted(ln.split(": error:")[0].rsplit("/", 1)[1] for ln in lines if "B008" in ln) == [
        "outside.yaml",
        "pipe.yaml",
        "zero.yaml",
    ]


def test_an_unreadable_scenario_file_is_not_replaced_by_another(make_scenario, run_briefing):
    root = make_scenario({"scenes.yaml": SCENES_OK})
    (root / "scenario.yaml").symlink_to(root / "missing.yaml")
    assert codes(root) == ["B008"]
    [line] = refused(run_briefing, root)
    assert "scenario.yaml: error: cannot read" in line


def test_a_folder_named_scenario_yaml_is_refused(make_scenario, run_briefing):
    root = make_scenario({"scenes.yaml": SCENES_OK})
    (root / "scenario.yaml").mkdir()
    assert codes(root) == ["B008"]
    refused(run_briefing, root)


def test_many_missing_gotos_are_reported_with_bounded_hint_work(make_scenario):
    n = 1500
    scenes = "scenes:\n" + "".join(
        f"  - id: s{i:05d}\n    title: T\n    text: x\n    choices:\n      - text: go\n        goto: s{i + 1:05d}x\n"
        for i in range(n)
    )
    top = SCENARIO_YAML.replace("start: a", "start: s00000")
    root = make_scenario({"scenario.yaml": top, "scenes.yaml": scenes})
    _, diags = load_scenario(root)
    assert [d.code for d in diags.errors] == ["B106"] * n
    # a one-character slip is still found, by the index, once the comparison budget is spent
    assert [d.hint for d in diags.errors][:3] == [
        "did you mean 's00001'?",
        "did you mean 's00002'?",
        "did you mean 's00003'?",
    ]


def test_the_suggester_bounds_its_comparisons():
    options = [f"scene-{i:05d}" for i in range(3000)]
    hint = Suggester(options, budget=5000)
    for i in range(3000):
        hint(f"scene-{i:05d}q")
    assert hint.budget < len(options)  # spent: every further word went through the index
    assert hint("scene-00042q") == "did you mean 'scene-00042'?"
    assert hint("x" * 10_000) == ""
