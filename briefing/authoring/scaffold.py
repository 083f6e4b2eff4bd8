"""Templates for ``briefing new``: a small working scenario, and a scene skeleton to append to a file.

Pure: functions return text or raise :class:`ScaffoldError` with a one-line message; the command
module does the writing and printing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from briefing.authoring.schema import FILE_NAMES, SCHEMA_DIR, modeline, schema_text
from briefing.core.errors import BriefingError
from briefing.core.format import ID_RE, SCENARIO_FILE


class ScaffoldError(BriefingError):
    """A request ``briefing new`` cannot honour: a one-line message, and where (``path[:line:col]``)."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message, where)


SCENARIO_TEMPLATE = """\
{modeline}
# A briefing scenario. The format: docs/scene-format.md in the briefing repository.
# Check it with:  briefing check --strict {folder}
id: {id}
title: {title}
subtitle: "A small scenario to start from"
start: first-report
state:
  trust: 2          # the minister's trust in you
  warned: false     # whether you warned the minister early
standing:
  trust: "Minister's trust"
intro: |
  You are the duty analyst at the foreign ministry. It is early on a Monday
  and a report has just come in.
aftermath: |
  Replace this with what really happened next.
debrief: |
  A good briefing is early, honest about what is known and what is not,
  and keeps official claims apart from facts.
"""

SCENES_TEMPLATE = """\
{modeline}
act: "Act 1 — the first report"
scenes:
  - id: first-report
    title: "A report comes in"
    dateline: "Monday 3 January, 08:00, the duty desk"
    text: |
      A wire report says the price of fuel in a provincial town has doubled
      overnight. People are gathering in the main square.
    reveals: [price-rise]
    key: "Whether to warn the minister early"
    debrief: "An early warning with its uncertainty stated beats a late certainty."
    choices:
      - text: "Warn the minister now, saying what you do not yet know"
        goto: minister
        do: ["trust += 1", "warned = true"]
      - text: "Wait for a second source"
        goto: second-source

  - id: second-source
    title: "A second source"
    dateline: "Monday 3 January, 11:00, the duty desk"
    text: |
      The regional governor's office issues a statement: the gathering is
      small and organised by outsiders.
    reveals: [official-statement]
    choices:
      - text: "Brief the minister, keeping the official claim apart from the facts"
        goto: minister
        do: ["trust += 1"]
      - text: "Pass the official line on as fact"
        goto: minister
        do: ["trust -= 1"]

  - id: minister
    title: "The minister's office"
    dateline: "Monday 3 January, 14:00, the ministry"
    text: |
      The minister has ten minutes before she faces the press.
    passages:
      - if: "warned"
        text: "Your early warning is already on her desk."
    choices:
      - text: "Stand by your assessment"
        goto: good-ending
        if: "trust >= 2"
      - text: "Admit you have nothing solid"
        goto: late-ending

  - id: good-ending
    title: "Ahead of events"
    text: |
      The minister speaks with care and is not caught out when the protests grow.
    ending:
      grade: "A"
      summary: "Early and honest"

  - id: late-ending
    title: "Overtaken"
    text: |
      Events move faster than your briefing.
    ending:
      grade: "C"
      summary: "Too late to help"

facts:
  - id: price-rise
    kind: fact
    title: "Fuel price doubled"
    text: "The price of fuel in the town doubled overnight."
    source: "Replace with your source"
  - id: official-statement
    kind: official-claim
    title: "The governor's statement"
    text: "The governor's office says the gathering is small and organised by outsiders."
    source: "Replace with your source"
"""

SCENE_SKELETON = """\
{dash}id: {id}
{pad}title: "TODO: a title"
{pad}dateline: "TODO: weekday date, time, place"
{pad}text: |
{pad}  TODO: what the player reads.
{body}"""

CHOICES_SKELETON = """\
{pad}choices:
{pad}  - text: "TODO: what the player chooses"
{pad}    goto: {goto}
"""

ENDING_SKELETON = """\
{pad}ending:
{pad}  grade: "TODO"
{pad}  summary: "TODO: one line"
"""


def slug(name: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-._")[:100]
    return s or "my-scenario"


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scenario_files(folder: str, scenario_id: str, title: str) -> dict[str, str]:
    """Relative path -> text of every file of a new scenario."""
    if not ID_RE.match(scenario_id):
        raise ScaffoldError(
            f"'{scenario_id}' is not a valid scenario id "
            "(use letters, digits, '-', '_' and '.', starting with a letter or digit)"
        )
    return {
        "scenario.yaml": SCENARIO_TEMPLATE.format(
            modeline=modeline("scenario"), folder=folder, id=scenario_id, title=_yaml_str(title)
        ),
        "scenes.yaml": SCENES_TEMPLATE.format(modeline=modeline("scenes")),
        f"{SCHEMA_DIR}/{FILE_NAMES['scenario']}": schema_text("scenario"),
        f"{SCHEMA_DIR}/{FILE_NAMES['scenes']}": schema_text("scenes"),
    }


def write_scenario(folder: Path, scenario_id: str | None = None, title: str | None = None) -> list[Path]:
    """Write a new scenario into ``folder`` (absent or empty); return the files written."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError("exists and is not a folder", str(folder))
    if folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError("the folder is not empty; choose a new or empty folder", str(folder))
    name = folder.resolve().name
    scenario_id = scenario_id or slug(name)
    title = title or name.replace("-", " ").replace("_", " ").strip().capitalize() or "My scenario"
    files = scenario_files(str(folder), scenario_id, title)
    written = []
    for rel, text in files.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        written.append(p)
    return written


def scene_text(scene_id: str, dash: str, goto: str | None, ending: bool) -> str:
    pad = " " * len(dash)
    if ending:
        body = ENDING_SKELETON.format(pad=pad)
    else:
        body = CHOICES_SKELETON.format(pad=pad, goto=goto or scene_id)
    return SCENE_SKELETON.format(dash=dash, pad=pad, id=scene_id, body=body)


def scenario_root(scene_file: Path) -> Path | None:
    """The scenario a scene file belongs to: the nearest folder at or above the file's with scenario.yaml
    (the loader reads every .yaml file below it)."""
    folder = scene_file.absolute().parent
    for candidate in (folder, *folder.parents):
        if (candidate / SCENARIO_FILE).is_file():
            return candidate
    return None


def schema_prefix(scene_file: Path, root: Path | None) -> str:
    """How a scene file refers to its scenario's schemas folder: ``../schemas/`` from a subfolder."""
    if root is None:
        return SCHEMA_DIR + "/"
    rel = os.path.relpath(root / SCHEMA_DIR, scene_file.absolute().parent)
    return rel.replace(os.sep, "/") + "/"


def existing_scene(root: Path, scene_id: str, shown: str) -> str | None:
    """Where the scenario in ``root`` (shown as ``shown``) defines ``scene_id`` (``path:line:col``), if it does."""
    from briefing.core.loader import load_scenario

    scenario, _ = load_scenario(shown or root)  # its errors are check's to report; its scenes are read
    scene = scenario.scenes.get(scene_id) if scenario is not None else None
    return scene.at.where.removeprefix("./") if scene is not None else None


def append_scene(
    text: str,
    scene_id: str,
    goto: str | None = None,
    ending: bool = False,
    path: str = "the file",
    schemas: str = SCHEMA_DIR + "/",
) -> str:
    """``text`` (a scene file) with a scene skeleton added at the end of its ``scenes:`` list; a new file
    starts with the modeline that points at ``schemas`` (the schemas folder, relative to the file)."""
    import yaml

    if not ID_RE.match(scene_id):
        raise ScaffoldError(
            f"'{scene_id}' is not a valid scene id "
            "(use letters, digits, '-', '_' and '.', starting with a letter or digit)"
        )
    if goto is not None and not ID_RE.match(goto):
        raise ScaffoldError(f"'{goto}' is not a valid scene id")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    try:
        node = (
            yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) if text.strip() else None
        )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise ScaffoldError("not valid YAML; fix it first (briefing check)", f"{path}{where}") from None
    if node is not None and not isinstance(node, yaml.MappingNode):
        raise ScaffoldError("not a scene file (its top level is not a mapping)", path)
    scenes = scenes_key = None
    if node is not None:
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == "scenes":
                scenes, scenes_key = v, k
    if scenes is not None and isinstance(scenes, yaml.SequenceNode) and scenes.value:
        for item in scenes.value:
            if isinstance(item, yaml.MappingNode):
                for k, v in item.value:
                    if (
                        isinstance(k, yaml.ScalarNode)
                        and k.value == "id"
                        and getattr(v, "value", None) == scene_id
                    ):
                        raise ScaffoldError(
                            f"a scene with id '{scene_id}' already exists in this file",
                            f"{path}:{v.start_mark.line + 1}:{v.start_mark.column + 1}",
                        )
        if scenes.flow_style:
            raise ScaffoldError("'scenes:' is written as a [flow] list; write it as a block list first", path)
        first = scenes.value[0]
        line = lines[first.start_mark.line]
        dash = line[: first.start_mark.column]
        if "-" not in dash:
            dash = " " * max(first.start_mark.column - 2, 0) + "- "
        else:
            dash = " " * dash.index("-") + "-" + " " * (len(dash) - dash.index("-") - 1)
        last = scenes.value[-1]
        end = last.end_mark
        # insert after the last line holding the last scene's content (keeping comments after it)
        insert_at = end.line if end.column == 0 else end.line + 1
        while insert_at > 0 and insert_at <= len(lines) and not lines[insert_at - 1].strip():
            insert_at -= 1
        block = "\n" + scene_text(scene_id, dash, goto, ending)
        new_lines = lines[:insert_at] + [block] + lines[insert_at:]
        out = "".join(new_lines)
    elif scenes is not None and not (
        isinstance(scenes, yaml.ScalarNode) and scenes.value in ("", "~", "null")
    ):
        if isinstance(scenes, yaml.SequenceNode):  # an empty flow list: scenes: []
            raise ScaffoldError("'scenes:' is an empty [] list; remove the [] first", path)
        raise ScaffoldError("'scenes:' is not a list", path)
    elif scenes is not None and scenes_key is not None:  # 'scenes:' with nothing after it
        at = scenes_key.start_mark.line
        key_line = lines[at] if at < len(lines) else ""
        out = "".join(lines[: at + 1]) + scene_text(scene_id, "  - ", goto, ending) + "".join(lines[at + 1 :])
        if not key_line.rstrip().endswith("scenes:"):
            raise ScaffoldError("cannot find where 'scenes:' ends; add the scene by hand", path)
    else:
        prefix = "".join(lines)
        if prefix and not prefix.endswith("\n\n"):
            prefix += "\n"
        if not prefix:
            prefix = modeline("scenes", schemas) + "\n"
        out = prefix + "scenes:\n" + scene_text(scene_id, "  - ", goto, ending)
    # the result must still be YAML with the new scene in the scenes list
    try:
        data = yaml.load(out, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        ok = isinstance(data, dict) and any(
            isinstance(s, dict) and s.get("id") == scene_id for s in data.get("scenes") or []
        )
    except yaml.YAMLError:
        ok = False
    if not ok:
        raise ScaffoldError("cannot add a scene to this file safely; add it by hand", path)
    return out
