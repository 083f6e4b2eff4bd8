"""The after-action report: what the teams of a workshop chose, built from session logs.

Pure: ``build_report(events)`` turns the typed events of ``sessionlog.read_logs`` into a ``Report``, a
tree of dataclasses that holds everything the report says (``report_json`` gives it as JSON). The
renderers (``briefing.workshop.render``) only lay it out. Scenarios are loaded (to put scenes in their
order and to add the debrief notes) when they can be found; otherwise the logs alone are used.
"""

from __future__ import annotations

import dataclasses
import os
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.core.clock import SYSTEM_TIME, TimeSource
from briefing.core.model import Scenario
from briefing.workshop.events import Decision, Ending, Event, Judgement, Resolved, Rollback, Start

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
    votes: int | None = None  # plenary votes cast for it, summed over the games that voted
    by_vote: int = 0  # games (plenary) where a vote took it; count - by_vote: taken by a team's choice
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
    votes: bool = False  # some game voted here

    @property
    def has_notes(self) -> bool:
        return bool(self.key and (self.debrief or any(r.debrief for r in self.rows)))


@dataclass
class GameDecision:
    """One decision of a game, as the team took it."""

    n: int
    scene: str
    choice: int  # 0: the clock decided (a timeout that jumped to a scene)
    text: str
    how: str  # chosen, timeout or vote
    seconds: float | None = None


@dataclass
class GameRow:
    """One game: a team's playthrough from its start to its ending, however many times the browser
    reconnected (a resumed game's sessions are stitched into the game whose save it loaded)."""

    team: str
    label: str
    sessions: list[str] = field(default_factory=list)  # the session ids, in order
    started: str = ""
    slot: str = ""
    finished: bool = False
    ending: str | None = None  # ending scene id
    ending_title: str = ""
    grade: str = ""  # the ending's grade
    letter: str = ""  # the instruments' letter
    scores: dict[str, float | None] = field(default_factory=dict)  # MEASURES, composite, brier
    decisions: list[GameDecision] = field(default_factory=list)
    time: TimeSummary | None = None
    resumed: int = 0  # times the game was resumed after a reload
    rollbacks: int = 0  # times the player undid or rewound (the decisions taken back are left out)
    cells: dict[str, list[str]] = field(default_factory=dict)  # scene id -> "N. text" strings


# kept for readers of older code: a row of the team table is a game
SessionRow = GameRow


@dataclass
class EndingRow:
    scene: str
    title: str
    grade: str = ""
    summary: str = ""
    count: int = 0
    pct: int = 0


@dataclass
class Split:
    """How far the teams split at one scene: ``spread`` 0 (all took one choice) to nearly 1."""

    scene: str
    title: str
    key: str
    games: int
    spread: int  # percent of the games that did not take the most taken choice
    choices: list[tuple[str, int]] = field(default_factory=list)  # (choice, games), most taken first


@dataclass
class CalibrationBand:
    """One band of the room's resolved estimates: how many, and how many happened."""

    band: str
    words: str
    percent: int  # the probability a band stands for
    count: int
    happened: int
    observed: int  # percent that happened


@dataclass
class ScenarioReport:
    id: str
    title: str
    loaded: bool = False
    note: str = ""
    games: list[GameRow] = field(default_factory=list)
    sessions: int = 0  # connections (session ids) read, a resumed game counting each
    empty: int = 0  # games opened and left before their first decision (not counted as games)
    teams: list[str] = field(default_factory=list)
    unnamed: int = 0  # games without a team name
    scenes: list[SceneStats] = field(default_factory=list)
    endings: list[EndingRow] = field(default_factory=list)
    finished: int = 0
    unfinished: int = 0
    unfinished_pct: int = 0
    decisions: int = 0
    path_rows: list[tuple[str, str]] = field(default_factory=list)  # (scene id, heading): the key decisions
    seconds: list[float] = field(default_factory=list)
    time: TimeSummary | None = None
    splits: list[Split] = field(default_factory=list)  # biggest split first
    calibration: list[CalibrationBand] = field(default_factory=list)
    brier: float | None = None  # the room's Brier score over every resolved estimate
    scored: bool = False  # some game carries the instruments' scores
    debrief: str = ""
    aftermath: str = ""


@dataclass
class Report:
    scenarios: list[ScenarioReport]
    sources: int = 0
    generated: str = ""

    @property
    def games(self) -> int:
        return sum(len(r.games) for r in self.scenarios)

    @property
    def sessions(self) -> int:
        return sum(r.sessions for r in self.scenarios)


REPORT_FORMAT = 1


def report_json(report: Report) -> dict[str, Any]:
    """The report model as one JSON object (``briefing report --format json``; its shape is documented
    in docs/workshop.md)."""
    out = dataclasses.asdict(report)
    out = {"format": REPORT_FORMAT, **out, "games": report.games, "sessions": report.sessions}
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


# --- stitching sessions into games


@dataclass
class _Session:
    id: str
    team: str
    time: str
    start: Start | None = None
    decisions: list[Decision] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    resolved: list[Resolved] = field(default_factory=list)
    ending: Ending | None = None
    steps: list[Decision | Rollback] = field(default_factory=list)  # decisions and rollbacks, in order


@dataclass
class _Game:
    row: GameRow
    decisions: list[Decision] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    resolved: list[Resolved] = field(default_factory=list)
    ending: Ending | None = None
    last: str = ""  # the time of its latest event


def _sessions(events: list[Event]) -> list[_Session]:
    """The sessions of one scenario's events, in the order they started."""
    found: dict[str, _Session] = {}
    for ev in events:
        s = found.get(ev.session)
        if s is None:
            s = found[ev.session] = _Session(ev.session, ev.team, ev.time)
        if not s.team and ev.team:
            s.team = ev.team
        if isinstance(ev, Start) and s.start is None:
            s.start = ev
        elif isinstance(ev, Decision):
            s.decisions.append(ev)
            s.steps.append(ev)
        elif isinstance(ev, Judgement):
            s.judgements.append(ev)
        elif isinstance(ev, Resolved):
            s.resolved.append(ev)
        elif isinstance(ev, Rollback):
            s.steps.append(ev)
        elif isinstance(ev, Ending):
            s.ending = ev
    order = {sid: i for i, sid in enumerate(found)}
    return sorted(found.values(), key=lambda s: (s.time or "", order[s.id]))


def _resumes(s: _Session) -> tuple[bool, int | None]:
    """(this session resumed a saved game, the decisions that game had taken before, when known)."""
    st = s.start
    if st is None or st.resumed_at is None:
        return False, None
    if st.decisions_before is not None:
        return True, st.decisions_before
    if s.decisions:
        return True, max(0, s.decisions[0].n - 1)
    return True, None


def _continues(g: _Game, s: _Session) -> bool:
    """Whether resumed session ``s`` can continue game ``g``: the save it loaded is the game's slot, or
    (when the logs do not say) the same team's."""
    st = s.start
    assert st is not None
    if g.ending is not None:
        return False
    if st.resumed_from and g.row.slot:
        return st.resumed_from == g.row.slot
    if st.slot and g.row.slot:
        return st.slot == g.row.slot
    return bool(s.team) and s.team == g.row.team


def stitch(events: list[Event]) -> tuple[list[_Game], int, int]:
    """Group one scenario's sessions into games: (games, sessions read, games left before a decision).

    A session that resumed a save (its ``start`` has ``resumed_at``) continues the latest unfinished game
    of the same slot (or, in logs that do not name slots, the same team) that had taken at least as many
    decisions as the save held; decisions that game logged after its save are dropped (the save undid
    them). A resumed session that matches no game is a game of its own."""
    games: list[_Game] = []
    sessions = _sessions(events)
    for s in sessions:
        resumed, before = _resumes(s)
        game: _Game | None = None
        if resumed:
            fits = [g for g in games if _continues(g, s)]
            if before is not None:
                fits = [g for g in fits if len(g.decisions) >= before] or fits
                exact = [g for g in fits if len(g.decisions) == before]
                fits = exact or fits
            if fits:
                game = max(fits, key=lambda g: g.last)
                if before is not None:
                    del game.decisions[before:]
                game.row.resumed += 1
        if game is None:
            slot = s.start.slot if s.start else ""
            row = GameRow(s.team, _label(s.team, s.id), started=s.time, slot=slot)
            game = _Game(row)
            games.append(game)
        game.row.sessions.append(s.id)
        if not game.row.team and s.team:
            game.row.team, game.row.label = s.team, _label(s.team, game.row.sessions[0])
        for step in s.steps:
            if isinstance(step, Rollback):  # the decisions taken back are no longer the game's
                game.row.rollbacks += 1
                game.decisions = [d for d in game.decisions if d.n <= step.decisions]
            else:
                game.decisions.append(step)
        game.judgements += s.judgements
        game.resolved += s.resolved
        if s.ending is not None:
            game.ending = s.ending
        times = [ev.time for ev in (s.decisions[-1:] + ([s.ending] if s.ending else [])) if ev.time]
        game.last = max([game.last, s.time, *times])
    kept = [g for g in games if g.decisions or g.ending is not None]
    return kept, len(sessions), len(games) - len(kept)


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


def score_values(scores: dict[str, Any] | None) -> dict[str, float | None]:
    """The numbers of an ending's scores (as logged): the measures, the composite and the Brier score."""
    from briefing.core.scoring import MEASURES

    out: dict[str, float | None] = {}
    for name in (*MEASURES, "composite", "brier"):
        x = (scores or {}).get(name)
        ok = isinstance(x, int | float) and not isinstance(x, bool) and 0.0 <= x <= 1.0
        out[name] = round(float(x), 3) if ok and isinstance(x, int | float) else None
    return out


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
    games, rep.sessions, rep.empty = stitch(events)

    # decisions per scene
    stats: dict[str, SceneStats] = {}
    texts: dict[tuple[str, int], str] = {}
    chosen: dict[tuple[str, int], ChoiceRow] = {}
    for game in games:
        grow = game.row
        seconds: list[float] = []
        for ev in game.decisions:
            if ev.how == "jump":
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
            if ev.how == "vote":
                row.by_vote += 1
                st.votes = True
            for k, v in (ev.tally or {}).items():
                try:
                    key = (scene_id, int(k))
                except ValueError:
                    continue
                r = chosen.get(key)
                if r is None:
                    r = chosen[key] = ChoiceRow(key[1], "")
                r.votes = (r.votes or 0) + v
                st.votes = True
            if grow.label not in row.teams:
                row.teams.append(grow.label)
            mark = " (timeout)" if ev.how == "timeout" else " (vote)" if ev.how == "vote" else ""
            grow.cells.setdefault(scene_id, []).append(f"{number}. {text}{mark}" if number else f"{text}")
            grow.decisions.append(
                GameDecision(len(grow.decisions) + 1, scene_id, number, text, ev.how, ev.seconds)
            )
            if ev.seconds is not None:
                st.seconds.append(ev.seconds)
                rep.seconds.append(ev.seconds)
                seconds.append(ev.seconds)
        grow.time = time_summary(seconds)

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
        st.votes = st.votes or any(r.votes is not None for r in st.rows)
        rep.scenes.append(st)

    # endings and scores
    counts: dict[str, EndingRow] = {}
    if scenario is not None:
        for s in scenario.endings:
            grade = s.ending.grade if s.ending else ""
            summary = s.ending.summary if s.ending else ""
            counts[s.id] = EndingRow(s.id, s.title, grade, summary)
    for game in games:
        end = game.ending
        if end is None:
            continue
        erow = counts.get(end.scene)
        if erow is None:
            erow = counts[end.scene] = EndingRow(end.scene, end.title or end.scene, end.grade, end.summary)
        erow.count += 1
        grow = game.row
        grow.finished, grow.ending, grow.grade = True, end.scene, end.grade or erow.grade
        grow.letter = (end.letter or str((end.scores or {}).get("letter") or ""))[:3]
        if end.scores is not None:
            grow.scores = score_values(end.scores)
            rep.scored = True
    rows = list(counts.values())
    if scenario is None:
        rows.sort(key=lambda r: -r.count)
    for er in rows:
        er.pct = percent(er.count, len(games))
    rep.endings = rows
    titles = {e.scene: e.title for e in rows}
    for game in games:
        grow = game.row
        grow.ending_title = titles.get(grow.ending, grow.ending) if grow.ending else ""

    rep.finished = sum(1 for g in games if g.row.finished)
    rep.unfinished = len(games) - rep.finished
    rep.unfinished_pct = percent(rep.unfinished, len(games))
    rep.games = sorted((g.row for g in games), key=lambda r: (r.team == "", team_order(r.team), r.started))
    rep.teams = sorted({r.team for r in rep.games if r.team}, key=team_order)
    rep.unnamed = sum(1 for g in rep.games if not g.team)
    rep.decisions = sum(s.total for s in rep.scenes)
    rep.time = time_summary(rep.seconds)
    rep.splits = splits(rep.scenes)
    rep.calibration, rep.brier = room_calibration(games, scenario)

    # the rows of the team-path table: the key decisions, else every scene decided
    keyed = [(st.id, st.key) for st in rep.scenes if st.key]
    rep.path_rows = keyed or [(st.id, st.title) for st in rep.scenes]
    if scenario is not None:
        rep.debrief = scenario.debrief
        rep.aftermath = scenario.aftermath
    return rep


def team_order(team: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that puts "Team 2" before "Team 10" (numbers by value, words without case)."""
    parts = re.split(r"(\d+)", team.casefold())
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


def splits(scenes: list[SceneStats]) -> list[Split]:
    """The scenes at least two games decided, biggest split first: the share of the games that did not
    take the most taken choice (ties: more distinct choices first, then the scenario's order)."""
    out: list[Split] = []
    for st in scenes:
        taken = sorted((r for r in st.rows if r.count), key=lambda r: -r.count)
        if st.total < 2 or not taken:
            continue
        spread = percent(st.total - taken[0].count, st.total)
        choices = [((f"{r.number}. " if r.number else "") + r.text, r.count) for r in taken]
        out.append(Split(st.id, st.title, st.key, st.total, spread, choices))
    order = {s.scene: i for i, s in enumerate(out)}
    return sorted(out, key=lambda s: (-s.spread, -len(s.choices), order[s.scene]))


def room_calibration(
    games: list[_Game], scenario: Scenario | None
) -> tuple[list[CalibrationBand], float | None]:
    """The room's calibration (every game's resolved estimates, grouped by the band chosen) and its
    Brier score, by ``briefing.core.scoring``."""
    from briefing.core.judgements import EstimateRecord, Judgements
    from briefing.core.scoring import brier, calibration
    from briefing.core.yardstick import YARDSTICKS

    judged = Judgements()
    for i, game in enumerate(games):
        estimates = {j.task: j for j in game.judgements if j.kind == "estimate" and j.task}
        for res in game.resolved:
            est = estimates.get(res.task)
            p = res.p if res.p is not None else (est.p if est is not None else None)
            if p is None:
                continue
            band = (est.band or est.value) if est is not None else ""
            judged.estimates[f"{i}/{res.task}"] = EstimateRecord(band or "", p, "", res.outcome)
    if not judged.estimates:
        return [], None
    used = {e.band for e in judged.estimates.values()}
    name = str(getattr(getattr(scenario, "instruments", None), "yardstick", "") or "")
    if name not in YARDSTICKS:
        name = max(YARDSTICKS, key=lambda y: len(used & {b.key for b in YARDSTICKS[y]}))
    rows = [
        CalibrationBand(
            r.band.key, r.band.words, r.band.percent, r.count, r.happened, round(100 * r.observed)
        )
        for r in calibration(name, judged)
    ]
    score = brier((e.p, bool(e.outcome)) for e in judged.estimates.values())
    return rows, None if score is None else round(score, 3)


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
