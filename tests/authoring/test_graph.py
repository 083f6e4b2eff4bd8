"""briefing graph: every scene id in every format; DOT that Graphviz accepts; labels escaped."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from briefing.authoring.graph import to_dot, to_mermaid

from .helpers import MINI, load, run, write

TRICKY = """\
act: 'Act "one" [the start]'
scenes:
  - id: start
    title: 'Quotes " and \\ backslash [brackets] {braces} <tags> | pipes # hash'
    dateline: d
    text: t
    choices:
      - text: "Line one\\nline two \\"quoted\\" [x] (y) ; end"
        goto: weird.id_2
        if: 'lean == "a\\"b" or n > 1'
  - id: weird.id_2
    title: "Second"
    act: "Act 2"
    dateline: d
    text: t
    timeout:
      goto: the-end
    choices:
      - text: "End"
        goto: the-end
  - id: the-end
    title: "End"
    text: t
    ending: {grade: "A+", summary: "x"}
"""
HEAD = 'id: tricky\ntitle: "A \\"tricky\\" one"\nstart: start\nstate:\n  n: 0\n  lean: "a"\n'


@pytest.fixture
def tricky(tmp_path):
    return write(tmp_path / "tricky", {"scenario.yaml": HEAD, "scenes.yaml": TRICKY})


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "json"])
def test_every_scene_id_in_every_format(fmt, tricky):
    for folder in (MINI, tricky):
        scenario = load(folder)
        r = run("graph", folder, "--format", fmt)
        assert r.returncode == 0, r.stderr
        for sid in scenario.scenes:
            assert sid in r.stdout


def test_json_graph(tricky):
    d = json.loads(run("graph", tricky, "--format", "json").stdout)
    assert [n["id"] for n in d["nodes"]] == ["start", "weird.id_2", "the-end"]
    assert d["nodes"][2]["ending"] and d["nodes"][0]["start"]
    kinds = {(e["from"], e["to"], e["kind"]) for e in d["edges"]}
    assert ("weird.id_2", "the-end", "timeout") in kinds
    assert d["edges"][0]["condition"] == 'lean == "a\\"b" or n > 1'
    assert d["acts"] == ['Act "one" [the start]', "Act 2"]


def test_mermaid_escapes_labels(tricky):
    text = to_mermaid(load(tricky))
    assert text.startswith("flowchart TD\n")
    for line in text.splitlines()[1:]:
        # inside a label, only the delimiting quotes remain
        if '"' in line:
            assert line.count('"') == 2, line
    assert "subgraph" in text and "#quot;" in text and "#91;" in text
    assert "class " in text and " ending" in text


def test_dot_escapes_labels(tricky):
    text = to_dot(load(tricky))
    assert "subgraph cluster_0" in text
    assert '\\"quoted\\"' in text and "\\\\ backslash" in text
    assert "\n\n" not in text.strip()


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")
def test_dot_passes_graphviz(tricky, tmp_path):
    for folder in (MINI, tricky):
        dot_file = tmp_path / "g.dot"
        r = run("graph", folder, "--format", "dot", "-o", dot_file)
        assert r.returncode == 0, r.stderr
        done = subprocess.run(["dot", "-Tsvg", str(dot_file)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and done.stderr == "", done.stderr
        assert "<svg" in done.stdout
        import html

        svg = html.unescape(done.stdout)
        for sid in load(folder).scenes:
            assert f"<title>{sid}</title>" in svg


def test_graph_of_broken_scenario_fails_cleanly(tmp_path):
    folder = write(tmp_path / "bad", {"scenario.yaml": HEAD, "scenes.yaml": "scenes: [\n"})
    r = run("graph", folder)
    assert r.returncode == 1 and "[B001]" in r.stderr and "Traceback" not in r.stderr
