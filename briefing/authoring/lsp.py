"""The language server behind ``briefing lsp``: the diagnostics of ``check``, live, and completion,
go to definition and hover for scene ids, fact ids, variables and functions.

What the editor has not saved counts: each check copies the scenario's YAML files into a temporary
folder, writes the open documents' text over their copies, loads and lints the copy as ``check`` does,
and maps every place back to the author's own files, which are never written.

The analysis here is plain Python on 0-based lines and characters (code points); :func:`serve` wires it
to the Language Server Protocol with pygls (imported there only, from the ``lsp`` extra).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.core.expr import FUNCTIONS
from briefing.core.loader import SCENARIO_FILE, scenario_files

if TYPE_CHECKING:
    from briefing.core.diagnostics import Diagnostic
    from briefing.core.model import Located, Scenario

# the keys whose value names a scene, names facts, or is an expression
SCENE_KEYS = ("goto", "start", "at")
FACT_KEYS = ("reveals", "report", "evidence")
EXPRESSION_KEYS = ("if", "do")
# what completion says of each function of the expression language (briefing.core.expr.FUNCTIONS)
FUNCTION_USAGE = {
    "visited": 'visited("scene-id"): true once the player has entered that scene',
    "revealed": 'revealed("fact-id"): true once that fact is in the dossier',
    "chose": 'chose("scene-id", 2): true once the player took choice 2 of that scene',
}
# a function whose first argument is a scene id (else a fact id)
SCENE_ARGUMENT = ("visited", "chose")

YAML_SUFFIXES = (".yaml", ".yml")
_TYPE_WORDS = {bool: "true/false", int: "a whole number", str: "text"}
_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[A-Za-z_]+):(?P<rest>.*)$")
_ITEM_LINE = re.compile(r"^(?P<indent>\s*)-\s")
_ID_TAIL = re.compile(r"[A-Za-z0-9_.-]*\Z")
_NAME_TAIL = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z|\Z")
_CALL_TAIL = re.compile(r"\b(?P<fn>[A-Za-z_]+)\(\s*[\"'](?P<word>[A-Za-z0-9_.-]*)\Z")
_ID_CHAR = re.compile(r"[A-Za-z0-9_.-]")


def scenario_root(path: Path) -> Path | None:
    """The scenario folder a file belongs to: the nearest folder above it holding scenario.yaml."""
    for folder in path.parents:
        if (folder / SCENARIO_FILE).is_file():
            return folder
    return None


@dataclass
class Analysis:
    """One check of a scenario folder as the editor has it: the scenario (None when it does not load
    at all), every diagnostic by file (every file of the scenario listed, clean ones with none), and
    the text each file was read from."""

    root: Path
    scenario: Scenario | None
    diagnostics: dict[Path, list[Diagnostic]] = field(default_factory=dict)
    texts: dict[Path, str] = field(default_factory=dict)


def analyse(root: Path, unsaved: Mapping[Path, str]) -> Analysis:
    """Load and lint the scenario in ``root`` with ``unsaved`` (path -> text) over the files on disk."""
    from briefing.authoring.checking import check_folder

    root = root.resolve()
    texts: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="briefing-lsp-") as tmp:
        copy = Path(tmp)
        on_disk = set(scenario_files(root))
        for path in on_disk | {p for p in unsaved if root in p.parents and p.suffix in YAML_SUFFIXES}:
            rel = path.relative_to(root)
            if any(part.startswith(".") for part in rel.parts):
                continue
            if path in unsaved:
                text = unsaved[path]
            else:
                try:
                    text = path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue  # the loader of the real folder reports it; here the file is left out
            texts[path] = text
            target = copy / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        scenario, diags = check_folder(str(copy))

        def real(shown: str) -> Path:
            try:
                return root / Path(shown).relative_to(copy)
            except ValueError:
                return Path(shown)

        by_file: dict[Path, list[Diagnostic]] = {p: [] for p in texts}
        for d in diags.sorted():
            by_file.setdefault(real(d.path), []).append(d)
        if scenario is not None:
            _relocate(scenario, real)
            scenario.root = str(root)
    return Analysis(root, scenario, by_file, texts)


def _relocate(scenario: Scenario, real: Callable[[str], Path]) -> None:
    """Point every place in ``scenario`` at the author's file instead of its temporary copy."""
    places: list[Located] = [scenario.at, *scenario.state_marks.values()]
    for scene in scenario.scenes.values():
        places.append(scene.at)
        places.extend(choice.at for choice in scene.choices)
    places.extend(fact.at for fact in scenario.facts.values())
    for place in places:
        if place.path:
            place.path = str(real(place.path))


# ------------------------------------------------------------------------------------------ completion


@dataclass(frozen=True)
class Slot:
    """What is expected at the cursor: ``kind`` is 'scene', 'fact' or 'expression'; ``word`` is the
    part already typed (to be replaced)."""

    kind: str
    word: str


def _key_of(lines: list[str], line: int, before: str) -> tuple[str, str] | None:
    """The key whose value the cursor is in, and the value typed so far on this line."""
    m = _KEY_LINE.match(before)
    if m:
        return m["key"], m["rest"]
    item = _ITEM_LINE.match(before)
    if not item:
        return None
    indent = len(item["indent"])
    for above in reversed(lines[:line]):
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        parent = _KEY_LINE.match(above.rstrip("\r\n"))
        if len(above) - len(above.lstrip()) < indent or (parent and len(parent["indent"]) < indent):
            if parent and not parent["rest"].strip():
                return parent["key"], before[item.end() :]
            return None
    return None


def _tail(pattern: re.Pattern[str], text: str) -> str:
    """The end of ``text`` that ``pattern`` (anchored at the end) matches; '' when none."""
    m = pattern.search(text)
    return m.group() if m else ""


def slot_at(lines: list[str], line: int, character: int) -> Slot | None:
    """What may be completed at (line, character) of a scenario file's ``lines``, or None."""
    if line >= len(lines):
        return None
    before = lines[line].rstrip("\r\n")[:character]
    found = _key_of(lines, line, before)
    if found is None:
        return None
    key, value = found
    if key in SCENE_KEYS:
        return Slot("scene", _tail(_ID_TAIL, value))
    if key in FACT_KEYS:
        return Slot("fact", _tail(_ID_TAIL, value))
    if key in EXPRESSION_KEYS:
        call = _CALL_TAIL.search(value)
        if call:
            kind = "scene" if call["fn"] in SCENE_ARGUMENT else "fact"
            return Slot(kind, call["word"])
        return Slot("expression", _tail(_NAME_TAIL, value))
    return None


@dataclass(frozen=True)
class Completion:
    label: str
    kind: str  # 'scene', 'fact', 'variable' or 'function'
    detail: str


def completions(scenario: Scenario, slot: Slot) -> list[Completion]:
    """What may be written in ``slot``, starting with the word typed so far."""
    out: list[Completion] = []
    if slot.kind == "scene":
        out = [Completion(s.id, "scene", s.title) for s in scenario.scenes.values()]
    elif slot.kind == "fact":
        out = [Completion(f.id, "fact", f.title or f.text) for f in scenario.facts.values()]
    elif slot.kind == "expression":
        out = [
            Completion(n, "variable", f"{_TYPE_WORDS.get(type(v), 'a value')}, starting as {v!r}")
            for n, v in scenario.state.items()
        ]
        out += [Completion(n, "function", FUNCTION_USAGE.get(n, f"{n}(...)")) for n in FUNCTIONS]
    return [c for c in out if c.label.startswith(slot.word)]


# ------------------------------------------------------------------------------------ definition, hover


def id_at(lines: list[str], line: int, character: int) -> tuple[str, int, int] | None:
    """The id under the cursor with its start and end character, or None."""
    if line >= len(lines):
        return None
    text = lines[line].rstrip("\r\n")
    start = end = min(character, len(text))
    while start > 0 and _ID_CHAR.match(text[start - 1]):
        start -= 1
    while end < len(text) and _ID_CHAR.match(text[end]):
        end += 1
    return (text[start:end], start, end) if start < end else None


@dataclass(frozen=True)
class Target:
    """A scene or fact an id names: where it is defined, and what hover shows of it."""

    kind: str  # 'scene' or 'fact'
    path: str
    line: int  # 0-based
    character: int
    summary: str  # Markdown


def target_of(scenario: Scenario, lines: list[str], line: int, character: int) -> Target | None:
    """The scene or fact named at (line, character), preferring what the key there expects."""
    found = id_at(lines, line, character)
    if found is None:
        return None
    word = found[0]
    slot = slot_at(lines, line, found[2])
    scene, fact = scenario.scenes.get(word), scenario.facts.get(word)
    if fact is not None and (scene is None or (slot is not None and slot.kind == "fact")):
        head = f"**{fact.kind_label}**" + (f": {fact.title}" if fact.title else "")
        text = f"{head}\n\n{fact.text}\n\n*Source:* {fact.source}"
        return Target("fact", fact.at.path, fact.at.mark[0] - 1, fact.at.mark[1] - 1, text)
    if scene is not None:
        what = "Ending" if scene.is_ending else "Scene"
        text = f"**{what}: {scene.title}**" + (f"\n\n{scene.dateline}" if scene.dateline else "")
        return Target("scene", scene.at.path, scene.at.mark[0] - 1, scene.at.mark[1] - 1, text)
    return None


# ----------------------------------------------------------------------------------------- the server


def serve() -> int:
    """Speak the Language Server Protocol on standard input and output until the client exits."""
    build_server().start_io()
    return 0


def build_server() -> Any:
    """The pygls server: diagnostics on open, change, save and close; completion, definition, hover."""
    from lsprotocol import types as lsp
    from pygls.lsp.server import LanguageServer
    from pygls.uris import from_fs_path, to_fs_path

    from briefing import __version__

    server = LanguageServer("briefing", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
    analyses: dict[Path, Analysis] = {}  # the latest check of each scenario folder
    loaded: dict[Path, Scenario] = {}  # the latest scenario that loaded, for completion while broken
    published: dict[Path, set[Path]] = {}  # the files each folder has sent diagnostics for
    severities = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning}
    kinds = {
        "scene": lsp.CompletionItemKind.Reference,
        "fact": lsp.CompletionItemKind.Constant,
        "variable": lsp.CompletionItemKind.Variable,
        "function": lsp.CompletionItemKind.Function,
    }

    def path_of(uri: str) -> Path | None:
        fs = to_fs_path(uri)
        return Path(fs).resolve() if fs else None

    def position(lines: list[str], line: int, character: int) -> Any:
        """A 0-based code-point place as the client counts it."""
        codec = server.workspace.position_codec
        return codec.position_to_client_units(
            lines, lsp.Position(line=max(line, 0), character=max(character, 0))
        )

    def to_lsp(d: Diagnostic, lines: list[str]) -> Any:
        line, col = max(d.line - 1, 0), max(d.col - 1, 0)
        found = id_at(lines, line, col)
        end = found[2] if found and found[1] <= col else col + 1
        message = f"{d.message} ({d.hint})" if d.hint else d.message
        return lsp.Diagnostic(
            range=lsp.Range(start=position(lines, line, col), end=position(lines, line, end)),
            message=message,
            severity=severities.get(d.severity, lsp.DiagnosticSeverity.Information),
            code=d.code,
            source="briefing",
        )

    def check(uri: str) -> None:
        path = path_of(uri)
        root = scenario_root(path) if path is not None and path.suffix in YAML_SUFFIXES else None
        if root is None:
            return
        unsaved: dict[Path, str] = {}
        for doc_uri, doc in server.workspace.text_documents.items():
            doc_path = path_of(doc_uri)
            if doc_path is not None and doc_path.suffix in YAML_SUFFIXES:
                unsaved[doc_path] = doc.source
        analysis = analyses[root] = analyse(root, unsaved)
        if analysis.scenario is not None:
            loaded[root] = analysis.scenario
        for file in published.get(root, set()) - set(analysis.diagnostics):
            server.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=from_fs_path(str(file)), diagnostics=[])
            )
        for file, diags in analysis.diagnostics.items():
            lines = analysis.texts.get(file, "").splitlines(True)
            server.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(
                    uri=from_fs_path(str(file)), diagnostics=[to_lsp(d, lines) for d in diags]
                )
            )
        published[root] = set(analysis.diagnostics)

    def document(uri: str, at: Any) -> tuple[list[str], int, int, Scenario | None]:
        """The open document's lines, the cursor in code points, and its scenario as last loaded."""
        doc = server.workspace.get_text_document(uri)
        lines = list(doc.lines)
        pos = doc.position_codec.position_from_client_units(lines, at)
        path = path_of(uri)
        root = scenario_root(path) if path is not None else None
        return lines, pos.line, pos.character, loaded.get(root) if root is not None else None

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Any, params: lsp.DidOpenTextDocumentParams) -> None:
        check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: Any, params: lsp.DidChangeTextDocumentParams) -> None:
        check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: Any, params: lsp.DidSaveTextDocumentParams) -> None:
        check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: Any, params: lsp.DidCloseTextDocumentParams) -> None:
        check(params.text_document.uri)  # what is on disk counts again

    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=[" ", '"', "'", "(", "[", ","]),
    )
    def completion(ls: Any, params: lsp.CompletionParams) -> lsp.CompletionList:
        lines, line, character, scenario = document(params.text_document.uri, params.position)
        slot = slot_at(lines, line, character)
        if slot is None or scenario is None:
            return lsp.CompletionList(is_incomplete=False, items=[])
        span = lsp.Range(
            start=position(lines, line, character - len(slot.word)), end=position(lines, line, character)
        )
        items = [
            lsp.CompletionItem(
                label=c.label,
                kind=kinds[c.kind],
                detail=c.detail,
                text_edit=lsp.TextEdit(range=span, new_text=c.label),
            )
            for c in completions(scenario, slot)
        ]
        return lsp.CompletionList(is_incomplete=False, items=items)

    def target(uri: str, at: Any) -> tuple[Target, list[str]] | None:
        lines, line, character, scenario = document(uri, at)
        found = target_of(scenario, lines, line, character) if scenario is not None else None
        if found is None:
            return None
        return found, lines

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: Any, params: lsp.DefinitionParams) -> lsp.Location | None:
        found = target(params.text_document.uri, params.position)
        if found is None:
            return None
        where = found[0]
        root = scenario_root(Path(where.path))
        analysis = analyses.get(root) if root is not None else None
        text = analysis.texts.get(Path(where.path), "") if analysis is not None else ""
        start = position(text.splitlines(True), where.line, where.character)
        return lsp.Location(uri=from_fs_path(where.path), range=lsp.Range(start=start, end=start))

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: Any, params: lsp.HoverParams) -> lsp.Hover | None:
        found = target(params.text_document.uri, params.position)
        if found is None:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=found[0].summary))

    return server
