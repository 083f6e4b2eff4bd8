"""``briefing new``: start a scenario from a small working one, or add a scene skeleton to a file."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "new",
        help="create a new scenario, or add a scene to a file",
        description="'briefing new scenario DIR' writes a small working scenario into DIR (which "
        "must not exist or be empty). 'briefing new scene ID --in FILE' adds a scene "
        "skeleton at the end of the scenes of FILE, refusing an id the scenario already has. Like every command that writes a file, "
        "both take -o/--output for where to write (the folder, the scene file).",
    )
    kinds = p.add_subparsers(dest="kind", metavar="KIND")
    ps = kinds.add_parser(
        "scenario",
        help="write a small working scenario into a new folder",
        description="Write a small working scenario (scenario.yaml, scenes.yaml and the JSON "
        "Schemas for editors) into DIR. Refuses a folder that is not empty.",
    )
    ps.add_argument("dir", nargs="?", metavar="DIR", help="the folder to create")
    ps.add_argument("-o", "--output", metavar="DIR", help="the folder to create (the same as DIR)")
    ps.add_argument("--id", metavar="ID", help="the scenario id (default: from the folder name)")
    ps.add_argument("--title", metavar="TITLE", help="the scenario title (default: from the folder name)")
    ps.set_defaults(func=run_scenario)
    pc = kinds.add_parser(
        "scene",
        help="add a scene skeleton to a scene file",
        description="Add a scene skeleton at the end of the 'scenes:' list of FILE (created "
        "when missing). Refuses an id that the scenario (the nearest folder above FILE with "
        "scenario.yaml) already has.",
    )
    pc.add_argument("id", metavar="ID", help="the new scene's id")
    pc.add_argument(
        "-o",
        "--output",
        "--in",
        dest="file",
        metavar="FILE",
        required=True,
        help="the scene file to add it to (created when missing)",
    )
    pc.add_argument(
        "--goto", metavar="SCENE", help="where its first choice leads (default: the scene itself)"
    )
    pc.add_argument(
        "--ending", action="store_true", help="make it an ending instead of a scene with a choice"
    )
    pc.set_defaults(func=run_scene)
    p.set_defaults(func=run_missing, parser=p)


def run_missing(args: argparse.Namespace) -> int:
    from briefing.cli.common import usage_error

    return usage_error("say what to create: 'briefing new scenario DIR' or 'briefing new scene ID --in FILE'")


def run_scenario(args: argparse.Namespace) -> int:
    from pathlib import Path

    from briefing.authoring.scaffold import ScaffoldError, write_scenario
    from briefing.cli.common import usage_error

    if args.dir and args.output and Path(args.dir) != Path(args.output):
        return usage_error("give the folder once: as DIR or as -o DIR")
    if not (args.dir or args.output):
        return usage_error("say where to create the scenario: 'briefing new scenario DIR'")
    folder = Path(args.dir or args.output)
    try:
        written = write_scenario(folder, args.id, args.title)
    except ScaffoldError as exc:
        print(f"{exc.where or folder}: error: {exc.message}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename or folder}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"created a scenario in {folder}:")
    for p in written:
        print(f"  {p}")
    print("next:")
    print(f"  briefing check --strict {folder}")
    print(f"  briefing play {folder}")
    print(f"  briefing new scene my-scene --in {folder / 'scenes.yaml'}")
    return 0


def run_scene(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from briefing.authoring.scaffold import (
        ScaffoldError,
        append_scene,
        existing_scene,
        scenario_root,
        schema_prefix,
    )
    from briefing.cli.common import usage_error
    from briefing.core.saves import write_atomic

    path = Path(args.file)
    if path.suffix not in (".yaml", ".yml"):
        return usage_error(f"{path}: a scene file must end in .yaml")
    if path.name == "scenario.yaml":
        print(
            f"{path}: error: scenes go in another .yaml file of the scenario, not scenario.yaml",
            file=sys.stderr,
        )
        return 1
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{path}: error: cannot read: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 1
    root = scenario_root(path)
    try:
        out = append_scene(text, args.id, args.goto, args.ending, str(path), schema_prefix(path, root))
    except ScaffoldError as exc:
        print(f"{exc.where or path}: error: {exc.message}", file=sys.stderr)
        return 1
    if root is not None:
        shown = str(root) if path.is_absolute() else os.path.relpath(root)
        where = existing_scene(root, args.id, shown)
        if where is not None:
            print(
                f"{where}: error: a scene with id '{args.id}' already exists in the scenario", file=sys.stderr
            )
            return 1
    if not path.parent.is_dir():  # a mistyped folder is an error, not a folder to create
        print(f"{path}: error: cannot write: no folder {path.parent}", file=sys.stderr)
        return 1
    try:
        write_atomic(path, out)
    except OSError as exc:
        print(f"{path}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"added scene '{args.id}' to {path}; fill in its TODOs, then run 'briefing check'")
    return 0
