"""Graph facts about a scenario: which scenes lead where, what can be reached, what values variables take.

Pure and static: nothing here plays the game (see :mod:`briefing.authoring.playtest` for that).
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from dataclasses import dataclass, field

from briefing.core.model import Scenario

INF = float("inf")
MAX_COMBINATIONS = 20_000  # a condition is decided only when it needs at most this many evaluations
MAX_CALLS = 8  # ... and reads at most this many visited()/revealed()/chose() calls

_CALL = re.compile(r"""\b(visited|revealed|chose)\s*\(\s*(?:"([^"]*)"|'([^']*)')\s*(?:,\s*(\d+)\s*)?\)""")
_INT_LIT = re.compile(r"(?<![A-Za-z0-9_])\d+")
_STR_LIT = re.compile(r""""([^"\\]*)"|'([^'\\]*)'""")


def successors(scenario: Scenario, scene_id: str) -> list[str]:
    """Every scene a scene can lead to, ignoring conditions (choices, then a timeout jump)."""
    scene = scenario.scenes[scene_id]
    out = [c.goto for c in scene.choices if c.goto in scenario.scenes]
    if scene.timeout and scene.timeout.goto in scenario.scenes:
        out.append(scene.timeout.goto)
    return out


def reachable(scenario: Scenario, live=None) -> set[str]:
    """Scenes reachable from the start by following every choice, whatever its condition.

    ``live(scene_id, number)`` may exclude choices (1-based numbers) from the walk.
    """
    if scenario.start not in scenario.scenes:
        return set()
    scenes = scenario.scenes
    seen = {scenario.start}
    queue = deque([scenario.start])
    while queue:
        sid = queue.popleft()
        scene = scenes[sid]
        nxt_ids = [c.goto for n, c in enumerate(scene.choices, 1) if live is None or live(sid, n)]
        if scene.timeout and scene.timeout.goto:
            nxt_ids.append(scene.timeout.goto)
        for nxt in nxt_ids:
            if nxt in scenes and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def calls(source: str) -> list[tuple[str, str, int | None]]:
    """The visited()/revealed()/chose() calls in an expression: (function, id, choice number or None)."""
    out = []
    for m in _CALL.finditer(source):
        ident = m.group(2) if m.group(2) is not None else m.group(3)
        out.append((m.group(1), ident, int(m.group(4)) if m.group(4) else None))
    return out


@dataclass
class Values:
    """What one variable can hold: a finite set, or (for ints) an interval, or anything."""

    type: str
    finite: set | None = None  # the exact possible values, when known
    lo: float = -INF  # for ints without a finite set
    hi: float = INF

    @property
    def bounded(self) -> bool:
        return self.finite is not None


@dataclass
class Usage:
    """Where every variable, scene and fact is used by the scenario's expressions and lists."""

    reads: dict = field(default_factory=dict)  # variable -> number of reads
    writes: dict = field(default_factory=dict)  # variable -> list of Effect
    revealed_facts: set = field(default_factory=set)
    visited_read: set = field(default_factory=set)  # scene ids read by visited()
    revealed_read: set = field(default_factory=set)  # fact ids read by revealed()
    chosen_read: set = field(default_factory=set)  # (scene id, n) read by chose()


def usage(scenario: Scenario) -> Usage:
    u = Usage(reads={v: 0 for v in scenario.state}, writes={v: [] for v in scenario.state})

    def read(source: str, variables) -> None:
        for v in variables:
            u.reads[v] = u.reads.get(v, 0) + 1
        if "(" in source:
            for fn, ident, n in calls(source):
                if fn == "visited":
                    u.visited_read.add(ident)
                elif fn == "revealed":
                    u.revealed_read.add(ident)
                elif n is not None:
                    u.chosen_read.add((ident, n))

    def cond(c):
        if c is not None:
            read(c.source, c.variables)

    def effects(effs):
        for e in effs:
            u.writes.setdefault(e.target, []).append(e)
            read(e.source, e.reads)

    for scene in scenario.scenes.values():
        u.revealed_facts.update(scene.reveals)
        effects(scene.effects)
        for p in scene.passages:
            cond(p.condition)
        for c in scene.choices:
            cond(c.condition)
            effects(c.effects)
            u.revealed_facts.update(c.reveals)
    return u


def possible_values(scenario: Scenario, use: Usage | None = None) -> dict[str, Values]:
    """Each variable's possible values from its initial value and every assignment to it.

    Exact sets when every assignment is a constant ``=``; for integers changed with ``+=``/``-=`` by
    constants an interval (open on the side they move towards); anything else is unknown.
    """
    from briefing.core.expr import BOOL, INT, type_of

    use = use or usage(scenario)
    out = {}
    for name, init in scenario.state.items():
        t = type_of(init)
        vals = {init}
        lo = hi = init if t == INT else 0
        finite = True
        for e in use.writes.get(name, []):
            if e.op == "=" and e.constant is not None:
                vals.add(e.constant)
                if t == INT:
                    lo, hi = min(lo, e.constant), max(hi, e.constant)
            elif t == INT and e.constant is not None and isinstance(e.constant, int):
                step = e.constant if e.op == "+=" else -e.constant
                finite = False
                if step > 0:
                    hi = INF
                elif step < 0:
                    lo = -INF
            else:
                finite = False
                lo, hi = -INF, INF
        if t == BOOL and not finite:
            out[name] = Values(t, {True, False})
        elif finite:
            out[name] = Values(t, vals, lo if t == INT else -INF, hi if t == INT else INF)
        elif t == INT:
            out[name] = Values(t, None, lo, hi)
        else:
            out[name] = Values(t, None)
    return out


class _Probe:
    """A stand-in game state for evaluating a condition at chosen values."""

    __slots__ = ("chosen", "revealed", "vars", "visited")

    def __init__(self):
        self.vars = {}
        self.visited = set()
        self.revealed = set()
        self.chosen = set()


def _binary_arith(source: str) -> bool:
    """Whether the expression adds or subtracts two values (not just a negative literal)."""
    from briefing.core.expr import _tokens

    prev = None
    for kind, text, _ in _tokens(source):
        if kind == "op" and text in ("+", "-") and prev is not None:
            pk, pt = prev
            if (
                pk in ("int", "str")
                or (pk == "name" and pt not in ("and", "or", "not"))
                or (pk, pt) == ("op", ")")
            ):
                return True
        prev = (kind, text)
    return False


class Decider:
    """Decides, where it can, whether a condition can ever hold given each variable's possible values.

    ``can_hold(condition)`` returns True (it can), False (it never can) or None (cannot tell).
    """

    def __init__(
        self,
        scenario: Scenario,
        values: dict[str, Values] | None = None,
        use: Usage | None = None,
        reachable_scenes: set | None = None,
    ):
        self.scenario = scenario
        self.use = use or usage(scenario)
        self.values = values or possible_values(scenario, self.use)
        self.reachable = reachable_scenes if reachable_scenes is not None else reachable(scenario)
        self.cache: dict = {}

    def can_hold(self, condition) -> bool | None:
        if condition is None:
            return True
        src = condition.source
        if src in self.cache:
            return self.cache[src]
        try:
            result = self._decide(condition)
        except (TypeError, ValueError, KeyError, OverflowError, RecursionError):
            result = None
        self.cache[src] = result
        return result

    def _decide(self, condition) -> bool | None:
        from briefing.core.expr import BOOL, INT, STR

        src = condition.source
        values = self.values
        vars_read = sorted(condition.variables)
        unbounded = [v for v in vars_read if not values[v].bounded]
        if unbounded and _binary_arith(src):
            return None
        # candidate values per variable
        int_points: set = set()
        str_points: set = set()
        for m in _INT_LIT.finditer(src):
            int_points.add(int(m.group()))
        for m in _STR_LIT.finditer(src):
            str_points.add(m.group(1) if m.group(1) is not None else m.group(2))
        for v in vars_read:
            vals = values[v]
            if vals.bounded and vals.type == INT:
                int_points.update(vals.finite)
            elif vals.bounded and vals.type == STR:
                str_points.update(vals.finite)
        domains = []
        for v in vars_read:
            vals = values[v]
            if vals.bounded:
                domains.append(sorted(vals.finite, key=lambda x: (str(type(x)), x)))
            elif vals.type == INT:
                pts = set()
                for c in int_points:
                    pts.update((c - 1, c, c + 1, -c - 1, -c, -c + 1))
                for b in (vals.lo, vals.hi):
                    if b not in (INF, -INF):
                        pts.add(int(b))
                pts = {p for p in pts if vals.lo <= p <= vals.hi}
                if not pts:
                    pts = {int(vals.lo) if vals.lo != -INF else (int(vals.hi) if vals.hi != INF else 0)}
                domains.append(sorted(pts))
            elif vals.type == STR:
                domains.append(sorted(str_points | {"\x00other"}))
            elif vals.type == BOOL:
                domains.append([False, True])
            else:
                return None
        # function calls: each one true or false, unless it can never be true
        call_keys = []
        if "(" in src:
            for fn, ident, n in set(calls(src)):
                if fn == "visited":
                    if ident in self.reachable:
                        call_keys.append(("visited", ident))
                elif fn == "revealed":
                    if ident in self.use.revealed_facts:
                        call_keys.append(("revealed", ident))
                elif n is not None:
                    scene = self.scenario.scenes.get(ident)
                    if scene is not None and ident in self.reachable and 1 <= n <= len(scene.choices):
                        call_keys.append(("chose", (ident, n)))
        if len(call_keys) > MAX_CALLS:
            return None
        total = 2 ** len(call_keys)
        for d in domains:
            total *= max(len(d), 1)
            if total > MAX_COMBINATIONS:
                return None
        probe = _Probe()
        for flags in itertools.product((False, True), repeat=len(call_keys)):
            probe.visited = {k[1] for k, f in zip(call_keys, flags) if f and k[0] == "visited"}
            probe.revealed = {k[1] for k, f in zip(call_keys, flags) if f and k[0] == "revealed"}
            probe.chosen = {k[1] for k, f in zip(call_keys, flags) if f and k[0] == "chose"}
            for combo in itertools.product(*domains):
                probe.vars = dict(zip(vars_read, combo))
                if condition.evaluate(probe):
                    return True
        return False
