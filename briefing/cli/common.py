"""Helpers shared by commands: the common flags, loading a scenario, printing diagnostics and results.

Every command that writes a file takes ``-o/--output FILE`` (:func:`add_output`), and every command with
machine-readable output takes ``--format json`` (:func:`add_format`; ``--json`` stays as its alias where
a command had it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import TypeAlias

    from briefing.core.diagnostics import Diagnostic
    from briefing.core.model import Scenario

    # what each command's ``register(sub)`` receives: the object ``add_subparsers`` returns
    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


def usage_error(message: str) -> int:
    print(f"briefing: error: {message}", file=sys.stderr)
    return 2


def add_output(parser: argparse.ArgumentParser) -> None:
    """``-o/--output FILE``: write the result to FILE (atomically) instead of standard output."""
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def add_outputs(parser: argparse.ArgumentParser, *choices: str, json_alias: bool = False) -> None:
    """What a command that writes a report takes: ``--format`` (see :func:`add_format`) and ``-o``."""
    add_format(parser, *choices, json_alias=json_alias)
    add_output(parser)


def add_format(parser: argparse.ArgumentParser, *choices: str, json_alias: bool = False) -> None:
    """``--format`` with ``choices`` (the first is the default); ``--json`` as an alias of ``--format json``."""
    parser.add_argument(
        "--format", choices=choices, default=choices[0], help=f"output format (default {choices[0]})"
    )
    if json_alias:
        parser.add_argument(
            "--json", dest="format", action="store_const", const="json", help="the same as --format json"
        )


def diagnostics_text(diags: Iterable[Diagnostic]) -> str:
    """The one way commands print diagnostics: a ``path:line:col: severity: message [CODE]`` line each,
    in the order given."""
    return "".join(d.format() + "\n" for d in diags)


def load_for_play(arg: str | None, verb: str = "play") -> tuple[Scenario | None, int]:
    """Resolve and load a scenario to ``verb``: (scenario, 0), or (None, exit status) after printing why."""
    from briefing.core.catalog import load_for

    scenario, status, lines = load_for(arg, verb)
    for line in lines:
        print(line, file=sys.stderr)
    return scenario, status


def write_output(text: str, output: str | None) -> int:
    """Print ``text``, or write it atomically to ``output``; the exit status."""
    if not output:
        sys.stdout.write(text)
        return 0
    from pathlib import Path

    from briefing.core.saves import write_atomic

    try:
        write_atomic(Path(output), text)
    except OSError as exc:
        print(f"{output}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def json_text(doc: Mapping[str, Any]) -> str:
    """A JSON document as commands print it: indented one space, with a final newline."""
    import json

    return json.dumps(doc, indent=1) + "\n"


# ------------------------------------------------------------- the text reports of randomtest and explore


def listing(
    out: list[str],
    title: str,
    reached: int,
    total: int,
    missing: list[dict[str, Any]],
    describe: Callable[[dict[str, Any]], str],
) -> None:
    """'title: reached/total; never:' then one located line per thing missing."""
    line = f"{title}: {reached}/{total}"
    if missing:
        line += "; never:"
    out.append(line)
    for d in missing:
        out.append(f"  {d['path']}:{d['line']}:{d['col']}: {describe(d)}")


def coverage_listing(
    out: list[str], scenario: Scenario, d: Mapping[str, Any], verb: str, choices: str, never: str = ""
) -> None:
    """The scenes (``scenes_<verb>``), endings and choices a playtest report reached, each one missed
    on a located line (followed by ``never``, e.g. " is never reached")."""
    listing(
        out,
        f"scenes {verb} (not counting endings)",
        d[f"scenes_{verb}"] - d["endings_reached"],
        d["scenes_total"] - d["endings_total"],
        d[f"scenes_never_{verb}"],
        lambda x: f"scene '{x['scene']}'{never}",
    )
    listing(
        out,
        "endings reached",
        d["endings_reached"],
        d["endings_total"],
        d["endings_never_reached"],
        lambda x: f"ending '{x['scene']}'{never}",
    )
    listing(
        out,
        choices,
        d["choices_taken"],
        d["choices_total"],
        d["choices_never_taken"],
        lambda x: choice_text(scenario, x) + (never and " is never available"),
    )
    if d["choices_never_taken"] and d[f"scenes_never_{verb}"]:
        out.append(f"  (choices of scenes never {verb} are not listed)")


def choice_text(scenario: Scenario, d: Mapping[str, Any]) -> str:
    """'choice N of scene 'x': "its text"' for a choice in a report, its text cut to 60 characters."""
    text = scenario.scenes[d["scene"]].choices[d["choice"] - 1].text.replace("\n", " ")
    if len(text) > 60:
        text = text[:57] + "..."
    return f"choice {d['choice']} of scene '{d['scene']}': \"{text}\""


def write_playtest_json(report: Mapping[str, Any], found: list[Diagnostic], output: str | None) -> int:
    """A playtest report's dict form with its findings under ``diagnostics``, as ``check`` lists them."""
    return write_output(json_text({**report, "diagnostics": [d.as_dict() for d in found]}), output)


def write_playtest_text(lines: list[str], found: list[Diagnostic], result: str, output: str | None) -> int:
    """A playtest report's lines, then its findings as diagnostics, then 'result: ...'."""
    return write_output(
        "".join(f"{ln}\n" for ln in lines) + diagnostics_text(found) + f"result: {result}\n", output
    )


SCENARIO_HELP = (
    "a scenario folder or the id of a shipped one; default: the scenario in the current folder, "
    "else the default scenario"
)


def add_scenario(p: argparse.ArgumentParser) -> None:
    """The optional SCENARIO argument every command that plays or reads one scenario takes."""
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help=SCENARIO_HELP)


def add_scenario_option(p: argparse.ArgumentParser, default: str) -> None:
    """``--scenario SCENARIO`` for commands whose inputs (logs, recordings) name the scenario they
    played; ``default`` says where it is found when the option is left out."""
    p.add_argument("--scenario", metavar="SCENARIO", help=f"the scenario folder to use (default: {default})")


def unknown_cut_error(scenario: object, cut: str | None) -> int:
    """0 when ``cut`` is None or a cut of the scenario; else a usage error naming the cuts (exit 2)."""
    cuts = getattr(scenario, "cuts", {})
    if not cut or cut in cuts:
        return 0
    known = ", ".join(cuts) or "none"
    return usage_error(f"the scenario has no cut '{cut}' (its cuts: {known})")
