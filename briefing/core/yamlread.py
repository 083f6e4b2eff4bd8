"""Strict, safe YAML reading with positions.

libyaml (``CSafeLoader`` where present) composes the node tree; we build the values ourselves so that:

- plain scalars become only ints, ``true``/``false``, null or strings (YAML 1.1's ``no``, dates,
  sexagesimals and hex stay strings, exactly as written);
- tags, anchors and aliases, duplicate keys and absurd nesting are refused;
- every mapping and sequence remembers where its keys and items stand in the file.

Nothing here ever constructs a Python object named by a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

try:  # libyaml when present: far faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from briefing.core.diagnostics import Diagnostics

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_TEXT_CHARS = 20_000
MAX_INT_DIGITS = 15  # as in expressions: far below the size where Python refuses to convert

Mark = tuple[int, int]  # 1-based line and column

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "value")}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z|[-+]?\.(inf|Inf|INF)\Z|\.(nan|NaN|NAN)\Z"
)
_STR, _SEQ, _MAP, _MERGE = (_CORE + t for t in ("str", "seq", "map", "merge"))
_Scalar, _Sequence = yaml.ScalarNode, yaml.SequenceNode
_NUMBER_START = frozenset("0123456789+-.")


class _StrictLoader(_Loader):
    """The safe loader with a resolver that only tells nodes apart: the builder below types plain
    scalars itself (YAML 1.2's core schema), so PyYAML's regex resolver, a tenth of a large file's
    load, is skipped. A plain ``<<`` is still a merge key, for the builder to refuse."""

    def resolve(self, kind: type[yaml.Node], value: object, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _MERGE if value == "<<" and implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        """No path resolvers are registered: nothing to track on the way down or up."""

    def ascend_resolver(self) -> None:
        """See :meth:`descend_resolver`."""


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}
# C0 controls other than tab and newline, DEL, C1 controls: never allowed to reach a terminal.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FILE_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # CR is a line break here


class YMap(dict[str, object]):
    """A mapping read from YAML: ``mark`` of the mapping, ``key_marks`` and ``value_marks`` per key."""

    __slots__ = ("key_marks", "mark", "value_marks")
    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]


class YList(list[object]):
    """A sequence read from YAML: ``mark`` of the sequence and ``marks`` of its items."""

    __slots__ = ("mark", "marks")
    mark: Mark
    marks: list[Mark]


@dataclass
class YamlFile:
    path: str  # as shown in diagnostics
    data: object  # YMap, YList, scalar, or None when unreadable
    raw: bytes = b""


_WORD = re.compile(rb"[A-Za-z0-9_][A-Za-z0-9_.-]*")


class Unread:
    """The files of a scenario that could not be read, and the ids they might have defined.

    A reference elsewhere to such an id is not reported: the unreadable file is the root cause, and
    fixing it may well define the id. A file refused unseen (no bytes at all) might define anything.
    """

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.anything = False
        self.words: set[str] = set()

    def add(self, path: str, raw: bytes | None) -> None:
        self.paths.append(path)
        if raw is None:
            self.anything = True
        else:
            self.words.update(w.decode("ascii") for w in _WORD.findall(raw))

    def __bool__(self) -> bool:
        return bool(self.paths)

    def might_define(self, ident: str) -> bool:
        return self.anything or ident in self.words


def _mark(node: yaml.Node) -> Mark:
    m = node.start_mark
    return (m.line + 1, m.column + 1)


def _vmark(node: yaml.Node) -> Mark:
    """Where a value's content starts: past the opening quote of a quoted scalar."""
    m = node.start_mark
    quoted = isinstance(node, yaml.ScalarNode) and node.style in ("'", '"')
    return (m.line + 1, m.column + 1 + quoted)


class _Builder:
    def __init__(self, path: str, diags: Diagnostics, anchors: bool = True) -> None:
        self.path = path
        self.diags = diags
        # Only a file with an anchor ('&') can hold an alias; without one the check is skipped (it is
        # a set lookup per node, a tenth of the build time of a large file).
        self.anchors = anchors
        self.seen: set[int] = set()

    def scalar(self, node: yaml.ScalarNode) -> object:
        if self.anchors and self.alias(node):
            return None
        tag = node.tag
        if tag is not _STR and tag not in _SCALAR_TAGS:
            self.diags.error(
                self.path,
                _mark(node),
                "B005",
                f"YAML tag '{tag.replace(_CORE, '!!')}' is not allowed",
                "remove the tag; values are plain text, numbers or true/false",
            )
            return None
        value = node.value
        style = node.style
        if style:  # quoted or block scalar: always a string
            s = value
            # only a double-quoted escape can make a character the file's own check has not seen
            if style == '"' and CONTROL_CHARS.search(s):
                self.check_text(s, node)
                return s
        elif value in _NULL:
            return None
        elif value in _TRUE:
            return True
        elif value in _FALSE:
            return False
        elif value[0] in _NUMBER_START and _INT.match(value):
            digits = len(value.lstrip("+-"))
            if digits > MAX_INT_DIGITS:
                self.diags.error(
                    self.path,
                    _vmark(node),
                    "B012",
                    f"a whole number of {digits:,} digits; the most allowed is {MAX_INT_DIGITS}",
                    "quote it if you mean text",
                )
                return None
            return int(value)
        elif value[0] in _NUMBER_START and _FLOAT.match(value):
            return _float(value)
        else:
            s = value
        if len(s) > MAX_TEXT_CHARS:
            self.check_text(s, node)
        return s

    def check_text(self, s: str, node: yaml.Node) -> None:
        """Report control characters and over-long text, in values and keys alike."""
        bad = CONTROL_CHARS.search(s)
        if bad:
            self.diags.error(
                self.path,
                _vmark(node),
                "B009",
                f"text contains the control character U+{ord(bad.group()):04X}",
                "terminal control characters are not allowed in text",
            )
        if len(s) > MAX_TEXT_CHARS:
            self.diags.error(
                self.path,
                _vmark(node),
                "B010",
                f"text is {len(s):,} characters long; the most allowed is {MAX_TEXT_CHARS:,}",
                "split it across scenes or passages",
            )

    def build(self, node: yaml.Node, depth: int = 0) -> object:
        if depth > MAX_DEPTH:
            self.diags.error(self.path, _mark(node), "B007", f"nesting is deeper than {MAX_DEPTH} levels")
            return None
        cls = node.__class__
        if cls is _Scalar:
            return self.scalar(node)  # type: ignore[arg-type]
        if self.anchors and self.alias(node):
            return None
        m = node.start_mark
        if cls is _Sequence:
            if node.tag != _SEQ:
                self.diags.error(
                    self.path,
                    _mark(node),
                    "B005",
                    f"YAML tag '{node.tag.replace(_CORE, '!!')}' is not allowed",
                )
                return None
            out = YList()
            out.mark = (m.line + 1, m.column + 1)
            marks: list[Mark] = []
            out.marks = marks
            for item in node.value:
                out.append(self.build(item, depth + 1))
                im = item.start_mark
                style = item.style if item.__class__ is _Scalar else None
                marks.append((im.line + 1, im.column + 1 + (style == "'" or style == '"')))
            return out
        if node.tag != _MAP:
            self.diags.error(
                self.path, _mark(node), "B005", f"YAML tag '{node.tag.replace(_CORE, '!!')}' is not allowed"
            )
            return None
        omap = YMap()
        omap.mark = (m.line + 1, m.column + 1)
        key_marks: dict[str, Mark] = {}
        value_marks: dict[str, Mark] = {}
        omap.key_marks, omap.value_marks = key_marks, value_marks
        for knode, vnode in node.value:
            if knode.__class__ is not _Scalar:
                self.diags.error(self.path, _mark(knode), "B102", "a key must be plain text")
                continue
            if knode.tag == _MERGE:
                self.diags.error(
                    self.path,
                    _mark(knode),
                    "B006",
                    "merge keys ('<<') are not allowed",
                    "write the keys out in full",
                )
                continue
            if self.anchors and self.alias(knode):
                continue
            k = knode.value  # keys are always read as strings
            if len(k) > MAX_TEXT_CHARS or (knode.style == '"' and CONTROL_CHARS.search(k)):
                self.check_text(k, knode)  # reported here; the key is dropped so no message repeats it
                continue
            km = knode.start_mark
            if k in omap:
                self.diags.error(
                    self.path,
                    (km.line + 1, km.column + 1),
                    "B004",
                    f"duplicate key '{k}' (first defined at line {key_marks[k][0]})",
                )
                continue
            omap[k] = self.build(vnode, depth + 1)
            key_marks[k] = (km.line + 1, km.column + 1)
            vm = vnode.start_mark
            style = vnode.style if vnode.__class__ is _Scalar else None
            value_marks[k] = (vm.line + 1, vm.column + 1 + (style == "'" or style == '"'))
        return omap

    def alias(self, node: yaml.Node) -> bool:
        """True (and reported) when ``node`` was met before: an alias, scalar or not."""
        key = id(node)
        if key in self.seen:
            self.diags.error(
                self.path,
                _mark(node),
                "B006",
                "anchors and aliases are not allowed",
                "write the value out in full",
            )
            return True
        self.seen.add(key)
        return False


def _float(value: str) -> float:
    """A YAML float, including ``.inf``, ``-.inf`` and ``.nan`` (which Python's float() refuses)."""
    bare = value.lstrip("+-").lower()
    if bare in (".inf", ".nan"):
        return float(value.replace(".", "", 1))
    return float(value)


def _syntax_error(path: str, exc: yaml.YAMLError, diags: Diagnostics, text: str) -> None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None) or ""
    context_mark = getattr(exc, "context_mark", None)
    where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    since = (context_mark.line + 1, context_mark.column + 1) if context_mark is not None else where
    plain = _plain_words(problem, context, where, since, text.splitlines())
    if plain is not None:
        diags.error(path, plain[0], plain[1], plain[2], plain[3])
        return
    code, hint = "B001", ""
    if "\t" in problem or "tab" in problem:
        code, hint = "B011", "indent with spaces, not tabs"
    elif "nesting depth" in problem or "flow level" in problem:
        code = "B007"
    message = f"YAML syntax: {problem}" + (f" ({context})" if context and not hint else "")
    diags.error(path, where, code, message, hint)


# A double-quoted text closed early by a quote inside it: `if: "status == "calm""`.
_QUOTE_ENDS_EARLY = re.compile(r"""^\s*(?:-\s+)?([A-Za-z_][\w-]*):\s+(["'])""")
_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w.-]*):(\s|$)")
_NO_SPACE_DASH = re.compile(r"^\s*-[^\s-]")


def _unclosed_quote(lines: list[str], first: int, last: int) -> Mark | None:
    """Where a quote opens a value and is not closed on its line, between lines ``first`` and ``last``."""
    for n in range(max(first, 1), min(last, len(lines)) + 1):
        line = lines[n - 1]
        m = _QUOTE_ENDS_EARLY.match(line)
        if m is None:
            continue
        q = m.group(2)
        body = line[m.end() :]
        closed = body.replace("\\\\", "").replace("\\" + q, "").count(q) if q == '"' else body.count(q)
        if closed % 2 == 0 and not body.rstrip().endswith(q):
            return (n, m.end())
        if closed == 0:
            return (n, m.end())
    return None


def _plain_words(
    problem: str, context: str, where: Mark, since: Mark, lines: list[str]
) -> tuple[Mark, str, str, str] | None:
    """(place, code, message, hint) for the slips authors make most often; None for the others.

    libyaml reports where it gave up, often a line after the slip: the place given here is the slip's.
    """
    line = lines[where[0] - 1] if 0 < where[0] <= len(lines) else ""
    before = line[: where[1] - 1].rstrip()
    if "scanning a quoted scalar" in context and "end of stream" in problem:
        return since, "B001", "this quote is never closed", "end the text with the same quote mark"
    if "expected key" in problem or "expected ':'" in problem:
        opened = _unclosed_quote(lines, since[0], where[0] - 1)
        if opened is not None:
            return (
                opened,
                "B001",
                "a quote is not closed on its line",
                "end the text with the same quote mark",
            )
    if "expected key" in problem and before.endswith(('"', "'")):
        key = _QUOTE_ENDS_EARLY.match(line)
        if key is not None and key.group(1) in ("if", "do"):
            value = line[key.end() - 1 :].strip()
            inner = value[1:-1] if len(value) > 1 and value[0] == value[-1] == '"' else ""
            example = f": {key.group(1)}: '{inner}'" if inner and "'" not in inner else ""
            return (
                where,
                "B001",
                "a '\"' inside a condition ends it early",
                "use single quotes around it" + example,
            )
        return (
            where,
            "B001",
            "a quote inside a quoted text ends it early",
            "put the text in the other kind of quotes",
        )
    if "expected key" in problem and line.lstrip().startswith("- "):
        return (
            where,
            "B001",
            "a list item ('- ') where keys were expected",
            "line it up with the list it belongs to, or remove the '-'",
        )
    if "expected ':'" in problem and "simple key" in context:
        return since, "B001", "a key without ':' after it", "write it as 'key: value'"
    if "expected '-' indicator" in problem or ("expected key" in problem and _KEY_LINE.match(line)):
        return (
            (where[0], 1),
            "B001",
            "this line's indentation matches nothing above it",
            "indent keys of the same mapping, and items of the same list, to the same column",
        )
    if "mapping values are not allowed" in problem:
        for n in range(min(since[0], where[0] - 1), where[0] + 1):
            if 0 < n <= len(lines) and _NO_SPACE_DASH.match(lines[n - 1]):
                return (
                    (n, lines[n - 1].index("-") + 1),
                    "B001",
                    "a '-' without a space after it",
                    "write '- ' to start a list item",
                )
        previous = next((ln for ln in reversed(lines[: where[0] - 1]) if ln.strip()), "")
        key, above = _KEY_LINE.match(line), _KEY_LINE.match(previous)
        first_colon = key is not None and key.end(2) + 1 == where[1]
        if key and above and first_colon and key.start(2) > above.start(2):
            return (
                (where[0], 1),
                "B001",
                "this line is indented deeper than the key above it",
                "indent keys of the same mapping to the same column",
            )
        return where, "B001", "a ': ' inside a text", "put the text in quotes"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        closer = "]" if "]" in problem else "}"
        return (
            since,
            "B001",
            f"a list or mapping opened here is not closed with '{closer}'",
            "close it on the same line",
        )
    if "cannot start any token" in problem and "\t" not in problem and "tab" not in problem:
        char = line[where[1] - 1 : where[1]] or "this character"
        return where, "B001", f"a text cannot start with '{char}'", "put the text in quotes"
    if "scanning an alias" in context or "scanning an anchor" in context:
        sign = "*" if "alias" in context else "&"
        return since, "B001", f"a text cannot start with '{sign}'", "put the text in quotes"
    return None


def read_yaml(path: str, raw: bytes, diags: Diagnostics) -> YamlFile:
    """Read one YAML document strictly, adding any problem to ``diags``."""
    if len(raw) > MAX_FILE_BYTES:
        diags.error(
            path, (1, 1), "B008", f"file is {len(raw):,} bytes; the most allowed is {MAX_FILE_BYTES:,}"
        )
        return YamlFile(path, None, raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.error(
            path,
            (line, col),
            "B002",
            f"bytes that are not UTF-8 (0x{raw[exc.start]:02x})",
            "save the file as UTF-8",
        )
        return YamlFile(path, None, raw)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        diags.error(path, (1, 1), "B003", "file is empty")
        return YamlFile(path, None, raw)
    bad = _FILE_CONTROL_CHARS.search(text)
    if bad:
        pos = bad.start()
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        diags.error(
            path,
            (line, col),
            "B009",
            f"the file contains the control character U+{ord(bad.group()):04X}",
            "terminal control characters are not allowed",
        )
        return YamlFile(path, None, raw)
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        col = tab.end() - (text.rfind("\n", 0, tab.end()) + 1)
        diags.error(path, (line, col), "B011", "tab character in indentation", "indent with spaces, not tabs")
        return YamlFile(path, None, raw)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        _syntax_error(path, exc, diags, text)
        return YamlFile(path, None, raw)
    except RecursionError:
        diags.error(path, (1, 1), "B007", "nesting is too deep")
        return YamlFile(path, None, raw)
    finally:
        loader.dispose()
    if node is None or (isinstance(node, yaml.ScalarNode) and not node.style and node.value == ""):
        diags.error(path, (1, 1), "B003", "file is empty")
        return YamlFile(path, None, raw)
    return YamlFile(path, _Builder(path, diags, anchors="&" in text).build(node), raw)
