"""Generated scenario folders, valid and mutated: loading ends in success or in located one-line
errors, never in another exception.

A short run is part of ``make test``; ``make fuzz`` (BRIEFING_FUZZ=1) runs many more examples.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core import format as fmt
from briefing.core.loader import load_scenario
from briefing.core.yamlread import CONTROL_CHARS

FUZZ = bool(os.environ.get("BRIEFING_FUZZ"))
EXAMPLES = 3000 if FUZZ else 40
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,  # no wall-clock bound: the suite must pass on a busy machine; work is bounded instead
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=not FUZZ,  # the same examples in every make test; new ones under make fuzz
)

ids = st.from_regex(r"\A[a-z][a-z0-9-]{0,8}\Z")
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
# Values a hostile or careless author might write where anything else was expected.
odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    st.sampled_from(
        [
            ".nan",
            ".inf",
            "-.inf",
            "9" * 5000,
            "*a",
            "&a x",
            "!!python/object:os.system x",
            "\x1b[31m",
            "[x]",
            "{a: 1}",
        ]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@st.composite
def scenarios(draw) -> dict[str, object]:
    """A valid scenario: scenario.yaml and scenes.yaml as data."""
    scene_ids = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    fact_ids = draw(st.lists(ids, max_size=3, unique=True))
    scenes = []
    for n, sid in enumerate(scene_ids):
        scene: dict[str, object] = {"id": sid, "title": f"Scene {n}", "text": "Text."}
        if n == len(scene_ids) - 1 or draw(st.booleans()):
            scene["ending"] = True
        else:
            choices = []
            for _ in range(draw(st.integers(1, 3))):
                choice: dict[str, object] = {"text": "Go", "goto": draw(st.sampled_from(scene_ids))}
                if draw(st.booleans()):
                    choice["if"] = draw(st.sampled_from(["trust > 1", "not warned", f'visited("{sid}")']))
                if draw(st.booleans()):
                    choice["do"] = draw(st.sampled_from(["trust += 1", ["warned = true", "trust -= 1"]]))
                if fact_ids and draw(st.booleans()):
                    choice["reveals"] = [draw(st.sampled_from(fact_ids))]
                choices.append(choice)
            scene["choices"] = choices
        scenes.append(scene)
    facts = [
        {"id": fid, "kind": draw(st.sampled_from(list(fmt.FACT_KINDS))), "text": "T", "source": "S"}
        for fid in fact_ids
    ]
    top = {"id": "fuzz", "title": "Fuzz", "start": scene_ids[0], "state": {"trust": 2, "warned": False}}
    body: dict[str, object] = {"scenes": scenes}
    if facts:
        body["facts"] = facts
    return {"scenario.yaml": top, "scenes.yaml": body}


def _paths(node: object, path: tuple = ()) -> list[tuple]:
    """Every place in a nested structure where a value could be replaced."""
    out = [path] if path else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, path + (i,))
    return out


def _replace(node: object, path: tuple, value: object) -> None:
    for step in path[:-1]:
        node = node[step]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]


@st.composite
def mutated(draw) -> dict[str, str | bytes]:
    """A valid scenario with some values replaced, keys added, and perhaps its text cut or spliced."""
    files = draw(scenarios())
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sorted(files)))
        places = _paths(files[name])
        if draw(st.booleans()) and places:
            _replace(files[name], draw(st.sampled_from(places)), draw(odd_values))
        else:
            key = draw(st.one_of(st.sampled_from(sorted(fmt.SCENE.names | fmt.SCENARIO.names)), texts))
            files[name][key] = draw(odd_values)  # type: ignore[index]
    out: dict[str, str | bytes] = {}
    for name, data in files.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        # raw spellings that a dump never produces: aliases, tags, YAML floats, huge numbers
        for spelled in ("'*a'", "'&a x'", "'!!python/object:os.system x'", "'.nan'", "'.inf'", "'-.inf'"):
            if draw(st.booleans()):
                text = text.replace(spelled, spelled.strip("'"))
        raw = text.encode("utf-8")
        if draw(st.integers(0, 4)) == 0:  # a byte-level splice
            at = draw(st.integers(0, len(raw)))
            raw = raw[:at] + draw(st.binary(max_size=8)) + raw[at + draw(st.integers(0, 8)) :]
        out[name] = raw
    return out


def _write(root: Path, files: dict[str, object]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        p = root / name
        p.write_bytes(data if isinstance(data, bytes) else yaml.safe_dump(data).encode())


def _assert_clean(root: Path) -> None:
    """Loading ends in success or in located, one-line, control-free errors; nothing escapes."""
    scenario, diags = load_scenario(root)
    if not diags.errors:
        assert scenario is not None
    for d in diags:
        line = d.format()
        assert d.path.startswith(str(root)), line
        assert "\n" not in line and not CONTROL_CHARS.search(line), repr(line)


@FUZZ_SETTINGS
@given(files=scenarios())
def test_generated_valid_scenarios_load(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("valid")
    _write(root, files)
    scenario, diags = load_scenario(root)
    assert [d.format() for d in diags.errors] == []
    assert scenario is not None


@FUZZ_SETTINGS
@given(files=mutated())
def test_mutated_scenarios_give_located_errors_or_load(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("mutated")
    _write(root, files)
    _assert_clean(root)
