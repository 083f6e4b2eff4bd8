"""The loader refuses every hostile or broken file with a located one-line message, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefing.authoring.lint import lint
from briefing.core.diagnostics import Diagnostics
from briefing.core.loader import load_scenario
from tests.conftest import SCENARIO_YAML, SCENES_OK


def check(root: Path, with_lint: bool = False) -> tuple[object, list[str]]:
    scenario, diags = load_scenario(str(root))
    if with_lint and scenario is not None and not diags.errors:
        lint(scenario, diags)
    return scenario, [d.format() for d in diags.sorted()]


def only(lines: list[str], code: str) -> list[str]:
    return [ln for ln in lines if ln.endswith(f"[{code}]")]


def test_a_clean_scenario_loads_with_no_diagnostics(make_scenario):
    scenario, lines = check(make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": SCENES_OK}))
    assert lines == []
    assert list(scenario.scenes) == ["a", "b"]
    assert scenario.state == {"trust": 2, "warned": False, "lean": "open"}


def test_yaml_syntax_error_is_located(make_scenario):
    root = make_scenario(
        {"scenario.yaml": SCENARIO_YAML, "scenes.yaml": "scenes:\n  - id: a\n    title: [unclosed\n"}
    )
    _, lines = check(root)
    errs = only(lines, "B001")
    assert len(errs) == 1
    assert errs[0].startswith(f"{root}/scenes.yaml:3:12: error: a list or mapping opened here is not closed")


def test_tab_indentation_is_refused_with_a_hint(make_scenario):
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": "scenes:\n\t- id: a\n"})
    _, lines = check(root)
    assert only(lines, "B011") == [
        f"{root}/scenes.yaml:2:1: error: tab character in indentation (indent with spaces, not tabs) [B011]"
    ]


def test_bytes_that_are_not_utf8(make_scenario):
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": b"scenes:\n  - id: \xff\xfe\n"})
    _, lines = check(root)
    assert only(lines, "B002") == [
        f"{root}/scenes.yaml:2:9: error: bytes that are not UTF-8 (0xff) (save the file as UTF-8) [B002]"
    ]


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_files(make_scenario, content):
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": SCENES_OK, "empty.yaml": content})
    _, lines = check(root)
    assert only(lines, "B003") == [f"{root}/empty.yaml:1:1: error: file is empty [B003]"]


def test_duplicate_keys(make_scenario):
    root = make_scenario({"scenario.yaml": SCENARIO_YAML + 'title: "Again"\n', "scenes.yaml": SCENES_OK})
    _, lines = check(root)
    assert only(lines, "B004") == [
        f"{root}/scenario.yaml:8:1: error: duplicate key 'title' (first defined at line 2) [B004]"
    ]


def test_unknown_key_with_did_you_mean(make_scenario):
    scenes = SCENES_OK.replace("        goto: b", "        gotoo: b")
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes})
    _, lines = check(root)
    assert (
        f"{root}/scenes.yaml:8:9: error: unknown key 'gotoo' in choice 1 of scene 'a' "
        "(did you mean 'goto'?) [B101]" in lines
    )
    assert any("is missing 'goto'" in ln and "[B103]" in ln for ln in lines)


def test_wrong_types(make_scenario):
    scenes = SCENES_OK.replace('title: "A"', "title: 1984").replace('text: "End."', "text: [a, b]")
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes})
    _, lines = check(root)
    assert (
        f"{root}/scenes.yaml:3:12: error: 'title' in scene 'a' must be text, not a number (quote it: '1984') "
        "[B102]" in lines
    )
    assert f"{root}/scenes.yaml:12:11: error: 'text' in scene 'b' must be text, not a list [B102]" in lines


def test_missing_required_fields(make_scenario):
    root = make_scenario({"scenario.yaml": "id: t\ntitle: T\nstate: {}\n", "scenes.yaml": SCENES_OK})
    _, lines = check(root)
    assert f"{root}/scenario.yaml:1:1: error: scenario.yaml is missing 'start' [B103]" in lines


def test_duplicate_scene_ids_across_files(make_scenario):
    other = "scenes:\n  - id: b\n    title: B again\n    text: x\n    ending: true\n"
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": SCENES_OK, "more/other.yaml": other})
    _, lines = check(root)
    assert only(lines, "B105") == [
        f"{root}/scenes.yaml:9:9: error: duplicate scene id 'b' "
        f"(first defined at {root}/more/other.yaml:2:5) [B105]"
    ]


def test_goto_and_start_naming_no_scene(make_scenario):
    scenes = SCENES_OK.replace("goto: b", "goto: bb")
    root = make_scenario(
        {"scenario.yaml": SCENARIO_YAML.replace("start: a", "start: nowhere"), "scenes.yaml": scenes}
    )
    _, lines = check(root)
    assert only(lines, "B106") == [
        f"{root}/scenario.yaml:3:8: error: start scene 'nowhere' does not exist [B106]",
        f"{root}/scenes.yaml:8:15: error: 'goto' in choice 1 of scene 'a' names no scene 'bb' "
        "(did you mean 'b'?) [B106]",
    ]


def test_a_scene_with_neither_ending_nor_choice(make_scenario):
    scenes = SCENES_OK.replace("    ending: true\n", "")
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes})
    _, lines = check(root)
    assert only(lines, "B107") == [
        f"{root}/scenes.yaml:9:5: error: scene 'b' is not an ending and offers no "
        "choice (add 'choices:' or mark it 'ending: true') [B107]"
    ]


@pytest.mark.parametrize(
    "cond, code, message",
    [
        ("trust >=", "B201", "expression ends too soon"),
        ("trust && warned", "B201", "unexpected character '&' (use 'and')"),
        ("trusty > 1", "B202", "unknown variable 'trusty' (did you mean 'trust'?)"),
        ("trust + warned > 1", "B203", "'+' needs integer values, not boolean"),
        ("lean == 3", "B203", "cannot compare string with integer using '=='"),
        ("trust", "B203", "a condition must be true or false, but this is integer"),
        ('visited("nowhere")', "B204", "visited() names no scene 'nowhere'"),
    ],
)
def test_bad_conditions_are_located(make_scenario, cond, code, message):
    scenes = SCENES_OK.replace("        goto: b\n", f"        goto: b\n        if: '{cond}'\n")
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes})
    _, lines = check(root)
    errs = only(lines, code)
    assert len(errs) == 1, lines
    assert errs[0].startswith(f"{root}/scenes.yaml:9:")
    assert message in errs[0]


@pytest.mark.parametrize(
    "effect, message",
    [
        ("warned += 1", "'+=' needs an integer variable, but 'warned' is boolean"),
        ('trust = "high"', "'trust' is integer but the value is string"),
        ("nobody = 1", "unknown variable 'nobody'"),
        ("trust == 1", "an effect must look like"),
    ],
)
def test_bad_effects(make_scenario, effect, message):
    scenes = SCENES_OK.replace("        goto: b\n", f"        goto: b\n        do: ['{effect}']\n")
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes})
    _, lines = check(root)
    assert any(message in ln and f"{root}/scenes.yaml:9:" in ln for ln in lines), lines


def test_python_tags_are_refused_and_never_run(make_scenario, tmp_path):
    marker = tmp_path / "pwned"
    evil = f"scenes:\n  - id: !!python/object/apply:os.system ['touch {marker}']\n    title: x\n"
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": SCENES_OK, "evil.yaml": evil})
    _, lines = check(root)
    assert any(
        ln.startswith(
            f"{root}/evil.yaml:2:9: error: YAML tag '!!python/object/apply:os.system' is not allowed"
        )
        for ln in lines
    ), lines
    assert not marker.exists()


def test_local_tags_are_refused(make_scenario):
    root = make_scenario(
        {"scenario.yaml": SCENARIO_YAML, "scenes.yaml": SCENES_OK, "x.yaml": "facts:\n  - !fact {id: a}\n"}
    )
    _, lines = check(root)
    assert any("[B005]" in ln and "x.yaml:2:5" in ln for ln in lines), lines


def test_alias_expansion_bomb_is_refused_quickly(make_scenario):
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    root = make_scenario(
        {"scenario.yaml": SCENARIO_YAML, "scenes.yaml": SCENES_OK, "bomb.yaml": "\n".join(bomb) + "\n"}
    )
    t = time.perf_counter()
    _, lines = check(root)
    assert time.perf_counter() - t < 5
    assert any(
        "[B006]" in ln and "anchors and aliases are not allowed" in ln and "bomb.yaml:2:" in ln
        for ln in lines
    )


def test_merge_keys_are_refused(make_scenario):
    root = make_scenario(
        {
            "scenario.yaml": SCENARIO_YAML,
            "scenes.yaml": SCENES_OK,
            "m.yaml": "x: &x {a: 1}\nfacts:\n  <<: *x\n",
        }
    )
    _, lines = check(root)
    assert any("[B006]" in ln for ln in lines)


@pytest.mark.parametrize(
    "deep", ["[" * 200 + "]" * 200, "[" * 5000 + "]" * 5000, "\n  " + "- " * 300 + "x\n"]
)
def test_absurd_nesting_is_refused(make_scenario, deep):
    root = make_scenario(
        {"scenario.yaml": SCENARIO_YAML, "scenes.yaml": SCENES_OK, "deep.yaml": "facts: " + deep}
    )
    _, lines = check(root)
    assert any("[B007]" in ln and "deep.yaml" in ln for ln in lines), lines[:3]


def test_terminal_control_characters_are_refused(make_scenario):
    scenes = SCENES_OK.replace('text: "Start."', 'text: "Start.\\e[2J\\e]0;pwned\\a"')
    root = make_scenario(
        {
            "scenario.yaml": SCENARIO_YAML,
            "scenes.yaml": scenes,
            "raw.yaml": 'facts:\n  - id: f\n    text: "a\x1b[31mred"\n',
        }
    )
    _, lines = check(root)
    assert (
        f"{root}/scenes.yaml:5:12: error: text contains the control character U+001B "
        "(terminal control characters are not allowed in text) [B009]" in lines
    )
    assert any(
        ln.startswith(f"{root}/raw.yaml:3:13: error: the file contains the control character U+001B")
        for ln in lines
    )


def test_absurdly_long_text_is_refused(make_scenario):
    scenes = SCENES_OK.replace('text: "Start."', "text: " + "word " * 5000)
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes})
    _, lines = check(root)
    assert any("[B010]" in ln and "scenes.yaml:5:11" in ln and "24,999 characters" in ln for ln in lines), (
        lines
    )


def test_absurdly_large_file_is_refused(make_scenario):
    big = "facts: []\n# " + "x" * (11 * 1024 * 1024) + "\n"
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": SCENES_OK, "big.yaml": big})
    _, lines = check(root)
    assert any("[B008]" in ln and "big.yaml" in ln for ln in lines)


def test_yaml_11_implicit_types_do_not_change_what_was_written(make_scenario):
    scenes = """\
    scenes:
      - id: no
        title: yes
        dateline: 2022-01-02
        text: 1:20
        choices:
          - text: off
            goto: on
      - id: on
        title: 0x1F
        text: 1_000
        ending: true
    """
    root = make_scenario(
        {"scenario.yaml": SCENARIO_YAML.replace("start: a", "start: no"), "scenes.yaml": scenes}
    )
    scenario, lines = check(root)
    assert lines == []
    assert list(scenario.scenes) == ["no", "on"]
    no = scenario.scenes["no"]
    assert (no.title, no.dateline, no.text, no.choices[0].text) == ("yes", "2022-01-02", "1:20", "off")
    assert (scenario.scenes["on"].title, scenario.scenes["on"].text) == ("0x1F", "1_000")


def test_unreachable_scene_is_a_warning_at_its_file_and_line(make_scenario):
    scenes = (
        SCENES_OK + "  - id: lost\n    title: L\n    text: x\n    choices:\n      - {text: go, goto: b}\n"
    )
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes})
    _, lines = check(root, with_lint=True)
    b301 = only(lines, "B301")
    assert len(b301) == 1
    assert b301[0].startswith(f"{root}/scenes.yaml:14:5: warning: scene 'lost' cannot be reached")


def test_every_problem_is_reported_at_once(make_scenario):
    scenes = SCENES_OK.replace("goto: b", "goto: nowhere").replace('title: "A"', "titel: A")
    root = make_scenario(
        {
            "scenario.yaml": SCENARIO_YAML + "extra: 1\n",
            "scenes.yaml": scenes,
            "broken.yaml": "facts: [\n",
            "empty.yaml": "",
        }
    )
    _, lines = check(root)
    codes = {ln.rsplit("[", 1)[1].rstrip("]") for ln in lines}
    assert {"B101", "B103", "B106", "B001", "B003"} <= codes


def test_missing_scenario_yaml(tmp_path):
    (tmp_path / "x.yaml").write_text("facts: []\n")
    scenario, diags = load_scenario(str(tmp_path))
    assert scenario is None
    assert [d.format() for d in diags] == [
        f"{tmp_path}/scenario.yaml: error: no scenario.yaml in this folder [B110]"
    ]


def test_ids_must_be_slugs_and_strings(make_scenario):
    scenes = SCENES_OK.replace("id: b", "id: 'b c'").replace("goto: b", "goto: 'b c'")
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes})
    _, lines = check(root)
    assert any("'b c' is not a valid id" in ln and "[B104]" in ln for ln in lines)


def test_state_values_must_be_int_bool_or_text(make_scenario):
    root = make_scenario(
        {"scenario.yaml": SCENARIO_YAML + "  ratio: 0.5\n  gone:\n", "scenes.yaml": SCENES_OK}
    )
    _, lines = check(root)
    assert any(
        "variable 'ratio' must start as a whole number, true/false or text, not a decimal number" in ln
        for ln in lines
    )
    assert any("variable 'gone'" in ln and "not nothing" in ln for ln in lines)


def test_diagnostics_collect_and_sort():
    d = Diagnostics()
    d.warning("b.yaml", (2, 1), "B301", "w")
    d.error("a.yaml", (9, 3), "B101", "e", "hint")
    assert [x.format() for x in d.sorted()] == [
        "a.yaml:9:3: error: e (hint) [B101]",
        "b.yaml:2:1: warning: w [B301]",
    ]
    assert len(d.errors) == 1 and len(d.warnings) == 1
