"""Recorded playthroughs as regression tests: ``briefing play --record FILE`` and ``briefing replay``.

A recording is a small JSON file (documented in docs/authoring.md, "Recorded playthroughs")::

    {"format": "briefing-recording", "version": 1, "scenario": "mini", "cut": "",
     "inputs": [["choice", "1"], ["choice", "1"]],
     "reached": {"scenes": ["wire", "briefed", "good-end"], "ending": "good-end", "letter": "",
                 "scores": {"trust": 3, "warned": true, "lean": "open"}}}

``inputs`` are the game's accepted inputs in order (``Game.inputs``); ``reached`` is what they led to:
the scenes entered, the ending ("" when the player stopped before one), the scorecard's letter ("" when
the scenario has none) and every variable's final value. Replaying feeds the inputs to the current
scenario and reports, at the scene or choice in the scenario's files, the first place where the
playthrough no longer goes as recorded, then any different ending, letter or score.

Codes: B600 a recording that cannot be read, B601 a recorded input that is no longer possible, B602 a
different path or ending, B603 a changed score or letter.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.core.diagnostics import Diagnostics
from briefing.core.engine import SEED_LIMIT, Game, GameError
from briefing.core.model import Located, Scenario

FORMAT = "briefing-recording"
VERSION = 1
INPUT_KINDS = ("choice", "answer")
MAX_BYTES = 1_000_000
_STRING = r'"(?:[^"\\]|\\.)*"'
_PAIR = re.compile(rf"\[\n\s+({_STRING}),\n\s+({_STRING})\n\s+\]")


class RecordingError(Exception):
    """A file that is not a readable recording; the message says why."""


@dataclass
class Recording:
    scenario: str
    inputs: list[tuple[str, str]]
    scenes: list[str]  # the scenes entered, in order
    ending: str = ""
    letter: str = ""
    scores: dict[str, Any] = field(default_factory=dict)
    cut: str = ""
    seed: int = 0  # what the game's chance() calls drew from

    def to_json(self) -> str:
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "scenario": self.scenario,
            "cut": self.cut,
            **({"seed": self.seed} if self.seed else {}),  # only a scenario that calls chance() has one
            "inputs": [list(i) for i in self.inputs],
            "reached": {
                "scenes": list(self.scenes),
                "ending": self.ending,
                "letter": self.letter,
                "scores": dict(self.scores),
            },
        }
        text = json.dumps(doc, indent=1, ensure_ascii=False)
        return _PAIR.sub(r"[\1, \2]", text) + "\n"  # one input a line


def _letter(game: Game) -> str:
    """The scorecard's letter at an ending ("" before one, and for a scenario without instruments)."""
    return game.scorecard().letter if game.ended else ""


def recording_of(game: Game) -> Recording:
    """What ``game`` was fed and what it reached."""
    return Recording(
        scenario=game.scenario.id,
        inputs=list(game.inputs),
        scenes=list(game.path),
        ending=game.scene_id if game.ended else "",
        letter=_letter(game),
        scores=dict(game.vars),
        cut=game.cut,
        seed=game.state.seed,
    )


def write_recording(game: Game, path: str | Path) -> None:
    """Write the recording of ``game`` to ``path`` atomically; raises OSError."""
    from briefing.core.saves import write_atomic

    write_atomic(Path(path), recording_of(game).to_json())


def save_recording(game: Game | None, path: str) -> str:
    """``play --record FILE`` at the game's exit: '' when written, else the one line to tell the user."""
    if game is None:
        return f"{path}: nothing recorded: no game was played"
    steps = sum(1 for d in game.history if d.how != "jump" and d.choice > 0)
    skipped = any(d.how == "jump" or d.choice == 0 for d in game.history)
    if skipped or steps > sum(1 for kind, _ in game.inputs if kind == "choice"):
        return (
            f"{path}: error: nothing recorded: a jump, a timeout without a choice or a save made before "
            "recordings cannot be replayed"
        )
    try:
        write_recording(game, path)
    except OSError as exc:
        return f"{path}: error: cannot write the recording: {exc.strerror or exc}"
    return ""


def read_recording(path: Path) -> Recording:
    """Read a recording; raise RecordingError saying what is wrong with it."""
    try:
        if not path.is_file():
            raise RecordingError("not a file")
        if path.stat().st_size > MAX_BYTES:
            raise RecordingError(f"larger than {MAX_BYTES} bytes")
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RecordingError(f"cannot read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordingError(f"not JSON: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise RecordingError(f'not a recording (no "format": "{FORMAT}")')
    if doc.get("version") != VERSION:
        raise RecordingError(f"recording version {doc.get('version')!r}; this program reads {VERSION}")
    reached = doc.get("reached")
    inputs = doc.get("inputs")
    if not isinstance(reached, dict) or not isinstance(inputs, list):
        raise RecordingError("'inputs' must be a list and 'reached' an object")
    pairs: list[tuple[str, str]] = []
    for i, item in enumerate(inputs, 1):
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            raise RecordingError(f'input {i} must be a pair such as ["choice", "2"]')
        if item[0] not in INPUT_KINDS:
            raise RecordingError(f"input {i} is a '{item[0]}'; inputs are {' or '.join(INPUT_KINDS)}")
        pairs.append((item[0], item[1]))
    texts = {k: doc.get(k, "") for k in ("scenario", "cut")} | {
        k: reached.get(k, "") for k in ("ending", "letter")
    }
    scenes, scores = reached.get("scenes", []), reached.get("scores", {})
    if not all(isinstance(v, str) for v in texts.values()):
        raise RecordingError("'scenario', 'cut', 'ending' and 'letter' must be text")
    if not isinstance(scenes, list) or not all(isinstance(s, str) for s in scenes):
        raise RecordingError("'scenes' must be a list of scene ids")
    if not isinstance(scores, dict):
        raise RecordingError("'scores' must be an object")
    seed = doc.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < SEED_LIMIT:
        raise RecordingError("'seed' must be a whole number from 0 below 2**32")
    return Recording(
        texts["scenario"], pairs, scenes, texts["ending"], texts["letter"], scores, texts["cut"], seed
    )


class _Replay:
    """One recording fed to the current scenario; divergences collected as located diagnostics."""

    def __init__(self, recording: Recording, scenario: Scenario, name: str, diags: Diagnostics):
        self.rec = recording
        self.scenario = scenario
        self.name = name
        self.diags = diags

    def report(self, at: Located, code: str, message: str, hint: str = "") -> None:
        self.diags.error(at.path, at.mark, code, f"{self.name}: {message}", hint)

    def scene_hint(self, scene_id: str) -> str:
        if scene_id in self.scenario.scenes:
            return ""
        return f"there is no scene '{scene_id}' now: renamed or removed? Record the playthrough again"

    def run(self) -> None:
        rec, scenario = self.rec, self.scenario
        try:
            game = Game.new(scenario, cut=rec.cut or None, seed=rec.seed)
        except GameError as exc:
            where = Located(scenario.at.path, scenario.start_mark)
            self.report(where, "B602", f"cannot start at the recorded cut '{rec.cut}': {exc}")
            return
        if not self.same_path(game, scenario.at, "the game now starts at"):
            return
        for n, (kind, value) in enumerate(rec.inputs, 1):
            if game.ended:
                self.report(
                    game.scene.at,
                    "B602",
                    f"the playthrough now ends at '{game.scene_id}' before input {n} of {len(rec.inputs)}",
                )
                return
            if not self.feed(game, kind, value):
                return
        self.compare_end(game)

    def feed(self, game: Game, kind: str, value: str) -> bool:
        """Take one recorded input; False (after reporting) when it is no longer possible."""
        scene = game.scene
        if kind == "answer":
            try:
                game.answer(value)
            except GameError as exc:
                self.report(
                    scene.at, "B601", f"scene '{scene.id}' no longer accepts the answer '{value}': {exc}"
                )
                return False
            return True
        number = int(value) if value.isdigit() else 0
        if not 1 <= number <= len(scene.choices):
            self.report(
                scene.at,
                "B601",
                f"scene '{scene.id}' has no choice {value} now (it has {len(scene.choices)})",
            )
            return False
        choice = scene.choices[number - 1]
        if number not in {o.number for o in game.available()}:
            held = f": '{choice.condition.source}' does not hold" if choice.condition is not None else ""
            self.report(
                choice.at, "B601", f"choice {number} of scene '{scene.id}' is not available now{held}"
            )
            return False
        game.choose(number)
        return self.same_path(game, choice.at, f"choice {number} of scene '{scene.id}' now leads to")

    def same_path(self, game: Game, at: Located, what: str) -> bool:
        """Whether the scenes entered so far are the recorded ones; reports the first difference."""
        done = len(game.path)
        if game.path == self.rec.scenes[:done]:
            return True
        now = game.path[-1]
        if done > len(self.rec.scenes):
            self.report(at, "B602", f"{what} '{now}'; the recording stopped before it")
            return False
        was = self.rec.scenes[done - 1]
        self.report(at, "B602", f"{what} '{now}'; the recording went to '{was}'", self.scene_hint(was))
        return False

    def compare_end(self, game: Game) -> None:
        rec = self.rec
        ending = game.scene_id if game.ended else ""
        at = game.scene.at
        if ending != rec.ending:
            now = f"ends at '{ending}'" if ending else f"stops at scene '{game.scene_id}' without an ending"
            was = f"ended at '{rec.ending}'" if rec.ending else "stopped before an ending"
            self.report(
                at,
                "B602",
                f"the playthrough now {now}; the recording {was}",
                self.scene_hint(rec.ending) if rec.ending else "",
            )
            return
        letter = _letter(game)
        if letter != rec.letter:
            self.report(at, "B603", f"the letter is now '{letter}', not '{rec.letter}' as recorded")
        for name, was in rec.scores.items():
            now = game.vars.get(name, was)
            if now != was or type(now) is not type(was):
                self.report(
                    at,
                    "B603",
                    f"'{name}' now ends at {json.dumps(now)}, not {json.dumps(was)} as recorded",
                )


def replay(recording: Recording, scenario: Scenario, name: str) -> Diagnostics:
    """Feed ``recording`` (shown as ``name``) to ``scenario``: every divergence, located."""
    diags = Diagnostics()
    _Replay(recording, scenario, name, diags).run()
    return diags


def recording_files(paths: list[str]) -> list[Path]:
    """The recordings named: files as given, and every ``*.json`` file in a folder (sorted)."""
    out: list[Path] = []
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.json") if q.is_file()))
        else:
            out.append(p)
    return out
