"""The after-action report: what the teams of a workshop chose, built from session logs.

Pure: ``build_report(events)`` turns the events of ``sessionlog.read_logs`` into a Report;
``render_markdown`` and ``render_html`` turn a Report into text. Scenarios are loaded (to put scenes in
their order and to add the debrief notes) when they can be found; otherwise the logs alone are used.
"""

from __future__ import annotations

import html
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.core.model import Scenario

# --- the report model


@dataclass
class ChoiceRow:
    number: int
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
    key: str = ""
    debrief: str = ""
    total: int = 0
    rows: list[ChoiceRow] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


@dataclass
class SessionRow:
    session: str
    team: str
    label: str
    started: str = ""
    cells: dict = field(default_factory=dict)  # scene id -> list of "N. text" strings
    ending: str | None = None  # ending scene id
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
    scenes: list[SceneStats] = field(default_factory=list)
    endings: list[EndingRow] = field(default_factory=list)
    unfinished: int = 0
    path_columns: list[tuple[str, str]] = field(default_factory=list)  # (scene id, heading)
    seconds: list[float] = field(default_factory=list)
    debrief: str = ""
    aftermath: str = ""

    @property
    def decisions(self) -> int:
        return sum(s.total for s in self.scenes)


@dataclass
class Report:
    scenarios: list[ScenarioReport]
    sources: int = 0
    generated: str = ""


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


def time_summary(values: list[float]) -> tuple[float, float, float] | None:
    if not values:
        return None
    return statistics.median(values), statistics.fmean(values), max(values)


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


def _label(team: str, session: str) -> str:
    return team if team else f"(session {session})"


def build_report(
    events: list[dict],
    scenario: Scenario | None = None,
    finder: Callable[[str, list[str], Scenario | None], tuple[Scenario | None, str]] | None = None,
    sources: int = 0,
) -> Report:
    """Aggregate events (from ``sessionlog.read_logs``) into a Report, one section per scenario."""
    finder = finder or find_scenario
    by_scenario: dict[str, list[dict]] = {}
    for ev in events:
        by_scenario.setdefault(ev["scenario"], []).append(ev)
    out = [_build_one(sid, evs, finder, scenario) for sid, evs in by_scenario.items()]
    return Report(out, sources, time.strftime("%Y-%m-%d %H:%M"))


def _build_one(sid: str, events: list[dict], finder, override) -> ScenarioReport:
    roots = []
    title = ""
    for ev in events:
        if ev["event"] == "start":
            if ev.get("root") and ev["root"] not in roots:
                roots.append(ev["root"])
            title = title or ev.get("title", "")
    scenario, note = finder(sid, roots, override)
    if scenario is not None:
        hashes = {
            ev.get("content_hash") for ev in events if ev["event"] == "start" and ev.get("content_hash")
        }
        if hashes and hashes != {scenario.content_hash}:
            note = "Some sessions were played on another version of the scenario; scene and choice texts are today's."
    rep = ScenarioReport(
        sid, scenario.title if scenario else (title or sid), loaded=scenario is not None, note=note
    )

    # sessions, in order of first appearance
    sessions: dict[str, SessionRow] = {}
    for ev in events:
        sess = ev["session"]
        row = sessions.get(sess)
        if row is None:
            team = ev.get("team", "")
            row = sessions[sess] = SessionRow(sess, team, _label(team, sess), ev.get("time", ""))
        if not row.team and ev.get("team"):
            row.team = ev["team"]
            row.label = _label(row.team, sess)

    # decisions per scene
    stats: dict[str, SceneStats] = {}
    texts: dict[tuple[str, int], str] = {}
    chosen: dict[tuple[str, int], ChoiceRow] = {}
    for ev in events:
        if ev["event"] != "decision" or ev.get("how") == "jump":
            continue
        scene_id = ev["scene"]
        st = stats.get(scene_id)
        if st is None:
            st = stats[scene_id] = SceneStats(scene_id, ev.get("scene_title") or scene_id)
        for o in ev.get("offered", []):
            texts.setdefault((scene_id, o["number"]), o.get("text", ""))
        number = ev["choice"]["number"]
        text = ev["choice"].get("text", "") if number else "(time ran out)"
        texts.setdefault((scene_id, number), text)
        row = chosen.get((scene_id, number))
        if row is None:
            row = chosen[(scene_id, number)] = ChoiceRow(number, text)
        row.count += 1
        st.total += 1
        how = ev.get("how", "chosen")
        if how == "timeout":
            row.timeouts += 1
        tally = ev.get("tally")
        if tally:
            for k, v in tally.items():
                try:
                    key = (scene_id, int(k))
                except ValueError:
                    continue
                r = chosen.get(key)
                if r is None:
                    r = chosen[key] = ChoiceRow(key[1], "")
                r.votes = (r.votes or 0) + v
        session = sessions[ev["session"]]
        if session.label not in row.teams:
            row.teams.append(session.label)
        mark = " (timeout)" if how == "timeout" else " (vote)" if how == "vote" else ""
        session.cells.setdefault(scene_id, []).append(f"{number}. {text}{mark}" if number else f"{text}")
        session.decisions += 1
        if "seconds" in ev:
            st.seconds.append(float(ev["seconds"]))
            rep.seconds.append(float(ev["seconds"]))

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
        rep.scenes.append(st)

    # endings
    reached: dict[str, dict] = {}
    for ev in events:
        if ev["event"] == "ending":
            reached[ev["session"]] = ev
            sessions[ev["session"]].ending = ev["scene"]
    counts: dict[str, EndingRow] = {}
    if scenario is not None:
        for s in scenario.endings:
            counts[s.id] = EndingRow(s.id, s.title, s.ending.grade, s.ending.summary)
    for ev in reached.values():
        row = counts.get(ev["scene"])
        if row is None:
            row = counts[ev["scene"]] = EndingRow(
                ev["scene"], ev.get("title") or ev["scene"], ev.get("grade", ""), ev.get("summary", "")
            )
        row.count += 1
    rows = list(counts.values())
    if scenario is None:
        rows.sort(key=lambda r: -r.count)
    for r in rows:
        r.pct = percent(r.count, len(sessions))
    rep.endings = rows
    rep.unfinished = len(sessions) - len(reached)

    rep.sessions = sorted(sessions.values(), key=lambda r: (r.team == "", r.team.casefold(), r.started))
    rep.teams = sorted({r.team for r in rep.sessions if r.team}, key=str.casefold)

    # the columns of the team-path table: the key decisions, else every scene decided
    keyed = [(st.id, st.key) for st in rep.scenes if st.key]
    rep.path_columns = keyed or [(st.id, st.title) for st in rep.scenes]
    if scenario is not None:
        rep.debrief = scenario.debrief
        rep.aftermath = scenario.aftermath
    return rep


# --- Markdown


def md_inline(text) -> str:
    """Text from a log or a scenario, safe inside a Markdown table cell or a line."""
    s = " ".join(str(text).split())
    for ch in "\\`*_[]<>|":
        s = s.replace(ch, "\\" + ch)
    return s


def render_markdown(report: Report) -> str:
    lines: list[str] = ["# After-action report", ""]
    n_sessions = sum(len(r.sessions) for r in report.scenarios)
    lines.append(
        f"Generated {report.generated} from {report.sources} log file{'s' if report.sources != 1 else ''} "
        f"({n_sessions} session{'s' if n_sessions != 1 else ''})."
    )
    for rep in report.scenarios:
        lines += ["", f"## {md_inline(rep.title)}", ""]
        if rep.note:
            lines += [f"*{md_inline(rep.note)}*", ""]
        finished = len(rep.sessions) - rep.unfinished
        lines.append(f"- Sessions: {len(rep.sessions)} ({finished} finished, {rep.unfinished} unfinished)")
        unnamed = sum(1 for s in rep.sessions if not s.team)
        teams = ", ".join(md_inline(t) for t in rep.teams) or "none named"
        lines.append(
            f"- Teams: {len(rep.teams)} ({teams})"
            + (f"; {unnamed} session{'s' if unnamed != 1 else ''} without a team name" if unnamed else "")
        )
        ts = time_summary(rep.seconds)
        lines.append(
            f"- Decisions: {rep.decisions}"
            + (
                f"; time per decision: median {fmt_seconds(ts[0])}, mean {fmt_seconds(ts[1])}, "
                f"max {fmt_seconds(ts[2])}"
                if ts
                else ""
            )
        )

        lines += [
            "",
            "### Endings",
            "",
            "| Ending | Grade | Sessions | Share |",
            "| --- | --- | ---: | ---: |",
        ]
        for e in rep.endings:
            name = md_inline(e.title) + (f": {md_inline(e.summary)}" if e.summary else "")
            lines.append(f"| {name} | {md_inline(e.grade)} | {e.count} | {e.pct}% |")
        if rep.unfinished:
            lines.append(
                f"| (unfinished) |  | {rep.unfinished} | {percent(rep.unfinished, len(rep.sessions))}% |"
            )

        lines += ["", "### Decisions, scene by scene"]
        for st in rep.scenes:
            lines += [
                "",
                f"#### {md_inline(st.title)} (`{st.id}`)"
                + (f": key decision, {md_inline(st.key)}" if st.key else ""),
                "",
            ]
            ts = time_summary(st.seconds)
            lines.append(
                f"{st.total} decision{'s' if st.total != 1 else ''}"
                + (
                    f"; time: median {fmt_seconds(ts[0])}, mean {fmt_seconds(ts[1])}, max {fmt_seconds(ts[2])}"
                    if ts
                    else ""
                )
                + "."
            )
            votes = any(r.votes is not None for r in st.rows)
            lines += [
                "",
                "| Choice | Taken | Share |" + (" Votes |" if votes else "") + " Teams |",
                "| --- | ---: | ---: |" + (" ---: |" if votes else "") + " --- |",
            ]
            for r in st.rows:
                name = (f"{r.number}. " if r.number else "") + md_inline(r.text)
                extra = f" (timeout: {r.timeouts})" if r.timeouts else ""
                vote = f" {r.votes if r.votes is not None else ''} |" if votes else ""
                lines.append(
                    f"| {name}{extra} | {r.count} | {r.pct}% |{vote} {', '.join(md_inline(t) for t in r.teams)} |"
                )

        if rep.path_columns:
            lines += ["", "### Each team's path", ""]
            head = ["Team"] + [md_inline(h) for _, h in rep.path_columns] + ["Ending"]
            lines.append("| " + " | ".join(head) + " |")
            lines.append("|" + " --- |" * len(head))
            titles = {e.scene: e.title for e in rep.endings}
            for s in rep.sessions:
                cells = [md_inline(s.label)]
                for sid, _ in rep.path_columns:
                    cells.append(" / ".join(md_inline(c) for c in s.cells.get(sid, [])) or "-")
                cells.append(md_inline(titles.get(s.ending, s.ending)) if s.ending else "(unfinished)")
                lines.append("| " + " | ".join(cells) + " |")

        notes = [st for st in rep.scenes if st.key and (st.debrief or any(r.debrief for r in st.rows))]
        if notes or rep.debrief or rep.aftermath:
            lines += ["", "### Debrief notes"]
            for st in notes:
                lines += ["", f"#### {md_inline(st.key)} ({md_inline(st.title)})"]
                if st.debrief:
                    lines += ["", st.debrief.strip()]
                for r in st.rows:
                    if r.debrief:
                        who = (
                            f" (chosen by {', '.join(md_inline(t) for t in r.teams)})"
                            if r.teams
                            else " (chosen by no team)"
                        )
                        lines += [
                            "",
                            f"- **{r.number}. {md_inline(r.text)}**{who}: " + " ".join(r.debrief.split()),
                        ]
            if rep.debrief:
                lines += ["", "#### General notes", "", rep.debrief.strip()]
            if rep.aftermath:
                lines += ["", "#### What happened next", "", rep.aftermath.strip()]
    return "\n".join(lines) + "\n"


# --- HTML

_CSS = """
:root { --ink: #1b1f24; --muted: #5b6470; --rule: #d5d9de; --bar: #2f5d8a; --bar2: #c9d6e3; --bg: #ffffff; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: var(--bg); margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.meta, .note, .muted { color: var(--muted); }
.note { font-style: italic; }
code { font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid var(--ink); }
tbody th { border-bottom: 1px solid var(--rule); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.scroll { overflow-x: auto; }
.scene { break-inside: avoid; page-break-inside: avoid; }
svg.bars { display: block; max-width: 100%; height: auto; margin: .4rem 0; }
svg.bars text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg.bars rect.track { fill: #eef1f4; }
svg.bars rect.bar { fill: var(--bar); }
.debrief p { margin: .3rem 0; }
ul.summary { padding-left: 1.2rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { page-break-before: auto; break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  table, .scene, svg { break-inside: avoid; page-break-inside: avoid; }
  .scroll { overflow: visible; }
  svg.bars rect.bar { fill: #333 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg.bars rect.track { fill: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def e(text) -> str:
    return html.escape(str(text), quote=True)


def _paragraphs(markdown: str) -> str:
    """Scenario Markdown as escaped paragraphs (no markup is interpreted; line breaks are kept)."""
    blocks = [b.strip() for b in markdown.strip().split("\n\n") if b.strip()]
    return "".join("<p>" + "<br>".join(e(ln) for ln in b.splitlines()) + "</p>" for b in blocks)


def bar_chart(rows: list[tuple[str, int, int]], label: str) -> str:
    """An inline SVG of horizontal bars: (label, count, percent) per row."""
    width, label_w, bar_w, row_h = 640, 250, 300, 26
    height = row_h * len(rows) + 4
    parts = [
        f'<svg class="bars" xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{e(label)}"><title>{e(label)}</title>'
    ]
    for i, (name, count, pct) in enumerate(rows):
        y = 2 + i * row_h
        short = name if len(name) <= 38 else name[:37] + "\u2026"
        parts.append(f'<text x="0" y="{y + 17}">{e(short)}</text>')
        parts.append(f'<rect class="track" x="{label_w}" y="{y + 4}" width="{bar_w}" height="{row_h - 8}"/>')
        if pct:
            parts.append(
                f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{bar_w * pct / 100:.1f}" '
                f'height="{row_h - 8}"/>'
            )
        parts.append(f'<text x="{label_w + bar_w + 8}" y="{y + 17}">{count} ({pct}%)</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(report: Report) -> str:
    title = "After-action report"
    if len(report.scenarios) == 1:
        title += ": " + report.scenarios[0].title
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">',
        f"<title>{e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<h1>After-action report</h1>",
    ]
    n_sessions = sum(len(r.sessions) for r in report.scenarios)
    out.append(
        f'<p class="meta">Generated {e(report.generated)} from {report.sources} log '
        f"file{'s' if report.sources != 1 else ''} ({n_sessions} session{'s' if n_sessions != 1 else ''}).</p>"
    )
    for rep in report.scenarios:
        out.append(f'<section class="scenario" id="scenario-{e(rep.id)}">')
        out.append(f"<h2>{e(rep.title)}</h2>")
        if rep.note:
            out.append(f'<p class="note">{e(rep.note)}</p>')
        finished = len(rep.sessions) - rep.unfinished
        unnamed = sum(1 for s in rep.sessions if not s.team)
        ts = time_summary(rep.seconds)
        out.append('<ul class="summary">')
        out.append(
            f"<li>Sessions: <strong>{len(rep.sessions)}</strong> ({finished} finished, "
            f"{rep.unfinished} unfinished)</li>"
        )
        out.append(
            f"<li>Teams: <strong>{len(rep.teams)}</strong> ({e(', '.join(rep.teams)) or 'none named'})"
            + (f"; {unnamed} session{'s' if unnamed != 1 else ''} without a team name" if unnamed else "")
            + "</li>"
        )
        out.append(
            f"<li>Decisions: <strong>{rep.decisions}</strong>"
            + (
                f"; time per decision: median {e(fmt_seconds(ts[0]))}, mean {e(fmt_seconds(ts[1]))}, "
                f"max {e(fmt_seconds(ts[2]))}"
                if ts
                else ""
            )
            + "</li>"
        )
        out.append("</ul>")

        out.append("<h3>Endings</h3>")
        end_rows = [
            (en.title if not en.grade else f"{en.title} ({en.grade})", en.count, en.pct) for en in rep.endings
        ]
        if rep.unfinished:
            end_rows.append(("(unfinished)", rep.unfinished, percent(rep.unfinished, len(rep.sessions))))
        out.append(bar_chart(end_rows, "Endings reached"))
        out.append(
            '<table class="endings"><thead><tr><th>Ending</th><th>Grade</th><th class="num">Sessions</th>'
            '<th class="num">Share</th></tr></thead><tbody>'
        )
        for en in rep.endings:
            name = e(en.title) + (f": {e(en.summary)}" if en.summary else "")
            out.append(
                f'<tr><td>{name}</td><td>{e(en.grade)}</td><td class="num">{en.count}</td>'
                f'<td class="num">{en.pct}%</td></tr>'
            )
        if rep.unfinished:
            out.append(
                f'<tr><td>(unfinished)</td><td></td><td class="num">{rep.unfinished}</td>'
                f'<td class="num">{percent(rep.unfinished, len(rep.sessions))}%</td></tr>'
            )
        out.append("</tbody></table>")

        out.append("<h3>Decisions, scene by scene</h3>")
        for st in rep.scenes:
            out.append(f'<div class="scene" id="scene-{e(st.id)}">')
            out.append(
                f"<h4>{e(st.title)} <code>{e(st.id)}</code>"
                + (f' <span class="muted">key decision: {e(st.key)}</span>' if st.key else "")
                + "</h4>"
            )
            ts = time_summary(st.seconds)
            out.append(
                f'<p class="muted">{st.total} decision{"s" if st.total != 1 else ""}'
                + (
                    f"; time: median {e(fmt_seconds(ts[0]))}, mean {e(fmt_seconds(ts[1]))}, max {e(fmt_seconds(ts[2]))}"
                    if ts
                    else ""
                )
                + ".</p>"
            )
            out.append(
                bar_chart(
                    [((f"{r.number}. " if r.number else "") + r.text, r.count, r.pct) for r in st.rows],
                    f"Decisions at {st.title}",
                )
            )
            votes = any(r.votes is not None for r in st.rows)
            out.append(
                '<table class="choices"><thead><tr><th>Choice</th><th class="num">Taken</th>'
                '<th class="num">Share</th>'
                + ('<th class="num">Votes</th>' if votes else "")
                + "<th>Teams</th></tr></thead><tbody>"
            )
            for r in st.rows:
                name = (f"{r.number}. " if r.number else "") + e(r.text)
                if r.timeouts:
                    name += f' <span class="muted">(timeout: {r.timeouts})</span>'
                vote = f'<td class="num">{"" if r.votes is None else r.votes}</td>' if votes else ""
                out.append(
                    f'<tr><td>{name}</td><td class="num">{r.count}</td><td class="num">{r.pct}%</td>{vote}'
                    f"<td>{e(', '.join(r.teams))}</td></tr>"
                )
            out.append("</tbody></table></div>")

        if rep.path_columns:
            out.append("<h3>Each team's path</h3>")
            out.append(
                '<div class="scroll"><table class="paths"><thead><tr><th>Team</th>'
                + "".join(f"<th>{e(h)}</th>" for _, h in rep.path_columns)
                + "<th>Ending</th></tr></thead><tbody>"
            )
            titles = {en.scene: en.title for en in rep.endings}
            for s in rep.sessions:
                cells = "".join(
                    f"<td>{'<br>'.join(e(c) for c in s.cells.get(sid, [])) or '-'}</td>"
                    for sid, _ in rep.path_columns
                )
                ending = (
                    e(titles.get(s.ending, s.ending))
                    if s.ending
                    else '<span class="muted">(unfinished)</span>'
                )
                out.append(f"<tr><th>{e(s.label)}</th>{cells}<td>{ending}</td></tr>")
            out.append("</tbody></table></div>")

        notes = [st for st in rep.scenes if st.key and (st.debrief or any(r.debrief for r in st.rows))]
        if notes or rep.debrief or rep.aftermath:
            out.append('<h3>Debrief notes</h3><div class="debrief">')
            for st in notes:
                out.append(f'<h4>{e(st.key)} <span class="muted">({e(st.title)})</span></h4>')
                if st.debrief:
                    out.append(_paragraphs(st.debrief))
                items = [r for r in st.rows if r.debrief]
                if items:
                    out.append("<ul>")
                    for r in items:
                        who = f"chosen by {e(', '.join(r.teams))}" if r.teams else "chosen by no team"
                        out.append(
                            f"<li><strong>{r.number}. {e(r.text)}</strong> "
                            f'<span class="muted">({who})</span>: {e(" ".join(r.debrief.split()))}</li>'
                        )
                    out.append("</ul>")
            if rep.debrief:
                out.append("<h4>General notes</h4>" + _paragraphs(rep.debrief))
            if rep.aftermath:
                out.append("<h4>What happened next</h4>" + _paragraphs(rep.aftermath))
            out.append("</div>")
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(report: Report, fmt: str) -> str:
    return render_html(report) if fmt == "html" else render_markdown(report)


def write_report(path: Path, text: str) -> None:
    """Write atomically, readable as any new file would be (a report is meant to be shared)."""
    import os

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
