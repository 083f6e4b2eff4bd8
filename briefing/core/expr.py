"""The expression language of conditions (``if:``) and effects (``do:``).

Parsed and type-checked by our own code when a scenario loads, then compiled into small Python
closures. Nothing from a file is ever handed to ``eval`` or ``exec``.

    expr    := or
    or      := and ('or' and)*
    and     := not ('and' not)*
    not     := 'not' not | compare
    compare := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum)?
    sum     := unary (('+'|'-') unary)*
    unary   := '-' unary | atom
    atom    := INT | STRING | 'true' | 'false' | NAME | NAME '(' args ')' | '(' expr ')'
    effect  := NAME ('=' | '+=' | '-=') expr
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

MAX_LENGTH = 1000
MAX_DEPTH = 40
MAX_INT_DIGITS = 15

INT, BOOL, STR = "int", "bool", "str"
TYPE_NAMES = {INT: "integer", BOOL: "boolean", STR: "string"}


def type_of(value) -> str | None:
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT
    if isinstance(value, str):
        return STR
    return None


class ExprError(Exception):
    """A problem in an expression, at ``offset`` characters into its source."""

    def __init__(self, message: str, offset: int = 0, code: str = "B201", hint: str = ""):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.code = code
        self.hint = hint


class State(Protocol):  # what an expression can read
    vars: dict
    visited: set
    revealed: set
    chosen: set  # of (scene_id, choice_number)


Evaluator = Callable[[State], object]


@dataclass(frozen=True)
class Names:
    """What expressions may refer to: variables with their types, scene ids and fact ids."""

    variables: dict  # name -> type
    scenes: frozenset | set = frozenset()
    facts: frozenset | set = frozenset()
    check_ids: bool = True


_TOKEN = re.compile(
    r"""\s*(?:
      (?P<int>\d+)
    | (?P<str>"[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*')
    | (?P<op>==|!=|<=|>=|\+=|-=|[<>()+\-,=])
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "true", "false"}


def _tokens(src: str) -> list[tuple[str, str, int]]:
    if len(src) > MAX_LENGTH:
        raise ExprError(f"expression is longer than {MAX_LENGTH} characters", 0)
    out = []
    pos = 0
    end = len(src)
    while pos < end:
        m = _TOKEN.match(src, pos)
        if not m or m.lastgroup is None:
            rest = src[pos:].lstrip()
            if not rest:
                break
            at = end - len(rest)
            ch = rest[0]
            hint = ""
            if ch == "&":
                hint = "use 'and'"
            elif ch == "|":
                hint = "use 'or'"
            elif ch == "!":
                hint = "use 'not'"
            raise ExprError(f"unexpected character '{ch}'", at, hint=hint)
        kind = m.lastgroup
        text = m.group(kind)
        out.append((kind, text, m.start(kind)))
        pos = m.end()
    out.append(("end", "", end))
    return out


class _Parser:
    def __init__(self, src: str, names: Names):
        self.src = src
        self.names = names
        self.toks = _tokens(src)
        self.i = 0
        self.depth = 0

    # --- helpers
    def peek(self):
        return self.toks[self.i]

    def take(self):
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def at(self, kind: str, text: str | None = None) -> bool:
        k, t, _ = self.toks[self.i]
        return k == kind and (text is None or t == text)

    def expect_op(self, text: str):
        k, t, p = self.peek()
        if k == "op" and t == text:
            return self.take()
        found = "the end" if k == "end" else f"'{t}'"
        raise ExprError(f"expected '{text}' but found {found}", p)

    def nest(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"expression is nested deeper than {MAX_DEPTH} levels", self.peek()[2])

    # --- grammar; each returns (type, evaluator)
    def expr(self):
        self.nest()
        try:
            return self.or_()
        finally:
            self.depth -= 1

    def or_(self):
        t, f = self.and_()
        while self.at("name", "or"):
            p = self.take()[2]
            t2, g = self.and_()
            self.need(BOOL, t, p, "'or'")
            self.need(BOOL, t2, p, "'or'")
            f = (lambda a, b: lambda s: bool(a(s)) or bool(b(s)))(f, g)
            t = BOOL
        return t, f

    def and_(self):
        t, f = self.not_()
        while self.at("name", "and"):
            p = self.take()[2]
            t2, g = self.not_()
            self.need(BOOL, t, p, "'and'")
            self.need(BOOL, t2, p, "'and'")
            f = (lambda a, b: lambda s: bool(a(s)) and bool(b(s)))(f, g)
            t = BOOL
        return t, f

    def not_(self):
        if self.at("name", "not"):
            p = self.take()[2]
            self.nest()
            try:
                t, f = self.not_()
            finally:
                self.depth -= 1
            self.need(BOOL, t, p, "'not'")
            return BOOL, (lambda a: lambda s: not a(s))(f)
        return self.compare()

    _CMP = {
        "==": lambda a, b: a == b,
        "!=": lambda a, b: a != b,
        "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b,
    }

    def compare(self):
        t, f = self.sum_()
        k, op, p = self.peek()
        if k == "op" and op in self._CMP:
            self.take()
            t2, g = self.sum_()
            if op in ("==", "!="):
                if t != t2:
                    raise ExprError(
                        f"cannot compare {TYPE_NAMES[t]} with {TYPE_NAMES[t2]} using '{op}'", p, "B203"
                    )
            else:
                self.need(INT, t, p, f"'{op}'")
                self.need(INT, t2, p, f"'{op}'")
            cmp = self._CMP[op]
            f = (lambda a, b, c: lambda s: c(a(s), b(s)))(f, g, cmp)
            t = BOOL
            k2, op2, p2 = self.peek()
            if k2 == "op" and op2 in self._CMP:
                raise ExprError("comparisons cannot be chained", p2, hint="join them with 'and'")
        return t, f

    def sum_(self):
        t, f = self.unary()
        while self.at("op", "+") or self.at("op", "-"):
            _, op, p = self.take()
            t2, g = self.unary()
            if op == "+" and t == STR and t2 == STR:
                f = (lambda a, b: lambda s: a(s) + b(s))(f, g)
                continue
            self.need(INT, t, p, f"'{op}'")
            self.need(INT, t2, p, f"'{op}'")
            if op == "+":
                f = (lambda a, b: lambda s: a(s) + b(s))(f, g)
            else:
                f = (lambda a, b: lambda s: a(s) - b(s))(f, g)
            t = INT
        return t, f

    def unary(self):
        if self.at("op", "-"):
            p = self.take()[2]
            self.nest()
            try:
                t, f = self.unary()
            finally:
                self.depth -= 1
            self.need(INT, t, p, "'-'")
            return INT, (lambda a: lambda s: -a(s))(f)
        return self.atom()

    def atom(self):
        kind, text, pos = self.take()
        if kind == "int":
            if len(text) > MAX_INT_DIGITS:
                raise ExprError(f"number has more than {MAX_INT_DIGITS} digits", pos)
            v = int(text)
            return INT, (lambda v: lambda s: v)(v)
        if kind == "str":
            v = _unquote(text, pos)
            return STR, (lambda v: lambda s: v)(v)
        if kind == "op" and text == "(":
            t, f = self.expr()
            self.expect_op(")")
            return t, f
        if kind == "name":
            if text == "true":
                return BOOL, lambda s: True
            if text == "false":
                return BOOL, lambda s: False
            if text in _KEYWORDS:
                raise ExprError(f"expected a value but found '{text}'", pos)
            if self.at("op", "("):
                return self.call(text, pos)
            types = self.names.variables
            if text not in types:
                from briefing.core.diagnostics import did_you_mean

                raise ExprError(
                    f"unknown variable '{text}'",
                    pos,
                    "B202",
                    did_you_mean(text, types) or "declare it under 'state:' in scenario.yaml",
                )
            return types[text], (lambda n: lambda s: s.vars[n])(text)
        if kind == "end":
            raise ExprError("expression ends too soon" if self.i > 1 else "expression is empty", pos)
        raise ExprError(f"unexpected '{text}'", pos)

    def call(self, name: str, pos: int):
        self.expect_op("(")
        args = []
        if not self.at("op", ")"):
            while True:
                k, t, p = self.take()
                if k == "str":
                    args.append((_unquote(t, p), p))
                elif k == "int":
                    args.append((int(t[:MAX_INT_DIGITS]), p))
                else:
                    raise ExprError(f"arguments of {name}() must be literal ids or numbers", p)
                if self.at("op", ","):
                    self.take()
                    continue
                break
        self.expect_op(")")
        if name in ("visited", "revealed"):
            if len(args) != 1 or not isinstance(args[0][0], str):
                raise ExprError(f'{name}() takes one quoted id, e.g. {name}("some-id")', pos, "B204")
            ident, p = args[0]
            pool = self.names.scenes if name == "visited" else self.names.facts
            if self.names.check_ids and ident not in pool:
                from briefing.core.diagnostics import did_you_mean

                what = "scene" if name == "visited" else "fact"
                raise ExprError(f"{name}() names no {what} '{ident}'", p, "B204", did_you_mean(ident, pool))
            if name == "visited":
                return BOOL, (lambda i: lambda s: i in s.visited)(ident)
            return BOOL, (lambda i: lambda s: i in s.revealed)(ident)
        if name == "chose":
            if len(args) != 2 or not isinstance(args[0][0], str) or not isinstance(args[1][0], int):
                raise ExprError(
                    'chose() takes a quoted scene id and a choice number, e.g. chose("intro", 2)', pos, "B204"
                )
            ident, p = args[0]
            if self.names.check_ids and ident not in self.names.scenes:
                from briefing.core.diagnostics import did_you_mean

                raise ExprError(
                    f"chose() names no scene '{ident}'", p, "B204", did_you_mean(ident, self.names.scenes)
                )
            key = (ident, args[1][0])
            return BOOL, (lambda k: lambda s: k in s.chosen)(key)
        raise ExprError(
            f"unknown function '{name}'", pos, "B204", "the functions are visited(), revealed() and chose()"
        )

    def need(self, want: str, got: str, pos: int, what: str):
        if want != got:
            raise ExprError(f"{what} needs {TYPE_NAMES[want]} values, not {TYPE_NAMES[got]}", pos, "B203")


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


@dataclass(frozen=True)
class Condition:
    source: str
    evaluate: Evaluator
    variables: frozenset  # variables it reads


@dataclass(frozen=True)
class Effect:
    source: str
    target: str
    op: str  # '=', '+=', '-='
    value: Evaluator
    constant: object = None  # the value when it is a literal, for analysis
    reads: frozenset = frozenset()

    def apply(self, state: State) -> None:
        v = self.value(state)
        if self.op == "=":
            state.vars[self.target] = v
        elif self.op == "+=":
            state.vars[self.target] = state.vars[self.target] + v
        else:
            state.vars[self.target] = state.vars[self.target] - v


def _names_read(src: str, names: Names) -> frozenset:
    return frozenset(t for k, t, _ in _tokens(src) if k == "name" and t in names.variables)


def parse_condition(src: str, names: Names) -> Condition:
    """Parse a condition; raise ExprError when it does not parse or is not a boolean."""
    if not isinstance(src, str):
        raise ExprError("a condition must be text", 0)
    p = _Parser(src, names)
    t, f = p.expr()
    k, text, pos = p.peek()
    if k != "end":
        raise ExprError(f"unexpected '{text}' after the end of the condition", pos)
    if t != BOOL:
        raise ExprError(
            f"a condition must be true or false, but this is {TYPE_NAMES[t]}",
            0,
            "B203",
            "compare it, e.g. 'trust >= 2'",
        )
    return Condition(src, f, _names_read(src, names))


_EFFECT = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\+=|-=|=(?!=))")


def parse_effect(src: str, names: Names) -> Effect:
    """Parse an effect ``name = expr``, ``name += expr`` or ``name -= expr``."""
    if not isinstance(src, str):
        raise ExprError("an effect must be text such as 'trust += 1'", 0)
    if len(src) > MAX_LENGTH:
        raise ExprError(f"effect is longer than {MAX_LENGTH} characters", 0)
    m = _EFFECT.match(src)
    if not m:
        raise ExprError("an effect must look like 'name = value', 'name += value' or 'name -= value'", 0)
    target, op = m.group(1), m.group(2)
    types = names.variables
    if target not in types:
        from briefing.core.diagnostics import did_you_mean

        raise ExprError(
            f"unknown variable '{target}'",
            m.start(1),
            "B202",
            did_you_mean(target, types) or "declare it under 'state:' in scenario.yaml",
        )
    rest_at = m.end()
    p = _Parser(src[rest_at:], names)
    try:
        t, f = p.expr()
        k, text, pos = p.peek()
        if k != "end":
            raise ExprError(f"unexpected '{text}' after the end of the effect", pos)
    except ExprError as exc:
        exc.offset += rest_at
        raise
    want = types[target]
    if op in ("+=", "-=") and want != INT and not (op == "+=" and want == STR):
        raise ExprError(
            f"'{op}' needs an integer variable, but '{target}' is {TYPE_NAMES[want]}", m.start(2), "B203"
        )
    if t != want:
        raise ExprError(f"'{target}' is {TYPE_NAMES[want]} but the value is {TYPE_NAMES[t]}", rest_at, "B203")
    constant = None
    toks = [tok for tok in _tokens(src[rest_at:]) if tok[0] != "end"]
    if all(k != "name" or text in ("true", "false") for k, text, _ in toks):
        constant = f(None)
    return Effect(src, target, op, f, constant, _names_read(src[rest_at:], names))
