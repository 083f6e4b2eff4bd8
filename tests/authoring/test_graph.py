"""briefing graph: every scene id in every format; DOT that Graphviz accepts; labels escaped."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from briefing.authoring.graph import to_dot, to_mermaid

from .helpers import MINI, ROOT, load, run, write

DESK = ROOT / "tests" / "fixtures" / "desk"  # format 2: grades, estimates and weighs

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
    for folder in (MINI, tricky, DESK):
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
    for folder in (MINI, tricky, DESK):
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


def _asked(scenario) -> dict[str, tuple[str, str]]:
    """scene id -> (kind, judgement id) of every scene that asks one, from the loaded scenario."""
    return {
        sid: (type(s.task).__name__.removesuffix("Task").lower(), s.task.id)
        for sid, s in scenario.scenes.items()
        if s.task is not None
    }


def _resolutions(scenario) -> set[tuple[str, str, str]]:
    """(asking scene, resolving scene, estimate id) of every estimate's resolution."""
    from briefing.core.decisions import EstimateTask

    return {
        (sid, at, s.task.id)
        for sid, s in scenario.scenes.items()
        if isinstance(s.task, EstimateTask)
        for at in s.task.resolve_at
    }


def test_json_graph_marks_the_judgements_and_the_resolutions():
    scenario = load(DESK)
    d = json.loads(run("graph", DESK, "--format", "json").stdout)
    asked = {n["id"]: (n["asks"]["kind"], n["asks"]["id"]) for n in d["nodes"] if "asks" in n}
    assert asked == _asked(scenario)
    assert {"grade", "estimate", "weigh"} == {k for k, _ in asked.values()}
    resolves = [e for e in d["edges"] if e["kind"] == "resolves"]
    assert {(e["from"], e["to"], e["estimate"]) for e in resolves} == _resolutions(scenario)
    by_id = {e["estimate"]: e for e in resolves}
    assert by_id["fighters"]["resolution"] == "false" and by_id["fighters"]["outcome"] is False
    assert by_id["speech"]["resolution"] == "if briefed >= 2" and by_id["speech"]["outcome"] is None
    assert all(e["choice"] is None for e in resolves)
    assert "asks" not in json.dumps(json.loads(run("graph", MINI, "--format", "json").stdout)["nodes"])


def test_mermaid_graph_draws_judgements_as_hexagons_and_resolutions_dashed():
    scenario = load(DESK)
    text = to_mermaid(scenario)
    ids = dict(re.findall(r"^\s+(s\d+)\W.*#40;([\w.-]+)#41;", text, re.M))
    scene_of = {v: k for k, v in ids.items()}
    for sid, (kind, tid) in _asked(scenario).items():
        line = next(
            ln
            for ln in text.splitlines()
            if ln.strip().startswith(scene_of[sid] + "{{") or ln.strip().startswith(scene_of[sid] + "[[")
        )
        assert f"{kind.upper()} {tid}: " in line, line
        if sid != scenario.start:
            assert line.strip().startswith(scene_of[sid] + '{{"') and line.endswith('"}}'), line
    links = [ln.strip() for ln in text.splitlines() if re.match(r"\s+s\d+ (-->|-\.->)", ln)]
    dashed = {
        (ids[a], ids[b], label)
        for a, label, b in (
            re.match(r'(s\d+) -\.->\|"resolves ([\w.-]+).*"\| (s\d+)', ln).groups()
            for ln in links
            if "resolves" in ln
        )
    }
    assert dashed == _resolutions(scenario)
    resolving = [str(i) for i, ln in enumerate(links) if "resolves" in ln]
    assert f"  linkStyle {','.join(resolving)} stroke:" in text  # the link indices count every edge


def test_dot_graph_draws_judgements_as_hexagons_and_resolutions_dashed():
    scenario = load(DESK)
    text = to_dot(scenario)
    for sid, (kind, tid) in _asked(scenario).items():
        line = next(ln for ln in text.splitlines() if ln.strip().startswith(f'"{sid}" ['))
        assert f'label="{kind.upper()} {tid}: ' in line and "shape=hexagon" in line, line
    dashed = set()
    for a, b, attrs in re.findall(r'^  "([\w.-]+)" -> "([\w.-]+)" \[(.*)\];$', text, re.M):
        if "resolves" in attrs:
            assert "style=dashed" in attrs and "constraint=false" in attrs
            dashed.add((a, b, re.search(r'label="resolves ([\w.-]+)', attrs).group(1)))
    assert dashed == _resolutions(scenario)
