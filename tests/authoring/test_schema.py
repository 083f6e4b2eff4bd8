"""The JSON Schemas accept the shipped files and reject misspelt keys, wrong types and empty choices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from briefing.authoring.scaffold import scenario_files
from briefing.authoring.schema import schema
from briefing.core.catalog import shipped_scenarios

from .helpers import MINI, run
from .minischema import validate as mini_validate

try:  # the real validator when it happens to be installed; ours otherwise
    import jsonschema
except ImportError:  # pragma: no cover - depends on the environment
    jsonschema = None


def errors(value, kind: str) -> list[str]:
    s = schema(kind)
    ours = mini_validate(value, s)
    if jsonschema is not None:
        real = [e.message for e in jsonschema.Draft202012Validator(s).iter_errors(value)]
        assert bool(real) == bool(ours), (real, ours)
    return ours


def kind_of(path: Path) -> str:
    return "scenario" if path.name == "scenario.yaml" else "scenes"


def shipped_files() -> list[Path]:
    out = sorted(MINI.glob("*.yaml"))
    for folder in shipped_scenarios():
        out += sorted(folder.rglob("*.yaml"))
    return out


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_files_pass(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert errors(data, kind_of(path)) == []


def test_scaffold_files_pass():
    for name, text in scenario_files("x", "x", "X").items():
        if name.endswith(".yaml"):
            assert errors(yaml.safe_load(text), kind_of(Path(name))) == [], name
            assert text.startswith("# yaml-language-server: $schema=schemas/")


GOOD_SCENE = {
    "id": "a",
    "title": "A",
    "dateline": "d",
    "text": "t",
    "choices": [{"text": "go", "goto": "b", "if": "x > 1", "do": ["x += 1"], "reveals": "f"}],
}


@pytest.mark.parametrize(
    "mutate, kind",
    [
        (lambda s: s.update(titel="typo"), "misspelt scene key"),
        (lambda s: s["choices"][0].update(gotoo="b"), "misspelt choice key"),
        (lambda s: s.update(title=3), "wrong type"),
        (lambda s: s.update(choices="go"), "choices not a list"),
        (lambda s: s["choices"].append({}), "empty choice"),
        (lambda s: s.update(choices=[]), "no choices"),
        (lambda s: s.update(id="bad id!"), "bad id"),
        (lambda s: s.pop("choices"), "neither ending nor choices"),
        (lambda s: s["choices"][0].update(show_locked="yes"), "show_locked not boolean"),
        (lambda s: s.update(timeout={"choice": 1, "goto": "b"}), "timeout with both"),
        (lambda s: s.update(ending="yes"), "ending as text"),
    ],
)
def test_bad_scenes_fail(mutate, kind):
    import copy

    scene = copy.deepcopy(GOOD_SCENE)
    assert errors({"scenes": [scene]}, "scenes") == []
    mutate(scene)
    assert errors({"scenes": [scene]}, "scenes"), kind


def test_bad_files_fail():
    assert errors({"scenez": []}, "scenes")
    assert errors({"act": "x"}, "scenes")  # neither scenes nor facts
    assert errors({"facts": [{"id": "f", "kind": "rumour", "text": "t", "source": "s"}]}, "scenes")
    good = {"id": "x", "title": "X", "start": "a", "state": {"n": 1, "b": True, "s": "t"}}
    assert errors(good, "scenario") == []
    assert errors({**good, "strat": "a"}, "scenario")
    assert errors({**good, "state": {"n": 1.5}}, "scenario")
    assert errors({**good, "state": {"and": 1}}, "scenario")
    assert errors({k: v for k, v in good.items() if k != "start"}, "scenario")


def test_schema_command_prints_json():
    for kind in ("scenario", "scenes"):
        r = run("schema", kind)
        assert r.returncode == 0
        data = json.loads(r.stdout)
        assert data["$schema"].startswith("https://json-schema.org/")
        assert data == schema(kind)
    r = run("schema", "nope")
    assert r.returncode == 2 and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "ending, refused",
    [(True, True), ({"summary": "s"}, True), ({}, True), (False, False)],
)
def test_an_ending_with_choices_is_refused_by_the_schema_as_by_check(make, ending, refused):
    scene = {**GOOD_SCENE, "ending": ending}
    assert bool(errors({"scenes": [scene]}, "scenes")) == refused
    goal = {"id": "b", "title": "B", "text": "t", "ending": True, "reveals": []}
    text = yaml.safe_dump({"scenes": [{**scene, "choices": [{"text": "go", "goto": "b"}]}, goal]})
    r = run("check", make("id: x\ntitle: X\nstart: a\nstate: {}\n", text))
    assert ("[B107]" in r.stdout) == refused, r.stdout


@pytest.mark.parametrize(
    "scene, code",
    [
        (
            {"id": "a", "title": "A", "text": "t", "ending": None, "choices": [{"text": "go", "goto": "b"}]},
            "B102",
        ),
        ({"id": "a", "title": "A", "text": "t", "ending": True, "choices": []}, "B107"),
    ],
    ids=["a blank ending", "an ending's empty choices"],
)
def test_what_the_schema_refuses_check_refuses(make, scene, code):
    assert errors({"scenes": [scene]}, "scenes")
    goal = {"id": "b", "title": "B", "text": "t", "ending": True}
    text = yaml.safe_dump({"scenes": [scene, goal]})
    r = run("check", make("id: x\ntitle: X\nstart: a\nstate: {}\n", text))
    assert r.returncode == 1 and f"[{code}]" in r.stdout, r.stdout
