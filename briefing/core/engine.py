"""The game engine: pure, deterministic and serialisable. No user interface here."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.core import asking
from briefing.core.judgements import Judgements
from briefing.core.model import Choice, Scenario, Scene
from briefing.core.outcomes import resolve_on_entry
from briefing.core.safe_text import is_clean
from briefing.core.scoring import Scorecard, score


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
        self.judged = Judgements()  # format 2: the player's grades, estimates, ratings and leads
        self.last_resolved: list[str] = []  # estimates resolved by entering the current scene
        self.cut: str = ""  # the workshop cut played, "" for the whole scenario

    # --- construction
    @classmethod
    def new(cls, scenario: Scenario, cut: str | None = None) -> Game:
        """A new game from the start, or from the start of the named cut (its state and dossier set)."""
        game = cls(scenario)
        start = scenario.start
        if cut is not None:
            if cut not in scenario.cuts:
                raise GameError(f"the scenario has no cut '{cut}'")
            c = scenario.cuts[cut]
            game.vars.update(c.state)
            game._reveal(list(c.reveals))
            game.cut = cut
            start = c.start
        game.last_new_facts = game._enter(start)
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
        pending = self.judgement()
        if pending is not None:
            raise GameError(f"answer the {pending.kind} first")
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
        new = self._reveal(scene.reveals)
        self.last_resolved = resolve_on_entry(
            self.scenario.instruments.estimates, scene_id, self.judged, self
        )
        return new

    def _reveal(self, ids: list[str]) -> list[str]:
        new = []
        for fid in ids:
            if fid not in self.revealed:
                self.revealed.add(fid)
                self.dossier.append(fid)
                new.append(fid)
        return new

    # --- the analyst's judgements (format 2)
    def judgement(self) -> asking.Prompt | None:
        """The grade, estimate, weigh or lead this scene still asks, or None (the choices are next)."""
        if self.ended:
            return None
        inst = self.scenario.instruments
        return asking.prompt_for(
            self.scene.task, self.judged, inst.hypotheses, inst.yardstick, self.fact_title
        )

    def answer(self, value: str) -> str:
        """Answer the pending judgement; returns the answer's text. Raises GameError when refused."""
        prompt = self.judgement()
        task = self.scene.task
        if prompt is None or task is None:
            raise GameError("there is no judgement to answer here")
        inst = self.scenario.instruments
        try:
            return asking.take_answer(
                prompt, value, task, self.judged, self.scene_id, inst.yardstick, inst.hypotheses
            )
        except asking.AnswerError as exc:
            raise GameError(str(exc)) from exc

    def fact_title(self, fact_id: str) -> str:
        fact = self.scenario.facts.get(fact_id)
        if fact is None:
            return fact_id
        return fact.title or fact.text

    def timeliness(self) -> float | None:
        """Briefings in time out of all briefings, from the scenario's two counting variables."""
        names = self.scenario.timeliness
        if names is None:
            return None
        on_time, late = int(self.vars[names[0]]), int(self.vars[names[1]])
        return on_time / (on_time + late) if on_time + late > 0 else None

    def instrument(self, function: str, argument: str) -> bool | int | str:
        """What grade("id"), estimate("id"), lead() and score("measure") read (expressions, format 2)."""
        if function == "grade":
            return self.judged.grades.get(argument, "")
        if function == "estimate":
            record = self.judged.estimates.get(argument)
            return -1 if record is None else round(record.p * 100)
        if function == "lead":
            return self.judged.lead
        card = self.scorecard()
        value = card.composite if argument == "composite" else card.measures.get(argument)
        return -1 if value is None else round(value * 100)

    def scorecard(self) -> Scorecard:
        """The measures of the playthrough so far (complete at an ending)."""
        return score(self.scenario.instruments, self.judged, self.timeliness())

    # --- serialisation
    def to_dict(self) -> dict:
        return {
            "scene": self.scene_id,
            "vars": dict(self.vars),
            "path": list(self.path),
            "dossier": list(self.dossier),
            "history": [d.as_dict() for d in self.history],
            "judgements": self.judged.to_dict(),
            "cut": self.cut,
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
            if type_of(value) != types[name] or not _plain_value(value):
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
        game.judged = Judgements.from_dict(data.get("judgements"))
        cut = data.get("cut", "")
        if not isinstance(cut, str) or (cut and cut not in scenario.cuts):
            raise ValueError("the saved cut is not in this scenario")
        game.cut = cut
        return game
