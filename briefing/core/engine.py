"""The game engine: pure, deterministic and serialisable. No user interface here."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.core.errors import BriefingError
from briefing.core.model import Choice, Scenario, Scene


class GameError(BriefingError):
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
    changes: dict = field(default_factory=dict)  # variable -> [before, after]
    how: str = "chosen"  # chosen | timeout | vote | jump

    def as_dict(self) -> dict:
        d = {"scene": self.scene, "choice": self.choice, "text": self.text, "revealed": list(self.revealed)}
        if self.seconds is not None:
            d["seconds"] = round(self.seconds, 3)
        if self.changes:
            d["changes"] = {k: list(v) for k, v in self.changes.items()}
        if self.how != "chosen":
            d["how"] = self.how
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Decision:
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
    """One playthrough of a scenario."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.scene_id: str = scenario.start
        self.vars: dict = dict(scenario.state)
        self.visited: set[str] = set()
        self.path: list[str] = []  # scenes entered, in order
        self.revealed: set[str] = set()
        self.dossier: list[str] = []  # fact ids in the order revealed
        self.chosen: set[tuple[str, int]] = set()
        self.history: list[Decision] = []
        self.last_new_facts: list[str] = []

    # --- construction
    @classmethod
    def new(cls, scenario: Scenario) -> Game:
        game = cls(scenario)
        game.last_new_facts = game._enter(scenario.start)
        return game

    # --- reading
    @property
    def scene(self) -> Scene:
        return self.scenario.scenes[self.scene_id]

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
            if p.condition is None or p.condition.evaluate(self):
                out.append(p.text)
        return out

    def options(self) -> list[Option]:
        """The choices to show: those whose condition holds, and locked ones the scene shows disabled."""
        out = []
        for n, choice in enumerate(self.scene.choices, 1):
            ok = choice.condition is None or bool(choice.condition.evaluate(self))
            if ok or choice.show_locked:
                out.append(Option(n, choice, ok))
        return out

    def available(self) -> list[Option]:
        return [o for o in self.options() if o.enabled]

    @property
    def stuck(self) -> bool:
        return not self.ended and not self.available()

    def standing(self) -> list[tuple[str, str, object]]:
        """(variable, label, value) for every variable the scenario shows the player."""
        return [(name, label, self.vars[name]) for name, label in self.scenario.standing.items()]

    # --- acting
    def choose(self, number: int, seconds: float | None = None, how: str = "chosen") -> Step:
        """Take choice ``number`` (1-based, as numbered in the scene)."""
        if self.ended:
            raise GameError("the game is over")
        scene = self.scene
        if not 1 <= number <= len(scene.choices):
            raise GameError(f"there is no choice {number} here")
        choice = scene.choices[number - 1]
        if choice.condition is not None and not choice.condition.evaluate(self):
            raise GameError(f"choice {number} is not available")
        before = dict(self.vars)
        for effect in choice.effects:
            effect.apply(self)
        new = self._reveal(choice.reveals)
        self.chosen.add((scene.id, number))
        decision = Decision(scene.id, number, choice.text, new, seconds, how=how)
        self.history.append(decision)
        new += self._enter(choice.goto)
        decision.changes = {k: [before[k], v] for k, v in self.vars.items() if before.get(k) != v}
        self.last_new_facts = new
        return Step(decision, new)

    def timeout(self, seconds: float | None = None) -> Step | None:
        """Apply the scene's declared timeout: take its default choice or jump to its scene.

        Returns None when the scene declares no timeout (the interface keeps waiting).
        """
        t = self.scene.timeout
        if t is None or self.ended:
            return None
        if t.choice is not None:
            choice = self.scene.choices[t.choice - 1]
            if choice.condition is None or choice.condition.evaluate(self):
                return self.choose(t.choice, seconds, how="timeout")
            options = self.available()
            if not options:
                return None
            return self.choose(options[0].number, seconds, how="timeout")
        decision = Decision(self.scene_id, 0, "(time ran out)", [], seconds, how="timeout")
        self.history.append(decision)
        before = dict(self.vars)
        new = self._enter(t.goto)
        decision.revealed = new
        decision.changes = {k: [before[k], v] for k, v in self.vars.items() if before.get(k) != v}
        self.last_new_facts = new
        return Step(decision, new)

    def jump(self, scene_id: str) -> None:
        """Go to any scene (the author's debug panel); recorded in the history."""
        if scene_id not in self.scenario.scenes:
            raise GameError(f"no scene '{scene_id}'")
        self.history.append(Decision(self.scene_id, 0, f"(jumped to {scene_id})", [], how="jump"))
        self.last_new_facts = self._enter(scene_id)

    def _enter(self, scene_id: str) -> list[str]:
        self.scene_id = scene_id
        self.visited.add(scene_id)
        self.path.append(scene_id)
        scene = self.scenario.scenes[scene_id]
        for effect in scene.effects:
            effect.apply(self)
        return self._reveal(scene.reveals)

    def _reveal(self, ids: list[str]) -> list[str]:
        new = []
        for fid in ids:
            if fid not in self.revealed:
                self.revealed.add(fid)
                self.dossier.append(fid)
                new.append(fid)
        return new

    # --- serialisation
    def to_dict(self) -> dict:
        return {
            "scene": self.scene_id,
            "vars": dict(self.vars),
            "path": list(self.path),
            "dossier": list(self.dossier),
            "history": [d.as_dict() for d in self.history],
        }

    @classmethod
    def from_dict(cls, scenario: Scenario, data: dict) -> Game:
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
        game.scene_id = scene
        game.vars = merged
        game.path = [s for s in path if isinstance(s, str) and s in scenario.scenes]
        if not game.path or game.path[-1] != scene:
            game.path.append(scene)
        game.visited = set(game.path)
        game.dossier = [f for f in dossier if isinstance(f, str) and f in scenario.facts]
        game.revealed = set(game.dossier)
        try:
            game.history = [Decision.from_dict(d) for d in history]
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError("the saved history is damaged") from exc
        game.chosen = {(d.scene, d.choice) for d in game.history if d.choice > 0}
        return game
