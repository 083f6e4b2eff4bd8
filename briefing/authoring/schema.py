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

from briefing.core.model import FACT_KINDS

KINDS = ("scenario", "scenes")
DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schemas"
FILE_NAMES = {"scenario": "scenario.schema.json", "scenes": "scenes.schema.json"}

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$"
VAR_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]{0,63}$"
RESERVED = ["and", "or", "not", "true", "false", "visited", "revealed", "chose"]


def _text(description: str, required_text: bool = False) -> dict:
    d = {"type": "string", "description": description}
    if required_text:
        d["minLength"] = 1
        d["pattern"] = r"\S"
    return d


def _defs() -> dict:
    return {
        "id": {
            "type": "string",
            "pattern": ID_PATTERN,
            "description": "An id: letters, digits, '-', '_' and '.', starting with a letter or digit.",
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


def scenario_schema() -> dict:
    return {
        "$schema": DRAFT,
        "title": "briefing scenario.yaml",
        "description": "The scenario file of a briefing scenario folder (docs/scene-format.md).",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "start", "state"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "title": _text("Shown on the title screen.", True),
            "subtitle": _text("One line under the title."),
            "start": {"$ref": "#/$defs/id", "description": "The id of the first scene."},
            "state": {
                "type": "object",
                "description": "Every variable with its initial value (a whole number, true/false or text).",
                "propertyNames": {"pattern": VAR_PATTERN, "not": {"enum": RESERVED}},
                "additionalProperties": {"type": ["integer", "boolean", "string"]},
            },
            "standing": {
                "type": "object",
                "description": "Variables shown to the player, with their labels.",
                "additionalProperties": {"type": "string"},
            },
            "intro": _text("Markdown shown before the first scene."),
            "aftermath": _text("Markdown: what happened next, shown in the debrief."),
            "debrief": _text("Markdown: general debrief notes."),
        },
        "$defs": _defs(),
    }


def scenes_schema() -> dict:
    choice = {
        "type": "object",
        "description": "A choice offered to the player.",
        "additionalProperties": False,
        "required": ["text", "goto"],
        "properties": {
            "text": _text("What the player chooses.", True),
            "goto": {"$ref": "#/$defs/id", "description": "The id of the scene it leads to."},
            "if": {"$ref": "#/$defs/condition"},
            "show_locked": {"type": "boolean", "description": "Show it disabled when its condition fails."},
            "do": {"$ref": "#/$defs/effects"},
            "reveals": {"$ref": "#/$defs/ids"},
            "debrief": _text("Shown in the debrief when this was chosen."),
        },
    }
    passage = {
        "type": "object",
        "additionalProperties": False,
        "required": ["text"],
        "properties": {
            "if": {"$ref": "#/$defs/condition"},
            "text": _text("A paragraph shown when 'if' holds.", True),
        },
    }
    ending = {
        "description": "true, or a mapping with an optional grade and summary.",
        "anyOf": [
            {"type": "boolean"},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "grade": _text("A short grade shown in the debrief."),
                    "summary": _text("One line for the list of endings reached."),
                },
            },
        ],
    }
    timeout = {
        "type": "object",
        "description": "Workshop timer: take choice N, or go to a scene.",
        "additionalProperties": False,
        "properties": {"choice": {"type": "integer", "minimum": 1}, "goto": {"$ref": "#/$defs/id"}},
        "oneOf": [{"required": ["choice"]}, {"required": ["goto"]}],
    }
    scene = {
        "type": "object",
        "description": "A scene: an ending, or a scene with at least one choice.",
        "additionalProperties": False,
        "required": ["id", "title", "text"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "title": _text("The scene's title.", True),
            "dateline": _text("When and where, e.g. 'Sunday 2 January 2022, 09:40, Zhanaozen'."),
            "act": _text("The act this scene belongs to (overrides the file's act)."),
            "text": _text("Markdown: what the player reads.", True),
            "passages": {"type": "array", "items": passage},
            "choices": {"type": "array", "minItems": 1, "items": choice},
            "reveals": {"$ref": "#/$defs/ids"},
            "do": {"$ref": "#/$defs/effects"},
            "ending": ending,
            "key": _text("Marks a key decision for the debrief."),
            "debrief": _text("The debrief note for this key decision."),
            "notes": _text("Facilitator notes (workshop mode only)."),
            "timeout": timeout,
        },
        "anyOf": [{"required": ["choices"]}, {"required": ["ending"]}],
    }
    fact = {
        "type": "object",
        "description": "A dossier fact.",
        "additionalProperties": False,
        "required": ["id", "kind", "text", "source"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "kind": {"enum": list(FACT_KINDS), "description": "What kind of fact it is."},
            "title": _text("A short label."),
            "text": _text("The fact.", True),
            "source": _text("Where it comes from.", True),
        },
    }
    defs = _defs()
    defs.update({"scene": scene, "choice": choice, "fact": fact})
    return {
        "$schema": DRAFT,
        "title": "briefing scene file",
        "description": "A scene file of a briefing scenario: scenes and/or facts (docs/scene-format.md).",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "act": _text("The act every scene in this file belongs to."),
            "scenes": {"type": "array", "items": {"$ref": "#/$defs/scene"}},
            "facts": {"type": "array", "items": {"$ref": "#/$defs/fact"}},
        },
        "anyOf": [{"required": ["scenes"]}, {"required": ["facts"]}],
        "$defs": defs,
    }


def schema(kind: str) -> dict:
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
