"""Load a scenario folder into a :class:`Scenario`, collecting every problem as a located diagnostic."""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, overload

from briefing.core import format as fmt
from briefing.core.decisions import EstimateTask
from briefing.core.diagnostics import Diagnostics, Suggester, did_you_mean
from briefing.core.errors import BriefingError
from briefing.core.expr import (
    Condition,
    Effect,
    ExprError,
    Names,
    misdeclared,
    parse_condition,
    parse_effect,
)
from briefing.core.gcpause import collector_paused
from briefing.core.instruments_reader import (
    PendingCheck,
    check_instruments,
    read_fact_ach,
    read_scenario_keys,
    read_scene_task,
)
from briefing.core.model import (
    Choice,
    Ending,
    Fact,
    GlossaryEntry,
    Located,
    Passage,
    Scenario,
    Scene,
    Timeout,
)
from briefing.core.prose import compile_text, has_inserts, text_position
from briefing.core.yamlread import MAX_FILE_BYTES, Mark, Unread, YamlFile, YList, YMap, read_yaml

# Kept for callers that import them from here; the format declares them once.
SCENARIO_FILE = fmt.SCENARIO_FILE
ID_RE = fmt.ID_RE
VAR_RE = fmt.VAR_RE
RESERVED = frozenset(fmt.RESERVED)

_TYPE_WORDS: dict[type, str] = {
    str: "text",
    bool: "true or false",
    int: "a whole number",
    YMap: "a mapping",
    YList: "a list",
}
# Text that may not be blank, wherever the key appears (the format declares it per key; test_format
# holds each name to one answer across mappings).
_NONEMPTY = frozenset(k.name for m in fmt.MAPPINGS.values() for k in m.keys if k.nonempty)

T = TypeVar("T")


_DESCRIPTIONS: tuple[tuple[type, str], ...] = (
    (bool, "true/false"),  # before int: a bool is an int
    (int, "a number"),
    (float, "a decimal number"),
    (str, "text"),
    (dict, "a mapping"),
    (list, "a list"),
)


def _describe(value: object) -> str:
    """What a value is, in a message's words: "nothing", "a number", "a mapping"..."""
    if value is None:
        return "nothing"
    return next((words for kind, words in _DESCRIPTIONS if isinstance(value, kind)), type(value).__name__)


class LoadError(BriefingError):
    """Raised by :func:`load_or_raise` when a scenario has errors."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        super().__init__(f"{len(diagnostics.errors)} error(s)")
        self.diagnostics = diagnostics


@dataclass
class _Pending:
    """An expression to compile once every id and variable is known."""

    path: str
    mark: Mark
    source: object  # text when well written; anything else gets a located error
    kind: str  # 'if', 'do' or 'text' (a text with inserts)
    target: Passage | Choice | Scene | EstimateTask  # object whose attribute gets the result
    attr: str  # 'condition', 'effects' or 'prose'


# (fact id, path, mark) and (scene id, path, mark, what names it): checked once every file is read
FactRefs = list[tuple[str, str, Mark]]
GotoRefs = list[tuple[str, str, Mark, str]]


@functools.lru_cache(maxsize=512)
def _key_hint(word: str, allowed: frozenset[str]) -> str:
    """The hint for an unknown key; cached, as a wrong file repeats the same slip many times."""
    return did_you_mean(word, allowed) or "allowed: " + ", ".join(sorted(allowed))


class _FileReader:
    def __init__(self, path: str, diags: Diagnostics) -> None:
        self.path = path
        self.diags = diags

    def err(self, mark: Mark | None, code: str, message: str, hint: str = "") -> None:
        self.diags.error(self.path, mark, code, message, hint)

    def variable(self, mark: Mark | None, what: str, name: str, state: Mapping[str, object]) -> bool:
        """Whether ``name`` is a variable of ``state``; if not, B202 at ``mark`` (``what`` names it)."""
        if name in state:
            return True
        self.err(mark, "B202", f"{what} names unknown variable '{name}'", did_you_mean(name, state))
        return False

    def keys(self, m: YMap, spec: fmt.Mapping, what: str) -> None:
        allowed = spec.names
        if not m.keys() <= allowed:  # most mappings have only known keys: one set test
            for k in m:  # in the file's order
                if k not in allowed:
                    self.err(m.key_marks[k], "B101", f"unknown key '{k}' in {what}", _key_hint(k, allowed))
        for k in spec.required:
            if k not in m or m[k] is None:
                self.err(m.mark if k not in m else m.value_marks[k], "B103", f"{what} is missing '{k}'")

    @overload
    def typed(self, m: YMap, key: str, want: type[T], what: str) -> T | None: ...
    @overload
    def typed(self, m: YMap, key: str, want: type[T], what: str, default: T) -> T: ...
    def typed(self, m: YMap, key: str, want: type[T], what: str, default: T | None = None) -> T | None:
        """The value at ``key`` when it has the wanted type; else report and return ``default``."""
        if key not in m or m[key] is None:
            return default
        v = m[key]
        if not isinstance(v, want) or (want is int and isinstance(v, bool)):
            hint = ""
            if want is str and isinstance(v, (int, float, bool)):
                hint = "quote it if you mean text" if isinstance(v, bool) else f"quote it: '{v}'"
            self.err(
                m.value_marks[key],
                "B102",
                f"'{key}' in {what} must be {_TYPE_WORDS.get(want, want.__name__)}, not {_describe(v)}",
                hint,
            )
            return default
        if isinstance(v, str) and not v.strip() and key in _NONEMPTY:
            self.err(m.value_marks[key], "B102", f"'{key}' in {what} is empty")
            return default
        return v

    def ident(self, m: YMap, key: str, what: str) -> str | None:
        v = self.typed(m, key, str, what)
        if v is not None and not fmt.ID_RE.match(v):
            self.err(m.value_marks[key], "B104", f"'{v}' is not a valid id", "use " + fmt.ID_RULE)
            return None
        return v

    def _items(self, m: YMap, key: str, what: str, of: str) -> list[tuple[object, Mark]]:
        """The entries of a key that holds one value or a list of them, with their marks."""
        v = m.get(key)
        if v is None:
            return []
        if isinstance(v, str):
            return [(v, m.value_marks[key])]
        if not isinstance(v, YList):
            self.err(
                m.value_marks[key], "B102", f"'{key}' in {what} must be a list of {of}, not {_describe(v)}"
            )
            return []
        return list(zip(v, v.marks))

    def id_list(self, m: YMap, key: str, what: str) -> list[tuple[str, Mark]]:
        out = []
        for item, mark in self._items(m, key, what, "ids"):
            if not isinstance(item, str):
                self.err(mark, "B102", f"'{key}' in {what} must list ids, not {_describe(item)}")
            else:
                out.append((item, mark))
        return out

    def str_list(self, m: YMap, key: str, what: str) -> list[tuple[str, Mark]]:
        out = []
        for item, mark in self._items(m, key, what, "text"):
            if not isinstance(item, str):
                self.err(
                    mark,
                    "B102",
                    f"each entry of '{key}' in {what} must be text, not {_describe(item)}",
                    "quote it" if isinstance(item, (int, bool)) else "",
                )
            else:
                out.append((item, mark))
        return out


def scenario_files(root: Path) -> list[Path]:
    """scenario.yaml first, then every other .yaml/.yml file below ``root`` in a stable order."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                out.append(Path(dirpath) / name)
    top = root / SCENARIO_FILE
    out.sort(key=lambda p: (p != top, str(p.relative_to(root))))
    return out


def _display(root_shown: str, root: Path, p: Path) -> str:
    return os.path.join(root_shown, str(p.relative_to(root))) if root_shown else str(p)


def _read_file(p: Path, real_root: Path, shown: str, diags: Diagnostics) -> bytes | None:
    """The bytes of a regular file inside the scenario folder, within the size limit; else None, reported.

    Never opens a pipe, a device or a link that leads elsewhere: reading them could hang or fill memory.
    """
    try:
        real = p.resolve(strict=True)
        if real != real_root and real_root not in real.parents:
            diags.error(
                shown, None, "B008", "a link that leads out of the scenario folder", "copy the file in"
            )
            return None
        st = real.stat()
        if not stat.S_ISREG(st.st_mode):
            diags.error(shown, None, "B008", "not a regular file (a pipe, a device or a folder)")
            return None
        if st.st_size > MAX_FILE_BYTES:
            diags.error(
                shown, (1, 1), "B008", f"file is {st.st_size:,} bytes; the most allowed is {MAX_FILE_BYTES:,}"
            )
            return None
        with open(real, "rb") as f:
            return f.read(MAX_FILE_BYTES + 1)  # read_yaml refuses a file that grew past the limit
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        diags.error(shown, None, "B008", f"cannot read: {reason}")
        return None


def load_scenario(
    folder: str | os.PathLike[str], diags: Diagnostics | None = None
) -> tuple[Scenario | None, Diagnostics]:
    """Load the scenario in ``folder``. Returns the scenario (None when unusable) and every diagnostic.

    The scenario is returned even with errors where it was built at all; callers must check
    ``diags.errors`` before playing it.
    """
    diags = diags if diags is not None else Diagnostics()
    with collector_paused():  # the cyclic collector can triple load times on large scenarios
        return _load(Path(folder), str(folder), diags), diags


def load_or_raise(folder: str | os.PathLike[str]) -> Scenario:
    scenario, diags = load_scenario(folder)
    if diags.errors or scenario is None:
        raise LoadError(diags)
    return scenario


def _load(root: Path, shown: str, diags: Diagnostics) -> Scenario | None:
    top = root / SCENARIO_FILE
    if not top.exists() and not top.is_symlink():
        hint = ""
        subs = [d.name for d in root.iterdir() if (d / SCENARIO_FILE).is_file()] if root.is_dir() else []
        if subs:
            hint = f"found scenarios in {', '.join(sorted(subs)[:3])}"
        diags.error(_display(shown, root, top), None, "B110", f"no {SCENARIO_FILE} in this folder", hint)
        return None
    hasher = hashlib.sha256()
    files = scenario_files(root)
    if not files or files[0] != top:  # scenario.yaml is there but not a file: still read (and refused) first
        files.insert(0, top)
    reads: list[tuple[str, YamlFile]] = []
    unread = Unread()  # files whose problem is the root cause of any reference to what they might define
    real_root = root.resolve()
    for p in files:
        shown_p = _display(shown, root, p)
        raw = _read_file(p, real_root, shown_p, diags)
        if raw is None:
            reads.append((shown_p, YamlFile(shown_p, None)))  # keeps scenario.yaml first, even unread
            unread.add(shown_p, None)
            continue
        rel = str(p.relative_to(root)).replace(os.sep, "/")
        hasher.update(rel.encode() + b"\0" + str(len(raw)).encode() + b"\0" + raw)
        yf = read_yaml(shown_p, raw, diags)
        reads.append((shown_p, yf))
        if not isinstance(yf.data, YMap):
            unread.add(shown_p, raw)

    pending: list[_Pending] = []
    refs: list[PendingCheck] = []  # format 2: references made by the instruments, checked at the end
    scenario = _read_scenario_file(reads[0][0], reads[0][1].data, diags, refs) if reads else None
    if scenario is None:
        scenario = Scenario(id="", title="", start="", state={})
        usable = False
    else:
        usable = True
    scenario.root = str(root)
    scenario.content_hash = hasher.hexdigest()
    scenario.files = [shown_p for shown_p, _ in reads]

    fact_refs: FactRefs = []
    goto_refs: GotoRefs = []
    for shown_p, yf in reads[1:]:
        if yf.data is None:
            continue
        _read_content_file(shown_p, yf.data, scenario, diags, pending, fact_refs, goto_refs, refs)

    # cross references, but none to an id that a file that could not be read might define
    scenes = scenario.scenes
    if usable and scenario.start and scenario.start not in scenes and not unread.might_define(scenario.start):
        diags.error(
            scenario.at.path,
            scenario.start_mark,
            "B106",
            f"start scene '{scenario.start}' does not exist",
            did_you_mean(scenario.start, scenes),
        )
    scene_hint = Suggester(scenes)  # bounded: thousands of wrong gotos stay fast
    for target, path, mark, what in goto_refs:
        if target not in scenes and not unread.might_define(target):
            diags.error(path, mark, "B106", f"{what} names no scene '{target}'", scene_hint(target))
    fact_hint = Suggester(scenario.facts)
    for fid, path, mark in fact_refs:
        if fid not in scenario.facts and not unread.might_define(fid):
            diags.error(path, mark, "B108", f"'reveals' names no fact '{fid}'", fact_hint(fid))

    if not usable:  # without scenario.yaml's state every variable would be reported as unknown
        return None
    check_instruments(scenario, refs, diags, unread)
    maybe = unread.words  # ids an expression may name: those read, and any an unread file might hold
    names = Names(
        scenario.variable_types(),
        frozenset(scenes).union(maybe),
        frozenset(scenario.facts).union(maybe),
        check_ids=not unread.anything,
        grades=frozenset(scenario.instruments.grades).union(maybe),
        estimates=frozenset(scenario.instruments.estimates).union(maybe),
        choices={sid: len(scene.choices) for sid, scene in scenes.items()},
    )
    conditions: dict[str, Condition] = {}
    effects: dict[str, Effect] = {}
    raws = {shown_p: yf.raw for shown_p, yf in reads}
    misused: dict[str, tuple[str, str]] = {}  # variable -> (the type a use needs, where)
    for item in pending:
        draws = isinstance(item.source, str) and "chance" in item.source
        # where chance() draws: each place that calls it draws on its own
        site = f"{os.path.basename(item.path)}:{item.mark[0]}:{item.mark[1]}" if draws else ""
        scenario.draws = scenario.draws or draws
        try:
            if item.kind == "text" and isinstance(item.source, str):
                prose = compile_text(item.source, names, site)
            elif item.kind == "if":
                condition = _compiled(conditions, item.source, parse_condition, names, site)
            else:
                effect = _compiled(effects, item.source, parse_effect, names, site)
        except ExprError as exc:
            line, col = item.mark
            if item.kind == "text" and isinstance(item.source, str):
                line, col = text_position(item.mark, item.source, exc.offset, raws.get(item.path, b""))
            elif isinstance(item.source, str) and "\n" not in item.source:
                col += exc.offset
            diags.error(item.path, (line, col), exc.code, exc.message, exc.hint)
            if exc.variable:
                misused.setdefault(exc.variable, (exc.wanted, f"{item.path}:{line}:{col}"))
            continue
        if item.kind == "text" and isinstance(item.target, (Scene, Passage, Choice)):
            item.target.prose = prose
        elif item.kind == "do" and isinstance(item.target, (Scene, Choice)):
            item.target.effects.append(effect)
        elif item.kind == "if" and isinstance(item.target, (Passage, Choice, EstimateTask)):
            item.target.condition = condition
    report_declarations(scenario, misused, diags)
    return scenario if usable else None


def _compiled(
    cache: dict[str, T], source: object, parse: Callable[[str, Names, str], T], names: Names, site: str
) -> T:
    """Parse ``source`` once per distinct text (once per site when it calls chance(): each draws on its
    own); what is not text goes to ``parse`` to be refused."""
    if not isinstance(source, str):
        return parse(source, names, site)  # type: ignore[arg-type]  # parse refuses it with a located error
    key = source if "chance" not in source else f"{source}\0{site}"
    if key not in cache:
        cache[key] = parse(source, names, site)
    return cache[key]


def report_declarations(scenario: Scenario, misused: dict[str, tuple[str, str]], diags: Diagnostics) -> None:
    """B203 at a variable's declaration when a use needs another type (``hours: "0"``, then
    ``hours += 1``): the declaration is the likelier mistake."""
    for name, (wanted, where) in misused.items():
        at = scenario.state_marks.get(name)
        value = scenario.state.get(name)
        if at is None or not isinstance(value, (bool, int, str)) or not wanted:
            continue
        found = misdeclared(name, value, wanted, where)
        if found is not None:
            diags.error(at.path, at.mark, "B203", *found)


def _read_scenario_file(
    path: str, data: object, diags: Diagnostics, refs: list[PendingCheck]
) -> Scenario | None:
    r = _FileReader(path, diags)
    if data is None:
        return None
    if not isinstance(data, YMap):
        r.err((1, 1), "B102", f"{SCENARIO_FILE} must be a mapping of keys such as id, title, start and state")
        return None
    r.keys(data, fmt.SCENARIO, SCENARIO_FILE)
    sid = r.ident(data, "id", SCENARIO_FILE)
    title = r.typed(data, "title", str, SCENARIO_FILE)
    start = r.typed(data, "start", str, SCENARIO_FILE)
    scenario = Scenario(
        id=sid or "",
        title=title or "",
        start=start or "",
        state={},
        subtitle=r.typed(data, "subtitle", str, SCENARIO_FILE, ""),
        intro=r.typed(data, "intro", str, SCENARIO_FILE, ""),
        aftermath=r.typed(data, "aftermath", str, SCENARIO_FILE, ""),
        debrief=r.typed(data, "debrief", str, SCENARIO_FILE, ""),
        at=Located(path, data.mark),
    )
    scenario.start_mark = data.value_marks.get("start", data.mark)
    state = r.typed(data, "state", YMap, SCENARIO_FILE)
    if state is not None:
        for name, value in state.items():
            mark = state.key_marks[name]
            if not VAR_RE.match(name) or name in RESERVED:
                r.err(
                    mark,
                    "B104",
                    f"'{name}' is not a valid variable name",
                    "use " + fmt.VAR_RULE,
                )
                continue
            if not isinstance(value, bool | int | str):
                r.err(
                    state.value_marks[name],
                    "B102",
                    f"variable '{name}' must start as a whole number, true/false or text, not {_describe(value)}",
                )
                continue
            scenario.state[name] = value
            scenario.state_marks[name] = Located(path, mark)
    standing = r.typed(data, "standing", YMap, SCENARIO_FILE)
    if standing is not None:
        for name, label in standing.items():
            if not r.variable(standing.key_marks[name], "'standing'", name, scenario.state):
                continue
            if not isinstance(label, str):
                r.err(standing.value_marks[name], "B102", f"the label of '{name}' must be text")
            else:
                scenario.standing[name] = label
    read_scenario_keys(r, data, scenario, refs)
    _read_glossary(r, data, scenario, SCENARIO_FILE)
    return scenario


def _read_glossary(r: _FileReader, data: YMap, scenario: Scenario, where: str) -> None:
    """The glossary entries of one file, added to the scenario's (an id is unique across files)."""
    entries = r.typed(data, "glossary", YList, where, YList())
    for item, mark in zip(entries, getattr(entries, "marks", [])):
        what = "a glossary entry"
        if not isinstance(item, YMap):
            r.err(mark, "B102", "each glossary entry must be a mapping with 'id', 'term' and 'text'")
            continue
        r.keys(item, fmt.GLOSSARY_ENTRY, what)
        gid = r.ident(item, "id", what)
        term = r.typed(item, "term", str, what)
        text = r.typed(item, "text", str, what)
        kind = r.typed(item, "kind", str, what, "term")
        if kind not in fmt.GLOSSARY_KINDS:
            r.err(
                item.value_marks["kind"],
                "B109",
                f"unknown glossary kind '{kind}'",
                did_you_mean(kind, fmt.GLOSSARY_KINDS) or "kinds: " + ", ".join(fmt.GLOSSARY_KINDS),
            )
            kind = "term"
        also = [name for name, _ in r.str_list(item, "also", what) if name.strip()]
        if gid is None or term is None or text is None:
            continue
        if gid in scenario.glossary:
            first = scenario.glossary[gid].at
            r.err(
                item.value_marks["id"],
                "B105",
                f"duplicate glossary id '{gid}' (first defined at {first.where})",
            )
            continue
        source = r.typed(item, "source", str, what, "")
        scenario.glossary[gid] = GlossaryEntry(
            gid, term, text, source, kind, also, Located(r.path, item.mark)
        )


def _read_content_file(
    path: str,
    data: object,
    scenario: Scenario,
    diags: Diagnostics,
    pending: list[_Pending],
    fact_refs: FactRefs,
    goto_refs: GotoRefs,
    refs: list[PendingCheck],
) -> None:
    r = _FileReader(path, diags)
    if not isinstance(data, YMap):
        r.err((1, 1), "B102", "a scene file must be a mapping with 'scenes:' and/or 'facts:'")
        return
    r.keys(data, fmt.SCENE_FILE, "a scene file")
    if not any(key in data for key in fmt.SCENE_FILE.one_of_required):
        r.err(data.mark, "B103", "a scene file needs 'scenes:', 'facts:' or 'glossary:'")
    act = r.typed(data, "act", str, "a scene file", "")
    scenes = r.typed(data, "scenes", YList, "a scene file", YList())
    for item, mark in zip(scenes, getattr(scenes, "marks", [])):
        if not isinstance(item, YMap):
            r.err(mark, "B102", f"each scene must be a mapping, not {_describe(item)}")
            continue
        scene = _read_scene(r, item, act, pending, fact_refs, goto_refs, refs)
        if scene is None:
            continue
        if scene.id in scenario.scenes:
            first = scenario.scenes[scene.id].at
            r.err(
                item.value_marks["id"],
                "B105",
                f"duplicate scene id '{scene.id}' (first defined at {first.where})",
            )
            continue
        scenario.scenes[scene.id] = scene
        if scene.act and scene.act not in scenario.acts:
            scenario.acts.append(scene.act)
    facts = r.typed(data, "facts", YList, "a scene file", YList())
    for item, mark in zip(facts, getattr(facts, "marks", [])):
        if not isinstance(item, YMap):
            r.err(mark, "B102", f"each fact must be a mapping, not {_describe(item)}")
            continue
        r.keys(item, fmt.FACT, "a fact")
        fid = r.ident(item, "id", "a fact")
        kind = r.typed(item, "kind", str, "a fact")
        if kind is not None and kind not in fmt.FACT_KINDS:
            r.err(
                item.value_marks["kind"],
                "B109",
                f"unknown fact kind '{kind}'",
                did_you_mean(kind, fmt.FACT_KINDS) or "kinds: " + ", ".join(fmt.FACT_KINDS),
            )
            kind = None
        text = r.typed(item, "text", str, "a fact")
        source = r.typed(item, "source", str, "a fact")
        title = r.typed(item, "title", str, "a fact", "")
        if fid is None or kind is None or text is None or source is None:
            continue
        if fid in scenario.facts:
            first = scenario.facts[fid].at
            r.err(
                item.value_marks["id"], "B105", f"duplicate fact id '{fid}' (first defined at {first.where})"
            )
            continue
        fact = Fact(fid, kind, text, source, title, at=Located(path, item.mark))
        read_fact_ach(r, item, fact, refs)
        scenario.facts[fid] = fact
    _read_glossary(r, data, scenario, "a scene file")


def _read_scene(
    r: _FileReader,
    m: YMap,
    file_act: str,
    pending: list[_Pending],
    fact_refs: FactRefs,
    goto_refs: GotoRefs,
    refs: list[PendingCheck],
) -> Scene | None:
    what = "a scene"
    sid = m.get("id")
    if isinstance(sid, str):
        what = f"scene '{sid}'"
    r.keys(m, fmt.SCENE, what)
    sid = r.ident(m, "id", what)
    title = r.typed(m, "title", str, what)
    text = r.typed(m, "text", str, what)
    if sid is None:
        return None
    scene = Scene(
        id=sid,
        title=title or "",
        text=text or "",
        dateline=r.typed(m, "dateline", str, what, ""),
        act=r.typed(m, "act", str, what, "") or file_act,
        key=r.typed(m, "key", str, what, ""),
        debrief=r.typed(m, "debrief", str, what, ""),
        notes=r.typed(m, "notes", str, what, ""),
        at=Located(r.path, m.mark),
    )
    _texts(pending, r, m, scene)
    scene.tags = _tags(r, m, what)
    for fid, mark in r.id_list(m, "reveals", what):
        scene.reveals.append(fid)
        fact_refs.append((fid, r.path, mark))
    for src, mark in r.str_list(m, "do", what):
        pending.append(_Pending(r.path, mark, src, "do", scene, "effects"))
    passages = r.typed(m, "passages", YList, what, YList())
    for item, mark in zip(passages, getattr(passages, "marks", [])):
        if not isinstance(item, YMap):
            r.err(mark, "B102", f"each passage of {what} must be a mapping with 'text' and 'if'")
            continue
        r.keys(item, fmt.PASSAGE, f"a passage of {what}")
        ptext = r.typed(item, "text", str, f"a passage of {what}")
        if ptext is None:
            continue
        passage = Passage(ptext)
        _texts(pending, r, item, passage)
        if item.get("if") is not None:
            pending.append(_Pending(r.path, item.value_marks["if"], item["if"], "if", passage, "condition"))
        scene.passages.append(passage)

    ending = m.get("ending")
    if ending is None and "ending" in m:  # as the JSON Schema: a blank 'ending:' is neither yes nor no
        r.err(
            m.value_marks["ending"],
            "B102",
            f"'ending' in {what} is empty",
            "write 'ending: true' or give it a grade and summary; or remove it",
        )
    elif ending is not None and ending is not False:
        if ending is True:
            scene.ending = Ending()
        elif isinstance(ending, YMap):
            r.keys(ending, fmt.ENDING, f"the ending of {what}")
            scene.ending = Ending(
                r.typed(ending, "grade", str, "an ending", ""),
                r.typed(ending, "summary", str, "an ending", ""),
            )
        else:
            r.err(m.value_marks["ending"], "B102", f"'ending' in {what} must be true or a mapping")

    choices = r.typed(m, "choices", YList, what, YList())
    for n, (item, mark) in enumerate(zip(choices, getattr(choices, "marks", [])), 1):
        cwhat = f"choice {n} of {what}"
        if not isinstance(item, YMap):
            r.err(mark, "B102", f"{cwhat} must be a mapping with 'text' and 'goto'")
            continue
        r.keys(item, fmt.CHOICE, cwhat)
        ctext = r.typed(item, "text", str, cwhat)
        goto = r.typed(item, "goto", str, cwhat)
        if ctext is None or goto is None:
            continue
        choice = Choice(
            ctext,
            goto,
            show_locked=bool(r.typed(item, "show_locked", bool, cwhat, False)),
            locked=r.typed(item, "locked", str, cwhat, ""),
            debrief=r.typed(item, "debrief", str, cwhat, ""),
            model=bool(r.typed(item, "model", bool, cwhat, False)),
            at=Located(r.path, item.mark),
            tags=_tags(r, item, cwhat),
        )
        _texts(pending, r, item, choice)
        goto_refs.append((goto, r.path, item.value_marks["goto"], f"'goto' in {cwhat}"))
        if item.get("if") is not None:
            pending.append(_Pending(r.path, item.value_marks["if"], item["if"], "if", choice, "condition"))
        for src, smark in r.str_list(item, "do", cwhat):
            pending.append(_Pending(r.path, smark, src, "do", choice, "effects"))
        for fid, fmark in r.id_list(item, "reveals", cwhat):
            choice.reveals.append(fid)
            fact_refs.append((fid, r.path, fmark))
        scene.choices.append(choice)

    if scene.ending is not None and "choices" in m:  # an empty list too, as the JSON Schema says
        r.err(
            m.key_marks["choices"],
            "B107",
            f"{what} is an ending and offers choices"
            if m["choices"]
            else f"{what} is an ending with a 'choices' key",
            "an ending has no choices" if m["choices"] else "an ending has no choices: remove 'choices:'",
        )
    elif scene.ending is None and not scene.choices and "choices" not in m:
        r.err(
            m.mark,
            "B107",
            f"{what} is not an ending and offers no choice",
            "add 'choices:' or mark it 'ending: true'",
        )
    elif scene.ending is None and not choices and "choices" in m:
        r.err(m.key_marks["choices"], "B107", f"{what} offers no choice", "add at least one choice")

    timeout = r.typed(m, "timeout", YMap, what)
    if timeout is not None:
        r.keys(timeout, fmt.TIMEOUT, f"the timeout of {what}")
        tc = r.typed(timeout, "choice", int, f"the timeout of {what}")
        tg = r.typed(timeout, "goto", str, f"the timeout of {what}")
        if (tc is None) == (tg is None):
            r.err(timeout.mark, "B111", f"the timeout of {what} needs exactly one of 'choice' or 'goto'")
        elif tc is not None and not 1 <= tc <= max(len(scene.choices), 1):
            r.err(
                timeout.value_marks["choice"],
                "B111",
                f"the timeout of {what} names choice {tc}, but it has {len(scene.choices)}",
            )
        else:
            scene.timeout = Timeout(tc, tg)
            if tg is not None:
                goto_refs.append((tg, r.path, timeout.value_marks["goto"], f"the timeout of {what}"))

    def add_condition(path: str, mark: Mark, source: object, target: object, attr: str) -> None:
        assert isinstance(target, EstimateTask)
        pending.append(_Pending(path, mark, source, "if", target, attr))

    read_scene_task(r, m, scene, what, refs, add_condition)
    return scene


def _texts(pending: list[_Pending], r: _FileReader, m: YMap, target: Scene | Passage | Choice) -> None:
    """A text with inserts (``{trust}``) is compiled with the expressions, once every name is known."""
    if has_inserts(target.text):
        pending.append(_Pending(r.path, m.value_marks["text"], target.text, "text", target, "prose"))


def _tags(r: _FileReader, m: YMap, what: str) -> tuple[str, ...]:
    """The author's own labels of a scene or choice, each written like an id."""
    out = []
    for tag, mark in r.id_list(m, "tags", what):
        if ID_RE.match(tag):
            out.append(tag)
        else:
            r.err(mark, "B104", f"'{tag}' is not a valid tag", "write it like an id: " + fmt.ID_RULE)
    return tuple(dict.fromkeys(out))
