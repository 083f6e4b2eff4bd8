"""The live facilitator console of ``briefing serve``: every game's state, read from the session logs.

``live_state(folder, scenario, now)`` reads the session logs in ``folder`` (the day's session folder, which
every served game writes into), stitches resumed sessions into games as the report does, and says for
each game: the team, the scene it is on, the decisions taken, the time on the current scene, its
standing (the scenario's ``standing:`` variables, replayed from the logged changes), its ending and
scores once it has one, whether its clock is paused, and the tally of its last vote. ``CONSOLE_PAGE`` is the browser page that shows
it, polling ``/facilitator/state`` every two seconds; it builds its table with ``textContent`` only, so
nothing a log holds is ever read as HTML.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING, Any

from briefing.workshop.events import Decision, Pause, Start
from briefing.workshop.report import score_values, stitch
from briefing.workshop.sessionlog import LogFileError, read_logs

if TYPE_CHECKING:
    from briefing.core.model import Scenario


def _when(text: str) -> datetime | None:
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _standing(scenario: Scenario | None, decisions: list[Decision]) -> dict[str, str]:
    """The standing variables' labels and values after ``decisions`` (from the logged changes)."""
    if scenario is None or not scenario.standing:
        return {}
    state: dict[str, Any] = {k: scenario.state.get(k) for k in scenario.standing}
    for d in decisions:
        for name, change in d.changes.items():
            if name in state and isinstance(change, list) and len(change) == 2:
                state[name] = change[1]
    return {str(label): str(state[name]) for name, label in scenario.standing.items()}


def live_state(
    folder: str | os.PathLike[str], scenario: Scenario | None, now: datetime, paused_all: bool = False
) -> dict[str, Any]:
    """The console's data: ``{"games": [...], "paused": bool, "problems": n}`` (see the module)."""
    try:
        events, problems = read_logs([folder])
    except LogFileError:
        events, problems = [], []
    if scenario is not None:
        events = [ev for ev in events if ev.scenario == scenario.id]
    games, _, _ = stitch(events)
    out: list[dict[str, Any]] = []
    for g in games:
        decisions = [d for d in g.decisions if d.how != "jump"]
        last = g.decisions[-1] if g.decisions else None
        scene_id = (last.to or "") if last is not None else ""
        if not scene_id:
            starts = [ev for ev in events if isinstance(ev, Start) and ev.session in g.row.sessions]
            scene_id = (starts[-1].resumed_at or (scenario.start if scenario else "")) if starts else ""
        if g.ending is not None:
            scene_id = g.ending.scene
        scene = scenario.scenes.get(scene_id) if scenario is not None and scene_id else None
        since = _when(g.last) if g.last else None
        pauses = [ev for ev in events if isinstance(ev, Pause) and ev.session in g.row.sessions]
        paused = bool(pauses) and pauses[-1].paused and (last is None or pauses[-1].time >= last.time)
        on_scene = None if since is None or g.ending is not None else max(0.0, (now - since).total_seconds())
        out.append(
            {
                "team": g.row.label,
                "scene": scene_id,
                "scene_title": scene.title if scene is not None else scene_id,
                "decisions": len(decisions),
                "seconds_on_scene": None if on_scene is None else round(on_scene),
                "standing": _standing(scenario, g.decisions),
                "paused": paused,
                "finished": g.ending is not None,
                "ending": g.ending.title if g.ending is not None else "",
                "grade": g.ending.grade if g.ending is not None else "",
                "letter": (g.ending.letter or "") if g.ending is not None else "",
                "scores": score_values(g.ending.scores) if g.ending is not None and g.ending.scores else {},
                "sessions": len(g.row.sessions),
                "tally": dict(last.tally) if last is not None and last.tally else {},  # the last vote
            }
        )
    out.sort(key=lambda x: (str(x["team"]).startswith("("), str(x["team"]).casefold()))
    return {"games": out, "paused": paused_all, "problems": len(problems)}


CONSOLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline';
 style-src 'unsafe-inline'; connect-src 'self'">
<meta name="referrer" content="no-referrer">
<title>Facilitator console</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.2rem; color: #1b1f24; }
h1 { font-size: 1.4rem; margin: 0 0 .4rem; }
table { border-collapse: collapse; width: 100%; margin-top: .8rem; }
th, td { border-bottom: 1px solid #d5d9de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid #1b1f24; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; }
button { font: inherit; padding: .35rem .9rem; }
input[type=text] { font: inherit; padding: .3rem; width: 28rem; max-width: 100%; }
#status { color: #5b6470; }
.paused { color: #a33; font-weight: bold; }
</style>
</head>
<body>
<h1>Facilitator console: <span id="title"></span></h1>
<div class="bar">
<button id="pause" type="button">Pause all</button>
<button id="resume" type="button">Resume all</button>
<input id="message" type="text" maxlength="500" placeholder="A message to every team">
<button id="send" type="button">Send</button>
<span id="status"></span>
</div>
<table>
<thead><tr><th>Team</th><th>Scene</th><th>Decisions</th><th>On scene</th><th>Standing</th>
<th>Ending</th><th>Scores</th></tr></thead>
<tbody id="games"></tbody>
</table>
<script>
"use strict";
const key = new URLSearchParams(location.search).get("key") || "";
const status = document.getElementById("status");
function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  tr.appendChild(td);
}
function mmss(s) {
  if (s === null || s === undefined) return "-";
  const m = Math.floor(s / 60), r = s % 60;
  return m + ":" + String(r).padStart(2, "0");
}
function pct(x) { return x === null || x === undefined ? "-" : Math.round(100 * x) + "%"; }
async function refresh() {
  try {
    const r = await fetch("facilitator/state", {headers: {"X-Facilitator-Key": key}, cache: "no-store"});
    if (!r.ok) { status.textContent = "The console cannot read the games (" + r.status + ")."; return; }
    const data = await r.json();
    document.getElementById("title").textContent = data.title;
    const body = document.getElementById("games");
    body.replaceChildren();
    for (const g of data.games) {
      const tr = document.createElement("tr");
      cell(tr, g.team);
      cell(tr, g.scene_title + (g.paused ? " (paused)" : ""), g.paused ? "paused" : "");
      cell(tr, String(g.decisions), "num");
      cell(tr, mmss(g.seconds_on_scene), "num");
      cell(tr, Object.entries(g.standing).map(([k, v]) => k + ": " + v).join("; "));
      cell(tr, g.finished ? g.ending + (g.grade ? " (" + g.grade + ")" : "") : "");
      const s = g.scores || {};
      cell(tr, g.letter ? g.letter + " \u00b7 grading " + pct(s.grading) + " \u00b7 forecasting " +
        pct(s.forecasting) + " \u00b7 timeliness " + pct(s.timeliness) : "");
      body.appendChild(tr);
    }
    status.textContent = (data.paused ? "All games paused. " : "") + data.games.length + " game(s); updated " +
      new Date().toLocaleTimeString();
  } catch (e) {
    status.textContent = "The server does not answer.";
  }
}
async function control(action, text) {
  const r = await fetch("facilitator/control", {
    method: "POST",
    headers: {"X-Facilitator-Key": key, "Content-Type": "application/json"},
    body: JSON.stringify({action: action, text: text || ""}),
  });
  status.textContent = r.ok ? "Sent." : "Not sent (" + r.status + ").";
  refresh();
}
document.getElementById("pause").onclick = () => control("pause");
document.getElementById("resume").onclick = () => control("resume");
document.getElementById("send").onclick = () => {
  const box = document.getElementById("message");
  if (box.value.trim()) { control("message", box.value); box.value = ""; }
};
refresh();
setInterval(refresh, 2000);
</script>
</body>
</html>
"""
