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

    @property
    def locked(self) -> str:
        """Why the option is not available, as the author wrote it ("" when enabled or not said)."""
        return "" if self.enabled else self.choice.locked


def not_on_offer(number: int, options: list[Option]) -> str:
    """Why choice ``number`` cannot be taken here, naming the choices that can (as plain play says it):
    a locked choice shown disabled is not available now; any other number is not a choice on offer."""
    if any(o.number == number for o in options):
        return f"Choice {number} is not available now."
    numbers = [str(o.number) for o in options if o.enabled]
    if not numbers:
        return f"Choice {number} is not on offer here."
    listed = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} or {numbers[-1]}"
    return f"Choice {number} is not on offer here: choose {listed}."


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


INPUT_KINDS = ("choice", "answer", "timeout", "jump")  # what game.inputs records, in order
DECISION_INPUTS = ("choice", "timeout", "jump")  # the inputs that add a decision to the history
MAX_INPUTS = 100_000  # no playthrough takes more; a save claiming more is damaged
MAX_INPUT_TEXT = 1_000  # characters of one recorded input (a choice number, an answer, a scene id)


@dataclass(frozen=True)
class Shown:
    """One scene as the player was shown it on entering: its passages as rendered then (the scene's text
    and the passages whose condition held), the facts newly in the dossier and the estimates resolved.
    A History screen rereads an earlier scene from it."""

    scene: str
    passages: tuple[str, ...]
    new_facts: tuple[str, ...] = ()
    resolved: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"scene": self.scene, "passages": list(self.passages)}
        if self.new_facts:
            d["new_facts"] = list(self.new_facts)
        if self.resolved:
            d["resolved"] = list(self.resolved)
        return d

    @classmethod
    def from_dict(cls, d: object, scenario: Scenario) -> Shown:
        """Rebuild a shown scene from a save; ValueError when it is not of the documented shape."""
        if not isinstance(d, dict):
            raise ValueError("a shown scene is not an object")
        scene = d.get("scene")
        if not isinstance(scene, str) or scene not in scenario.scenes:
            raise ValueError("a shown scene is not in this scenario")
        lists = [d.get("passages", []), d.get("new_facts", []), d.get("resolved", [])]
        for value in lists:
            if not isinstance(value, list) or not all(
                isinstance(x, str) and len(x) <= 1_000_000 and is_clean(x) for x in value
            ):
                raise ValueError("a shown scene's passages, facts or estimates are not plain text")
        passages, new_facts, resolved = lists
        return cls(scene, tuple(passages), tuple(new_facts), tuple(resolved))


@dataclass(frozen=True)
class Rollback:
    """A rollback the player made (undo or rewind): from the scene ``left`` back to the scene ``to``,
    taking back ``undone`` inputs (decisions and judgements) and keeping ``decisions`` decisions."""

    left: str
    to: str
    undone: int
    decisions: int

    def as_dict(self) -> dict[str, Any]:
        return {"left": self.left, "to": self.to, "undone": self.undone, "decisions": self.decisions}

    @classmethod
    def from_dict(cls, d: object) -> Rollback:
        """Rebuild a rollback from a save; ValueError when it is not of the documented shape."""
        if not isinstance(d, dict):
            raise ValueError("a rollback is not an object")
        left, to, undone, decisions = d.get("left"), d.get("to"), d.get("undone"), d.get("decisions")
        if not all(isinstance(x, str) and len(x) <= MAX_INPUT_TEXT and is_clean(x) for x in (left, to)):
            raise ValueError("a rollback's scenes are not ids")
        if not all(
            isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= MAX_INPUTS
            for x in (undone, decisions)
        ):
            raise ValueError("a rollback's counts are not counts")
        assert isinstance(left, str) and isinstance(to, str)
        assert isinstance(undone, int) and isinstance(decisions, int)
        return cls(left, to, undone, decisions)


def read_inputs(value: object) -> list[tuple[str, str]]:
    """The recorded inputs of a save, checked: a list of [kind, text] pairs; ValueError when damaged."""
    if not isinstance(value, list) or len(value) > MAX_INPUTS:
        raise ValueError("the saved inputs are damaged")
    out = []
    for item in value:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or item[0] not in INPUT_KINDS
            or not isinstance(item[1], str)
            or len(item[1]) > MAX_INPUT_TEXT
            or not is_clean(item[1])
        ):
            raise ValueError("the saved inputs are damaged")
        out.append((item[0], item[1]))
    return out


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
        # also ("timeout", "") and ("jump", scene id): with the inputs, undo and rewind replay the game
        self.transcript: list[Shown] = []  # every scene entered, as shown then (one per path entry)
        self.rollbacks: list[Rollback] = []  # every undo and rewind, in order
        # where the inputs start: None for the start of the game (or its cut); else the saved game they
        # follow (an older save without inputs): undo cannot go back past it
        self._origin: dict[str, Any] | None = None

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
        game._shown(0)
        return game

    @classmethod
    def replay(
        cls,
        scenario: Scenario,
        inputs: list[tuple[str, str]],
        rules: Rules | None = None,
        cut: str | None = None,
        seed: int | None = 0,
    ) -> Game:
        """A new game with ``inputs`` (as :attr:`inputs` records them) applied in order, drawing chance()
        from ``seed``; GameError names the first input that does not apply."""
        game = cls.new(scenario, rules, cut, seed)
        game._apply(inputs)
        return game

    def _apply(self, inputs: list[tuple[str, str]]) -> None:
        for i, (kind, value) in enumerate(inputs, 1):
            try:
                if kind == "choice":
                    if not value.isdigit():
                        raise GameError(f"'{value}' is not a choice number")
                    self.choose(int(value))
                elif kind == "answer":
                    self.answer(value)
                elif kind == "timeout":
                    if self.timeout() is None:
                        raise GameError("the scene has no timeout")
                elif kind == "jump":
                    self.jump(value)
                else:
                    raise GameError(f"unknown input '{kind}'")
            except GameError as exc:
                raise GameError(f"input {i} ({kind} {value!r}) does not replay: {exc}") from None

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
        step = self._take(move, seconds, how)
        self.inputs.append(("choice", str(number)))  # once taken: a refused move is no input
        return step

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
        known = len(self.dossier)
        try:
            self.rules.take(self.state, move)
        except EffectLimitError as exc:
            self.state = backup
            choice = move.choice
            on_choice = move.number > 0 and any(e.source == exc.effect for e in choice.effects)
            at = choice.at if on_choice else self.scenario.scenes[move.goto].at
            raise GameError(f"{at.where}: error: {exc.message} [{exc.code}]") from None
        self._shown(known)

    def _shown(self, known: int) -> None:
        """Keep the scene just entered as it is shown now (``known``: the dossier's length before)."""
        self.transcript.append(
            Shown(
                self.scene_id,
                tuple(self.passages()),
                tuple(self._revealed_since(known)),
                tuple(self.last_resolved),
            )
        )

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
            step = self._take(outcome, seconds, "timeout")
            self.inputs.append(("timeout", ""))
            return step
        before = dict(self.state.vars)
        known = len(self.dossier)
        decision = Decision(self.state.scene_id, 0, "(time ran out)", [], seconds, how="timeout")
        self._step(self.rules.entries[outcome])
        decision.revealed = self._revealed_since(known)
        self.inputs.append(("timeout", ""))
        return self._record(decision, before, known)

    def jump(self, scene_id: str) -> None:
        """Go to any scene (the author's debug panel); recorded in the history."""
        if scene_id not in self.scenario.scenes:
            raise GameError(f"no scene '{scene_id}'")
        decision = Decision(self.state.scene_id, 0, f"(jumped to {scene_id})", [], how="jump")
        known = len(self.dossier)
        self._step(self.rules.entries[scene_id])
        self.history.append(decision)
        self.inputs.append(("jump", scene_id))
        self.last_new_facts = self._revealed_since(known)

    # --- rollback: the engine is deterministic, so a game taken back is the game replayed without the
    # inputs taken back (from the start, or from the older save the inputs follow)
    @property
    def can_undo(self) -> bool:
        """Whether there is a decision or a judgement to take back."""
        return bool(self.inputs)

    @property
    def rewind_floor(self) -> int:
        """The fewest decisions :meth:`rewind` can go back to (more than 0 only after an older save)."""
        return len(self.history) - sum(1 for kind, _ in self.inputs if kind in DECISION_INPUTS)

    def undo(self) -> Rollback:
        """Take back the last decision or judgement; GameError when there is none."""
        if not self.inputs:
            raise GameError("there is nothing to undo")
        return self._roll_back(len(self.inputs) - 1)

    def rewind(self, n: int) -> Rollback:
        """Go back to just after the ``n``-th decision of the history (0: the first scene), before any
        judgement asked after it; GameError when the history has no such decision."""
        floor = self.rewind_floor
        if not floor <= n <= len(self.history):
            if n < floor and n >= 0:
                raise GameError(f"this game was saved without its inputs: it goes back to decision {floor}")
            raise GameError(f"there is no decision {n} to go back to")
        keep, seen = 0, floor
        if n > floor:
            for i, (kind, _) in enumerate(self.inputs, 1):
                if kind in DECISION_INPUTS:
                    seen += 1
                    if seen == n:
                        keep = i
                        break
        if keep == len(self.inputs):
            raise GameError("the game is already there")
        return self._roll_back(keep)

    def _roll_back(self, keep: int) -> Rollback:
        """Replay the first ``keep`` inputs and become that game, the rollback recorded."""
        if self._origin is None:
            game = Game.new(self.scenario, self.rules, self.cut or None, self.state.seed)
        else:
            game = Game.from_dict(self.scenario, self._origin, self.rules)
        game._apply(self.inputs[:keep])
        rollback = Rollback(self.scene_id, game.scene_id, len(self.inputs) - keep, len(game.history))
        # the records kept are the ones made at the time (they carry the seconds a decision took)
        self.history = self.history[: len(game.history)]
        self.transcript = self.transcript[: len(game.transcript)]
        self.state = game.state
        self.inputs = self.inputs[:keep]
        self.last_new_facts = game.last_new_facts
        self.rollbacks.append(rollback)
        return rollback

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
            "transcript": [t.as_dict() for t in self.transcript],
            "rollbacks": [r.as_dict() for r in self.rollbacks],
            **({} if self._origin is None else {"origin": self._origin}),
            "seed": self.state.seed,
        }

    @classmethod
    def from_dict(cls, scenario: Scenario, data: object, rules: Rules | None = None) -> Game:
        """Rebuild a game; raise ValueError naming what does not fit the scenario."""
        if not isinstance(data, dict):
            raise ValueError("the game state is not an object")
        game = cls(scenario, rules)
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
        game.inputs = read_inputs(data.get("inputs", []))
        transcript, rollbacks = data.get("transcript", []), data.get("rollbacks", [])
        if not isinstance(transcript, list) or not isinstance(rollbacks, list) or len(rollbacks) > MAX_INPUTS:
            raise ValueError("the saved transcript or rollbacks are not a list")
        if len(transcript) > len(game.path):
            raise ValueError("the saved transcript has more scenes than the game entered")
        game.transcript = [Shown.from_dict(t, scenario) for t in transcript]
        game.rollbacks = [Rollback.from_dict(r) for r in rollbacks]
        origin = data.get("origin")
        if origin is not None:
            if not isinstance(origin, dict) or "origin" in origin:
                raise ValueError("the saved origin is damaged")
            cls.from_dict(scenario, origin)  # checked now, not at the first undo
            game._origin = origin
        game._check_inputs()
        return game

    def _where(self) -> tuple[object, ...]:
        """What two games that reached the same point agree on."""
        return (self.scene_id, self.path, self.vars, self.dossier, self.judged.to_dict())

    def _check_inputs(self) -> None:
        """Keep the inputs only where replaying them leads to this game; else (an older save, a changed
        scenario) undo starts from this game as loaded."""
        if not self.inputs and self._origin is None and not self.history:
            return
        try:
            if self._origin is None:
                replayed = Game.replay(
                    self.scenario, self.inputs, self.rules, self.cut or None, self.state.seed
                )
            else:
                replayed = Game.from_dict(self.scenario, self._origin, self.rules)
                replayed._apply(self.inputs)
        except (GameError, ValueError):
            replayed = None
        if replayed is None or replayed._where() != self._where():
            self.inputs = []
            if not self.transcript:  # the scene loaded, as it shows now: the history rereads from here
                self._shown(len(self.dossier))
            origin = self.to_dict()
            origin.pop("origin", None)
            origin.pop("inputs")
            self._origin = origin
        elif not self.transcript:
            self.transcript = replayed.transcript
