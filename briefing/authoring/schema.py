"""JSON Schemas (draft 2020-12) of the two kinds of scenario file, for editors.

With the YAML language server (VS Code's YAML extension, and others), a first line such as::

    # yaml-language-server: $schema=schemas/scenes.schema.json

makes the editor complete keys and flag misspelt keys, wrong types and empty choices as you type.
``briefing schema scenario`` and ``briefing schema scenes`` print them; ``briefing new scenario``
writes both into the new scenario's ``schemas/`` folder. The loader stays the authority: it checks
more (ids that exist, expressions) than a schema can.
"""

from __future__ import annotations

import json
from typing import Any

from briefing.core import format as fmt

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schemas"
FILE_NAMES = {"scenario": "scenario.schema.json", "scenes": "scenes.schema.json"}

ID_PATTERN = "^" + fmt.ID_PATTERN + "$"
VAR_PATTERN = "^" + fmt.VAR_PATTERN + "$"


def _defs() -> dict[str, Any]:
    return {
        "id": {
            "type": "string",
            "pattern": ID_PATTERN,
            "description": "An id: " + fmt.ID_RULE + ".",
        },
        "ids": {
            "description": "One id or a list of ids.",
            "anyOf": [{"$ref": "#/$defs/id"}, {"type": "array", "items": {"$ref": "#/$defs/id"}}],
        },
        "condition": {
            "type": "string",
            "minLength": 1,
            "description": "A condition, e.g. 'trust >= 2 and not warned' (see docs/scene-format.md).",
        },
        "effects": {
            "description": "Effects applied in order: 'name = value', 'name += 1', 'name -= 1'.",
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}},
            ],
        },
    }


# Mappings that scene files define once under $defs and refer to; the others are written inline.
_SHARED = ("scene", "choice", "fact")


def _value(key: fmt.Key) -> dict[str, Any]:
    """The schema of one key's value, without its description."""
    t = key.type
    if t == "text":
        return {"type": "string", "minLength": 1, "pattern": r"\S"} if key.nonempty else {"type": "string"}
    if t in ("id", "ids", "condition", "effects"):
        return {"$ref": f"#/$defs/{t}"}
    if t == "tags":  # written like ids
        return {"$ref": "#/$defs/ids"}
    if t == "boolean":
        return {"type": "boolean"}
    if t == "integer":
        return {"type": "integer", "minimum": 1}
    if t == "kind":
        return {"enum": list(fmt.FACT_KINDS)}
    if t == "state":
        return {
            "type": "object",
            "propertyNames": {"pattern": VAR_PATTERN, "not": {"enum": list(fmt.RESERVED)}},
            "additionalProperties": {"type": ["integer", "boolean", "string"]},
        }
    if t == "labels":
        return {"type": "object", "additionalProperties": {"type": "string"}}
    if t == "admiralty":
        return {"type": "string", "pattern": "^[A-Fa-f][1-6]$"}
    if t == "ratings":
        return {"type": "object", "additionalProperties": {"enum": ["CC", "C", "N", "I", "II"]}}
    if t == "notes":
        return {
            "type": "object",
            "propertyNames": {"pattern": "^([A-Fa-f]|[1-6]|[A-Fa-f][1-6])$"},
            "additionalProperties": {"type": "string"},
        }
    if t == "numbers":
        return {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}
    if t == "texts":
        return {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    nested = {"$ref": f"#/$defs/{key.of}"} if key.of in _SHARED else _object(fmt.MAPPINGS[key.of])
    if t == "list":
        out: dict[str, Any] = {"type": "array", "items": nested}
        if key.of == "choice":
            out["minItems"] = 1  # an empty choices: list is an error; leave the key out instead
        return out
    if t == "ending":
        return {"anyOf": [{"type": "boolean"}, nested]}
    return nested  # "mapping"


def _object(m: fmt.Mapping) -> dict[str, Any]:
    """The schema of one mapping of the format: every key with its description, for editor hover."""
    props = {}
    for key in m.keys:
        value = _value(key)
        props[key.name] = {**value, "description": key.description}
    out: dict[str, Any] = {"type": "object", "description": m.description, "additionalProperties": False}
    if m.required:
        out["required"] = list(m.required)
    out["properties"] = props
    if m.one_of_required:
        out["anyOf"] = [{"required": [k]} for k in m.one_of_required]
    if m.exclusive:  # as the loader: false, nothing or an empty list is as good as leaving the key out
        given: dict[str, Any] = {"not": {"enum": [False, None, []]}}
        out["not"] = {
            "description": " and ".join(m.exclusive) + " may not be given together",
            "required": list(m.exclusive),
            "properties": {k: {**given, "description": f"'{k}' given"} for k in m.exclusive},
        }
    if m is fmt.TIMEOUT:
        out["oneOf"] = [{"required": ["choice"]}, {"required": ["goto"]}]
    if m is fmt.RESOLVES:
        out["oneOf"] = [{"required": ["outcome"]}, {"required": ["if"]}]
    return out


def scenario_schema() -> dict[str, Any]:
    return {
        "$schema": DRAFT,
        "title": "briefing scenario.yaml",
        **_object(fmt.SCENARIO),
        "description": "The scenario file of a briefing scenario folder (docs/scene-format.md).",
        "$defs": _defs(),
    }


def scenes_schema() -> dict[str, Any]:
    defs = _defs()
    defs.update({name: _object(fmt.MAPPINGS[name]) for name in _SHARED})
    return {
        "$schema": DRAFT,
        "title": "briefing scene file",
        **_object(fmt.SCENE_FILE),
        "description": "A scene file of a briefing scenario: scenes and/or facts (docs/scene-format.md).",
        "$defs": defs,
    }


def schema(kind: str) -> dict[str, Any]:
    if kind == "scenario":
        return scenario_schema()
    if kind == "scenes":
        return scenes_schema()
    raise ValueError(f"unknown schema '{kind}'")


def schema_text(kind: str) -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"


def modeline(kind: str, prefix: str = SCHEMA_DIR + "/") -> str:
    """The comment line that points the YAML language server at a schema."""
    return f"# yaml-language-server: $schema={prefix}{FILE_NAMES[kind]}"
