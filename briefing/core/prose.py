"""Text that shows values and changes with the play: ``{trust}`` and ``{trust >= 2: warm|cold}``.

Scene texts, passages and choice texts may hold inserts between braces, parsed and type-checked when
the scenario loads (like every expression) and rendered by :meth:`Prose.render`, the one function every
interface's text goes through (the engine calls it for ``Game.passages()`` and the choices it offers).

    text    := (character | '{{' | '}}' | insert)*
    insert  := '{' expr '}'                         the value of an integer or text expression
             | '{' expr ':' branch ('|' branch)? '}' the first branch when the condition holds, else
                                                      the second (or nothing)
    branch  := (character | '{{' | insert)*          up to the '|' or '}' that ends it; the spaces
                                                      at its two ends are dropped

``{{`` and ``}}`` show a brace. Inside a branch ``}`` and ``|`` always end it: to show them there, insert
them as text, ``{"|"}`` and ``{"}"}``. Problems raise :class:`~briefing.core.expr.ExprError` at an offset
into the text: B206 for the braces themselves, the expression codes (B201-B204) for what is inside.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeAlias

from briefing.core.expr import (
    BOOL,
    TYPE_NAMES,
    Evaluator,
    Expr,
    ExprError,
    Names,
    State,
    check,
    compile_expr,
    parse_expression,
    variables_read,
)

MAX_NESTING = 10  # inserts inside the branches of inserts


@dataclass(frozen=True)
class Show:
    """``{expr}``: the expression's value. ``at``: the offset of its source in the text."""

    tree: Expr
    at: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Branch:
    """``{condition: then|otherwise}``."""

    condition: Expr
    then: tuple[Piece, ...]
    otherwise: tuple[Piece, ...]
    at: int = field(default=0, compare=False)


Piece: TypeAlias = str | Show | Branch
Renderer: TypeAlias = Callable[[State], str]


def has_inserts(text: str) -> bool:
    """Whether a text needs parsing at all (plain text is shown as written)."""
    return "{" in text or "}" in text


def _error(message: str, offset: int, hint: str = "") -> ExprError:
    return ExprError(message, offset, "B206", hint)


class _TextParser:
    def __init__(self, src: str) -> None:
        self.src = src
        self.i = 0
        self.depth = 0

    def text(self) -> tuple[Piece, ...]:
        pieces = self.pieces(in_branch=False)
        assert self.i == len(self.src)
        return pieces

    def pieces(self, in_branch: bool) -> tuple[Piece, ...]:
        src, n = self.src, len(self.src)
        out: list[Piece] = []
        buf: list[str] = []
        while self.i < n:
            c = src[self.i]
            if c == "{":
                if src.startswith("{{", self.i):
                    buf.append("{")
                    self.i += 2
                    continue
                if buf:
                    out.append("".join(buf))
                    buf = []
                out.append(self.insert())
                continue
            if in_branch and c in "|}":
                break
            if c == "}":
                if not src.startswith("}}", self.i):
                    raise _error("a '}' without its '{'", self.i, "write '}}' to show a brace")
                self.i += 1
            buf.append(c)
            self.i += 1
        if buf:
            out.append("".join(buf))
        return tuple(out)

    def _expression_end(self, start: int) -> int:
        """The offset of the ':' or '}' that ends the expression starting at ``start`` (strings
        skipped); the length of the text when there is none."""
        src, n, j = self.src, len(self.src), start
        while j < n:
            c = src[j]
            if c in "\"'":
                j += 1
                while j < n and src[j] != c:
                    j += 2 if src[j] == "\\" else 1
            elif c in ":}":
                return j
            j += 1
        return n

    def insert(self) -> Piece:
        src, opened = self.src, self.i
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _error(f"inserts are nested deeper than {MAX_NESTING} levels", opened)
        start = opened + 1
        end = self._expression_end(start)
        if end >= len(src):
            raise _error("this '{' is not closed", opened, "close it with '}', or write '{{' to show a brace")
        source = src[start:end]
        if not source.strip():
            raise _error("nothing between '{' and '" + src[end] + "'", opened, "name a variable: {trust}")
        try:
            tree = parse_expression(source)
        except ExprError as exc:
            exc.offset += start
            raise
        self.i = end + 1
        if src[end] == "}":
            self.depth -= 1
            return Show(tree, start)
        then = _trim(self.pieces(in_branch=True))
        otherwise: tuple[Piece, ...] = ()
        if self.i < len(src) and src[self.i] == "|":
            self.i += 1
            otherwise = _trim(self.pieces(in_branch=True))
        if self.i >= len(src):
            raise _error("this '{' is not closed", opened, "end the conditional text with '}'")
        if src[self.i] == "|":
            raise _error(
                "a conditional text has two branches at most", self.i, 'to show a bar here, write {"|"}'
            )
        self.i += 1  # the closing '}'
        self.depth -= 1
        return Branch(tree, then, otherwise, start)


def _trim(pieces: tuple[Piece, ...]) -> tuple[Piece, ...]:
    """A branch without the spaces at its two ends."""
    out = list(pieces)
    if out and isinstance(out[0], str):
        out[0] = out[0].lstrip()
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
    return tuple(p for p in out if p != "")


def parse_text(src: str) -> tuple[Piece, ...]:
    """The pieces of a text (syntax only: names are not checked); raise ExprError at an offset."""
    return _TextParser(src).text()


# ------------------------------------------------------------------ checking and compiling


def _check_piece(piece: Piece, names: Names) -> None:
    if isinstance(piece, str):
        return
    try:
        t = check(piece.tree if isinstance(piece, Show) else piece.condition, names)
    except ExprError as exc:
        exc.offset += piece.at
        raise
    if isinstance(piece, Show):
        if t == BOOL:
            raise ExprError(
                "a true/false value cannot be shown as text",
                piece.at,
                "B203",
                "give a text for each case, e.g. {flag: yes|no}",
            )
        return
    if t != BOOL:
        raise ExprError(
            f"the condition of a conditional text must be true or false, but this is {TYPE_NAMES[t]}",
            piece.at,
            "B203",
            "compare it, e.g. {trust >= 2: ...}",
        )
    for p in (*piece.then, *piece.otherwise):
        _check_piece(p, names)


def expressions(pieces: tuple[Piece, ...]) -> list[Expr]:
    """Every expression in a text's inserts (shown values and conditions), in order."""
    out: list[Expr] = []
    for p in pieces:
        if isinstance(p, Show):
            out.append(p.tree)
        elif isinstance(p, Branch):
            out += [p.condition, *expressions(p.then), *expressions(p.otherwise)]
    return out


def _reads(pieces: tuple[Piece, ...]) -> frozenset[str]:
    out: set[str] = set()
    for p in pieces:
        if isinstance(p, Show):
            out |= variables_read(p.tree)
        elif isinstance(p, Branch):
            out |= variables_read(p.condition) | _reads(p.then) | _reads(p.otherwise)
    return frozenset(out)


def _literal(text: str) -> Renderer:
    return lambda s: text


def _shown(evaluate: Evaluator) -> Renderer:
    def show(s: State) -> str:
        return str(evaluate(s))

    return show


def _compile(pieces: tuple[Piece, ...], site: str) -> Renderer:
    parts: list[Renderer] = []
    for p in pieces:
        if isinstance(p, str):
            parts.append(_literal(p))
        elif isinstance(p, Show):
            parts.append(_shown(compile_expr(p.tree, f"{site}+{p.at}")))
        else:
            parts.append(_branch(p, site))
    if len(parts) == 1:
        return parts[0]
    return lambda s: "".join(part(s) for part in parts)


def _branch(piece: Branch, site: str) -> Renderer:
    holds = compile_expr(piece.condition, f"{site}+{piece.at}")
    then, otherwise = _compile(piece.then, site), _compile(piece.otherwise, site)
    return lambda s: then(s) if holds(s) else otherwise(s)


@dataclass(frozen=True)
class Prose:
    """A checked text with inserts: ``render(state)`` is the text as the player sees it now."""

    source: str
    pieces: tuple[Piece, ...]
    render: Renderer = field(repr=False, compare=False)
    variables: frozenset[str] = frozenset()  # the variables it reads


def compile_text(src: str, names: Names, site: str = "") -> Prose | None:
    """A text's :class:`Prose`, checked against ``names``; None for plain text (nothing to render).
    ``site``: where it is written (chance() draws per site). Raises ExprError at an offset."""
    if not has_inserts(src):
        return None
    pieces = parse_text(src)
    for p in pieces:
        _check_piece(p, names)
    return Prose(src, pieces, _compile(pieces, site), _reads(pieces))


def shown(text: str, prose: Prose | None, state: State) -> str:
    """A text as the player sees it in ``state``: rendered when it has inserts, else as written."""
    return text if prose is None else prose.render(state)


def text_position(mark: tuple[int, int], text: str, offset: int, raw: bytes = b"") -> tuple[int, int]:
    """The file position (line, column) of ``offset`` into a text whose value starts at ``mark``.

    On the text's first line the column is counted from the mark. Past a line break (a block text,
    ``text: |``) the line is counted from the mark and the column from the file's own line when ``raw``
    (the file's bytes) holds it; else from the start of the text's line.
    """
    line, col = mark
    before = text[:offset]
    breaks = before.count("\n")
    if not breaks:
        return line, col + offset
    within = offset - before.rfind("\n") - 1
    text_line = text.split("\n")[breaks]
    file_line = line + 1 + breaks  # a block text starts on the line after its mark
    lines = raw.decode("utf-8", "replace").splitlines() if raw else []
    if 0 < file_line <= len(lines) and lines[file_line - 1].endswith(text_line):
        return file_line, len(lines[file_line - 1]) - len(text_line) + within + 1
    return file_line, within + 1
