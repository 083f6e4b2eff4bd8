"""The after-action report: what the teams of a workshop chose, built from session logs.

Pure: ``build_report(events)`` turns the typed events of ``sessionlog.read_logs`` into a ``Report``, a
tree of dataclasses that holds everything the report says (``report_json`` gives it as JSON). The
renderers (``briefing.workshop.render``) only lay it out. Scenarios are loaded (to put scenes in their
order and to add the debrief notes) when they can be found; otherwise the logs alone are used.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.core.clock import SYSTEM_TIME, TimeSource
from briefing.core.model import Scenario
from briefing.workshop.events import Decision, Ending, Event, Start

# --- the report model


@dataclass
class TimeSummary:
    """How long decisions took, in seconds."""

    median: float
    mean: float
    max: float


def time_summary(values: list[float]) -> TimeSummary | None:
    if not values:
        return None
    return TimeSummary(statistics.median(values), statistics.fmean(values), max(values))


@dataclass
class ChoiceRow:
    number: int  # 0: the clock decided (a timeout that jumped to a scene)
    text: str
    count: int = 0
    timeouts: int = 0
    votes: int | None = None  # votes cast for it, summed over the sessions that voted
    teams: list[str] = field(default_factory=list)
    debrief: str = ""
    pct: int = 0


@dataclass
class SceneStats:
    id: str
    title: str
    key: str = ""  # the key decision's name, when the scene is one
    debrief: str = ""
    total: int = 0
    rows: list[ChoiceRow] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    time: TimeSummary | None = None
    votes: bool = False  # some session voted here

    @property
    def has_notes(self) -> bool:
        return bool(self.key and (self.debrief or any(r.debrief for r in self.rows)))


@dataclass
class SessionRow:
    session: str
    team: str
    label: str
    started: str = ""
    cells: dict[str, list[str]] = field(default_factory=dict)  # scene id -> list of "N. text" strings
    ending: str | None = None  # ending scene id
    ending_title: str = ""
    decisions: int = 0


@dataclass
class EndingRow:
    scene: str
    title: str
    grade: str = ""
    summary: str = ""
    count: int = 0
    pct: int = 0


@dataclass
class ScenarioReport:
    id: str
    title: str
    loaded: bool = False
    note: str = ""
    sessions: list[SessionRow] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)
    unnamed: int = 0  # sessions without a team name
    scenes: list[SceneStats] = field(default_factory=list)
    endings: list[EndingRow] = field(default_factory=list)
    finished: int = 0
    unfinished: int = 0
    unfinished_pct: int = 0
    decisions: int = 0
    path_columns: list[tuple[str, str]] = field(default_factory=list)  # (scene id, heading)
    seconds: list[float] = field(default_factory=list)
    time: TimeSummary | None = None
    debrief: str = ""
    aftermath: str = ""


@dataclass
class Report:
    scenarios: list[ScenarioReport]
    sources: int = 0
    generated: str = ""

    @property
    def sessions(self) -> int:
        return sum(len(r.sessions) for r in self.scenarios)


def report_json(report: Report) -> dict[str, Any]:
    """The report model as one JSON object (``briefing report --format json``)."""
    out = dataclasses.asdict(report)
    out["sessions"] = report.sessions
    return out


def percent(part: int, whole: int) -> int:
    """A whole percentage, rounded half up (1 of 8 is 13%)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def fmt_seconds(s: float | None) -> str:
    if s is None:
        return "-"
    if s >= 60:
        m, sec = divmod(int(round(s)), 60)
        return f"{m}m {sec:02d}s"
    return f"{s:.1f} s" if s < 10 else f"{s:.0f} s"


# --- loading scenarios


def find_scenario(
    scenario_id: str, roots: list[str], override: Scenario | None = None
) -> tuple[Scenario | None, str]:
    """The scenario a log names: the one given, else its folder as logged, else a shipped id; with a note."""
    if override is not None and override.id == scenario_id:
        return override, ""
    from briefing.core.catalog import ScenarioNotFound, resolve
    from briefing.core.loader import load_scenario

    candidates: list[str] = [r for r in roots if r]
    candidates.append(scenario_id)
    for cand in candidates:
        try:
            folder = resolve(cand)
        except (ScenarioNotFound, OSError, ValueError):
            continue
        try:
            scenario, diags = load_scenario(str(folder))
        except Exception:  # a scenario that cannot be read only costs the report its order and notes
            continue
        if scenario is not None and not diags.errors and scenario.id == scenario_id:
            return scenario, ""
    return None, (
        f"The scenario '{scenario_id}' could not be loaded: scenes are in the order the logs met "
        "them, and the debrief notes are left out."
    )


# --- building

Finder = Callable[[str, list[str], Scenario | None], tuple[Scenario | None, str]]


def _label(team: str, session: str) -> str:
    return team if team else f"(session {session})"


def build_report(
    events: list[Event],
    scenario: Scenario | None = None,
    finder: Finder | None = None,
    sources: int = 0,
    source: TimeSource = SYSTEM_TIME,
) -> Report:
    """Aggregate events (from ``sessionlog.read_logs``) into a Report, one section per scenario."""
    by_scenario: dict[str, list[Event]] = {}
    for ev in events:
        by_scenario.setdefault(ev.scenario, []).append(ev)
    out = [_build_one(sid, evs, finder or find_scenario, scenario) for sid, evs in by_scenario.items()]
    return Report(out, sources, source.now().strftime("%Y-%m-%d %H:%M"))


def _build_one(sid: str, events: list[Event], finder: Finder, override: Scenario | None) -> ScenarioReport:
    starts = [ev for ev in events if isinstance(ev, Start)]
    roots = list(dict.fromkeys(ev.root for ev in starts if ev.root))
    title = next((ev.title for ev in starts if ev.title), "")
    scenario, note = finder(sid, roots, override)
    if scenario is not None:
        hashes = {ev.content_hash for ev in starts if ev.content_hash}
        if hashes and hashes != {scenario.content_hash}:
            note = "Some sessions were played on another version of the scenario; scene and choice texts are today's."
    rep = ScenarioReport(
        sid, scenario.title if scenario else (title or sid), loaded=scenario is not None, note=note
    )

    # sessions, in order of first appearance
    sessions: dict[str, SessionRow] = {}
    for ev in events:
        srow = sessions.get(ev.session)
        if srow is None:
            srow = sessions[ev.session] = SessionRow(
                ev.session, ev.team, _label(ev.team, ev.session), ev.time
            )
        if not srow.team and ev.team:
            srow.team = ev.team
            srow.label = _label(srow.team, ev.session)

    # decisions per scene
    stats: dict[str, SceneStats] = {}
    texts: dict[tuple[str, int], str] = {}
    chosen: dict[tuple[str, int], ChoiceRow] = {}
    for ev in events:
        if not isinstance(ev, Decision) or ev.how == "jump":
            continue
        scene_id = ev.scene
        st = stats.get(scene_id)
        if st is None:
            st = stats[scene_id] = SceneStats(scene_id, ev.scene_title or scene_id)
        for o in ev.offered:
            texts.setdefault((scene_id, o.number), o.text)
        number = ev.choice.number
        text = ev.choice.text if number else "(time ran out)"
        texts.setdefault((scene_id, number), text)
        row = chosen.get((scene_id, number))
        if row is None:
            row = chosen[(scene_id, number)] = ChoiceRow(number, text)
        row.count += 1
        st.total += 1
        if ev.how == "timeout":
            row.timeouts += 1
        for k, v in (ev.tally or {}).items():
            try:
                key = (scene_id, int(k))
            except ValueError:
                continue
            r = chosen.get(key)
            if r is None:
                r = chosen[key] = ChoiceRow(key[1], "")
            r.votes = (r.votes or 0) + v
        session = sessions[ev.session]
        if session.label not in row.teams:
            row.teams.append(session.label)
        mark = " (timeout)" if ev.how == "timeout" else " (vote)" if ev.how == "vote" else ""
        session.cells.setdefault(scene_id, []).append(f"{number}. {text}{mark}" if number else f"{text}")
        session.decisions += 1
        if ev.seconds is not None:
            st.seconds.append(ev.seconds)
            rep.seconds.append(ev.seconds)

    # scene order and choice rows
    if scenario is not None:
        order = [s for s in scenario.scenes if s in stats] + [s for s in stats if s not in scenario.scenes]
    else:
        order = list(stats)
    for scene_id in order:
        st = stats[scene_id]
        scene = scenario.scenes.get(scene_id) if scenario else None
        numbers: list[int] = []
        if scene is not None:
            st.title = scene.title
            st.key = scene.key
            st.debrief = scene.debrief
            numbers = list(range(1, len(scene.choices) + 1))
        else:
            numbers = sorted({n for (s, n) in texts if s == scene_id and n > 0})
        numbers += sorted(n for (s, n) in chosen if s == scene_id and n not in numbers and n > 0)
        if (scene_id, 0) in chosen:
            numbers.append(0)
        for n in numbers:
            row = chosen.get((scene_id, n)) or ChoiceRow(n, "")
            if scene is not None and 0 < n <= len(scene.choices):
                row.text = scene.choices[n - 1].text
                row.debrief = scene.choices[n - 1].debrief
            elif not row.text:
                row.text = texts.get((scene_id, n), "") if n else "(time ran out)"
            row.pct = percent(row.count, st.total)
            st.rows.append(row)
        st.time = time_summary(st.seconds)
        st.votes = any(r.votes is not None for r in st.rows)
        rep.scenes.append(st)

    # endings
    reached: dict[str, Ending] = {}
    for ev in events:
        if isinstance(ev, Ending):
            reached[ev.session] = ev
            sessions[ev.session].ending = ev.scene
    counts: dict[str, EndingRow] = {}
    if scenario is not None:
        for s in scenario.endings:
            grade = s.ending.grade if s.ending else ""
            summary = s.ending.summary if s.ending else ""
            counts[s.id] = EndingRow(s.id, s.title, grade, summary)
    for end in reached.values():
        erow = counts.get(end.scene)
        if erow is None:
            erow = counts[end.scene] = EndingRow(end.scene, end.title or end.scene, end.grade, end.summary)
        erow.count += 1
    rows = list(counts.values())
    if scenario is None:
        rows.sort(key=lambda r: -r.count)
    for er in rows:
        er.pct = percent(er.count, len(sessions))
    rep.endings = rows
    titles = {e.scene: e.title for e in rows}
    for srow in sessions.values():
        srow.ending_title = titles.get(srow.ending, srow.ending) if srow.ending else ""

    rep.unfinished = len(sessions) - len(reached)
    rep.finished = len(reached)
    rep.unfinished_pct = percent(rep.unfinished, len(sessions))
    rep.sessions = sorted(sessions.values(), key=lambda r: (r.team == "", r.team.casefold(), r.started))
    rep.teams = sorted({r.team for r in rep.sessions if r.team}, key=str.casefold)
    rep.unnamed = sum(1 for s in rep.sessions if not s.team)
    rep.decisions = sum(s.total for s in rep.scenes)
    rep.time = time_summary(rep.seconds)

    # the columns of the team-path table: the key decisions, else every scene decided
    keyed = [(st.id, st.key) for st in rep.scenes if st.key]
    rep.path_columns = keyed or [(st.id, st.title) for st in rep.scenes]
    if scenario is not None:
        rep.debrief = scenario.debrief
        rep.aftermath = scenario.aftermath
    return rep


def write_report(path: str | os.PathLike[str], text: str) -> None:
    """Write atomically, readable as any new file would be (a report is meant to be shared)."""
    from briefing.core.saves import write_atomic

    path = Path(path)
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o666 & ~umask
    write_atomic(path, text)
    try:
        os.chmod(path, mode)
    except OSError:
        pass
