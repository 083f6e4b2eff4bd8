"""The rules of play, in one place: entering a scene, the choices on offer, taking one, a timeout.

Everything that plays a scenario goes through here: the game (:mod:`briefing.core.engine`), the random
playthroughs and the exhaustive search (:mod:`briefing.authoring.playtest`), and the tests that replay
them. A :class:`Rules` is a scenario compiled once into small tables; a step is a few set and list
operations around the expressions' own ``condition.evaluate(state)`` and ``effect.apply(state)``.

The order of a step, which conditions and effects can observe:

- taking a choice: its effects apply in order, its facts are revealed, it is recorded as chosen, then
  the scene it goes to is entered;
- entering a scene: it becomes the current scene, is marked visited (and counted), added to the path,
  its effects apply in order, its facts are revealed (each new one goes to the end of the dossier);
- a timeout takes the scene's declared choice when that is on offer, else the first choice on offer (none
  on offer: the game keeps waiting), or enters its declared scene without a choice.

A :class:`Focus` compiles the rules for a search that keeps only part of the state (see
:func:`briefing.authoring.playtest.explore`): effects on other variables are left out, and only the
scenes, facts and choices in the focus are recorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.core import asking
from briefing.core.expr import UNANSWERED, Condition, Effect, Value
from briefing.core.judgements import Judgements
from briefing.core.model import Choice, Scenario
from briefing.core.outcomes import resolve_on_entry
from briefing.core.scoring import Scorecard, measure, score


class PlayState:
    """Where a playthrough stands: what expressions read (``vars``, ``visited``, ``revealed``,
    ``chosen``) and what the game shows (the scene, the path of scenes entered, and the dossier: the
    facts in the order revealed, kept when the state has one; a game needs it, a random run does not).
    Also the state to evaluate an expression in by hand: ``PlayState()`` is empty.
    """

    __slots__ = (
        "chosen",
        "dossier",
        "judged",
        "luck",
        "path",
        "resolved",
        "revealed",
        "scene_id",
        "scorer",
        "seed",
        "vars",
        "visited",
        "visits",
    )

    def __init__(
        self,
        scene_id: str = "",
        vars: dict[str, Value] | None = None,
        visited: set[str] | None = None,
        revealed: set[str] | None = None,
        chosen: set[tuple[str, int]] | None = None,
        path: list[str] | None = None,
        dossier: dict[str, None] | None = None,
        seed: int = 0,
    ) -> None:
        self.scene_id = scene_id
        self.vars: dict[str, Value] = {} if vars is None else vars
        self.visited: set[str] = set() if visited is None else visited
        self.revealed: set[str] = set() if revealed is None else revealed
        self.chosen: set[tuple[str, int]] = set() if chosen is None else chosen
        self.path: list[str] = [] if path is None else path  # scenes entered, in order
        self.visits: dict[str, int] = {}  # scene id -> times entered, for visits("id")
        for sid in self.path:
            self.visits[sid] = self.visits.get(sid, 0) + 1
        self.seed = seed  # what chance() draws from (see :meth:`chance`)
        self.luck: bool | None = None  # a search's answer to every chance() call, None: draw
        # the facts in the order revealed (the keys of a dict: ordered, and added to in one call)
        self.dossier: dict[str, None] | None = dossier
        # format 2: the player's judgements (None where the scenario asks none), the estimates resolved
        # by entering the current scene, and what score() reads (set by the rules)
        self.judged: Judgements | None = None
        self.resolved: list[str] = []
        self.scorer: Callable[[PlayState], Scorecard] | None = None

    def copy(self) -> PlayState:
        state = PlayState(
            self.scene_id,
            dict(self.vars),
            set(self.visited),
            set(self.revealed),
            set(self.chosen),
            list(self.path),
            None if self.dossier is None else dict(self.dossier),
            self.seed,
        )
        state.visits = dict(self.visits)
        state.luck = self.luck
        if self.judged is not None:
            state.judged = Judgements.from_dict(self.judged.to_dict())
        state.scorer = self.scorer
        return state

    def chance(self, percent: int, site: str) -> bool:
        """chance(N): true N times in 100. The draw is a hash of the game's seed, the number of scenes
        entered so far and the call's site: the same all through one step however often a condition is
        asked, independent between steps and sites, and the same again when a save is loaded or a
        random run replayed with its seed. A search sets ``luck`` to try each outcome instead."""
        if percent <= 0:
            return False
        if percent >= 100:
            return True
        if self.luck is not None:
            return self.luck
        key = f"{self.seed}/{len(self.path)}/{site}".encode()
        return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big") % 100 < percent

    def instrument(self, function: str, argument: str) -> Value:
        """What grade("id"), estimate("id"), lead() and score("measure") read (format 2 expressions).

        Before the player has answered: grade "" , estimate -1, lead "", score -1.
        """
        judged = self.judged
        if judged is None:
            return UNANSWERED[function]
        if function == "grade":
            return judged.grades.get(argument, "")
        if function == "estimate":
            record = judged.estimates.get(argument)
            return -1 if record is None else round(record.p * 100)
        if function == "lead":
            return judged.lead
        if self.scorer is None:
            return -1
        card = self.scorer(self)
        value = card.composite if argument == "composite" else card.measures.get(argument)
        return -1 if value is None else round(value * 100)


@dataclass(frozen=True)
class Focus:
    """The part of the state a search keeps: these variables, and only these visited scenes, revealed
    facts and choices taken. The rest must not change which choices are on offer."""

    variables: frozenset[str]
    visited: frozenset[str]
    revealed: frozenset[str]
    chosen: frozenset[tuple[str, int]]
    counted: frozenset[str] = frozenset()  # the scenes whose visits("id") are counted


class Move:
    """One choice of one scene, compiled: what taking it does."""

    __slots__ = ("arrival", "choice", "condition", "effects", "facts", "key", "marks", "number", "reveals")

    reveals: dict[str, None]  # the facts it reveals, in order (a dict, to add to the dossier in one call)
    facts: frozenset[str]  # the same, to add to ``revealed`` in one call

    def __init__(
        self, scene: str, number: int, choice: Choice, effects: tuple[Effect, ...], reveals: tuple[str, ...]
    ) -> None:
        self.choice = choice
        self.number = number  # 1-based, as numbered in the scene
        self.key = (scene, number)  # as recorded in ``chosen``
        self.condition: Condition | None = choice.condition
        self.effects = effects
        self.reveals = dict.fromkeys(reveals)
        self.facts = frozenset(reveals)
        self.marks = True  # recorded in ``chosen``
        self.arrival: Arrival  # the scene it goes to; set once every scene is compiled

    @classmethod
    def entry(cls, arrival: Arrival) -> Move:
        """The move that only enters ``arrival``'s scene (choice number 0, as in a game's history)."""
        move = cls(arrival.scene, 0, Choice("", arrival.scene), (), ())
        move.marks = False
        move.arrival = arrival
        return move

    @property
    def scene(self) -> str:
        return self.key[0]

    @property
    def goto(self) -> str:
        return self.arrival.scene


class Arrival:
    """One scene, compiled: what entering it does and the moves it offers."""

    __slots__ = (
        "counts",
        "effects",
        "ending",
        "facts",
        "fixed",
        "marks",
        "moves",
        "resolves",
        "reveals",
        "scene",
    )

    reveals: dict[str, None]  # as Move.reveals
    facts: frozenset[str]  # as Move.facts

    def __init__(
        self, scene: str, effects: tuple[Effect, ...], reveals: tuple[str, ...], ending: bool
    ) -> None:
        self.scene = scene
        self.effects = effects
        self.reveals = dict.fromkeys(reveals)
        self.facts = frozenset(reveals)
        self.ending = ending
        self.marks = True  # recorded in ``visited``
        self.counts = True  # counted in ``visits``
        self.moves: tuple[Move, ...] = ()
        self.fixed: tuple[Move, ...] | None = None  # the moves when none has a condition: always on offer
        self.resolves = False  # format 2: entering it resolves estimates


class Rules:
    """The rules of one scenario (optionally narrowed to a :class:`Focus`)."""

    def __init__(self, scenario: Scenario, focus: Focus | None = None) -> None:
        self.scenario = scenario
        self.focus = focus
        arrivals: dict[str, Arrival] = {}
        for sid, scene in scenario.scenes.items():
            arrival = Arrival(
                sid, self._effects(scene.effects), self._reveals(scene.reveals), scene.is_ending
            )
            arrival.marks = focus is None or sid in focus.visited
            arrival.counts = focus is None or sid in focus.counted
            arrivals[sid] = arrival
        for sid, scene in scenario.scenes.items():
            moves = []
            for n, choice in enumerate(scene.choices, 1):
                move = Move(sid, n, choice, self._effects(choice.effects), self._reveals(choice.reveals))
                move.marks = focus is None or (sid, n) in focus.chosen
                if focus is not None and reads_judgements(choice.condition):
                    move.condition = None  # a search cannot know the player's judgements: either way
                move.arrival = arrivals[choice.goto]
                moves.append(move)
            arrival = arrivals[sid]
            arrival.moves = tuple(moves)
            if all(m.condition is None for m in moves):
                arrival.fixed = arrival.moves
        self.arrivals = arrivals
        # entering a scene without a choice: a move with no consequences of its own, recorded nowhere
        self.entries = {sid: Move.entry(a) for sid, a in arrivals.items()}
        self.endings = frozenset(sid for sid, a in arrivals.items() if a.ending)
        inst = scenario.instruments
        self.asks = any(scene.task is not None for scene in scenario.scenes.values())
        self.asker = asking.Asker(inst.hypotheses, inst.yardstick, self.fact_title)
        for task in inst.estimates.values():
            for sid in task.resolve_at:
                if sid in arrivals:
                    arrivals[sid].resolves = True

    def _effects(self, effects: list[Effect]) -> tuple[Effect, ...]:
        focus = self.focus
        return tuple(e for e in effects if focus is None or e.target in focus.variables)

    def _reveals(self, facts: list[str]) -> tuple[str, ...]:
        focus = self.focus
        return tuple(f for f in facts if focus is None or f in focus.revealed)

    # --- the rules
    def start(self, dossier: bool = True, cut: str = "", seed: int = 0) -> PlayState:
        """A new playthrough: the initial variables (those in the focus), the start scene entered.
        ``dossier``: keep the facts in the order revealed (else only the set of them). ``cut``: start at
        that workshop cut instead, with its variables set and its facts already in the dossier.
        ``seed``: what chance() draws from."""
        focus = self.focus
        init = dict(self.scenario.state)
        start = self.scenario.start
        if cut:
            c = self.scenario.cuts[cut]
            init.update(c.state)
            start = c.start
        vars_ = init if focus is None else {k: v for k, v in init.items() if k in focus.variables}
        state = PlayState(vars=vars_, dossier={} if dossier else None, seed=seed)
        if self.asks:
            state.judged = Judgements()
            state.scorer = self.scorecard
        if cut:
            facts = self._reveals(self.scenario.cuts[cut].reveals)
            state.revealed.update(facts)
            if state.dossier is not None:
                state.dossier.update(dict.fromkeys(facts))
        self.enter(state, start)
        return state

    def enter(self, state: PlayState, scene_id: str) -> None:
        """Enter a scene without a choice (the start, a jump, a timeout's scene), as :meth:`take` does."""
        self.take(state, self.entries[scene_id])

    def offered(self, state: PlayState) -> Sequence[Move]:
        """The moves of the current scene whose condition holds, in the scene's order."""
        arrival = self.arrivals[state.scene_id]
        fixed = arrival.fixed
        if fixed is not None:
            return fixed
        return [m for m in arrival.moves if m.condition is None or m.condition.evaluate(state)]

    def shown(self, state: PlayState) -> list[tuple[Move, bool]]:
        """(move, on offer) for the moves to show: those on offer and the locked ones shown disabled."""
        out = []
        for move in self.arrivals[state.scene_id].moves:
            ok = self.holds(move, state)
            if ok or move.choice.show_locked:
                out.append((move, ok))
        return out

    @staticmethod
    def holds(move: Move, state: PlayState) -> bool:
        """Whether the move's condition holds (a move without one always does)."""
        return move.condition is None or bool(move.condition.evaluate(state))

    def take(self, state: PlayState, move: Move) -> None:
        """Take a move (the caller has checked it is on offer): its effects apply in order, its facts
        are revealed, it is recorded as chosen; then its scene is entered: current, visited, on the
        path, its effects apply in order, its facts are revealed."""
        for effect in move.effects:
            effect.apply(state)
        if move.reveals:  # few choices reveal facts, most scenes do: theirs are revealed inline below
            _reveal(state, move)
        if move.marks:
            state.chosen.add(move.key)
        arrival = move.arrival
        state.scene_id = scene_id = arrival.scene
        if arrival.marks:
            state.visited.add(scene_id)
        if arrival.counts:
            visits = state.visits
            visits[scene_id] = visits.get(scene_id, 0) + 1
        state.path.append(scene_id)
        for effect in arrival.effects:
            effect.apply(state)
        if arrival.reveals:
            state.revealed.update(arrival.facts)
            if state.dossier is not None:
                state.dossier.update(arrival.reveals)
        if arrival.resolves and state.judged is not None:
            state.resolved = resolve_on_entry(
                self.scenario.instruments.estimates, scene_id, state.judged, state
            )
        elif state.resolved:
            state.resolved = []

    # --- the analyst's judgements (format 2): asked before a scene's choices
    def prompt(self, state: PlayState) -> asking.Prompt | None:
        """The grade, estimate, weigh or lead the current scene still asks; None: its choices are next."""
        if state.judged is None:
            return None
        return self.asker.prompt(self.scenario.scenes[state.scene_id].task, state.judged)

    def answer(self, state: PlayState, prompt: asking.Prompt, value: str) -> str:
        """Record ``value`` as the answer to ``prompt`` (from :meth:`prompt`); AnswerError if refused."""
        assert state.judged is not None
        task = self.scenario.scenes[state.scene_id].task
        assert task is not None
        return self.asker.answer(prompt, value, task, state.judged, state.scene_id)

    def answer_all(
        self, state: PlayState, pick: Callable[[asking.Prompt], asking.Answer]
    ) -> list[asking.Prompt]:
        """Answer every prompt the current scene still asks with ``pick``; return the prompts asked."""
        task = self.scenario.scenes[state.scene_id].task
        if task is None or state.judged is None:
            return []
        return self.asker.answer_all(task, state.judged, state.scene_id, pick)

    def fact_title(self, fact_id: str) -> str:
        fact = self.scenario.facts.get(fact_id)
        return fact_id if fact is None else fact.title or fact.text

    def timeliness(self, state: PlayState) -> float | None:
        """Briefings in time out of all briefings, from the scenario's two counting variables."""
        names = self.scenario.timeliness
        if names is None:
            return None
        on_time, late = state.vars.get(names[0], 0), state.vars.get(names[1], 0)
        assert isinstance(on_time, int) and isinstance(late, int)
        return on_time / (on_time + late) if on_time + late > 0 else None

    def scorecard(self, state: PlayState) -> Scorecard:
        """The measures of the playthrough so far (complete at an ending)."""
        return score(self.scenario.instruments, state.judged or Judgements(), self.timeliness(state))

    def letter(self, state: PlayState) -> str:
        """The playthrough's letter so far (what :meth:`scorecard` gives, without its explanations)."""
        return measure(self.scenario.instruments, state.judged or Judgements(), self.timeliness(state)).letter

    def timeout(self, state: PlayState) -> Move | str | None:
        """What the current scene's timeout does now: the move it takes, the scene it goes to without a
        choice, or None (no timeout declared, an ending, or nothing on offer: keep waiting)."""
        arrival = self.arrivals[state.scene_id]
        declared = self.scenario.scenes[state.scene_id].timeout
        if declared is None or arrival.ending:
            return None
        if declared.choice is not None:
            move = arrival.moves[declared.choice - 1]
            if self.holds(move, state):
                return move
            offered = self.offered(state)
            return offered[0] if offered else None
        return declared.goto


def reads_judgements(condition: Condition | None) -> bool:
    """Whether a condition reads grade(), estimate(), lead() or score() (format 2): a search under a
    :class:`Focus` cannot know the player's judgements, so it takes such a condition either way."""
    from briefing.core.expr import INSTRUMENT_FUNCTIONS, Call, walk

    if condition is None:
        return False
    return any(isinstance(n, Call) and n.function in INSTRUMENT_FUNCTIONS for n in walk(condition.tree))


def _reveal(state: PlayState, what: Move | Arrival) -> None:
    """Reveal the facts of a choice or a scene (new ones go to the end of the dossier)."""
    state.revealed.update(what.facts)
    if state.dossier is not None:
        state.dossier.update(what.reveals)
