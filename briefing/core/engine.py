"""The game engine: pure, deterministic and serialisable. No user interface here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefing.core.expr import Value
from briefing.core.model import Choice, Scenario, Scene
from briefing.core.rules import Move, PlayState, Rules


class GameError(Exception):
    """A request the game cannot honour (a choice not on offer, a game already over)."""


@dataclass
class Option:
    """A choice as offered to the player: its 1-based number in the scene and whether it can be taken."""

    number: int
    choice: Choice
    enabled: bool

    @property
    def text(self) -> str:
        return self.choice.text


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
    def from_dict(cls, d: dict[str, Any]) -> Decision:
        return cls(
            scene=str(d["scene"]),
            choice=int(d["choice"]),
            text=str(d.get("text", "")),
            revealed=[str(x) for x in d.get("revealed", [])],
            seconds=d.get("seconds"),
            changes={str(k): list(v) for k, v in d.get("changes", {}).items()},
            how=str(d.get("how", "chosen")),
        )


@dataclass
class Step:
    """What one decision did: the decision record and the facts newly in the dossier."""

    decision: Decision
    new_facts: list[str]


class Game:
    """One playthrough of a scenario: the state the rules (:mod:`briefing.core.rules`) step, and the
    history of decisions. Expressions read it like the state itself (``vars``, ``visited``...)."""

    def __init__(self, scenario: Scenario, rules: Rules | None = None):
        """``rules``: the scenario's own, unfocused (games of one scenario can share them); else compiled."""
        self.scenario = scenario
        self.rules = rules if rules is not None else Rules(scenario)
        self.state = PlayState(scenario.start, dict(scenario.state), dossier={})
        self.history: list[Decision] = []
        self.last_new_facts: list[str] = []

    # --- construction
    @classmethod
    def new(cls, scenario: Scenario, rules: Rules | None = None) -> Game:
        game = cls(scenario, rules)
        game.state = game.rules.start()
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
        """The scene's text followed by the passages whose condition holds now."""
        scene = self.scene
        out = [scene.text]
        for p in scene.passages:
            if p.condition is None or p.condition.evaluate(self.state):
                out.append(p.text)
        return out

    def options(self) -> list[Option]:
        """The choices to show: those whose condition holds, and locked ones the scene shows disabled."""
        return [Option(move.number, move.choice, ok) for move, ok in self.rules.shown(self.state)]

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
        moves = self.rules.arrivals[self.state.scene_id].moves
        if not 1 <= number <= len(moves):
            raise GameError(f"there is no choice {number} here")
        move = moves[number - 1]
        if not self.rules.holds(move, self.state):
            raise GameError(f"choice {number} is not available")
        return self._take(move, seconds, how)

    def _take(self, move: Move, seconds: float | None, how: str) -> Step:
        state = self.state
        before = dict(state.vars)
        known = len(self.dossier)
        decision = Decision(state.scene_id, move.number, move.choice.text, [], seconds, how=how)
        self.rules.take(state, move)
        # the choice's own facts are those revealed before its scene was entered
        decision.revealed = [f for f in self._revealed_since(known) if f in move.reveals]
        return self._record(decision, before, known)

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
        self.rules.enter(self.state, outcome)
        decision.revealed = self._revealed_since(known)
        return self._record(decision, before, known)

    def jump(self, scene_id: str) -> None:
        """Go to any scene (the author's debug panel); recorded in the history."""
        if scene_id not in self.scenario.scenes:
            raise GameError(f"no scene '{scene_id}'")
        self.history.append(Decision(self.state.scene_id, 0, f"(jumped to {scene_id})", [], how="jump"))
        known = len(self.dossier)
        self.rules.enter(self.state, scene_id)
        self.last_new_facts = self._revealed_since(known)

    # --- serialisation
    def to_dict(self) -> dict[str, Any]:
        return {
            "scene": self.scene_id,
            "vars": dict(self.vars),
            "path": list(self.path),
            "dossier": list(self.dossier),
            "history": [d.as_dict() for d in self.history],
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
            if type_of(value) != types[name]:
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
        game.state = PlayState(
            scene, merged, set(kept_path), set(kept_dossier), chosen, kept_path, dict.fromkeys(kept_dossier)
        )
        return game
