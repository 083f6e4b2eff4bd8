"""The file format is declared once (briefing/core/format.py): the loader, the schemas, the docs and
the player's styles all agree with it."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.authoring.schema import schema
from briefing.core import format as fmt
from briefing.core.loader import load_scenario
from tests.conftest import SCENARIO_YAML, SCENES_OK

ROOT = Path(__file__).resolve().parents[1]


def test_the_docs_key_tables_are_the_declaration():
    doc = (ROOT / "docs" / "scene-format.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- keys: begin[^\n]*-->\n(.*)<!-- keys: end -->", doc, flags=re.S)
    assert m, "docs/scene-format.md has lost its generated key tables"
    assert m.group(1) == fmt.markdown_tables(), (
        "docs/scene-format.md disagrees with briefing/core/format.py; paste markdown_tables() between the markers"
    )


def test_a_key_is_nonempty_in_every_mapping_or_in_none():
    answers: dict[str, set[bool]] = {}
    for m in fmt.MAPPINGS.values():
        for k in m.keys:
            if k.type == "text" or k.type == "id" or k.type == "kind":
                answers.setdefault(k.name, set()).add(k.nonempty)
    assert {name: a for name, a in answers.items() if len(a) > 1} == {}


def _properties(node):
    """Every properties mapping anywhere in a schema."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield node["properties"]
        for v in node.values():
            yield from _properties(v)
    elif isinstance(node, list):
        for v in node:
            yield from _properties(v)


def test_every_schema_key_has_a_description_for_editor_hover():
    for kind in ("scenario", "scenes"):
        for props in _properties(schema(kind)):
            for key, value in props.items():
                assert value.get("description"), f"{kind}: '{key}' has no description"


def test_every_declared_key_is_in_the_schemas_and_no_other():
    scenes = schema("scenes")
    objects = {
        "scenario": schema("scenario"),
        "scene file": scenes,
        "scene": scenes["$defs"]["scene"],
        "choice": scenes["$defs"]["choice"],
        "fact": scenes["$defs"]["fact"],
        "passage": scenes["$defs"]["scene"]["properties"]["passages"]["items"],
        "ending": scenes["$defs"]["scene"]["properties"]["ending"]["anyOf"][1],
        "timeout": scenes["$defs"]["scene"]["properties"]["timeout"],
        "hypothesis": schema("scenario")["properties"]["hypotheses"]["items"],
        "scoring": schema("scenario")["properties"]["scoring"],
        "timeliness": schema("scenario")["properties"]["scoring"]["properties"]["timeliness"],
        "cut": schema("scenario")["properties"]["cuts"]["items"],
        "grade": scenes["$defs"]["scene"]["properties"]["grade"],
        "estimate": scenes["$defs"]["scene"]["properties"]["estimate"],
        "resolves": scenes["$defs"]["scene"]["properties"]["estimate"]["properties"]["resolves"],
        "weigh": scenes["$defs"]["scene"]["properties"]["weigh"],
        "glossary entry": schema("scenario")["properties"]["glossary"]["items"],
    }
    assert scenes["properties"]["glossary"]["items"] == objects["glossary entry"]
    assert set(objects) == set(fmt.MAPPINGS)
    for name, obj in objects.items():
        spec = fmt.MAPPINGS[name]
        assert set(obj["properties"]) == spec.names, name
        assert obj.get("required", []) == list(spec.required), name
        assert obj["additionalProperties"] is False


def test_every_declared_key_is_accepted_by_the_loader_and_others_are_not(make_scenario):
    # the loader's key checks come from the declaration: each declared scene key is known to it
    for key in sorted(fmt.SCENE.names - {"id", "title", "text", "choices"}):
        scenes = SCENES_OK.replace('    title: "A"\n', f'    title: "A"\n    {key}: ~\n', 1)
        root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes})
        _, diags = load_scenario(root)
        assert not [d for d in diags if d.code == "B101"], (key, [d.format() for d in diags])
    scenes = SCENES_OK.replace('    title: "A"\n', '    title: "A"\n    colour: red\n', 1)
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes})
    _, diags = load_scenario(root)
    assert [d.code for d in diags.errors] == ["B101"]


def test_the_id_pattern_is_written_once():
    pattern = "[A-Za-z0-9][A-Za-z0-9_.-]{0,99}"
    holders = [p for p in (ROOT / "briefing").rglob("*.py") if pattern in p.read_text(encoding="utf-8")]
    assert holders == [ROOT / "briefing" / "core" / "format.py"]


def test_the_player_styles_every_fact_kind():
    tcss = (ROOT / "briefing" / "tui" / "briefing.tcss").read_text(encoding="utf-8")
    styled = set(re.findall(r"\.fact\.kind-([a-z-]+)", tcss))
    assert styled == set(fmt.FACT_KINDS), (
        f"missing: {sorted(set(fmt.FACT_KINDS) - styled)}, unknown: {sorted(styled - set(fmt.FACT_KINDS))}"
    )


def test_fact_kinds_and_timeouts_have_their_own_codes(make_scenario):
    scenes = SCENES_OK + "facts:\n  - id: f\n    kind: rumour\n    text: t\n    source: s\n"
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes})
    _, diags = load_scenario(root)
    assert [d.code for d in diags.errors] == ["B109"]
    timeout = SCENES_OK.replace('    title: "A"\n', '    title: "A"\n    timeout: {choice: 5}\n', 1)
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": timeout}, name="t2")
    _, diags = load_scenario(root)
    assert [d.code for d in diags.errors] == ["B111"]
