"""A tiny JSON Schema validator for the subset briefing's schemas use (jsonschema is not a dependency).

Supports: type, properties, required, additionalProperties, propertyNames, items, minItems,
minLength, minimum, pattern, enum, const, anyOf, oneOf, not, $ref to '#/$defs/...'.
Returns a list of error strings (empty when valid).
"""

from __future__ import annotations

import re

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
KNOWN = {
    "$schema",
    "$id",
    "$defs",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
    "items",
    "minItems",
    "minLength",
    "minimum",
    "pattern",
    "enum",
    "const",
    "anyOf",
    "oneOf",
    "not",
    "$ref",
}


def validate(value, schema: dict, root: dict | None = None, where: str = "$") -> list[str]:
    root = root if root is not None else schema
    unknown = set(schema) - KNOWN
    assert not unknown, f"minischema does not support {unknown}"
    errors: list[str] = []
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/$defs/"), ref
        errors += validate(value, root["$defs"][ref[len("#/$defs/") :]], root, where)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](value) for t in types):
            return errors + [f"{where}: not {'/'.join(types)}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: not one of {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: not {schema['const']!r}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{where}: too short")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{where}: does not match {schema['pattern']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "minimum" in schema:
        if value < schema["minimum"]:
            errors.append(f"{where}: below {schema['minimum']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{where}: fewer than {schema['minItems']} items")
        if "items" in schema:
            for i, item in enumerate(value):
                errors += validate(item, schema["items"], root, f"{where}[{i}]")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for k in schema.get("required", []):
            if k not in value:
                errors.append(f"{where}: missing '{k}'")
        for k, v in value.items():
            if "propertyNames" in schema:
                errors += validate(k, schema["propertyNames"], root, f"{where}.{k}(name)")
            if k in props:
                errors += validate(v, props[k], root, f"{where}.{k}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unknown key '{k}'")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += validate(v, schema["additionalProperties"], root, f"{where}.{k}")
    if "anyOf" in schema and not any(not validate(value, s, root, where) for s in schema["anyOf"]):
        errors.append(f"{where}: matches none of anyOf")
    if "oneOf" in schema and sum(not validate(value, s, root, where) for s in schema["oneOf"]) != 1:
        errors.append(f"{where}: does not match exactly one of oneOf")
    if "not" in schema and not validate(value, schema["not"], root, where):
        errors.append(f"{where}: matches 'not'")
    return errors
