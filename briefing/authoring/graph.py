"""A scenario as a graph: scenes are nodes, choices (and timeout jumps) are edges.

Three renderings: Mermaid (``flowchart``), Graphviz DOT and JSON. Acts become subgraphs (clusters),
endings and the start are marked, conditional choices are dashed and labelled with their condition.
A scene that asks a judgement (format 2: a grade, an estimate or a weigh) is marked with its kind, and
an estimate's resolution is a dashed edge from the scene that asks it to each scene that resolves it.
With a tag, the scenes and choices the author tagged with it are highlighted (``highlight`` in JSON),
or, ``only``, the graph keeps just the tagged scenes, the scenes tagged choices lead to, and the
edges between them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from briefing.core.decisions import EstimateTask, GradeTask, Task, WeighTask
from briefing.core.model import Scenario

Node = dict[str, Any]  # one scene in graph_data (JSON-shaped)
MAX_LABEL = 48  # characters of choice text shown on an edge


def _short(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


ASKS = "#6c71c4"  # the colour of scenes that ask a judgement, and of estimates' resolutions


def task_kind(task: Task) -> str:
    """'grade', 'estimate' or 'weigh': the judgement a scene asks."""
    if isinstance(task, GradeTask):
        return "grade"
    if isinstance(task, EstimateTask):
        return "estimate"
    assert isinstance(task, WeighTask)
    return "weigh"


def _resolution(task: EstimateTask) -> str:
    """How an estimate resolves, in a few words for an edge label."""
    if task.outcome is not None:
        return "true" if task.outcome else "false"
    return f"if {_short(task.condition.source, 40)}" if task.condition is not None else ""


def _resolves_label(edge: dict[str, Any]) -> str:
    return f"resolves {edge['estimate']}" + (f": {edge['resolution']}" if edge["resolution"] else "")


def tagged_scenes(scenario: Scenario, tag: str) -> set[str]:
    """The scenes tagged ``tag``, and those with a choice tagged ``tag`` or one leads to."""
    out: set[str] = set()
    for scene in scenario.scenes.values():
        if tag in scene.tags:
            out.add(scene.id)
        for c in scene.choices:
            if tag in c.tags:
                out.update((scene.id, c.goto))
    return out


def graph_data(scenario: Scenario, tag: str = "", only: bool = False) -> dict[str, Any]:
    """The graph as plain data (also the JSON format); ``tag`` and ``only`` as the module says."""
    nodes: list[Node] = []
    edges: list[dict[str, Any]] = []
    keep = tagged_scenes(scenario, tag) if tag and only else None
    for scene in scenario.scenes.values():
        if keep is not None and scene.id not in keep:
            continue
        node: Node = {
            "id": scene.id,
            "title": scene.title,
            "act": scene.act,
            "start": scene.id == scenario.start,
            "ending": scene.is_ending,
            "path": scene.at.path,
            "line": scene.at.mark[0],
        }
        if scene.ending is not None:
            node["grade"] = scene.ending.grade
            node["summary"] = scene.ending.summary
        if scene.key:
            node["key"] = scene.key
        if scene.task is not None:
            node["asks"] = {"kind": task_kind(scene.task), "id": scene.task.id}
        _tag(node, scene.tags, tag)
        nodes.append(node)
        for n, c in enumerate(scene.choices, 1):
            if keep is not None and c.goto not in keep:
                continue
            edge = {
                "from": scene.id,
                "to": c.goto,
                "kind": "choice",
                "choice": n,
                "text": c.text,
                "condition": c.condition.source if c.condition is not None else None,
                "effects": [e.source for e in c.effects],
                "reveals": list(c.reveals),
            }
            _tag(edge, c.tags, tag)
            edges.append(edge)
        if scene.timeout is not None and scene.timeout.goto and (keep is None or scene.timeout.goto in keep):
            edges.append(
                {
                    "from": scene.id,
                    "to": scene.timeout.goto,
                    "kind": "timeout",
                    "choice": None,
                    "text": "time runs out",
                    "condition": None,
                    "effects": [],
                    "reveals": [],
                }
            )
        if isinstance(scene.task, EstimateTask):
            task = scene.task
            for target in task.resolve_at:
                if keep is None or target in keep:
                    edges.append(
                        {
                            "from": scene.id,
                            "to": target,
                            "kind": "resolves",
                            "choice": None,
                            "text": f"estimate '{task.id}' resolves",
                            "estimate": task.id,
                            "outcome": task.outcome,
                            "resolution": _resolution(task),  # a few words: true, false, if ...
                            "condition": task.condition.source if task.condition is not None else None,
                            "effects": [],
                            "reveals": [],
                        }
                    )
    return {
        "scenario": scenario.id,
        "title": scenario.title,
        "start": scenario.start,
        "acts": list(scenario.acts),
        "nodes": nodes,
        "edges": edges,
    }


def _tag(item: dict[str, Any], tags: tuple[str, ...], tag: str) -> None:
    """A node's or edge's tags (when it has any) and whether the tag asked for is among them."""
    if tags:
        item["tags"] = list(tags)
    if tag:
        item["highlight"] = tag in tags


# ------------------------------------------------------------------ Mermaid


def _mm(text: str) -> str:
    """Text safe inside a double-quoted Mermaid label."""
    out = []
    for ch in text:
        if ch == '"':
            out.append("#quot;")
        elif ch == "#":
            out.append("#35;")
        elif ch == "<":
            out.append("#lt;")
        elif ch == ">":
            out.append("#gt;")
        elif ch == "&":
            out.append("#amp;")
        elif ch in "\r\n":
            out.append(" ")
        elif ch in "[]{}()|`;":
            out.append(f"#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


HIGHLIGHT = "#b58900"  # the colour of tagged scenes and choices


def to_mermaid(scenario: Scenario, tag: str = "", only: bool = False) -> str:
    data = graph_data(scenario, tag, only)
    ids = {node["id"]: f"s{i}" for i, node in enumerate(data["nodes"])}
    lines = ["flowchart TD"]

    def node_line(node: Node) -> str:
        label = f"{_mm(_short(node['title'], 60))}<br/>#40;{_mm(node['id'])}#41;"
        if "asks" in node:
            label = f"{node['asks']['kind'].upper()} {_mm(node['asks']['id'])}: {label}"
        if node["ending"]:
            grade = node.get("grade") or ""
            label = ("END" + (f" {_mm(grade)}" if grade else "") + ": ") + label
            return f'{ids[node["id"]]}(["{label}"])'
        if node["start"]:
            label = "START: " + label
            return f'{ids[node["id"]]}[["{label}"]]'
        if "asks" in node:  # a hexagon: a decision
            return f'{ids[node["id"]]}{{{{"{label}"}}}}'
        return f'{ids[node["id"]]}["{label}"]'

    lines += _grouped_by_act(
        data, node_line, lambda k, act: [f'  subgraph act{k}["{_mm(act)}"]', "    direction TB"], "  end"
    )
    marked: list[int] = []  # the indices of highlighted edges (Mermaid styles links by index)
    resolving: list[int] = []
    for index, e in enumerate(data["edges"]):
        if e.get("highlight"):
            marked.append(index)
        if e["kind"] == "resolves":
            resolving.append(index)
            label = _resolves_label(e)
            lines.append(f'  {ids[e["from"]]} -.->|"{_mm(label)}"| {ids[e["to"]]}')
            continue
        if e["kind"] == "timeout":
            label = "⏱ time runs out"
        else:
            label = f"{e['choice']}. {_short(e['text'])}"
            if e["condition"]:
                label += f" — if {_short(e['condition'], 60)}"
        arrow = "-.->" if (e["condition"] or e["kind"] == "timeout") else "-->"
        lines.append(f'  {ids[e["from"]]} {arrow}|"{_mm(label)}"| {ids[e["to"]]}')
    lines.append("  classDef ending fill:#e8f4e8,stroke:#2e7d32,stroke-width:2px")
    lines.append("  classDef start stroke-width:3px")
    endings = [ids[n["id"]] for n in data["nodes"] if n["ending"]]
    if endings:
        lines.append(f"  class {','.join(endings)} ending")
    if scenario.start in ids:
        lines.append(f"  class {ids[scenario.start]} start")
    asking = [ids[n["id"]] for n in data["nodes"] if "asks" in n]
    if asking:
        lines.append(f"  classDef asks stroke:{ASKS},stroke-width:2px")
        lines.append(f"  class {','.join(asking)} asks")
    if resolving:
        lines.append(f"  linkStyle {','.join(map(str, resolving))} stroke:{ASKS},stroke-dasharray:5 5")
    highlighted = [ids[n["id"]] for n in data["nodes"] if n.get("highlight")]
    if highlighted:
        lines.append(f"  classDef tagged stroke:{HIGHLIGHT},stroke-width:4px")
        lines.append(f"  class {','.join(highlighted)} tagged")
    if marked:
        lines.append(f"  linkStyle {','.join(map(str, marked))} stroke:{HIGHLIGHT},stroke-width:3px")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ Graphviz DOT


def _dq(text: str) -> str:
    """A double-quoted DOT string: backslashes and quotes escaped, line breaks as \\n."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def to_dot(scenario: Scenario, tag: str = "", only: bool = False) -> str:
    data = graph_data(scenario, tag, only)
    lines = [
        f"digraph {_dq(scenario.id or 'scenario')} {{",
        f"  label={_dq(scenario.title)};",
        "  labelloc=t;",
        "  rankdir=TB;",
        '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]

    def node_line(node: Node) -> str:
        label = f"{_short(node['title'], 60)}\n({node['id']})"
        if "asks" in node:
            label = f"{node['asks']['kind'].upper()} {node['asks']['id']}: {label}"
        attrs = [f"label={_dq(label)}"]
        if "asks" in node and not node["ending"]:
            attrs += ["shape=hexagon", f'color="{ASKS}"'] + ([] if node["start"] else ["penwidth=2"])
        if node["ending"]:
            grade = node.get("grade") or ""
            attrs[0] = f"label={_dq(('END ' + grade).strip() + ': ' + label)}"
            attrs += ["shape=doubleoctagon", 'fillcolor="#e8f4e8"']
        if node["start"]:
            attrs += ["penwidth=3", 'fillcolor="#e3eefc"']
        if node.get("highlight"):
            attrs += [f'color="{HIGHLIGHT}"', "penwidth=4"]
        return f"{_dq(node['id'])} [{', '.join(attrs)}];"

    lines += _grouped_by_act(
        data,
        node_line,
        lambda k, act: [f"  subgraph cluster_{k} {{", f"    label={_dq(act)};", "    style=rounded;"],
        "  }",
    )
    for e in data["edges"]:
        if e["kind"] == "resolves":
            label = _resolves_label(e)
            # constraint=false: a resolution is no step of the story, so it does not change the ranks
            attrs = [f"label={_dq(label)}", "style=dashed", f'color="{ASKS}"', f'fontcolor="{ASKS}"']
            attrs += ["constraint=false"]
        elif e["kind"] == "timeout":
            attrs = [f"label={_dq('time runs out')}", "style=dotted"]
        else:
            label = f"{e['choice']}. {_short(e['text'])}"
            if e["condition"]:
                label += f"\nif {_short(e['condition'], 60)}"
            attrs = [f"label={_dq(label)}"]
            if e["condition"]:
                attrs.append("style=dashed")
            if e.get("highlight"):
                attrs += [f'color="{HIGHLIGHT}"', "penwidth=3"]
        lines.append(f"  {_dq(e['from'])} -> {_dq(e['to'])} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_json(scenario: Scenario, tag: str = "", only: bool = False) -> str:
    return json.dumps(graph_data(scenario, tag, only), indent=1, ensure_ascii=False) + "\n"


def render(scenario: Scenario, fmt: str, tag: str = "", only: bool = False) -> str:
    """The graph in ``fmt`` (mermaid, dot or json); ``tag`` highlights, with ``only`` filters."""
    if fmt == "mermaid":
        return to_mermaid(scenario, tag, only)
    if fmt == "dot":
        return to_dot(scenario, tag, only)
    if fmt == "json":
        return to_json(scenario, tag, only)
    raise ValueError(f"unknown graph format '{fmt}'")


def _grouped_by_act(
    data: dict[str, Any],
    node_line: Callable[[Node], str],
    opening: Callable[[int, str], list[str]],
    closing: str,
) -> list[str]:
    """The node lines of a graph: those outside any act first, then each act's in a group that
    ``opening`` (its index and title) and ``closing`` open and close."""
    by_act = _nodes_by_act(data)
    lines = ["  " + node_line(node) for node in by_act.get("", [])]
    for k, act in enumerate(a for a in by_act if a):
        lines += opening(k, act)
        lines += ["    " + node_line(node) for node in by_act[act]]
        lines.append(closing)
    return lines


def _nodes_by_act(data: dict[str, Any]) -> dict[str, list[Node]]:
    """The graph's nodes grouped by act, acts in order of first appearance ('' for no act)."""
    by_act: dict[str, list[Node]] = {}
    for node in data["nodes"]:
        by_act.setdefault(node["act"], []).append(node)
    return by_act
