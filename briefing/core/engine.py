"""The game engine: pure, deterministic and serialisable. No user interface here."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from briefing.core import asking
from briefing.core.errors import BriefingError
from briefing.core.expr import EffectLimitError, Value
from briefing.core.judgements import Judgements
from briefing.core.model import Choice, Scenario, Scene
from briefing.core.prose import shown
from briefing.core.rules import Move, PlayState, Rules
from briefing.core.safe_text import is_clean
from briefing.core.scoring import Scorecard


class GameError(BriefingError):
    """A request the game cannot honour (a choice not on offer, a game already over)."""


@dataclass
class Option:
    """A choice as offered to the player: its 1-based number in the scene, whether it can be taken, and
    its text as shown now (its inserts rendered)."""

    number: int
    choice: Choice
    enabled: bool
    text: str = ""


@dataclass
class Decision:
    scene: str
    choice: int  # 1-based number in the scene
    text: str
    revealed: list[str] = field(default_factory=list)
    seconds: float | None = None  # how long the decision took, when the interface measured it
    changes: dict[str, list[object]] = field(default_factory=dict)  # variable -> [before, after]
    how: str = "chosen"  # chosen | timeout | vote | jump

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "scene": self.scene,
            "choice": self.choice,
            "text": self.text,
            "revealed": list(self.revealed),
        }
        if self.seconds is not None:
            d["seconds"] = round(self.seconds, 3)
        if self.changes:
            d["changes"] = {k: list(v) for k, v in self.changes.items()}
        if self.how != "chosen":
            d["how"] = self.how
        return d

    @classmethod
    def from_dict(cls, d: object) -> Decision:
        """Rebuild a decision from a save; ValueError when any field is not of the documented shape."""
        if not isinstance(d, dict):
            raise ValueError("a decision is not an object")
        scene, choice, text = d.get("scene"), d.get("choice"), d.get("text", "")
        revealed, seconds = d.get("revealed", []), d.get("seconds")
        changes, how = d.get("changes", {}), d.get("how", "chosen")
        if (
            not isinstance(scene, str)
            or not isinstance(text, str)
            or not is_clean(scene)
            or not is_clean(text)
        ):
            raise ValueError("a decision's scene or text is not plain text")
        if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice <= 1000:
            raise ValueError("a decision's choice is not a choice number")
        if not isinstance(revealed, list) or not all(isinstance(x, str) and is_clean(x) for x in revealed):
            raise ValueError("a decision's facts are not a list of ids")
        if seconds is not None and (
            isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 <= seconds <= 1e7
        ):
            raise ValueError("a decision's time is not a number of seconds")
        if not isinstance(changes, dict) or not all(
            isinstance(v, list) and len(v) == 2 and all(_plain_value(x) for x in v) for v in changes.values()
        ):
            raise ValueError("a decision's changes are damaged")
        if how not in HOW:
            raise ValueError("a decision says neither chosen, timeout, vote nor jump")
        return cls(
            scene=scene,
            choice=choice,
            text=text,
            revealed=list(revealed),
            seconds=None if seconds is None else float(seconds),
            changes={str(k): list(v) for k, v in changes.items()},
            how=how,
        )


HOW = ("chosen", "timeout", "vote", "jump")
SEED_LIMIT = 2**32  # a game's seed is below this (a save refuses giant numbers)


def _plain_value(v: object) -> bool:
    """A variable's value as a save may hold it: bool, a bounded int, or clean text."""
    if isinstance(v, bool):
        return True
    if isinstance(v, int):
        return abs(v) < 10**18
    return isinstance(v, str) and len(v) <= 100_000 and is_clean(v)


@dataclass
class Step:
    """What one decision did: the decision record and the facts newly in the dossier."""

    decision: Decision
    new_facts: list[str]


class Game:
    """One playthrough of a scenario: the state the rules (:mod:`briefing.core.rules`) step, and the
    history of decisions. Expressions read it like the state itself (``vars``, ``visited``...)."""

    def __init__(self, scenario: Scenario, rules: Rules | None = None):
        """``rules``: the scenario's own, unfocused (games of one scenario can share them); else compiled.
        The state's ``seed`` (what chance() draws from) is saved with the game."""
        self.scenario = scenario
        self.rules = rules if rules is not None else Rules(scenario)
        self.state = PlayState(scenario.start, dict(scenario.state), dossier={})
        self.history: list[Decision] = []
        self.last_new_facts: list[str] = []
        self.cut: str = ""  # the workshop cut played, "" for the whole scenario
        # every accepted input in order: ("choice", "2"), ("answer", "F"); what a recording replays
        self.inputs: list[tuple[str, str]] = []

    # --- construction
    @classmethod
    def new(
        cls, scenario: Scenario, rules: Rules | None = None, cut: str | None = None, seed: int | None = None
    ) -> Game:
        """A new game from the start, or from the start of the named workshop cut. ``seed``: what the
        game's chance() calls draw from (default: a new one for each game of a scenario that calls
        chance(), else 0)."""
        if cut and cut not in scenario.cuts:
            raise GameError(f"the scenario has no cut '{cut}'")
        game = cls(scenario, rules)
        if seed is None:
            seed = random.SystemRandom().randrange(SEED_LIMIT) if scenario.draws else 0
        game.state = game.rules.start(cut=cut or "", seed=seed)
        game.cut = cut or ""
        game.last_new_facts = game.dossier
        return game

    # --- reading
    @property
    def scene_id(self) -> str:
        return self.state.scene_id

    @property
    def vars(self) -> dict[str, Value]:
        return self.state.vars

    @property
    def visited(self) -> set[str]:
        return self.state.visited

    @property
    def revealed(self) -> set[str]:
        return self.state.revealed

    @property
    def chosen(self) -> set[tuple[str, int]]:
        return self.state.chosen

    @property
    def path(self) -> list[str]:
        """The scenes entered, in order."""
        return self.state.path

    @property
    def dossier(self) -> list[str]:
        """The fact ids in the order revealed."""
        return list(self.state.dossier or ())

    def _revealed_since(self, known: int) -> list[str]:
        """The facts revealed after the first ``known`` of the dossier."""
        return self.dossier[known:]

    @property
    def scene(self) -> Scene:
        return self.scenario.scenes[self.state.scene_id]

    @property
    def ended(self) -> bool:
        return self.scene.is_ending

    @property
    def ending(self) -> Scene | None:
        return self.scene if self.scene.is_ending else None

    def passages(self) -> list[str]:
        """The scene's text followed by the passages whose condition holds now, their inserts rendered."""
        scene, state = self.scene, self.state
        out = [shown(scene.text, scene.prose, state)]
        for p in scene.passages:
            if p.condition is None or p.condition.evaluate(state):
                out.append(shown(p.text, p.prose, state))
        return out

    def options(self) -> list[Option]:
        """The choices to show: those whose condition holds, and locked ones the scene shows disabled."""
        state = self.state
        return [
            Option(move.number, move.choice, ok, shown(move.choice.text, move.choice.prose, state))
            for move, ok in self.rules.shown(state)
        ]

    def available(self) -> list[Option]:
        return [o for o in self.options() if o.enabled]

    @property
    def stuck(self) -> bool:
        return not self.ended and not self.rules.offered(self.state)

    def standing(self) -> list[tuple[str, str, Value]]:
        """(variable, label, value) for every variable the scenario shows the player."""
        return [(name, label, self.vars[name]) for name, label in self.scenario.standing.items()]

    # --- acting
    def choose(self, number: int, seconds: float | None = None, how: str = "chosen") -> Step:
        """Take choice ``number`` (1-based, as numbered in the scene)."""
        if self.ended:
            raise GameError("the game is over")
        pending = self.judgement()
        if pending is not None:
            raise GameError(f"answer the {pending.kind} first")
        moves = self.rules.arrivals[self.state.scene_id].moves
        if not 1 <= number <= len(moves):
            raise GameError(f"there is no choice {number} here")
        move = moves[number - 1]
        if not self.rules.holds(move, self.state):
            raise GameError(f"choice {number} is not available")
        self.inputs.append(("choice", str(number)))
        return self._take(move, seconds, how)

    def _take(self, move: Move, seconds: float | None, how: str) -> Step:
        state = self.state
        before = dict(state.vars)
        known = len(self.dossier)
        text = shown(move.choice.text, move.choice.prose, state)  # as the player saw it
        decision = Decision(state.scene_id, move.number, text, [], seconds, how=how)
        self._step(move)
        # the choice's own facts are those revealed before its scene was entered
        decision.revealed = [f for f in self._revealed_since(known) if f in move.reveals]
        return self._record(decision, before, known)

    def _step(self, move: Move) -> None:
        """Take ``move``; when an effect runs past the limits the state is left as it was and a GameError
        says where the effect is written (``path:line:col: error: ... [B205]``)."""
        backup = self.state.copy()
        try:
            self.rules.take(self.state, move)
        except EffectLimitError as exc:
            self.state = backup
            choice = move.choice
            on_choice = move.number > 0 and any(e.source == exc.effect for e in choice.effects)
            at = choice.at if on_choice else self.scenario.scenes[move.goto].at
            raise GameError(f"{at.where}: error: {exc.message} [{exc.code}]") from None

    def _record(self, decision: Decision, before: dict[str, Value], known: int) -> Step:
        self.history.append(decision)
        decision.changes = {k: [before[k], v] for k, v in self.state.vars.items() if before.get(k) != v}
        new = self._revealed_since(known)
        self.last_new_facts = new
        return Step(decision, new)

    def timeout(self, seconds: float | None = None) -> Step | None:
        """Apply the scene's declared timeout: take its default choice or jump to its scene.

        Returns None when the scene declares no timeout (the interface keeps waiting).
        """
        outcome = self.rules.timeout(self.state)
        if outcome is None:
            return None
        if isinstance(outcome, Move):
            return self._take(outcome, seconds, "timeout")
        before = dict(self.state.vars)
        known = len(self.dossier)
        decision = Decision(self.state.scene_id, 0, "(time ran out)", [], seconds, how="timeout")
        self._step(self.rules.entries[outcome])
        decision.revealed = self._revealed_since(known)
        return self._record(decision, before, known)

    def jump(self, scene_id: str) -> None:
        """Go to any scene (the author's debug panel); recorded in the history."""
        if scene_id not in self.scenario.scenes:
            raise GameError(f"no scene '{scene_id}'")
        self.history.append(Decision(self.state.scene_id, 0, f"(jumped to {scene_id})", [], how="jump"))
        known = len(self.dossier)
        self._step(self.rules.entries[scene_id])
        self.last_new_facts = self._revealed_since(known)

    # --- the analyst's judgements (format 2): the rules ask them before a scene's choices
    @property
    def judged(self) -> Judgements:
        """The player's grades, estimates, ratings and leads (empty in a format 1 scenario)."""
        return self.state.judged if self.state.judged is not None else Judgements()

    @property
    def last_resolved(self) -> list[str]:
        """The estimates resolved by entering the current scene."""
        return self.state.resolved

    def judgement(self) -> asking.Prompt | None:
        """The grade, estimate, weigh or lead this scene still asks, or None (the choices are next)."""
        return None if self.ended else self.rules.prompt(self.state)

    def answer(self, value: str) -> str:
        """Answer the pending judgement; returns the answer's text. Raises GameError when refused."""
        prompt = self.judgement()
        if prompt is None:
            raise GameError("there is no judgement to answer here")
        try:
            text = self.rules.answer(self.state, prompt, value)
        except asking.AnswerError as exc:
            raise GameError(str(exc)) from exc
        self.inputs.append(("answer", value))
        return text

    def fact_title(self, fact_id: str) -> str:
        return self.rules.fact_title(fact_id)

    def instrument(self, function: str, argument: str) -> Value:
        """What grade("id"), estimate("id"), lead() and score("measure") read now."""
        return self.state.instrument(function, argument)

    def timeliness(self) -> float | None:
        return self.rules.timeliness(self.state)

    def scorecard(self) -> Scorecard:
        """The measures of the playthrough so far (complete at an ending)."""
        return self.rules.scorecard(self.state)

    # --- serialisation
    def to_dict(self) -> dict[str, Any]:
        return {
            "scene": self.scene_id,
            "vars": dict(self.vars),
            "path": list(self.path),
            "dossier": list(self.dossier),
            "history": [d.as_dict() for d in self.history],
            "judgements": self.judged.to_dict(),
            "cut": self.cut,
            "inputs": [list(i) for i in self.inputs],
            "seed": self.state.seed,
        }

    @classmethod
    def from_dict(cls, scenario: Scenario, data: object) -> Game:
        """Rebuild a game; raise ValueError naming what does not fit the scenario."""
        if not isinstance(data, dict):
            raise ValueError("the game state is not an object")
        game = cls(scenario)
        scene = data.get("scene")
        if not isinstance(scene, str) or scene not in scenario.scenes:
            raise ValueError(f"the saved scene {scene!r} is not in this scenario")
        vars_ = data.get("vars")
        if not isinstance(vars_, dict):
            raise ValueError("the saved variables are missing")
        types = scenario.variable_types()
        from briefing.core.expr import type_of

        merged = dict(scenario.state)
        for name, value in vars_.items():
            if name not in types:
                continue  # a variable the scenario no longer has
            if type_of(value) != types[name] or not _plain_value(value):
                raise ValueError(f"the saved variable '{name}' has the wrong type")
            merged[name] = value
        path = data.get("path", [])
        dossier = data.get("dossier", [])
        history = data.get("history", [])
        if not isinstance(path, list) or not isinstance(dossier, list) or not isinstance(history, list):
            raise ValueError("the saved path, dossier or history is not a list")
        kept_path = [s for s in path if isinstance(s, str) and s in scenario.scenes]
        if not kept_path or kept_path[-1] != scene:
            kept_path.append(scene)
        kept_dossier = [f for f in dossier if isinstance(f, str) and f in scenario.facts]
        try:
            game.history = [Decision.from_dict(d) for d in history]
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError("the saved history is damaged") from exc
        chosen = {(d.scene, d.choice) for d in game.history if d.choice > 0}
        seed = data.get("seed", 0)
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < SEED_LIMIT:
            raise ValueError("the saved seed is not a number the game draws from")
        game.state = PlayState(
            scene,
            merged,
            set(kept_path),
            set(kept_dossier),
            chosen,
            kept_path,
            dict.fromkeys(kept_dossier),
            seed,
        )
        judged = Judgements.from_dict(data.get("judgements"))  # validated even where nothing is asked
        if game.rules.asks:
            game.state.judged = judged
            game.state.scorer = game.rules.scorecard
        cut = data.get("cut", "")
        if not isinstance(cut, str) or (cut and cut not in scenario.cuts):
            raise ValueError("the saved cut is not in this scenario")
        game.cut = cut
        inputs = data.get("inputs", [])
        if not isinstance(inputs, list) or not all(
            isinstance(i, list) and len(i) == 2 and all(isinstance(x, str) for x in i) for i in inputs
        ):
            raise ValueError("the saved inputs are damaged")
        game.inputs = [(kind, value) for kind, value in inputs]
        return game
