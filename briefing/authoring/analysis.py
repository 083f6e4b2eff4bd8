"""Graph facts about a scenario: which scenes lead where, what can be reached, what values variables take.

Pure and static: nothing here plays the game (see :mod:`briefing.authoring.playtest` for that).
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from briefing.core.expr import (
    BOOL,
    COMPARISONS,
    FUNCTIONS,
    INSTRUMENT_FUNCTIONS,
    INT,
    STR,
    Assign,
    Binary,
    Call,
    Condition,
    Effect,
    ExprError,
    Literal,
    Name,
    Node,
    Unary,
    Value,
    constant_value,
    parse_assignment,
    parse_expression,
    type_of,
    variables_read,
    walk,
)
from briefing.core.model import Scenario
from briefing.core.prose import expressions
from briefing.core.rules import PlayState

INF = float("inf")
MAX_COMBINATIONS = 20_000  # a condition is decided only when it needs at most this many evaluations
MAX_CALLS = 8  # ... and reads at most this many visited()/revealed()/chose() calls

Analysed = Condition | Effect | Node  # anything whose tree can be read


def reachable(
    scenario: Scenario, live: Callable[[str, int], bool] | None = None, start: str | None = None
) -> set[str]:
    """Scenes reachable from the start (or ``start``) by following every choice, whatever its condition.

    ``live(scene_id, number)`` may exclude choices (1-based numbers) from the walk.
    """
    first = scenario.start if start is None else start
    if first not in scenario.scenes:
        return set()
    scenes = scenario.scenes
    seen = {first}
    queue = deque([first])
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


# ------------------------------------------------------------------ what an expression touches


def _tree(item: Analysed) -> Node:
    return item.tree if isinstance(item, (Condition, Effect)) else item


def tree_of(item: Analysed | str) -> Node | None:
    """The syntax tree of a parsed condition or effect; a source string is parsed (syntax only), and
    text that does not parse has no tree."""
    if not isinstance(item, str):
        return _tree(item)
    try:
        return parse_assignment(item)
    except ExprError:
        pass
    try:
        return parse_expression(item)
    except ExprError:
        return None


def calls(item: Analysed | str) -> list[tuple[str, str, int | None]]:
    """The visited()/visits()/revealed()/chose() calls an expression makes, in source order:
    (function, id, choice number or None). Text inside a string literal is never a call."""
    tree = tree_of(item)
    if tree is None:
        return []
    return [
        (n.function, n.ident, n.number)
        for n in walk(tree)
        if isinstance(n, Call) and n.function in FUNCTIONS and n.args and isinstance(n.args[0], str)
    ]


def calls_function(item: Analysed | str, function: str) -> bool:
    """True when an expression calls ``function`` (e.g. "chance" or "visits")."""
    tree = tree_of(item)
    return tree is not None and any(isinstance(n, Call) and n.function == function for n in walk(tree))


def reads_instruments(item: Analysed | str) -> bool:
    """True when an expression reads the player's judgements (grade(), estimate(), lead(), score())."""
    tree = tree_of(item)
    return tree is not None and any(
        isinstance(n, Call) and n.function in INSTRUMENT_FUNCTIONS for n in walk(tree)
    )


@dataclass(frozen=True)
class Access:
    """What one condition or effect reads and writes."""

    reads: frozenset[str] = frozenset()  # variables read (an effect's target only when it is += or -=)
    writes: frozenset[str] = frozenset()  # variables written
    scenes: frozenset[str] = frozenset()  # scene ids read by visited() and visits()
    facts: frozenset[str] = frozenset()  # fact ids read by revealed()
    choices: frozenset[tuple[str, int]] = frozenset()  # (scene id, choice number) read by chose()


def access(item: Analysed) -> Access:
    """The variables, scenes, facts and choices a condition or effect reads, and what it writes."""
    tree = _tree(item)
    scenes, facts, choices = set(), set(), set()
    for fn, ident, n in calls(tree):
        if fn in ("visited", "visits"):
            scenes.add(ident)
        elif fn == "revealed":
            facts.add(ident)
        elif n is not None:
            choices.add((ident, n))
    writes = frozenset({tree.target}) if isinstance(tree, Assign) else frozenset()
    return Access(variables_read(tree), writes, frozenset(scenes), frozenset(facts), frozenset(choices))


def has_arithmetic(item: Analysed) -> bool:
    """Whether an expression adds or subtracts two values (a negative literal such as -1 does not)."""
    return any(isinstance(n, Binary) and n.op in ("+", "-") for n in walk(_tree(item)))


def compared_with(item: Analysed, name: str) -> frozenset[int] | None:
    """The integer constants an expression compares variable ``name`` with (``trust >= 3``,
    ``2 < trust``, ``trust != -1``); None when it reads ``name`` any other way (in arithmetic, compared
    with another variable or a call). An expression that does not read ``name`` gives the empty set."""
    reads = 0
    found: set[int] = set()
    for node in walk(_tree(item)):
        if isinstance(node, Name) and node.name == name:
            reads += 1
        elif isinstance(node, Binary) and node.op in COMPARISONS:
            for side, other in ((node.left, node.right), (node.right, node.left)):
                if isinstance(side, Name) and side.name == name and not isinstance(other, Name):
                    value = constant_value(other)
                    if isinstance(value, int) and not isinstance(value, bool):
                        found.add(value)
                        reads -= 1
    return frozenset(found) if reads == 0 else None


def literals(item: Analysed) -> list[Value]:
    """The integer, string and boolean values written in an expression, in source order."""
    return [n.value for n in walk(_tree(item)) if isinstance(n, Literal)]


def _linear(node: Node, target: str) -> tuple[int, int | None]:
    """``(a, b)`` when an integer or string expression is ``a`` copies of ``target`` plus ``b``;
    ``b`` is None when the rest is not an integer constant (it reads another variable, or is text)."""
    if isinstance(node, Name):
        return (1, 0) if node.name == target else (0, None)
    if isinstance(node, Literal):
        value = node.value
        return (0, value) if isinstance(value, int) and not isinstance(value, bool) else (0, None)
    if isinstance(node, Unary) and node.op == "-":
        a, b = _linear(node.operand, target)
        return (-a, None if b is None else -b)
    if isinstance(node, Binary) and node.op in ("+", "-"):
        (a1, b1), (a2, b2) = _linear(node.left, target), _linear(node.right, target)
        sign = 1 if node.op == "+" else -1
        return (a1 + sign * a2, None if b1 is None or b2 is None else b1 + sign * b2)
    return (0, None)


def linear_change(effect: Effect) -> tuple[int, int | None]:
    """``(a, b)`` such that an integer or string effect makes its variable ``a`` copies of its old
    value plus ``b`` (None when ``b`` is not an integer constant): ``n += 1`` is (1, 1), ``n = 3`` is
    (0, 3), ``s = s + s`` and ``n += n`` are (2, ...)."""
    tree = effect.tree
    a, b = _linear(tree.value, tree.target)
    if effect.type != INT:
        b = None
    if tree.op == "=":
        return a, b
    if tree.op == "+=":
        return 1 + a, b
    return 1 - a, None if b is None else -b


def doubles(effect: Effect) -> bool:
    """Whether an effect at least doubles its integer or string variable's size each time it applies
    (``s = s + s``, ``n += n``): in a loop such a value grows without bound."""
    return effect.type in (INT, STR) and abs(linear_change(effect)[0]) >= 2


@dataclass
class Values:
    """What one variable can hold: a finite set, or (for ints) an interval, or anything."""

    type: str
    finite: set[Value] | None = None  # the exact possible values, when known
    lo: float = -INF  # for ints without a finite set
    hi: float = INF

    @property
    def bounded(self) -> bool:
        return self.finite is not None


@dataclass
class Usage:
    """Where every variable, scene and fact is used by the scenario's expressions and lists."""

    reads: dict[str, int] = field(default_factory=dict)  # variable -> number of reads
    writes: dict[str, list[Effect]] = field(default_factory=dict)  # variable -> the effects that set it
    revealed_facts: set[str] = field(default_factory=set)
    visited_read: set[str] = field(default_factory=set)  # scene ids read by visited() and visits()
    revealed_read: set[str] = field(default_factory=set)  # fact ids read by revealed()
    chosen_read: set[tuple[str, int]] = field(default_factory=set)  # (scene id, n) read by chose()
    accessed: dict[int, Access] = field(default_factory=dict, repr=False)  # id(tree) -> what it touches

    def add(self, item: Condition | Effect | Node) -> None:
        """Count what one condition, effect or expression reads (an effect's own target only through
        its value)."""
        node = item.tree.value if isinstance(item, Effect) else _tree(item)
        seen = self.accessed.get(id(node))  # a text written twice is parsed once: one tree, many sites
        if seen is None:
            seen = self.accessed[id(node)] = access(node)
        for v in seen.reads:
            self.reads[v] = self.reads.get(v, 0) + 1
        self.visited_read |= seen.scenes
        self.revealed_read |= seen.facts
        self.chosen_read |= seen.choices
        if isinstance(item, Effect):
            self.writes.setdefault(item.target, []).append(item)


def usage(scenario: Scenario) -> Usage:
    u = Usage(reads={v: 0 for v in scenario.state}, writes={v: [] for v in scenario.state})
    for scene in scenario.scenes.values():
        u.revealed_facts.update(scene.reveals)
        texts = [scene.prose, *(p.prose for p in scene.passages), *(c.prose for c in scene.choices)]
        for prose in texts:  # what the texts' inserts show and test ({trust}, {warned: ...})
            for tree in expressions(prose.pieces) if prose is not None else ():
                u.add(tree)
        for e in scene.effects:
            u.add(e)
        for p in scene.passages:
            if p.condition is not None:
                u.add(p.condition)
        for c in scene.choices:
            if c.condition is not None:
                u.add(c.condition)
            for e in c.effects:
                u.add(e)
            u.revealed_facts.update(c.reveals)
    for task in scenario.instruments.estimates.values():  # format 2: conditions that resolve estimates
        if task.condition is not None:
            u.add(task.condition)
    if scenario.timeliness is not None:  # format 2: the variables that score timeliness
        for name in scenario.timeliness:
            u.reads[name] = u.reads.get(name, 0) + 1
    for cut in scenario.cuts.values():
        u.revealed_facts.update(cut.reveals)
    return u


def possible_values(scenario: Scenario, use: Usage | None = None) -> dict[str, Values]:
    """Each variable's possible values from its initial value and every assignment to it.

    Exact sets when every assignment is a constant (``lean = "revolt"``); for integers moved by a
    constant (``n += 1``, ``n = n - 2``) an interval open on the side they move towards; anything
    else is unknown.
    """
    use = use or usage(scenario)
    out = {}
    for name, init in scenario.state.items():
        t = type_of(init) or STR  # the loader keeps only values with a type
        vals = {init}
        lo: float = init if isinstance(init, int) and not isinstance(init, bool) else 0
        hi: float = lo
        finite = True
        for e in use.writes.get(name, []):
            copies, step = linear_change(e) if t == INT else (0, None)
            if e.op == "=" and e.constant is not None:
                vals.add(e.constant)
                if isinstance(e.constant, int):
                    lo, hi = min(lo, e.constant), max(hi, e.constant)
            elif copies == 1 and step is not None:
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


def _order(value: Value) -> tuple[str, Value]:
    return (str(type(value)), value)


class Decider:
    """Decides, where it can, whether a condition can ever hold given each variable's possible values.

    ``can_hold(condition)`` returns True (it can), False (it never can) or None (cannot tell). It tries
    every combination of candidate values: each variable's finite set, or for an unbounded integer the
    points around every integer written in the condition, and each call true or false.
    """

    def __init__(
        self,
        scenario: Scenario,
        values: dict[str, Values] | None = None,
        use: Usage | None = None,
        reachable_scenes: set[str] | None = None,
    ):
        self.scenario = scenario
        self.use = use or usage(scenario)
        self.values = values or possible_values(scenario, self.use)
        self.reachable = reachable_scenes if reachable_scenes is not None else reachable(scenario)
        self.cache: dict[str, bool | None] = {}

    def can_hold(self, condition: Condition | None) -> bool | None:
        if condition is None:
            return True
        src = condition.source
        if src in self.cache:
            return self.cache[src]
        if reads_instruments(condition) or calls_function(condition, "visits"):
            return None  # the player's judgements and visit counts can take any value: cannot tell
        try:
            result = self._decide(condition)
        except (TypeError, ValueError, KeyError, OverflowError, RecursionError):
            result = None
        self.cache[src] = result
        return result

    def _domains(self, condition: Condition, vars_read: list[str]) -> list[list[Value]] | None:
        """The candidate values of each variable read, in order; None when one has no candidates."""
        values = self.values
        written = literals(condition)
        int_points = {v for v in written if type_of(v) == INT}
        str_points = {v for v in written if type_of(v) == STR}
        for v in vars_read:
            vals = values[v]
            if vals.finite is not None and vals.type == INT:
                int_points.update(vals.finite)
            elif vals.finite is not None and vals.type == STR:
                str_points.update(vals.finite)
        domains: list[list[Value]] = []
        for v in vars_read:
            vals = values[v]
            if vals.finite is not None:
                domains.append(sorted(vals.finite, key=_order))
            elif vals.type == INT:
                pts: set[int] = set()
                for c in int_points:
                    assert isinstance(c, int)
                    pts.update((c - 1, c, c + 1, -c - 1, -c, -c + 1))
                for b in (vals.lo, vals.hi):
                    if b not in (INF, -INF):
                        pts.add(int(b))
                pts = {p for p in pts if vals.lo <= p <= vals.hi}
                if not pts:
                    pts = {int(vals.lo) if vals.lo != -INF else (int(vals.hi) if vals.hi != INF else 0)}
                domains.append(sorted(pts))
            elif vals.type == STR:
                domains.append(sorted(str_points | {"\x00other"}, key=_order))
            elif vals.type == BOOL:
                domains.append([False, True])
            else:
                return None
        return domains

    def _live_calls(self, condition: Condition) -> list[tuple[str, str | tuple[str, int]]]:
        """The distinct calls a condition makes that can ever be true (the others are always false)."""
        out: list[tuple[str, str | tuple[str, int]]] = []
        for fn, ident, n in dict.fromkeys(calls(condition)):
            if fn == "visited":
                if ident in self.reachable:
                    out.append(("visited", ident))
            elif fn == "revealed":
                if ident in self.use.revealed_facts:
                    out.append(("revealed", ident))
            elif n is not None:
                scene = self.scenario.scenes.get(ident)
                if scene is not None and ident in self.reachable and 1 <= n <= len(scene.choices):
                    out.append(("chose", (ident, n)))
        return out

    def _decide(self, condition: Condition) -> bool | None:
        vars_read = sorted(condition.variables)
        if any(not self.values[v].bounded for v in vars_read) and has_arithmetic(condition):
            return None
        domains = self._domains(condition, vars_read)
        call_keys = self._live_calls(condition)
        if domains is None or len(call_keys) > MAX_CALLS:
            return None
        lucks = (False, True) if calls_function(condition, "chance") else (False,)
        total = 2 ** len(call_keys) * len(lucks)
        for d in domains:
            total *= max(len(d), 1)
            if total > MAX_COMBINATIONS:
                return None
        probe = PlayState()  # the rules' own state, empty: each combination is set on it below
        for probe.luck, flags in itertools.product(
            lucks, itertools.product((False, True), repeat=len(call_keys))
        ):
            on = [k for k, f in zip(call_keys, flags) if f]
            probe.visited = {i for fn, i in on if fn == "visited" and isinstance(i, str)}
            probe.revealed = {i for fn, i in on if fn == "revealed" and isinstance(i, str)}
            probe.chosen = {i for fn, i in on if fn == "chose" and isinstance(i, tuple)}
            for combo in itertools.product(*domains):
                probe.vars = dict(zip(vars_read, combo))
                if condition.evaluate(probe):
                    return True
        return False
