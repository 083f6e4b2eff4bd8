"""Playing a scenario automatically: seeded random playthroughs and an exhaustive search of its states.

Pure: no printing, no user interface. Every step is taken by the game's own rules
(:mod:`briefing.core.rules`), so a trail found here replays the same in the game. Timeouts (workshop
mode) are not taken: a playthrough only ever takes choices whose condition holds.

``chance(N)``: random run ``i`` plays a game seeded ``seed + i``, so its draws differ from run to run
and a run replays the same with ``--seed S+i -n 1``. The search tries both outcomes: from each state
once with every chance() call true and once with every one false.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import partial
from math import inf as INF
from typing import TYPE_CHECKING, Any, TypeVar

from briefing.core.asking import Answer, Prompt
from briefing.core.expr import MAX_INT, Effect, EffectLimitError, Value
from briefing.core.model import Scenario
from briefing.core.rules import Focus, PlayState, Rules, reads_judgements

if TYPE_CHECKING:
    from briefing.authoring.analysis import Access

ChoiceKey = tuple[str, int]  # (scene id, choice number), as in PlayState.chosen
Trail = list[ChoiceKey]  # the choices that led somewhere, in order
# a searched state: scene, variables, revealed, visited, chosen, visit counts
_Key = tuple[
    str, tuple[Value, ...], frozenset[str], frozenset[str], frozenset[ChoiceKey], tuple[tuple[str, int], ...]
]

_T = TypeVar("_T")

STEP_FACTOR = 10  # a random run stops after STEP_FACTOR x the number of scenes (at least 100) steps


def where(scenario: Scenario, scene_id: str, number: int | None = None) -> tuple[str, int, int]:
    """(path, line, col) of a scene, or of its choice ``number``."""
    scene = scenario.scenes[scene_id]
    at = scene.at if number is None else scene.choices[number - 1].at
    return at.path, at.mark[0], at.mark[1]


def trail_text(trail: Trail, end: str) -> str:
    """'a -1-> b -2-> c' from [(a, 1), (b, 2)] and end c."""
    return "".join(f"{sid} -{n}-> " for sid, n in trail) + end


# ---------------------------------------------------------------- random playthroughs


@dataclass
class Stuck:
    scene: str
    trail: Trail  # that led there
    count: int = 1
    run: int = 0  # the first run that got stuck here
    seed: int = 0  # the seed that replays it with -n 1


@dataclass
class RunError:
    message: str
    scene: str
    trail: Trail
    run: int
    seed: int


@dataclass
class TagCoverage:
    """Of the scenes and choices with one tag: how many there are and how many the runs reached."""

    scenes_total: int = 0
    scenes_reached: int = 0
    choices_total: int = 0
    choices_reached: int = 0


def tag_coverage(scenario: Scenario, scenes: set[str], choices: set[ChoiceKey]) -> dict[str, TagCoverage]:
    """For each tag (in order of first use), how many of its scenes and choices are in ``scenes`` and
    ``choices`` (those a playtest reached)."""
    out: dict[str, TagCoverage] = {}
    for sid, scene in scenario.scenes.items():
        for tag in scene.tags:
            c = out.setdefault(tag, TagCoverage())
            c.scenes_total += 1
            c.scenes_reached += sid in scenes
        for n, choice in enumerate(scene.choices, 1):
            for tag in choice.tags:
                c = out.setdefault(tag, TagCoverage())
                c.choices_total += 1
                c.choices_reached += (sid, n) in choices
    return out


@dataclass
class RandomReport:
    playthroughs: int
    seed: int
    max_steps: int
    scenes_total: int
    endings_total: int
    choices_total: int
    scenes_visited: set[str] = field(default_factory=set)
    choices_taken: set[ChoiceKey] = field(default_factory=set)
    ending_counts: dict[str, int] = field(default_factory=dict)  # ending id -> runs that ended there
    longest: int = 0
    longest_trail: Trail = field(default_factory=list)
    total_steps: int = 0
    stuck: dict[str, Stuck] = field(default_factory=dict)  # scene id -> Stuck
    errors: list[RunError] = field(default_factory=list)
    # tag -> scenes and choices tagged with it that the runs reached (see :func:`tag_coverage`)
    tags: dict[str, TagCoverage] = field(default_factory=dict)
    # format 2: judgements asked and answered at random, estimates resolved, letters reached
    judgements_total: int = 0
    answers_given: int = (
        0  # judgement answers over all runs (a grade is two, a weigh one a cell and its lead)
    )
    judgements_answered: set[str] = field(default_factory=set)
    estimates_resolved: set[str] = field(default_factory=set)
    letter_counts: dict[str, int] = field(default_factory=dict)

    @property
    def average(self) -> float:
        return self.total_steps / self.playthroughs if self.playthroughs else 0.0

    @property
    def failed(self) -> bool:
        return bool(self.stuck or self.errors)


def random_playthroughs(
    scenario: Scenario, n: int, seed: int = 0, max_steps: int | None = None, cut: str = ""
) -> RandomReport:
    """Play ``n`` random playthroughs (of the workshop ``cut`` when named); run ``i`` uses
    ``random.Random(seed + i)``."""
    scenes = scenario.scenes
    if max_steps is None:
        max_steps = max(100, STEP_FACTOR * len(scenes))
    report = RandomReport(
        n, seed, max_steps, len(scenes), len(scenario.endings), sum(len(s.choices) for s in scenes.values())
    )
    if scenario.start not in scenes:
        return report
    rules = Rules(scenario)
    start, offered, take, endings = rules.start, rules.offered, rules.take, rules.endings
    asks, answer_all = rules.asks, rules.answer_all
    report.judgements_total = sum(1 for sc in scenes.values() if sc.task is not None)
    visited_all = report.scenes_visited
    taken_all = report.choices_taken
    ending_counts = report.ending_counts
    for i in range(n):
        rand = random.Random(seed + i).random

        def at_random(prompt: Prompt, rand: Callable[[], float] = rand) -> Answer:
            return prompt.answers[int(rand() * len(prompt.answers))]

        st = start(dossier=False, cut=cut, seed=seed + i)
        trail: Trail = []
        steps = 0
        while st.scene_id not in endings:
            if steps >= max_steps:
                report.errors.append(
                    RunError(f"no ending within {max_steps} steps", st.scene_id, trail[-20:], i, seed + i)
                )
                break
            if asks and (asked := answer_all(st, at_random)):  # the scene's judgement first
                report.judgements_answered.add(asked[0].task)
                report.answers_given += len(asked)
            avail = offered(st)
            if not avail:
                s = report.stuck.get(st.scene_id)
                if s is None:
                    report.stuck[st.scene_id] = Stuck(st.scene_id, list(trail), 1, i, seed + i)
                else:
                    s.count += 1
                    if len(trail) < len(s.trail):
                        s.trail = list(trail)
                break
            move = avail[int(rand() * len(avail))]
            try:
                take(st, move)
            except EffectLimitError as exc:  # a value grew past the bounds: this run cannot go on
                report.errors.append(RunError(exc.message, move.scene, trail[-20:], i, seed + i))
                break
            trail.append(move.key)
            steps += 1
        visited_all |= st.visited
        taken_all |= st.chosen
        if st.scene_id in endings:
            ending_counts[st.scene_id] = ending_counts.get(st.scene_id, 0) + 1
            if asks and st.judged is not None:
                report.estimates_resolved.update(
                    k for k, e in st.judged.estimates.items() if e.outcome is not None
                )
                letter = rules.letter(st)
                report.letter_counts[letter] = report.letter_counts.get(letter, 0) + 1
        report.total_steps += steps
        if steps > report.longest:
            report.longest = steps
            report.longest_trail = trail if len(trail) <= 200 else trail[:200]
    report.tags = tag_coverage(scenario, visited_all, taken_all)
    return report


def _loc(scenario: Scenario, sid: str, n: int | None = None) -> dict[str, Any]:
    """A scene's (or its choice's) place as JSON: path, line, col."""
    p, line, col = where(scenario, sid, n)
    return {"path": p, "line": line, "col": col}


def coverage(
    scenario: Scenario, verb: str, reached: set[str], endings: set[str], taken: set[ChoiceKey]
) -> dict[str, Any]:
    """What a coverage run reached and missed, the misses located: scenes (``scenes_<verb>`` and
    ``scenes_never_<verb>``), endings, and the choices of the scenes it reached."""
    scenes = scenario.scenes
    loc = partial(_loc, scenario)
    return {
        "scenes_total": len(scenes),
        f"scenes_{verb}": len(reached),
        "endings_total": len(scenario.endings),
        "endings_reached": sum(1 for e in scenario.endings if e.id in endings),
        "choices_total": sum(len(s.choices) for s in scenes.values()),
        "choices_taken": len(taken),
        f"scenes_never_{verb}": [
            dict(scene=sid, **loc(sid)) for sid in scenes if sid not in reached and not scenes[sid].is_ending
        ],
        "endings_never_reached": [
            dict(scene=e.id, **loc(e.id)) for e in scenario.endings if e.id not in endings
        ],
        "choices_never_taken": [
            dict(scene=sid, choice=n, **loc(sid, n))
            for sid, s in scenes.items()
            if sid in reached
            for n in range(1, len(s.choices) + 1)
            if (sid, n) not in taken
        ],
    }


def random_report_dict(scenario: Scenario, r: RandomReport) -> dict[str, Any]:

    loc = partial(_loc, scenario)
    endings = [s.id for s in scenario.endings]
    return {
        "scenario": scenario.id,
        "playthroughs": r.playthroughs,
        "seed": r.seed,
        "max_steps": r.max_steps,
        **coverage(scenario, "visited", r.scenes_visited, set(r.ending_counts), r.choices_taken),
        "ending_counts": {e: r.ending_counts.get(e, 0) for e in endings},
        "judgements_total": r.judgements_total,
        "judgements_answered": len(r.judgements_answered),
        "estimates_resolved": len(r.estimates_resolved),
        "letter_counts": dict(sorted(r.letter_counts.items())),
        "tags": {tag: vars(c) for tag, c in r.tags.items()},
        "longest": r.longest,
        "longest_trail": [list(t) for t in r.longest_trail],
        "average": round(r.average, 3),
        "stuck": [_located(s, loc) for s in r.stuck.values()],
        "errors": [_located(e, loc) for e in r.errors],
    }


def _located(run: Stuck | RunError, loc: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    """A stuck scene or a run's error as JSON: its fields, its trail as lists, its scene's place."""
    return {**asdict(run), "trail": [list(t) for t in run.trail], **loc(run.scene)}


# ---------------------------------------------------------------- exhaustive search

DEFAULT_MAX_STATES = 200_000


@dataclass
class ExploreReport:
    states: int
    max_states: int
    bound_hit: bool
    scenes_reached: set[str]
    choices_taken: set[ChoiceKey]
    endings_reached: set[str]
    facts_revealed: set[str]
    stuck: dict[str, tuple[Trail, int]]  # scene id -> (a shortest path to the first stuck state there, count)
    no_ending: dict[str, tuple[Trail, int]]  # the same for states from which no ending can be reached
    transitions: int = 0
    trails: dict[str, Trail] = field(default_factory=dict)  # scene id -> a shortest trail that reaches it
    # choices whose effects ran past the limits (B205): (scene, number) -> (a trail to it, the message)
    limits: dict[ChoiceKey, tuple[Trail, str]] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return bool(self.stuck or self.no_ending or self.limits)


def _relevant(scenario: Scenario, merge: bool = True) -> tuple[list[str], Focus, bool]:
    """What can change which choices are available: the variables that choice conditions read (and
    those the effects on them read, transitively), and the visited()/visits()/revealed()/chose() ids
    they read; and whether any of them calls chance(). Passages and variables only shown to the player
    cannot, so the search leaves them out; nor, when ``merge``, can what only conditions the search
    takes either way read (those on the player's judgements, see :func:`reads_judgements`)."""
    from briefing.authoring.analysis import calls, calls_function

    conditions = [
        c.condition
        for s in scenario.scenes.values()
        for c in s.choices
        if c.condition is not None and not (merge and reads_judgements(c.condition))
    ]
    effects = [e for s in scenario.scenes.values() for e in s.effects]
    effects += [e for s in scenario.scenes.values() for c in s.choices for e in c.effects]
    relevant: set[str] = set()
    for c in conditions:
        relevant |= c.variables
    sources = [c.source for c in conditions]
    changed = True
    while changed:
        changed = False
        for e in effects:
            if e.target in relevant and not e.reads <= relevant:
                relevant |= e.reads
                changed = True
    sources += [e.source for e in effects if e.target in relevant]
    vis: set[str] = set()
    counted: set[str] = set()
    rev: set[str] = set()
    cho: set[ChoiceKey] = set()
    lucky = False
    for src in sources:
        if "(" in src:
            for fn, ident, n in calls(src):
                if fn == "visited":
                    vis.add(ident)
                elif fn == "visits":
                    counted.add(ident)
                elif fn == "revealed":
                    rev.add(ident)
                elif n is not None:
                    cho.add((ident, n))
            lucky = lucky or calls_function(src, "chance")
    names = [v for v in scenario.state if v in relevant]
    focus = Focus(frozenset(names), frozenset(vis), frozenset(rev), frozenset(cho), frozenset(counted))
    return names, focus, lucky


# Merging states no condition can tell apart. Scene by scene, a variable (or a visited/revealed/chose/
# visits id) that no condition there or in any scene after it reads is dropped; and an integer that
# conditions only compare with constants is clamped just past the constants still ahead, widened by as
# much as the effects from there on can move it back (both over every choice, whatever its condition).
# Two states that differ only in merged values offer the same choices, now and after any same sequence
# of choices, so the merged search reaches the same scenes, choices, endings and stuck states by the
# same real moves, in far fewer states.

Merge = Callable[[Value], Value]


@dataclass(frozen=True)
class _Kept:
    """What the search keeps of a state in one scene: how each focus variable's value is merged (None:
    kept as it is), and the visited, revealed, chosen and counted ids still read from there on."""

    merges: tuple[Merge | None, ...]
    visited: frozenset[str]
    revealed: frozenset[str]
    chosen: frozenset[ChoiceKey]
    counted: frozenset[str]


def _constant(value: Value, _old: Value) -> Value:
    return value


def _clamp(lo: float, hi: float, value: Value) -> Value:
    if isinstance(value, int):
        if value > hi:
            return int(hi)
        if value < lo:
            return int(lo)
    return value


def _union(sets: Iterable[frozenset[_T]]) -> frozenset[_T]:
    out: frozenset[_T] = frozenset()
    return out.union(*sets)


def _ahead(
    order: list[str], succ: dict[str, set[str]], own: dict[str, frozenset[_T]]
) -> dict[str, frozenset[_T]]:
    """For each scene, what it or any scene reachable from it has in ``own``."""
    out = {s: own.get(s, frozenset()) for s in order}
    changed = True
    while changed:
        changed = False
        for s in reversed(order):
            acc = out[s]
            for t in succ[s]:
                acc |= out[t]
            if len(acc) != len(out[s]):
                out[s] = acc
                changed = True
    return out


def _longest(order: list[str], edges: list[tuple[str, str, int]]) -> dict[str, float]:
    """For each scene, the most weight along any path of ``edges`` (s, t, weight) from it: at least 0,
    infinite when a path reaches a loop of positive weight."""
    most: dict[str, float] = dict.fromkeys(order, 0)
    for _ in order:
        changed = False
        for s, t, w in edges:
            if most[t] + w > most[s]:
                most[s] = most[t] + w
                changed = True
        if not changed:
            return most
    # still growing after as many rounds as scenes: each loop of positive weight has a scene that grows
    # now; it, and every scene before it, is unbounded
    grows = {s for s, t, w in edges if most[t] + w > most[s]}
    changed = True
    while changed:
        changed = False
        for s, t, _w in edges:
            if t in grows and s not in grows:
                grows.add(s)
                changed = True
    return {s: INF if s in grows else most[s] for s in order}


class _Merging:
    """Computes what the search keeps of a state in each scene (see the comment above :data:`Merge`)."""

    def __init__(self, scenario: Scenario, focus: Focus, max_states: int) -> None:
        from briefing.authoring.analysis import access

        self.scenario = scenario
        self.focus = focus
        self.max_states = max_states
        scenes = scenario.scenes
        self.order = list(scenes)
        self.succ = {sid: {c.goto for c in s.choices} for sid, s in scenes.items()}
        # the conditions the search evaluates, and the effects it applies
        self.conditions = {
            sid: [
                c.condition
                for c in s.choices
                if c.condition is not None and not reads_judgements(c.condition)
            ]
            for sid, s in scenes.items()
        }
        self.effects = [e for s in scenes.values() for e in s.effects if e.target in focus.variables]
        self.effects += [
            e for s in scenes.values() for c in s.choices for e in c.effects if e.target in focus.variables
        ]
        # what conditions read, scene by scene and onward; what effects read is read everywhere
        seen = {sid: [access(c) for c in conds] for sid, conds in self.conditions.items()}
        by_effects = [access(e) for e in self.effects]

        def onward(part: Callable[[Access], frozenset[_T]]) -> dict[str, frozenset[_T]]:
            own = {sid: _union(part(a) for a in acc) for sid, acc in seen.items()}
            return _ahead(self.order, self.succ, own)

        self.live = onward(lambda a: a.reads)
        self.live_scenes = onward(lambda a: a.scenes)
        self.live_facts = onward(lambda a: a.facts)
        self.live_choices = onward(lambda a: a.choices)
        self.always = frozenset(v for e in self.effects for v in e.reads if v != e.target)
        self.always_scenes = _union(a.scenes for a in by_effects)
        self.always_facts = _union(a.facts for a in by_effects)
        self.always_choices = _union(a.choices for a in by_effects)

    def kept(self, names: list[str]) -> dict[str, _Kept]:
        focus = self.focus
        merges = {name: self.variable(name) for name in names}
        return {
            sid: _Kept(
                tuple(merges[name].get(sid) for name in names),
                focus.visited & (self.live_scenes[sid] | self.always_scenes),
                focus.revealed & (self.live_facts[sid] | self.always_facts),
                focus.chosen & (self.live_choices[sid] | self.always_choices),
                focus.counted & (self.live_scenes[sid] | self.always_scenes),
            )
            for sid in self.order
        }

    def variable(self, name: str) -> dict[str, Merge]:
        """How each scene merges variable ``name`` (a scene left out keeps it as it is).

        Only when no effect on another variable reads it, and every effect on it sets it to a constant
        or (an integer) moves it by a constant (``= c``, ``+= c``, ``-= c``, ``= name - c``): then it
        cannot pass the limits (B205) within a search of this size unless the constants are huge, and
        those are left alone, so that the merged search reports the same limits as the full one."""
        init = self.scenario.state[name]
        if name in self.always:
            return {}
        bounds: dict[str, Merge] = {}
        if isinstance(init, str):
            if any(e.op != "=" or e.constant is None for e in self.effects if e.target == name):
                return {}
        elif not isinstance(init, bool):
            edges = self._edges(name)
            if edges is None or not self._small(name, init, edges):
                return {}
            bounds = self._bounds(name, edges)
        dead = partial(_constant, init)
        return {
            sid: dead if name not in self.live[sid] else bounds[sid]
            for sid in self.order
            if name not in self.live[sid] or sid in bounds
        }

    def _edges(self, name: str) -> list[tuple[str, str, list[tuple[int, int]]]] | None:
        """Each choice as (scene, the scene it goes to, how it changes integer ``name``: in order, (1, c)
        for += c and (0, c) for = c, the effects of the scene entered included), and the start entered;
        None when an effect does anything else to it."""
        from briefing.authoring.analysis import linear_change

        def steps(effects: list[Effect]) -> list[tuple[int, int]] | None:
            out = []
            for e in effects:
                if e.target == name:
                    a, b = linear_change(e)
                    if a not in (0, 1) or b is None:
                        return None
                    out.append((a, b))
            return out

        scenes = self.scenario.scenes
        entry = {sid: steps(scene.effects) for sid, scene in scenes.items()}
        moves = [(sid, c.goto, steps(c.effects)) for sid, scene in scenes.items() for c in scene.choices]
        moves.append(("", self.scenario.start, []))  # entering the start
        out = []
        for sid, goto, own in moves:
            then = entry[goto]
            if own is None or then is None:
                return None
            out.append((sid, goto, own + then))
        return out

    def _small(self, name: str, init: int, edges: list[tuple[str, str, list[tuple[int, int]]]]) -> bool:
        """Whether ``name`` stays well within the limits: its constants, plus the most a move can change
        it times more moves than the search can make (and than a clamp can add), stay below MAX_INT."""
        from briefing.authoring.analysis import compared_with

        step = max(sum(abs(b) for _a, b in steps) for _s, _t, steps in edges)
        biggest = max([abs(init), *(abs(b) for _s, _t, steps in edges for _a, b in steps)])
        for conds in self.conditions.values():
            for c in conds:
                biggest = max([biggest, *(abs(k) for k in compared_with(c, name) or ())])
        return biggest + (self.max_states + len(self.order) + 2) * step < MAX_INT

    def _bounds(self, name: str, edges: list[tuple[str, str, list[tuple[int, int]]]]) -> dict[str, Merge]:
        """Where integer ``name`` is clamped: in each scene from which conditions still compare it, to
        one past the constants they compare it with, widened by the most the moves from there can take
        it back towards them before they are all done. Nowhere when a condition reads it otherwise."""
        from briefing.authoring.analysis import compared_with

        own: dict[str, frozenset[int]] = {}
        for sid, conds in self.conditions.items():
            found: set[int] = set()
            for c in conds:
                constants = compared_with(c, name)
                if constants is None:
                    return {}
                found |= constants
            own[sid] = frozenset(found)
        ahead = _ahead(self.order, self.succ, own)
        # moves that keep part of the old value (no '= c'), into a scene where it is still compared
        moves = [
            (s, t, sum(b for _a, b in steps))
            for s, t, steps in edges
            if s and ahead[t] and all(a for a, _b in steps)
        ]
        moves.reverse()  # later scenes first: a graph without loops needs fewer rounds
        up = _longest(self.order, moves)
        down = _longest(self.order, [(s, t, -d) for s, t, d in moves])
        out: dict[str, Merge] = {}
        for sid in self.order:
            if ahead[sid]:
                lo, hi = min(ahead[sid]) - 1 - up[sid], max(ahead[sid]) + 1 + down[sid]
                if lo != -INF or hi != INF:
                    out[sid] = partial(_clamp, lo, hi)
        return out


def explore(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES, *, merge: bool = True) -> ExploreReport:
    """Breadth-first search over every state a player can reach.

    A state is the scene, the variables, and those parts of the visited scenes, revealed facts and
    choices taken that choice conditions read, directly or through effects (the rest cannot change
    what is offered; see :func:`_relevant`). With ``merge`` (the default), states no condition can
    tell apart are one state (see :class:`_Merging`); without, every value is kept (the tests compare
    the two). Stops adding states at ``max_states`` and says so.
    """
    scenes = scenario.scenes
    empty = ExploreReport(0, max_states, False, set(), set(), set(), set(), {}, {})
    if scenario.start not in scenes:
        return empty
    names, focus, lucky = _relevant(scenario, merge)
    rules = Rules(scenario, focus)
    endings = rules.endings
    lucks: tuple[bool | None, ...] = (True, False) if lucky else (None,)
    if merge:
        kept = _Merging(scenario, focus, max_states).kept(names)
    else:
        everything = _Kept((None,) * len(names), focus.visited, focus.revealed, focus.chosen, focus.counted)
        kept = dict.fromkeys(scenes, everything)

    def key(st: PlayState) -> _Key:
        vars_ = st.vars
        k = kept[st.scene_id]
        return (
            st.scene_id,
            tuple(vars_[v] if m is None else m(vars_[v]) for v, m in zip(names, k.merges)),
            frozenset(st.revealed & k.revealed),
            frozenset(st.visited & k.visited),
            frozenset(st.chosen & k.chosen),
            tuple(sorted((sid, n) for sid, n in st.visits.items() if sid in k.counted)),
        )

    k0 = key(rules.start(dossier=False))
    index = {k0: 0}
    keys = [k0]
    parent: list[tuple[int, int] | None] = [None]  # state index -> (parent index, choice number)
    succ: list[list[int]] = []  # state index -> successor indices
    first_at = {scenario.start: 0}  # scene id -> the first state found there (BFS: a shortest trail)
    taken: set[ChoiceKey] = set()
    stuck_states: list[int] = []
    limit_hits: dict[ChoiceKey, tuple[int, str]] = {}  # choice -> (the state it was taken from, message)
    bound_hit = False
    transitions = 0
    i = 0
    while i < len(keys):
        sid, vals, rev, vis, cho, counts = keys[i]
        out: list[int] = []
        succ.append(out)
        i += 1
        if sid in endings:
            continue
        here = PlayState(sid, dict(zip(names, vals)), set(vis), set(rev), set(cho))
        here.visits = dict(counts)
        for here.luck in lucks:  # chance(): every call true, then every call false
            offered = rules.offered(here)
            if not offered and (i - 1) not in stuck_states[-1:]:
                stuck_states.append(i - 1)
            for move in offered:
                taken.add(move.key)
                st = here.copy()
                try:
                    rules.take(st, move)
                except EffectLimitError as exc:  # this choice cannot be taken from here: report it once
                    limit_hits.setdefault(move.key, (i - 1, exc.message))
                    continue
                k = key(st)
                j = index.get(k)
                transitions += 1
                if j is None:
                    if len(keys) >= max_states:
                        bound_hit = True
                        continue
                    j = len(keys)
                    index[k] = j
                    keys.append(k)
                    parent.append((i - 1, move.number))
                    first_at.setdefault(st.scene_id, j)
                out.append(j)

    def trail(j: int) -> Trail:
        out: Trail = []
        step = parent[j]
        while step is not None:
            j, n = step
            out.append((keys[j][0], n))
            step = parent[j]
        out.reverse()
        return out

    limits = {key_: (trail(j), message) for key_, (j, message) in limit_hits.items()}
    stuck: dict[str, tuple[Trail, int]] = {}
    for j in stuck_states:  # in BFS order: the first per scene has a shortest path
        sid = keys[j][0]
        if sid in stuck:
            stuck[sid] = (stuck[sid][0], stuck[sid][1] + 1)
        else:
            stuck[sid] = (trail(j), 1)

    no_ending: dict[str, tuple[Trail, int]] = {}
    if not bound_hit:
        # states from which no ending (and no stuck state, reported above) can be reached
        preds: list[list[int]] = [[] for _ in keys]
        for a, outs in enumerate(succ):
            for b in outs:
                preds[b].append(a)
        good = [False] * len(keys)
        queue = deque(j for j, k in enumerate(keys) if k[0] in endings)
        queue.extend(stuck_states)
        for j in queue:
            good[j] = True
        while queue:
            b = queue.popleft()
            for a in preds[b]:
                if not good[a]:
                    good[a] = True
                    queue.append(a)
        for j, ok in enumerate(good):
            if not ok:
                sid = keys[j][0]
                if sid in no_ending:
                    no_ending[sid] = (no_ending[sid][0], no_ending[sid][1] + 1)
                else:
                    no_ending[sid] = (trail(j), 1)

    scenes_reached = set(first_at)
    endings_reached = scenes_reached & endings
    facts: set[str] = set()
    for sid in scenes_reached:
        facts.update(scenes[sid].reveals)
    for sid, n in taken:
        facts.update(scenes[sid].choices[n - 1].reveals)
    return ExploreReport(
        len(keys),
        max_states,
        bound_hit,
        scenes_reached,
        taken,
        endings_reached,
        facts,
        stuck,
        no_ending,
        transitions,
        {sid: trail(j) for sid, j in first_at.items()},
        limits,
    )


def explore_report_dict(scenario: Scenario, r: ExploreReport) -> dict[str, Any]:

    loc = partial(_loc, scenario)
    [s.id for s in scenario.endings]
    return {
        "scenario": scenario.id,
        "states": r.states,
        "transitions": r.transitions,
        "max_states": r.max_states,
        "bound_hit": r.bound_hit,
        "complete": not r.bound_hit,
        **coverage(scenario, "reached", r.scenes_reached, r.endings_reached, r.choices_taken),
        "facts_total": len(scenario.facts),
        "facts_revealed": len(r.facts_revealed & set(scenario.facts)),
        "facts_never_revealed": [
            dict(fact=f.id, path=f.at.path, line=f.at.mark[0], col=f.at.mark[1])
            for f in scenario.facts.values()
            if f.id not in r.facts_revealed
        ],
        "stuck": [
            dict(scene=sid, count=c, trail=[list(t) for t in t_], **loc(sid))
            for sid, (t_, c) in r.stuck.items()
        ],
        "no_ending": [
            dict(scene=sid, count=c, trail=[list(t) for t in t_], **loc(sid))
            for sid, (t_, c) in r.no_ending.items()
        ],
        "limits": [
            dict(scene=sid, choice=n, message=m, trail=[list(t) for t in t_], **loc(sid, n))
            for (sid, n), (t_, m) in r.limits.items()
        ],
    }
