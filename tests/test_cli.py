"""The installed ``briefing`` command, run as a user runs it."""

from __future__ import annotations

import json

import pytest

from tests.conftest import MINI, SCENARIO_YAML, SCENES_OK


def test_version(run_briefing):
    r = run_briefing("--version")
    assert r.returncode == 0 and r.stdout.startswith("briefing ")


@pytest.mark.parametrize(
    "command", ["play", "check", "randomtest", "explore", "graph", "schema", "new", "report", "serve"]
)
def test_every_command_has_help(run_briefing, command):
    r = run_briefing(command, "--help")
    assert r.returncode == 0
    assert r.stdout.startswith("usage: briefing " + command)


def test_usage_errors_exit_2(run_briefing):
    r = run_briefing("check", "--no-such-flag")
    assert r.returncode == 2 and "unrecognized arguments" in r.stderr
    r = run_briefing("check", "/no/such/folder")
    assert r.returncode == 2 and r.stderr == "briefing: error: no scenario folder '/no/such/folder'\n"


def test_check_a_clean_scenario(run_briefing):
    r = run_briefing("check", MINI)
    assert r.returncode == 0, r.stdout
    assert r.stdout.splitlines()[-1] == "checked 1 scenario, 'mini' (5 scenes, 2 facts): 0 errors, 0 warnings"


def test_check_prints_every_problem_then_a_summary(run_briefing, make_scenario):
    root = make_scenario(
        {
            "scenario.yaml": SCENARIO_YAML,
            "scenes.yaml": SCENES_OK.replace("goto: b", "goto: c"),
            "bad.yaml": "facts:\n  - id: f\n    kind: rumour\n    text: t\n    source: s\n",
        }
    )
    r = run_briefing("check", root)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert (
        f"{root}/scenes.yaml:8:15: error: 'goto' in choice 1 of scene 'a' names no scene 'c' [B106]" in lines
    )
    assert any(ln.startswith(f"{root}/bad.yaml:3:11: error: unknown fact kind 'rumour'") for ln in lines)
    assert lines[-1] == "checked 1 scenario, 't' (2 scenes, 0 facts): 2 errors, 0 warnings"
    assert "Traceback" not in r.stdout + r.stderr


def test_check_strict_turns_warnings_into_errors(run_briefing, make_scenario):
    scenes = (
        SCENES_OK + "  - id: lost\n    title: L\n    text: x\n    choices:\n      - {text: go, goto: b}\n"
    )
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes})
    loose = run_briefing("check", root, "--select", "B301")
    assert loose.returncode == 0 and f"{root}/scenes.yaml:14:5: warning:" in loose.stdout
    strict = run_briefing("check", root, "--strict", "--select", "B301")
    assert strict.returncode == 1 and f"{root}/scenes.yaml:14:5: error:" in strict.stdout


def test_check_json_format(run_briefing):
    r = run_briefing("check", MINI, "--format", "json")
    doc = json.loads(r.stdout)
    assert (doc["errors"], doc["scenes"], doc["facts"]) == (0, 5, 2)


def test_check_a_folder_of_scenarios(run_briefing, tmp_path):
    import shutil

    shutil.copytree(MINI, tmp_path / "many" / "one")
    shutil.copytree(MINI, tmp_path / "many" / "two")
    r = run_briefing("check", tmp_path / "many")
    assert r.returncode == 0 and "checked 2 scenarios, " in r.stdout and "(10 scenes, 4 facts)" in r.stdout


def test_check_the_default_scenario_from_another_folder(run_briefing, tmp_path):
    r = run_briefing("check", cwd=tmp_path)
    assert r.returncode in (0, 1)
    assert r.stdout.splitlines()[-1].startswith("checked 1 scenario, 'kazakhstan-2022' (")
    assert "Traceback" not in r.stderr


def test_check_inside_a_scenario_folder_checks_that_scenario(run_briefing):
    r = run_briefing("check", cwd=MINI)
    assert r.returncode == 0 and r.stdout.splitlines()[-1].startswith("checked 1 scenario, 'mini' (")


PLAY_TO_GOOD_END = "1\n1\n"


def test_plain_play_to_an_ending(run_briefing):
    r = run_briefing("play", "--plain", MINI, input="9\nhello\n3\nd\nh\n" + PLAY_TO_GOOD_END)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Sunday 2 January 2022, 09:40, Zhanaozen\nA wire report\n" in out
    assert "The price of [liquefied gas] has doubled." in out  # Markdown as plain text
    assert "  1. Brief the minister now\n  2. Wait for more\n  3. Call the embassy (not available)\n" in out
    assert "Please type one of: 1, 2 (? for commands)." in out  # hello
    assert "Choice 9 is not on offer here: choose 1 or 2." in out  # the TUI's words too
    assert "Choice 3 is not available now." in out
    assert "[Fact] LPG price doubled: The price of LPG doubled on 1 January.\n    Source: Test source" in out
    assert "Your decisions" not in out or "No decisions yet." in out
    assert "The end (grade A): Timely" in out
    assert "• The first report: you chose “Brief the minister now”\n  Early and honest." in out
    assert "What happened next\nThings happened next." in out
    assert "\x1b" not in out  # not a terminal: no escape codes at all


def test_plain_play_records_the_endings_it_reaches(run_briefing, data_dir):
    from briefing.core.records import endings_reached

    assert run_briefing("play", "--plain", MINI, input=PLAY_TO_GOOD_END).returncode == 0
    assert endings_reached("mini") == ["good-end"]
    assert run_briefing("play", "--plain", MINI, input="2\n1\n").returncode == 0
    assert endings_reached("mini") == ["good-end", "bad-end"]
    assert run_briefing("play", "--plain", MINI, input="1\nq\n").returncode == 0  # stopped: no ending
    assert endings_reached("mini") == ["good-end", "bad-end"]


def test_plain_play_stops_cleanly_at_end_of_input_and_continues(run_briefing, data_dir):
    r = run_briefing("play", "--plain", MINI, input="2\n")
    assert r.returncode == 0
    assert r.stdout.rstrip().endswith("Stopped. Your game was autosaved after your last decision.")
    autosave = data_dir / "saves" / "mini" / "autosave.json"
    assert json.loads(autosave.read_text())["game"]["scene"] == "waited"
    again = run_briefing("play", "--plain", MINI, "--continue", input="1\n")
    assert again.returncode == 0
    assert "Overtaken" in again.stdout and "The end" in again.stdout


def test_plain_play_refuses_a_corrupt_save_and_leaves_it(run_briefing, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "briefing-save", "vers')
    r = run_briefing("play", "--plain", MINI, "--load", bad)
    assert r.returncode == 1
    assert r.stderr.startswith(f"{bad}:1:")
    assert "corrupt or truncated" in r.stderr and "Traceback" not in r.stderr
    assert bad.read_text() == '{"format": "briefing-save", "vers'


def test_plain_play_refuses_a_broken_scenario(run_briefing, make_scenario):
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": "scenes: [\n"})
    r = run_briefing("play", "--plain", root)
    assert r.returncode == 1
    assert f"{root}/scenes.yaml:" in r.stderr and "cannot play: " in r.stderr


def test_no_color_is_honoured(run_briefing):
    r = run_briefing("play", "--plain", MINI, input=PLAY_TO_GOOD_END, env={"NO_COLOR": "1", "TERM": "xterm"})
    assert r.returncode == 0 and "\x1b" not in r.stdout


def test_the_core_and_check_never_import_textual(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from briefing.cli import main\n"
        f"status = main(['check', {str(MINI)!r}])\n"
        "from briefing.core import engine, saves, loader, expr\n"
        "from briefing.authoring import lint, analysis\n"
        "from briefing.plain import player\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'textual_serve'))\n"
        "print('HEAVY', heavy)\n"
        "raise SystemExit(status)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "HEAVY []" in r.stdout
