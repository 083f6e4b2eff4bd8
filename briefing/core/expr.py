"""The expression language of conditions (``if:``) and effects (``do:``).

Parsed by our own code into a typed syntax tree (the frozen dataclasses below), checked against the
scenario's variables, scenes and facts when it loads, then compiled once into small Python closures.
The tree stays on the parsed :class:`Condition` or :class:`Effect`, so the authoring tools analyse
it rather than the source text. Nothing from a file is ever handed to ``eval`` or ``exec``.

    expr    := or
    or      := and ('or' and)*
    and     := not ('and' not)*
    not     := 'not' not | compare
    compare := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum)?
    sum     := unary (('+'|'-') unary)*
    unary   := '-' unary | atom
    atom    := INT | STRING | 'true' | 'false' | NAME | NAME '(' args ')' | '(' expr ')'
    args    := (INT | STRING) (',' (INT | STRING))*
    effect  := NAME ('=' | '+=' | '-=') expr

At run time an effect may not make an integer larger than :data:`MAX_INT` in size, nor a string
longer than :data:`MAX_TEXT` characters: it raises :class:`EffectLimitError` instead.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeAlias

from briefing.core.errors import BriefingError
from briefing.core.yamlread import MAX_TEXT_CHARS

MAX_LENGTH = 1000  # characters of one expression
MAX_DEPTH = 40  # nesting of parentheses, 'not' and unary '-'
MAX_INT_DIGITS = 15  # digits of an integer literal
MAX_INT: int = 10**MAX_INT_DIGITS - 1  # the largest size of an integer an effect may store
MAX_TEXT = MAX_TEXT_CHARS  # the longest string an effect may store (as long as a text in a file)

INT, BOOL, STR = "int", "bool", "str"
TYPE_NAMES = {INT: "integer", BOOL: "boolean", STR: "string"}
FUNCTIONS = ("visited", "visits", "revealed", "chose", "chance")
MAX_PERCENT = 100  # chance(N) takes 0 to 100
# format 2: the player's judgements, read through the state's ``instrument(function, argument)``
INSTRUMENT_FUNCTIONS: dict[str, str] = {"grade": "str", "estimate": "int", "lead": "str", "score": "int"}
SCORE_MEASURES = ("grading", "forecasting", "hypotheses", "timeliness", "composite")
UNANSWERED: dict[str, Value] = {"grade": "", "estimate": -1, "lead": "", "score": -1}  # before any answer
KEYWORDS = frozenset({"and", "or", "not", "true", "false"})

Value: TypeAlias = bool | int | str


def type_of(value: object) -> str | None:
    """The expression type of a Python value (INT, BOOL or STR), or None when it has none."""
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT
    if isinstance(value, str):
        return STR
    return None


class ExprError(BriefingError):
    """A problem in an expression, at ``offset`` characters into its source.

    ``variable``: a variable whose declared type does not fit how it is used here, and ``wanted`` the
    type the use needs (so that the declaration can be reported too); "" when the problem is elsewhere.
    """

    def __init__(
        self,
        message: str,
        offset: int = 0,
        code: str = "B201",
        hint: str = "",
        variable: str = "",
        wanted: str = "",
    ):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.code = code
        self.hint = hint
        self.variable = variable
        self.wanted = wanted


class EffectLimitError(ExprError):
    """An effect, applied during play, would store a value past :data:`MAX_INT` or :data:`MAX_TEXT`.

    ``effect`` is the effect's source; whoever applied it adds where it was written.
    """

    def __init__(self, effect: str, message: str):
        super().__init__(
            message,
            0,
            "B205",
            "a value that doubles each time round a loop grows without bound (see B311)",
        )
        self.effect = effect


class State(Protocol):  # what an expression can read
    vars: dict[str, Value]
    visited: set[str]
    visits: dict[str, int]  # scene id -> times entered (absent: never)
    revealed: set[str]
    chosen: set[tuple[str, int]]

    def chance(self, percent: int, site: str) -> bool:
        """chance(N): true N times in 100, drawn once per step for each place it is written."""
        ...

    def instrument(self, function: str, argument: str) -> Value:
        """grade("id"), estimate("id"), lead() or score("measure") (format 2)."""
        ...


Evaluator: TypeAlias = Callable[[State], Value]
Applier: TypeAlias = Callable[[State], None]


@dataclass(frozen=True)
class Names:
    """What expressions may refer to: variables with their types, scene ids and fact ids."""

    variables: Mapping[str, str | None]  # name -> type
    scenes: AbstractSet[str] = frozenset()
    facts: AbstractSet[str] = frozenset()
    check_ids: bool = True
    grades: AbstractSet[str] = frozenset()  # format 2: grade ids, for grade("id")
    estimates: AbstractSet[str] = frozenset()  # format 2: estimate ids, for estimate("id")
    choices: Mapping[str, int] = field(default_factory=dict)  # scene id -> number of choices, for chose()


# ------------------------------------------------------------------ the tree
# Positions (offsets into the source) are kept for messages but are not part of a node's identity:
# two trees are equal when they mean the same, however they were spaced or parenthesised.


@dataclass(frozen=True)
class Literal:
    """An integer, string or boolean written in the expression."""

    value: Value
    type: str  # INT, BOOL or STR (kept so that true and 1 never compare equal)
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Name:
    """A variable read."""

    name: str
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Call:
    """``visited("id")``, ``revealed("id")`` or ``chose("id", n)``; args are the literal arguments."""

    function: str
    args: tuple[str | int, ...]
    pos: int = field(default=0, compare=False)
    arg_pos: tuple[int, ...] = field(default=(), compare=False)

    @property
    def ident(self) -> str:
        """The scene or fact id named (only on a checked call); "" when there is none (``lead()``)."""
        first = self.args[0] if self.args else ""
        return first if isinstance(first, str) else ""

    @property
    def number(self) -> int | None:
        """The choice number of ``chose()``, else None."""
        if len(self.args) == 2 and isinstance(self.args[1], int):
            return self.args[1]
        return None


@dataclass(frozen=True)
class Unary:
    """``-x`` (op '-') or ``not x`` (op 'not')."""

    op: str
    operand: Expr
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Binary:
    """``left op right``: 'or', 'and', a comparison, '+' or '-'."""

    op: str
    left: Expr
    right: Expr
    pos: int = field(default=0, compare=False)  # of the operator


Expr: TypeAlias = Literal | Name | Call | Unary | Binary


@dataclass(frozen=True)
class Assign:
    """An effect: ``target op value`` with op '=', '+=' or '-='."""

    target: str
    op: str
    value: Expr
    pos: int = field(default=0, compare=False)  # of the target
    op_pos: int = field(default=0, compare=False)


Node: TypeAlias = Expr | Assign

COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")
ASSIGNMENTS = ("=", "+=", "-=")


def children(node: Node) -> tuple[Expr, ...]:
    """The sub-expressions directly below a node."""
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Assign):
        return (node.value,)
    return ()


def walk(node: Node) -> Iterator[Node]:
    """Every node of a tree, the node itself first, then its sub-expressions left to right."""
    stack: list[Node] = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(children(n)))


def _collect(node: Node, names: set[str]) -> bool:
    """Add the variables an expression reads to ``names``; whether it calls a function."""
    if isinstance(node, Name):
        names.add(node.name)
        return False
    if isinstance(node, Call):
        return True
    calls = False
    for child in children(node):
        calls = _collect(child, names) or calls
    return calls


def variables_read(node: Node) -> frozenset[str]:
    """The variables an expression reads (for an effect: its value, plus the target of += and -=)."""
    out: set[str] = set()
    _collect(node, out)
    if isinstance(node, Assign) and node.op != "=":
        out.add(node.target)
    return frozenset(out)


# ------------------------------------------------------------------ printing

_LOOSEST = 1
_PRECEDENCE = {"or": 1, "and": 2, "not": 3, **{op: 4 for op in COMPARISONS}, "+": 5, "-": 5}
_ATOM = 7


def _precedence(node: Expr) -> int:
    if isinstance(node, Binary):
        return _PRECEDENCE[node.op]
    if isinstance(node, Unary):
        return 3 if node.op == "not" else 6
    return _ATOM


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unparse(node: Node) -> str:
    """The tree as expression text that parses back to an equal tree (parentheses only where needed)."""
    if isinstance(node, Assign):
        return f"{node.target} {node.op} {unparse(node.value)}"
    return _show(node, _LOOSEST)


def _show(node: Expr, need: int) -> str:
    if isinstance(node, Literal):
        if node.type == BOOL:
            text = "true" if node.value else "false"
        elif isinstance(node.value, str):
            text = _quote(node.value)
        else:
            text = str(node.value)
    elif isinstance(node, Name):
        text = node.name
    elif isinstance(node, Call):
        text = f"{node.function}({', '.join(_quote(a) if isinstance(a, str) else str(a) for a in node.args)})"
    elif isinstance(node, Unary):
        text = "not " + _show(node.operand, 3) if node.op == "not" else "-" + _show(node.operand, 6)
    else:
        p = _PRECEDENCE[node.op]
        left, right = (5, 5) if p == 4 else (p, p + 1)
        text = f"{_show(node.left, left)} {node.op} {_show(node.right, right)}"
    return f"({text})" if _precedence(node) < need else text


# ------------------------------------------------------------------ parsing (syntax only)

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<int>\d+)
    | (?P<str>"[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*')
    | (?P<op>==|!=|<=|>=|\+=|-=|[<>()+\-,=])
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    )""",
    re.VERBOSE,
)
_HINTS = {"&": "use 'and'", "|": "use 'or'", "!": "use 'not'"}

Token: TypeAlias = tuple[str, str, int]  # kind ('int', 'str', 'op', 'name', 'end'), text, offset


def _tokens(src: str) -> list[Token]:
    out: list[Token] = []
    pos = 0
    end = len(src)
    while pos < end:
        m = _TOKEN.match(src, pos)
        if not m or m.lastgroup is None:
            rest = src[pos:].lstrip()
            if not rest:
                break
            ch = rest[0]
            raise ExprError(f"unexpected character '{ch}'", end - len(rest), hint=_HINTS.get(ch, ""))
        kind = m.lastgroup
        out.append((kind, m.group(kind), m.start(kind)))
        pos = m.end()
    out.append(("end", "", end))
    return out


def _unquote(text: str, pos: int) -> str:
    body = text[1:-1]
    if "\\" not in body:
        return body
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "\"'\\":
                out.append(nxt)
                i += 2
                continue
            raise ExprError(f"unknown escape '\\{nxt}' in string", pos + 1 + i)
        out.append(c)
        i += 1
    return "".join(out)


def _integer(text: str, pos: int) -> int:
    if len(text) > MAX_INT_DIGITS:
        raise ExprError(f"number has more than {MAX_INT_DIGITS} digits", pos)
    return int(text)


class _Parser:
    """A recursive-descent parser over the tokens from ``start``; builds the tree, checks no names."""

    def __init__(self, toks: list[Token], start: int = 0):
        self.toks = toks
        self.start = start
        self.i = start
        self.depth = 0

    def peek(self) -> Token:
        return self.toks[self.i]

    def take(self) -> Token:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def at(self, kind: str, text: str) -> bool:
        k, t, _ = self.toks[self.i]
        return k == kind and t == text

    def expect_op(self, text: str) -> None:
        k, t, p = self.peek()
        if k == "op" and t == text:
            self.take()
            return
        found = "the end" if k == "end" else f"'{t}'"
        raise ExprError(f"expected '{text}' but found {found}", p)

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"expression is nested deeper than {MAX_DEPTH} levels", self.peek()[2])

    def finish(self, what: str) -> None:
        k, text, pos = self.peek()
        if k != "end":
            hint = "did you mean '=='?" if (k, text) == ("op", "=") else ""
            raise ExprError(f"unexpected '{text}' after the end of the {what}", pos, hint=hint)

    # --- the grammar
    def expr(self) -> Expr:
        self.nest()
        try:
            return self.or_()
        finally:
            self.depth -= 1

    def or_(self) -> Expr:
        node = self.and_()
        while self.at("name", "or"):
            p = self.take()[2]
            node = Binary("or", node, self.and_(), p)
        return node

    def and_(self) -> Expr:
        node = self.not_()
        while self.at("name", "and"):
            p = self.take()[2]
            node = Binary("and", node, self.not_(), p)
        return node

    def not_(self) -> Expr:
        if self.at("name", "not"):
            p = self.take()[2]
            self.nest()
            try:
                return Unary("not", self.not_(), p)
            finally:
                self.depth -= 1
        return self.compare()

    def compare(self) -> Expr:
        node = self.sum_()
        k, op, p = self.peek()
        if k == "op" and op in COMPARISONS:
            self.take()
            node = Binary(op, node, self.sum_(), p)
            k2, op2, p2 = self.peek()
            if k2 == "op" and op2 in COMPARISONS:
                raise ExprError("comparisons cannot be chained", p2, hint="join them with 'and'")
        return node

    def sum_(self) -> Expr:
        node = self.unary()
        while self.at("op", "+") or self.at("op", "-"):
            _, op, p = self.take()
            node = Binary(op, node, self.unary(), p)
        return node

    def unary(self) -> Expr:
        if self.at("op", "-"):
            p = self.take()[2]
            self.nest()
            try:
                return Unary("-", self.unary(), p)
            finally:
                self.depth -= 1
        return self.atom()

    def atom(self) -> Expr:
        kind, text, pos = self.take()
        if kind == "int":
            return Literal(_integer(text, pos), INT, pos)
        if kind == "str":
            return Literal(_unquote(text, pos), STR, pos)
        if kind == "op" and text == "(":
            node = self.expr()
            self.expect_op(")")
            return node
        if kind == "name":
            if text in ("true", "false"):
                return Literal(text == "true", BOOL, pos)
            if text in KEYWORDS:
                raise ExprError(f"expected a value but found '{text}'", pos)
            if self.at("op", "("):
                return self.call(text, pos)
            return Name(text, pos)
        if kind == "end":
            raise ExprError(
                "expression ends too soon" if self.i > self.start + 1 else "expression is empty", pos
            )
        raise ExprError(f"unexpected '{text}'", pos)

    def call(self, name: str, pos: int) -> Call:
        self.expect_op("(")
        args: list[str | int] = []
        where: list[int] = []
        if not self.at("op", ")"):
            while True:
                k, t, p = self.take()
                if k == "str":
                    args.append(_unquote(t, p))
                elif k == "int":
                    args.append(_integer(t, p))
                else:
                    raise ExprError(f"arguments of {name}() must be literal ids or numbers", p)
                where.append(p)
                if not self.at("op", ","):
                    break
                self.take()
        self.expect_op(")")
        return Call(name, tuple(args), pos, tuple(where))


def parse_expression(src: str) -> Expr:
    """The syntax tree of an expression; raise ExprError when it does not parse. Names are not checked."""
    if len(src) > MAX_LENGTH:
        raise ExprError(f"expression is longer than {MAX_LENGTH} characters", 0)
    p = _Parser(_tokens(src))
    node = p.expr()
    p.finish("condition")
    return node


_EFFECT_SHAPE = "an effect must look like 'name = value', 'name += value' or 'name -= value'"


def parse_assignment(src: str) -> Assign:
    """The syntax tree of an effect ``name = expr``, ``name += expr`` or ``name -= expr``."""
    if len(src) > MAX_LENGTH:
        raise ExprError(f"effect is longer than {MAX_LENGTH} characters", 0)
    toks = _tokens(src)
    (k1, target, at), (k2, op, op_at) = toks[0], toks[1] if len(toks) > 1 else toks[0]
    if k1 != "name" or k2 != "op" or op not in ASSIGNMENTS:
        raise ExprError(_EFFECT_SHAPE, 0)
    p = _Parser(toks, 2)
    node = p.expr()
    p.finish("effect")
    return Assign(target, op, node, at, op_at)


# ------------------------------------------------------------------ type checking


def _unknown_variable(name: str, pos: int, names: Names) -> ExprError:
    from briefing.core.diagnostics import did_you_mean

    hint = did_you_mean(name, names.variables) or "declare it under 'state:' in scenario.yaml"
    return ExprError(f"unknown variable '{name}'", pos, "B202", hint)


def _need(want: str, got: str, pos: int, what: str, operand: Expr | None = None) -> None:
    if want != got:
        raise ExprError(
            f"{what} needs {TYPE_NAMES[want]} values, not {TYPE_NAMES[got]}",
            pos,
            "B203",
            variable=operand.name if isinstance(operand, Name) else "",
            wanted=want,
        )


def _mismatch(left: Expr, right: Expr, want_left: str, want_right: str) -> tuple[str, str]:
    """(variable, the type it should have) when one side of a mismatch is a variable and the other a
    literal: the literal says what the author meant, so the variable's declaration is suspect."""
    if isinstance(left, Name) and isinstance(right, Literal):
        return left.name, want_right
    if isinstance(right, Name) and isinstance(left, Literal):
        return right.name, want_left
    return "", ""


def check(node: Expr, names: Names) -> str:
    """The type of an expression (INT, BOOL or STR); raise ExprError at the first problem, left to right."""
    if isinstance(node, Literal):
        return node.type
    if isinstance(node, Name):
        t = names.variables.get(node.name)
        if t is None:
            raise _unknown_variable(node.name, node.pos, names)
        return t
    if isinstance(node, Call):
        _check_call(node, names)
        return INT if node.function == "visits" else INSTRUMENT_FUNCTIONS.get(node.function, BOOL)
    if isinstance(node, Unary):
        t = check(node.operand, names)
        if node.op == "not":
            _need(BOOL, t, node.pos, "'not'", node.operand)
            return BOOL
        _need(INT, t, node.pos, "'-'", node.operand)
        return INT
    left = check(node.left, names)
    right = check(node.right, names)
    op, p = node.op, node.pos
    if op in ("and", "or"):
        _need(BOOL, left, p, f"'{op}'", node.left)
        _need(BOOL, right, p, f"'{op}'", node.right)
        return BOOL
    if op in ("==", "!="):
        if left != right:
            message = f"cannot compare {TYPE_NAMES[left]} with {TYPE_NAMES[right]} using '{op}'"
            variable, wanted = _mismatch(node.left, node.right, right, left)
            raise ExprError(message, p, "B203", variable=variable, wanted=wanted)
        return BOOL
    if op == "+" and left == STR and right == STR:
        return STR
    _need(INT, left, p, f"'{op}'", node.left)
    _need(INT, right, p, f"'{op}'", node.right)
    return BOOL if op in COMPARISONS else INT


def _check_call(node: Call, names: Names) -> None:
    from briefing.core.diagnostics import did_you_mean

    name, args, pos = node.function, node.args, node.pos
    if name in INSTRUMENT_FUNCTIONS:
        _check_instrument_call(node, names)
        return
    if name == "chance":
        if len(args) != 1 or not isinstance(args[0], int) or not 0 <= args[0] <= MAX_PERCENT:
            raise ExprError("chance() takes a percentage from 0 to 100, e.g. chance(30)", pos, "B204")
        return
    if name in ("visited", "visits", "revealed"):
        if len(args) != 1 or not isinstance(args[0], str):
            raise ExprError(f'{name}() takes one quoted id, e.g. {name}("some-id")', pos, "B204")
        pool = names.facts if name == "revealed" else names.scenes
        what = "fact" if name == "revealed" else "scene"
    elif name == "chose":
        if len(args) != 2 or not isinstance(args[0], str) or not isinstance(args[1], int):
            raise ExprError(
                'chose() takes a quoted scene id and a choice number, e.g. chose("intro", 2)', pos, "B204"
            )
        pool, what = names.scenes, "scene"
    else:
        raise ExprError(
            f"unknown function '{name}'",
            pos,
            "B204",
            did_you_mean(name, (*FUNCTIONS, *INSTRUMENT_FUNCTIONS))
            or "the functions are visited(), visits(), revealed(), chose(), chance(), grade(), "
            "estimate(), lead() and score()",
        )
    ident = args[0]
    if names.check_ids and ident not in pool:
        message = f"{name}() names no {what} '{ident}'"
        raise ExprError(message, node.arg_pos[0], "B204", did_you_mean(str(ident), pool))
    count = names.choices.get(str(ident)) if name == "chose" else None
    number = node.number
    if count is not None and number is not None and not 1 <= number <= count:
        has = "no choices" if count == 0 else "1 choice" if count == 1 else f"{count} choices"
        raise ExprError(
            f"chose() names choice {number} of scene '{ident}', which has {has}",
            node.arg_pos[1],
            "B204",
            "choices are numbered from 1 in the order written",
        )


def _check_instrument_call(node: Call, names: Names) -> None:
    from briefing.core.diagnostics import did_you_mean

    name, args, pos = node.function, node.args, node.pos
    if name == "lead":
        if args:
            raise ExprError("lead() takes no argument", pos, "B204")
        return
    if len(args) != 1 or not isinstance(args[0], str):
        example = '"composite"' if name == "score" else '"some-id"'
        raise ExprError(f"{name}() takes one quoted argument, e.g. {name}({example})", pos, "B204")
    arg = args[0]
    if name == "score":
        if arg not in SCORE_MEASURES:
            hint = did_you_mean(arg, SCORE_MEASURES) or "measures: " + ", ".join(SCORE_MEASURES)
            raise ExprError(f"score() has no measure '{arg}'", node.arg_pos[0], "B204", hint)
        return
    pool = names.grades if name == "grade" else names.estimates
    if names.check_ids and arg not in pool:
        what = "grade" if name == "grade" else "estimate"
        raise ExprError(f"{name}() names no {what} '{arg}'", node.arg_pos[0], "B204", did_you_mean(arg, pool))


def misdeclared(name: str, value: Value, wanted: str, where: str) -> tuple[str, str] | None:
    """(message, hint) when a variable declared as ``value`` is likely meant to be of the type its use
    at ``where`` needs: a number or true/false written in quotes (``hours: "0"``); else None (the use is
    the likelier mistake, and is reported on its own)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not ((wanted == INT and text.lstrip("-").isdigit()) or (wanted == BOOL and text in ("true", "false"))):
        return None
    message = f"variable '{name}' starts as string but is used as {TYPE_NAMES[wanted]} at {where}"
    return message, f"declare it without quotes: {name}: {text}"


# ------------------------------------------------------------------ compiling to closures

_OPERATORS: dict[str, Callable[[Value, Value], Value]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "+": operator.add,
    "-": operator.sub,
}


def compile_expr(node: Expr, site: str = "") -> Evaluator:
    """A closure that evaluates a checked expression against a game state.

    ``site``: where the expression is written (a chance() call draws once per step for each site and
    position in it, so that two chance() calls are independent draws)."""
    if isinstance(node, Literal):
        value = node.value
        return lambda s: value
    if isinstance(node, Name):
        name = node.name
        return lambda s: s.vars[name]
    if isinstance(node, Call):
        ident = node.ident
        if node.function in INSTRUMENT_FUNCTIONS:
            function = node.function
            return lambda s: s.instrument(function, ident)
        if node.function == "chance":
            percent = node.args[0] if node.args and isinstance(node.args[0], int) else 0
            where = f"{site}@{node.pos}"
            return lambda s: s.chance(percent, where)
        if node.function == "visits":
            return lambda s: s.visits.get(ident, 0)
        if node.function == "visited":
            return lambda s: ident in s.visited
        if node.function == "revealed":
            return lambda s: ident in s.revealed
        key = (ident, node.number or 0)
        return lambda s: key in s.chosen
    if isinstance(node, Unary):
        f = compile_expr(node.operand, site)
        if node.op == "not":
            return lambda s: not f(s)
        return lambda s: operator.sub(0, f(s))
    if node.op == "and":
        a, b = compile_expr(node.left, site), compile_expr(node.right, site)
        return lambda s: bool(a(s)) and bool(b(s))
    if node.op == "or":
        a, b = compile_expr(node.left, site), compile_expr(node.right, site)
        return lambda s: bool(a(s)) or bool(b(s))
    op = _OPERATORS[node.op]
    if isinstance(node.right, Literal):  # the common 'trust >= 2': one call fewer per evaluation
        v = node.right.value
        if isinstance(node.left, Name):
            name = node.left.name
            return lambda s: op(s.vars[name], v)
        a = compile_expr(node.left, site)
        return lambda s: op(a(s), v)
    a, b = compile_expr(node.left, site), compile_expr(node.right, site)
    return lambda s: op(a(s), b(s))


class _Nowhere:
    """An empty game state, to evaluate an expression that reads nothing."""

    def __init__(self) -> None:
        self.vars: dict[str, Value] = {}
        self.visited: set[str] = set()
        self.visits: dict[str, int] = {}
        self.revealed: set[str] = set()
        self.chosen: set[tuple[str, int]] = set()

    def chance(self, percent: int, site: str) -> bool:
        return percent >= MAX_PERCENT

    def instrument(self, function: str, argument: str) -> Value:
        return UNANSWERED[function]


def constant_value(node: Expr, evaluate: Evaluator | None = None) -> Value | None:
    """The value of an expression that reads no variable and calls no function, else None.
    ``evaluate`` is the expression already compiled, when it is."""
    reads: set[str] = set()
    if _collect(node, reads) or reads:
        return None
    return (evaluate or compile_expr(node))(_Nowhere())


def _past_limit(source: str, target: str, value: Value) -> EffectLimitError:
    if isinstance(value, str):
        message = (
            f"effect '{source}' would make '{target}' {len(value):,} characters long; "
            f"text may be at most {MAX_TEXT:,} characters"
        )
    else:
        message = f"effect '{source}' would take '{target}' past ±{MAX_INT:,}, the largest integer allowed"
    return EffectLimitError(source, message)


def _within(value: Value) -> bool:
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -MAX_INT <= value <= MAX_INT
    return len(value) <= MAX_TEXT


def compile_effect(
    source: str, node: Assign, kind: str, constant: Value | None, value: Evaluator | None = None
) -> Applier:
    """A closure that applies a checked effect to a game state, keeping values within MAX_INT and MAX_TEXT.

    ``kind`` is the target's type, ``constant`` the value's when it reads nothing, ``value`` the value
    already compiled. Effects run on every step of play and of randomtest: each shape has its own closure.
    """
    target = node.target
    if node.op == "=" and constant is not None and _within(constant):

        def put(s: State) -> None:
            s.vars[target] = constant

        return put
    f = value or compile_expr(node.value)
    if kind == BOOL:

        def assign_bool(s: State) -> None:
            s.vars[target] = f(s)

        return assign_bool
    size: Callable[[Any], int] = abs if kind == INT else len
    limit = MAX_INT if kind == INT else MAX_TEXT
    if node.op == "=":

        def assign(s: State) -> None:
            v = f(s)
            if size(v) <= limit:
                s.vars[target] = v
            else:
                raise _past_limit(source, target, v)

        return assign
    combine = operator.sub if node.op == "-=" else operator.add
    if constant is not None:

        def change_by_constant(s: State) -> None:
            v = combine(s.vars[target], constant)
            if size(v) <= limit:
                s.vars[target] = v
            else:
                raise _past_limit(source, target, v)

        return change_by_constant

    def change(s: State) -> None:
        v = combine(s.vars[target], f(s))
        if size(v) <= limit:
            s.vars[target] = v
        else:
            raise _past_limit(source, target, v)

    return change


# ------------------------------------------------------------------ parsed conditions and effects


@dataclass(frozen=True)
class Condition:
    source: str
    evaluate: Evaluator = field(repr=False, compare=False)
    variables: frozenset[str]  # variables it reads
    tree: Expr


@dataclass(frozen=True)
class Effect:
    source: str
    target: str
    op: str  # '=', '+=', '-='
    value: Evaluator = field(repr=False, compare=False)
    apply: Applier = field(repr=False, compare=False)  # apply(state) changes state.vars in place
    tree: Assign
    type: str  # of the target
    constant: Value | None = None  # the value when it reads nothing, for analysis
    reads: frozenset[str] = frozenset()  # the variables its value reads


def parse_condition(src: object, names: Names, site: str = "") -> Condition:
    """Parse a condition; raise ExprError when it does not parse or is not a boolean. ``site``: where it
    is written (see :func:`compile_expr`)."""
    if not isinstance(src, str):
        raise ExprError("a condition must be text", 0)
    tree = parse_expression(src)
    t = check(tree, names)
    if t != BOOL:
        raise ExprError(
            f"a condition must be true or false, but this is {TYPE_NAMES[t]}",
            0,
            "B203",
            "compare it, e.g. 'trust >= 2'",
        )
    return Condition(src, compile_expr(tree, site), variables_read(tree), tree)


def parse_effect(src: object, names: Names, site: str = "") -> Effect:
    """Parse an effect ``name = expr``, ``name += expr`` or ``name -= expr``. ``site``: where it is
    written (see :func:`compile_expr`)."""
    if not isinstance(src, str):
        raise ExprError("an effect must be text such as 'trust += 1'", 0)
    tree = parse_assignment(src)
    target, op = tree.target, tree.op
    want = names.variables.get(target)
    if want is None:
        raise _unknown_variable(target, tree.pos, names)
    t = check(tree.value, names)
    if op in ("+=", "-=") and want != INT and not (op == "+=" and want == STR):
        raise ExprError(
            f"'{op}' needs an integer variable, but '{target}' is {TYPE_NAMES[want]}",
            tree.op_pos,
            "B203",
            variable=target,
            wanted=INT,
        )
    if t != want:
        literal = isinstance(tree.value, Literal)
        raise ExprError(
            f"'{target}' is {TYPE_NAMES[want]} but the value is {TYPE_NAMES[t]}",
            tree.op_pos + len(op),
            "B203",
            variable=target if literal else "",
            wanted=t if literal else "",
        )
    reads: set[str] = set()
    calls = _collect(tree.value, reads)
    value = compile_expr(tree.value, site)
    constant = None if reads or calls else constant_value(tree.value, value)
    return Effect(
        source=src,
        target=target,
        op=op,
        value=value,
        apply=compile_effect(src, tree, want, constant, value),
        tree=tree,
        type=want,
        constant=constant,
        reads=frozenset(reads),
    )
