"""One shape for every command: -o/--output writes the file, --format json is the machine output."""

from __future__ import annotations

import json

import pytest

from tests.conftest import MINI

# (command line, what it reports with --format json); MINI is the clean fixture scenario
REPORTING = [
    ("check", MINI),
    ("randomtest", MINI, "-n", "20"),
    ("explore", MINI),
    ("graph", MINI),
    ("schema", "scenes"),
]


def test_the_top_help_names_the_common_flags(run_briefing):
    r = run_briefing("--help")
    assert r.returncode == 0
    assert "-o/--output FILE" in r.stdout and "--format json" in r.stdout


@pytest.mark.parametrize("args", REPORTING, ids=lambda a: a[0])
def test_every_reporting_command_offers_json_and_output_in_its_help(run_briefing, args):
    r = run_briefing(args[0], "--help")
    assert r.returncode == 0
    assert "-o FILE, --output FILE" in r.stdout
    assert "--format" in r.stdout and "json" in r.stdout


@pytest.mark.parametrize("args", REPORTING, ids=lambda a: a[0])
def test_output_writes_what_standard_output_would_show(run_briefing, tmp_path, args):
    shown = run_briefing(*args, "--format", "json")
    assert shown.returncode == 0, shown.stderr
    json.loads(shown.stdout)
    out = tmp_path / "out.json"
    written = run_briefing(*args, "--format", "json", "-o", out)
    assert written.returncode == 0, written.stderr
    assert written.stdout == ""
    assert out.read_text(encoding="utf-8") == shown.stdout


@pytest.mark.parametrize("command", ["check", "randomtest", "explore"])
def test_text_reports_can_be_written_too(run_briefing, tmp_path, command):
    out = tmp_path / "report.txt"
    r = run_briefing(command, MINI, "--output", out)
    assert r.returncode == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8") == run_briefing(command, MINI).stdout


def test_output_that_cannot_be_written_is_one_located_line(run_briefing, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("keep me")
    r = run_briefing("check", MINI, "-o", blocker / "out.txt")
    assert r.returncode == 1
    assert r.stderr.startswith(f"{blocker / 'out.txt'}: error: cannot write:")
    assert len(r.stderr.splitlines()) == 1 and blocker.read_text() == "keep me"


@pytest.mark.parametrize("command", ["randomtest", "explore"])
def test_json_stays_an_alias_of_format_json(run_briefing, command):
    assert (
        run_briefing(command, MINI, "--json").stdout == run_briefing(command, MINI, "--format", "json").stdout
    )


def test_clean_playtests_list_no_diagnostics(run_briefing):
    for command in ("randomtest", "explore"):
        assert json.loads(run_briefing(command, MINI, "--format", "json").stdout)["diagnostics"] == []


def test_new_takes_output_for_the_folder_and_the_scene_file(run_briefing, tmp_path):
    folder = tmp_path / "story"
    r = run_briefing("new", "scenario", "-o", folder)
    assert r.returncode == 0, r.stderr
    assert (folder / "scenario.yaml").is_file()
    r = run_briefing("new", "scene", "next-step", "-o", folder / "scenes.yaml")
    assert r.returncode == 0, r.stderr
    assert "id: next-step" in (folder / "scenes.yaml").read_text(encoding="utf-8")
    assert run_briefing("check", folder).returncode == 0


def test_new_scenario_needs_one_folder(run_briefing, tmp_path):
    r = run_briefing("new", "scenario")
    assert r.returncode == 2 and r.stderr.startswith("briefing: error:")
    r = run_briefing("new", "scenario", tmp_path / "a", "-o", tmp_path / "b")
    assert r.returncode == 2 and r.stderr.startswith("briefing: error:")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_new_scene_refuses_a_missing_folder(run_briefing, tmp_path):
    r = run_briefing("new", "scene", "a", "--in", tmp_path / "no-such-folder" / "scenes.yaml")
    assert r.returncode == 1 and "cannot write" in r.stderr
    assert not (tmp_path / "no-such-folder").exists()
