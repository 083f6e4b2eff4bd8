"""Reading format 2's instruments: hypotheses, scoring, cuts, ACH ratings and the scene judgements.

Called by the loader with its file reader (``r``), so every problem is a located diagnostic like the
rest of the format. Cross-checks that need the whole scenario (facts named, estimates that can resolve)
run in :func:`check_instruments` once every file is read. Codes B501-B510 (docs/diagnostics.md).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, overload

from briefing.core import format as fmt
from briefing.core.admiralty import Grade
from briefing.core.decisions import ACH_VALUES, EstimateTask, GradeTask, Hypothesis, WeighTask
from briefing.core.diagnostics import Diagnostics, did_you_mean
from briefing.core.model import Cut
from briefing.core.scoring import DEFAULT_LETTERS, MEASURES
from briefing.core.yamlread import Unread, YList, YMap
from briefing.core.yardstick import YARDSTICKS, band

if TYPE_CHECKING:
    from briefing.core.model import Fact, Scenario, Scene

FORMATS = (1, 2)
TASK_KEYS = ("grade", "estimate", "weigh")  # a scene asks at most one (format.SCENE declares them)
Mark = tuple[int, int]
T = TypeVar("T")


class Reader(Protocol):
    path: str

    def err(self, mark: Mark | None, code: str, message: str, hint: str = "") -> None: ...
    def keys(self, m: YMap, spec: fmt.Mapping, what: str) -> None: ...
    def variable(self, mark: Mark | None, what: str, name: str, state: Mapping[str, object]) -> bool: ...
    @overload
    def typed(self, m: YMap, key: str, want: type[T], what: str) -> T | None: ...
    @overload
    def typed(self, m: YMap, key: str, want: type[T], what: str, default: T) -> T: ...
    def ident(self, m: YMap, key: str, what: str) -> str | None: ...
    def id_list(self, m: YMap, key: str, what: str) -> list[tuple[str, Mark]]: ...


@dataclass
class PendingCheck:
    """A reference to verify once the whole scenario is read."""

    path: str
    mark: Mark
    kind: str  # fact | scene | evidence | hypothesis | band | cut-var
    target: str
    what: str
    value: object = None  # cut-var: the value the cut gives the variable


class AddCondition(Protocol):
    def __call__(self, path: str, mark: Mark, source: object, target: object, attr: str) -> None: ...


# ---------------------------------------------------------------- scenario.yaml


def read_scenario_keys(r: Reader, data: YMap, scenario: Scenario, refs: list[PendingCheck]) -> None:
    """format, yardstick, hypotheses, scoring and cuts from scenario.yaml."""
    from briefing.core.scoring import Instruments

    version = r.typed(data, "format", int, "scenario.yaml", 1)
    if version not in FORMATS:
        r.err(data.value_marks["format"], "B102", f"'format' must be 1 or 2, not {version}")
        version = 2
    scenario.format = version
    inst = Instruments()
    ys = r.typed(data, "yardstick", str, "scenario.yaml", "phia")
    if ys not in YARDSTICKS:
        r.err(
            data.value_marks["yardstick"],
            "B506",
            f"unknown yardstick '{ys}'",
            "use " + " or ".join(YARDSTICKS),
        )
        ys = "phia"
    inst.yardstick = ys
    hyps = r.typed(data, "hypotheses", YList, "scenario.yaml", YList())
    seen: set[str] = set()
    for item, mark in zip(hyps, getattr(hyps, "marks", [])):
        if not isinstance(item, YMap):
            r.err(mark, "B102", "each hypothesis must be a mapping with 'id' and 'title'")
            continue
        r.keys(item, fmt.HYPOTHESIS, "a hypothesis")
        hid = r.ident(item, "id", "a hypothesis")
        title = r.typed(item, "title", str, "a hypothesis")
        if hid is None or title is None:
            continue
        if hid in seen:
            r.err(item.value_marks["id"], "B105", f"duplicate hypothesis id '{hid}'")
            continue
        seen.add(hid)
        inst.hypotheses.append(Hypothesis(hid, title, r.typed(item, "summary", str, "a hypothesis", "")))
    scoring = r.typed(data, "scoring", YMap, "scenario.yaml")
    if scoring is not None:
        _read_scoring(r, scoring, scenario, inst)
    scenario.instruments = inst
    cuts = r.typed(data, "cuts", YList, "scenario.yaml", YList())
    for item, mark in zip(cuts, getattr(cuts, "marks", [])):
        if not isinstance(item, YMap):
            r.err(mark, "B102", "each cut must be a mapping with 'id', 'title' and 'start'")
            continue
        r.keys(item, fmt.CUT, "a cut")
        cid, title, start = (
            r.ident(item, "id", "a cut"),
            r.typed(item, "title", str, "a cut"),
            r.typed(item, "start", str, "a cut"),
        )
        if cid is None or title is None or start is None:
            continue
        if cid in scenario.cuts:
            r.err(item.value_marks["id"], "B105", f"duplicate cut id '{cid}'")
            continue
        cut = Cut(cid, title, start, mark=item.value_marks["start"], path=r.path)
        refs.append(
            PendingCheck(r.path, item.value_marks["start"], "scene", start, f"'start' in cut '{cid}'")
        )
        state = r.typed(item, "state", YMap, f"cut '{cid}'")
        if state is not None:
            for name, value in state.items():
                if isinstance(value, bool | int | str):
                    cut.state[name] = value
                refs.append(
                    PendingCheck(r.path, state.key_marks[name], "cut-var", name, f"cut '{cid}'", value)
                )
        for f, fm in r.id_list(item, "reveals", f"cut '{cid}'"):
            cut.reveals.append(f)
            refs.append(PendingCheck(r.path, fm, "fact", f, f"'reveals' in cut '{cid}'"))
        scenario.cuts[cid] = cut


def _read_scoring(r: Reader, m: YMap, scenario: Scenario, inst: Any) -> None:
    r.keys(m, fmt.SCORING, "'scoring'")
    t = r.typed(m, "timeliness", YMap, "'scoring'")
    if t is not None:
        r.keys(t, fmt.TIMELINESS, "'scoring: timeliness'")
        on_time, late = r.typed(t, "on_time", str, "'timeliness'"), r.typed(t, "late", str, "'timeliness'")
        for key, name in (("on_time", on_time), ("late", late)):
            if name is None:
                continue
            value = scenario.state.get(name)
            if not r.variable(t.value_marks[key], "'timeliness'", name, scenario.state):
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                r.err(
                    t.value_marks[key],
                    "B203",
                    f"'timeliness' needs a whole-number variable; '{name}' is not one",
                )
        if on_time in scenario.state and late in scenario.state:
            scenario.timeliness = (on_time, late)
    w = r.typed(m, "weights", YMap, "'scoring'")
    if w is not None:
        for name, weight in w.items():
            if name not in MEASURES:
                r.err(
                    w.key_marks[name],
                    "B101",
                    f"unknown measure '{name}'",
                    did_you_mean(name, MEASURES) or "measures: " + ", ".join(MEASURES),
                )
            elif isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
                r.err(
                    w.value_marks[name], "B102", f"the weight of '{name}' must be a whole number, 0 or more"
                )
            else:
                inst.weights[name] = float(weight)
    letters = r.typed(m, "letters", YMap, "'scoring'")
    if letters is not None:
        floors = []
        for name, floor in letters.items():
            if isinstance(floor, bool) or not isinstance(floor, int) or not 0 <= floor <= 100:
                r.err(
                    letters.value_marks[name], "B102", f"the floor of '{name}' must be a percentage, 0 to 100"
                )
                return
            floors.append((str(name), floor / 100))
        if [f for _, f in floors] != sorted((f for _, f in floors), reverse=True):
            r.err(letters.mark, "B102", "'letters' must go from the highest floor to the lowest")
            return
        last = chr(ord(floors[-1][0][0]) + 1) if floors and len(floors[-1][0]) == 1 else "E"
        inst.letters = (
            (*floors, (last, 0.0)) if floors and floors[-1][1] > 0 else tuple(floors) or DEFAULT_LETTERS
        )


# ---------------------------------------------------------------- facts


def read_fact_ach(r: Reader, item: YMap, fact: Fact, refs: list[PendingCheck]) -> None:
    ach = r.typed(item, "ach", YMap, f"fact '{fact.id}'")
    if ach is None:
        return
    for hyp, rating in ach.items():
        if rating not in ACH_VALUES:
            r.err(
                ach.value_marks[hyp],
                "B505",
                f"'{rating}' is not an ACH rating",
                "use CC, C, N, I or II (very consistent ... very inconsistent)",
            )
            continue
        fact.ach[hyp] = rating
        refs.append(
            PendingCheck(r.path, ach.key_marks[hyp], "hypothesis", hyp, f"the ratings of fact '{fact.id}'")
        )


# ---------------------------------------------------------------- scenes


def read_scene_task(
    r: Reader, m: YMap, scene: Scene, what: str, refs: list[PendingCheck], add_condition: AddCondition
) -> None:
    present = [k for k in TASK_KEYS if m.get(k) is not None]
    if len(present) > 1:
        r.err(
            m.key_marks[present[1]],
            "B507",
            f"{what} asks both '{present[0]}' and '{present[1]}'",
            "a scene asks one judgement",
        )
        return
    if not present:
        return
    key = present[0]
    body = r.typed(m, key, YMap, what)
    if body is None:
        return
    if scene.ending is not None:
        r.err(
            m.key_marks[key], "B507", f"{what} is an ending and asks a '{key}'", "ask it in the scene before"
        )
        return
    twhat = f"the {key} of {what}"
    tid = r.ident(body, "id", twhat) if "id" in body else scene.id
    if tid is None:
        return
    if key == "grade":
        r.keys(body, fmt.GRADE, twhat)
        report = r.ident(body, "report", twhat)
        model = _grade(r, body, "model", twhat)
        if report is None or model is None:
            return
        refs.append(PendingCheck(r.path, body.value_marks["report"], "fact", report, f"'report' in {twhat}"))
        task = GradeTask(tid, report, model, r.typed(body, "why", str, twhat, ""))
        if "anchor" in body:
            task.anchor = _grade(r, body, "anchor", twhat)
        notes = r.typed(body, "notes", YMap, twhat)
        if notes is not None:
            for k, text in notes.items():
                ks = str(k)
                if not ((len(ks) == 1 and ks in "ABCDEF123456") or Grade.parse(ks)):
                    r.err(
                        notes.key_marks[k],
                        "B501",
                        f"'{ks}' in the notes of {twhat} is not a grade, a letter A-F or a digit 1-6",
                    )
                elif not isinstance(text, str):
                    r.err(notes.value_marks[k], "B102", f"the note on '{ks}' must be text")
                else:
                    task.notes[ks.upper()] = text
        scene.task = task
    elif key == "estimate":
        r.keys(body, fmt.ESTIMATE, twhat)
        question = r.typed(body, "question", str, twhat)
        res = r.typed(body, "resolves", YMap, twhat)
        if question is None or res is None:
            return
        r.keys(res, fmt.RESOLVES, f"'resolves' in {twhat}")
        at = r.id_list(res, "at", f"'resolves' in {twhat}")
        outcome = r.typed(res, "outcome", bool, f"'resolves' in {twhat}")
        has_if = res.get("if") is not None
        if (outcome is None) == (not has_if):
            r.err(res.mark, "B502", f"'resolves' in {twhat} needs exactly one of 'outcome' or 'if'")
            return
        task_e = EstimateTask(
            tid, question, [s for s, _ in at], outcome, None, r.typed(body, "why", str, twhat, "")
        )
        for s, smark in at:
            refs.append(PendingCheck(r.path, smark, "scene", s, f"'resolves' in {twhat}"))
        if has_if:
            add_condition(r.path, res.value_marks["if"], res["if"], task_e, "condition")
        anchor = r.typed(body, "anchor", str, twhat)
        if anchor is not None:
            task_e.anchor = anchor
            refs.append(
                PendingCheck(r.path, body.value_marks["anchor"], "band", anchor, f"'anchor' in {twhat}")
            )
        scene.task = task_e
    else:
        r.keys(body, fmt.WEIGH, twhat)
        evidence = r.id_list(body, "evidence", twhat)
        if not evidence:
            r.err(body.value_marks.get("evidence", body.mark), "B103", f"{twhat} names no evidence")
            return
        for f, fmark in evidence:
            refs.append(PendingCheck(r.path, fmark, "evidence", f, twhat))
        scene.task = WeighTask(
            tid,
            [f for f, _ in evidence],
            bool(r.typed(body, "lead", bool, twhat, True)),
            r.typed(body, "why", str, twhat, ""),
        )


def _grade(r: Reader, m: YMap, key: str, what: str) -> Grade | None:
    v = r.typed(m, key, str, what)
    if v is None:
        return None
    g = Grade.parse(v)
    if g is None:
        r.err(
            m.value_marks[key],
            "B501",
            f"'{v}' is not an Admiralty grade",
            "a letter A-F then a digit 1-6, like B2",
        )
    return g


# ---------------------------------------------------------------- cross-checks


def check_instruments(
    scenario: Scenario, refs: list[PendingCheck], diags: Diagnostics, unread: Unread | None = None
) -> None:
    """Every reference made by the instruments, the task ids, and estimates that can resolve; none to an
    id that a file that could not be read (``unread``) might define, and no reachability while one is."""
    unread = unread or Unread()
    inst = scenario.instruments
    hyps = {h.id for h in inst.hypotheses}
    for ref in refs:
        known = scenario.scenes if ref.kind == "scene" else scenario.facts
        if (
            ref.kind in ("fact", "evidence", "scene")
            and ref.target not in known
            and unread.might_define(ref.target)
        ):
            continue  # the unread file is the root cause
        if ref.kind == "hypothesis" and ref.target not in hyps:
            diags.error(
                ref.path,
                ref.mark,
                "B504",
                f"{ref.what} name no hypothesis '{ref.target}'",
                did_you_mean(ref.target, hyps)
                or (
                    "declare 'hypotheses:' in scenario.yaml"
                    if not hyps
                    else "hypotheses: " + ", ".join(sorted(hyps))
                ),
            )
        elif ref.kind in ("fact", "evidence") and ref.target not in scenario.facts:
            diags.error(
                ref.path,
                ref.mark,
                "B108",
                f"{ref.what} names no fact '{ref.target}'",
                did_you_mean(ref.target, scenario.facts),
            )
        elif ref.kind == "evidence":
            if not hyps:
                diags.error(
                    ref.path,
                    ref.mark,
                    "B504",
                    f"{ref.what} weighs evidence, but the scenario declares no hypotheses",
                    "add 'hypotheses:' to scenario.yaml",
                )
                continue
            missing = [h for h in sorted(hyps) if h not in scenario.facts[ref.target].ach]
            if missing:
                diags.error(
                    ref.path,
                    ref.mark,
                    "B505",
                    f"fact '{ref.target}' is weighed in {ref.what} but has no rating against {', '.join(missing)}",
                    "add them to the fact's 'ach:'",
                )
        elif ref.kind == "band" and band(inst.yardstick, ref.target) is None:
            bands_ = ", ".join(b.key for b in YARDSTICKS[inst.yardstick])
            diags.error(
                ref.path,
                ref.mark,
                "B506",
                f"{ref.what}: '{ref.target}' is not a band of the {inst.yardstick} yardstick",
                "bands: " + bands_,
            )
        elif ref.kind == "cut-var":
            _check_cut_var(scenario, ref, diags)
        elif ref.kind == "scene" and ref.target not in scenario.scenes:
            diags.error(
                ref.path,
                ref.mark,
                "B106",
                f"{ref.what} names no scene '{ref.target}'",
                did_you_mean(ref.target, scenario.scenes),
            )
    seen: dict[str, str] = {}
    for scene in scenario.scenes.values():
        task = scene.task
        if task is None:
            continue
        if scenario.format < 2:
            diags.error(
                scene.at.path,
                scene.at.mark,
                "B508",
                f"scene '{scene.id}' asks a judgement in a format 1 scenario",
                "add 'format: 2' to scenario.yaml",
            )
        if task.id in seen:
            diags.error(
                scene.at.path,
                scene.at.mark,
                "B507",
                f"judgement id '{task.id}' is used twice (first in scene '{seen[task.id]}')",
                "give each grade, estimate and weigh its own 'id'",
            )
        seen[task.id] = scene.id
        if isinstance(task, GradeTask):
            inst.grades[task.id] = task
        elif isinstance(task, EstimateTask):
            inst.estimates[task.id] = task
            if not unread:  # a path through an unread file is unknown
                _check_resolves(scenario, scene, task, diags)
    for fact in scenario.facts.values():
        if fact.ach:
            inst.ratings[fact.id] = dict(fact.ach)
    if scenario.format >= 2:
        for scene in scenario.endings:
            if scene.ending is not None and scene.ending.grade:
                diags.error(
                    scene.at.path,
                    scene.at.mark,
                    "B508",
                    f"ending '{scene.id}' sets a grade in a format 2 scenario",
                    "the letter comes from the scorecard: remove 'grade'",
                )


def _check_resolves(scenario: Scenario, scene: Scene, task: EstimateTask, diags: Diagnostics) -> None:
    targets = [s for s in task.resolve_at if s in scenario.scenes]
    if len(targets) != len(task.resolve_at):
        return  # already reported as unknown scenes
    reach_target, reach_ending = False, None
    seen = {scene.id}
    queue = deque([scene.id])
    while queue:
        sid = queue.popleft()
        for nxt in _successors(scenario.scenes[sid]):
            if nxt in seen or nxt not in scenario.scenes:
                continue
            seen.add(nxt)
            if nxt in targets:
                reach_target = True
                continue  # beyond a resolving scene the estimate is resolved
            if scenario.scenes[nxt].is_ending and reach_ending is None:
                reach_ending = nxt
            queue.append(nxt)
    if not reach_target:
        diags.error(
            scene.at.path,
            scene.at.mark,
            "B502",
            f"the estimate '{task.id}' never resolves: no scene of its 'at' can be reached from scene '{scene.id}'",
        )
    elif reach_ending is not None:
        diags.warning(
            scene.at.path,
            scene.at.mark,
            "B503",
            f"the estimate '{task.id}' may stay unresolved: ending '{reach_ending}' can be reached from scene '{scene.id}' without passing its 'at'",
        )


def _successors(scene: Scene) -> list[str]:
    out = [c.goto for c in scene.choices]
    if scene.timeout is not None and scene.timeout.goto:
        out.append(scene.timeout.goto)
    return out


def _check_cut_var(scenario: Scenario, ref: PendingCheck, diags: Diagnostics) -> None:
    from briefing.core.expr import type_of

    if ref.target not in scenario.state:
        diags.error(
            ref.path,
            ref.mark,
            "B509",
            f"{ref.what} sets unknown variable '{ref.target}'",
            did_you_mean(ref.target, scenario.state),
        )
    elif type_of(ref.value) != type_of(scenario.state[ref.target]):
        diags.error(
            ref.path,
            ref.mark,
            "B509",
            f"{ref.what} gives '{ref.target}' a value of another type than its initial value",
        )
