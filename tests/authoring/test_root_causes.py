"""A file that cannot be read is the one error reported: no follow-on reference errors elsewhere."""

from __future__ import annotations

import shutil

import pytest

from .helpers import ROOT, run

DESK = ROOT / "tests" / "fixtures" / "desk"

# The tutorial's scenes.yaml broken three ways: (old, new, the one line 'check' must print)
BREAKS = {
    "missing colon": (
        '    title: "A second source"',
        '    title "A second source"',
        "scenes.yaml:21:5: error: a key without ':' after it (write it as 'key: value') [B001]",
    ),
    "tab": (
        "    reveals: [official-statement]",
        "\treveals: [official-statement]",
        "scenes.yaml:26:1: error: tab character in indentation (indent with spaces, not tabs) [B011]",
    ),
    "quoting slip": (
        '    title: "The minister\'s office"',
        "    title: \"The minister's office",
        "error: a quote is not closed on its line (end the text with the same quote mark) [B001]",
    ),
}


@pytest.fixture(scope="module")
def tutorial(tmp_path_factory):
    work = tmp_path_factory.mktemp("tutorial")
    assert run("new", "scenario", "first-report", cwd=work).returncode == 0
    return work / "first-report"


def errors(r) -> list[str]:
    return [line for line in (r.stdout + r.stderr).splitlines() if ": error: " in line]


@pytest.mark.parametrize("slip", BREAKS)
def test_a_slip_in_the_tutorial_gives_one_root_cause_error(tutorial, tmp_path, slip):
    folder = tmp_path / "first-report"
    shutil.copytree(tutorial, folder)
    old, new, expected = BREAKS[slip]
    scenes = folder / "scenes.yaml"
    text = scenes.read_text(encoding="utf-8")
    assert old in text
    scenes.write_text(text.replace(old, new, 1), encoding="utf-8")
    r = run("check", folder)
    assert r.returncode == 1
    found = errors(r)
    assert len(found) == 1, r.stdout + r.stderr
    assert found[0].endswith(expected), found[0]
    assert "does not exist" not in r.stdout and "names no" not in r.stdout


def test_an_unreadable_file_keeps_the_other_files_own_errors(tutorial, tmp_path):
    """Scenes moved to a file of their own and broken: references to them wait, a real misspelling not."""
    folder = tmp_path / "first-report"
    shutil.copytree(tutorial, folder)
    scenes = folder / "scenes.yaml"
    text = scenes.read_text(encoding="utf-8")
    head, minister = text.split("\n  - id: minister\n", 1)
    minister, facts = minister.split("\nfacts:", 1)
    scenes.write_text(
        head.replace("goto: second-source", "goto: second-sorce", 1) + "\nfacts:" + facts, encoding="utf-8"
    )
    late = "scenes:\n  - id: minister\n" + minister.replace("title:", "title: The: office\n    dateline:", 1)
    (folder / "late.yaml").write_text(late, encoding="utf-8")
    r = run("check", folder)
    found = errors(r)
    assert [line.split(": error: ")[1] for line in found] == [
        "a ': ' inside a text (put the text in quotes) [B001]",
        "'goto' in choice 2 of scene 'first-report' names no scene 'second-sorce'"
        " (did you mean 'second-source'?) [B106]",
    ], r.stdout + r.stderr
    assert found[0].startswith(f"{folder}/late.yaml:3:")


def test_an_unreadable_file_of_facts_hides_no_instrument_problem_of_its_own(tmp_path):
    """The desk scenario's facts in a file of their own, with a tab: the weighs and cuts that name them
    wait for it, and the estimates' reachability is not judged through it."""
    folder = tmp_path / "desk"
    shutil.copytree(DESK, folder)
    scenes = folder / "scenes.yaml"
    text = scenes.read_text(encoding="utf-8")
    story, facts = text.split("\nfacts:\n", 1)
    scenes.write_text(story + "\n", encoding="utf-8")
    (folder / "facts.yaml").write_text("facts:\n" + facts.replace("  - id:", "\t- id:", 1), encoding="utf-8")
    r = run("check", folder)
    found = errors(r)
    assert len(found) == 1 and "[B011]" in found[0] and "facts.yaml" in found[0], r.stdout + r.stderr


@pytest.mark.parametrize(
    "line, message",
    [
        ("    text: The minister said: no\n", "3:28: error: a ': ' inside a text (put the text in quotes)"),
        (
            '    if: "status == "calm""\n',
            "3:21: error: a '\"' inside a condition ends it early"
            " (use single quotes around it: if: 'status == \"calm\"')",
        ),
        ("    title A\n    text: x\n", "3:5: error: a key without ':' after it"),
        ("    title: A\n      text: x\n", "4:1: error: this line is indented deeper than the key above it"),
        ("    title: A\n   text: x\n", "4:1: error: this line's indentation matches nothing above it"),
        ("    title: A\n    - text: x\n", "4:5: error: a list item ('- ') where keys were expected"),
        ("    reveals: [a, b\n    text: x\n", "3:14: error: a list or mapping opened here is not closed"),
        ("    title: 'The call\n", "3:12: error: this quote is never closed"),
        ("    text: @home\n", "3:11: error: a text cannot start with '@' (put the text in quotes)"),
    ],
)
def test_common_yaml_slips_read_in_plain_words(tmp_path, line, message):
    from briefing.core.diagnostics import Diagnostics
    from briefing.core.yamlread import read_yaml

    diags = Diagnostics()
    read_yaml("f.yaml", ("scenes:\n  - id: a\n" + line).encode(), diags)
    shown = [d.format() for d in diags]
    assert len(shown) == 1 and shown[0].startswith("f.yaml:" + message), shown
    assert shown[0].endswith("[B001]")
