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
        if tag not in _SCALAR_TAGS:
            self.diags.error(
                self.path,
                _mark(node),
                "B005",
                f"YAML tag '{tag.replace(_CORE, '!!')}' is not allowed",
                "remove the tag; values are plain text, numbers or true/false",
            )
            return None
        value = node.value
        if node.style:  # quoted or block scalar: always a string
            s = value
        elif value in _NULL:
            return None
        elif value in _TRUE:
            return True
        elif value in _FALSE:
            return False
        elif _INT.match(value):
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
        elif _FLOAT.match(value):
            return _float(value)
        else:
            s = value
        if len(s) > MAX_TEXT_CHARS or CONTROL_CHARS.search(s):
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
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if self.anchors and self.alias(node):
            return None
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _CORE + "seq":
                self.diags.error(
                    self.path,
                    _mark(node),
                    "B005",
                    f"YAML tag '{node.tag.replace(_CORE, '!!')}' is not allowed",
                )
                return None
            out = YList()
            out.mark = _mark(node)
            out.marks = []
            for item in node.value:
                out.append(self.build(item, depth + 1))
                out.marks.append(_vmark(item))
            return out
        if node.tag != _CORE + "map":
            self.diags.error(
                self.path, _mark(node), "B005", f"YAML tag '{node.tag.replace(_CORE, '!!')}' is not allowed"
            )
            return None
        omap = YMap()
        omap.mark = _mark(node)
        omap.key_marks = {}
        omap.value_marks = {}
        for knode, vnode in node.value:
            if knode.tag == _CORE + "merge":
                self.diags.error(
                    self.path,
                    _mark(knode),
                    "B006",
                    "merge keys ('<<') are not allowed",
                    "write the keys out in full",
                )
                continue
            if not isinstance(knode, yaml.ScalarNode):
                self.diags.error(self.path, _mark(knode), "B102", "a key must be plain text")
                continue
            if self.anchors and self.alias(knode):
                continue
            k = knode.value  # keys are always read as strings
            if CONTROL_CHARS.search(k) or len(k) > MAX_TEXT_CHARS:
                self.check_text(k, knode)  # reported here; the key is dropped so no message repeats it
                continue
            if k in omap:
                first = omap.key_marks[k]
                self.diags.error(
                    self.path, _mark(knode), "B004", f"duplicate key '{k}' (first defined at line {first[0]})"
                )
                continue
            omap[k] = self.build(vnode, depth + 1)
            omap.key_marks[k] = _mark(knode)
            omap.value_marks[k] = _vmark(vnode)
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


def _syntax_error(path: str, exc: yaml.YAMLError, diags: Diagnostics) -> None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    code, hint = "B001", ""
    if "\t" in problem or "tab" in problem:
        code, hint = "B011", "indent with spaces, not tabs"
    elif "nesting depth" in problem or "flow level" in problem:
        code = "B007"
    context = getattr(exc, "context", None)
    message = f"YAML syntax: {problem}" + (f" ({context})" if context and not hint else "")
    diags.error(path, where, code, message, hint)


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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        _syntax_error(path, exc, diags)
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
