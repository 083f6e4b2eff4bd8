"""The report counts games, not connections: a resumed game continues its session; the instruments' events
give each team's scores and the room's calibration; the JSON shape is the documented one."""

from __future__ import annotations

import json
import subprocess

import pytest

from briefing.core.clock import FakeTime
from briefing.core.engine import Game
from briefing.core.loader import load_scenario
from briefing.core.saves import load_game, save_game
from briefing.workshop.render import render_markdown
from briefing.workshop.report import build_report
from briefing.workshop.sessionlog import LogOptions, open_log, read_logs
from tests.workshop.helpers import MINI, briefing_command, lines_of


@pytest.fixture
def mini():
    scenario, diags = load_scenario(str(MINI))
    assert scenario is not None and not diags.errors
    return scenario


def _log(folder, mini, team, slot="", seconds=10):
    clock = FakeTime()
    clock.advance(seconds)
    return open_log(LogOptions(folder / f"{team}-{seconds}.jsonl", team, mini, clock, slot=slot))


def _decide(log, game, n):
    options = game.options()
    log.decision(game, game.choose(n, seconds=5), options)


def _reloaded_game(tmp_path, mini, slot="team-red", resumed_from="team-red"):
    """Red decides once, the tab is reloaded, Red presses Continue and finishes: two sessions."""
    folder = tmp_path / "logs"
    first = _log(folder, mini, "Red", slot, seconds=10)
    game = Game.new(mini)
    first.start(game)
    _decide(first, game, 1)
    save = save_game(game, tmp_path / "red.json")
    # the reload: a new process, a new log, the game loaded from the team's autosave
    second = _log(folder, mini, "Red", slot, seconds=100)
    game = load_game(save, mini)
    second.start(game, resumed_from=resumed_from)
    _decide(second, game, 1)
    second.ending(game)
    return folder


def _report(folder, mini):
    events, problems = read_logs([folder])
    assert not problems
    return build_report(events, scenario=mini)


def test_a_resumed_game_continues_its_session(tmp_path, mini):
    folder = _reloaded_game(tmp_path, mini)
    recs = [r for f in sorted(folder.glob("*.jsonl")) for r in lines_of(f)]
    resumed = [r for r in recs if r["event"] == "start" and "resumed_at" in r]
    assert len(resumed) == 1
    assert resumed[0]["resumed_from"] == "team-red" and resumed[0]["decisions_before"] == 1
    assert resumed[0]["slot"] == "team-red" and resumed[0]["resumed_at"] == "briefed"
    rep = _report(folder, mini).scenarios[0]
    assert len(rep.games) == 1 and rep.sessions == 2 and rep.finished == 1 and rep.unfinished == 0
    (game,) = rep.games
    assert game.resumed == 1 and len(game.sessions) == 2
    assert [(d.n, d.scene, d.choice) for d in game.decisions] == [(1, "wire", 1), (2, "briefed", 1)]
    md = render_markdown(_report(folder, mini))
    assert "- Games: 1 (1 finished, 0 unfinished); 2 sessions in the logs" in md
    assert "1 game resumed after a reload, counted once" in md
    assert "(unfinished)" not in md


def test_logs_without_slots_are_stitched_by_team(tmp_path, mini):
    """Logs written before games named their slot (or by a front end that does not): the same team."""
    folder = _reloaded_game(tmp_path, mini, slot="", resumed_from=None)
    rep = _report(folder, mini).scenarios[0]
    assert len(rep.games) == 1 and rep.finished == 1


def test_another_teams_game_is_never_continued(tmp_path, mini):
    folder = tmp_path / "logs"
    blue = _log(folder, mini, "Blue", "team-blue", seconds=5)
    game = Game.new(mini)
    blue.start(game)
    _decide(blue, game, 2)
    folder2 = _reloaded_game(tmp_path, mini)
    assert folder2 == folder
    rep = _report(folder, mini).scenarios[0]
    assert sorted((g.team, g.finished) for g in rep.games) == [("Blue", False), ("Red", True)]


def test_a_save_that_went_back_drops_the_undone_decisions(tmp_path, mini):
    """A game reloaded from an earlier save: the decisions after that save were undone."""
    folder = tmp_path / "logs"
    log = _log(folder, mini, "Red", "team-red", seconds=10)
    game = Game.new(mini)
    log.start(game)
    _decide(log, game, 2)  # waited
    _decide(log, game, 1)  # overtaken: accepted
    log.ending(game)
    # an ended game is not continued: a new game
    rep = _report(folder, mini).scenarios[0]
    assert len(rep.games) == 1
    log2 = _log(folder, mini, "Red", "team-red", seconds=20)
    g2 = Game.new(mini)
    log2.start(g2)
    _decide(log2, g2, 2)
    _decide(log2, g2, 1)  # an unfinished second game, two decisions
    saved = Game.new(mini)
    saved.choose(2)
    log3 = _log(folder, mini, "Red", "team-red", seconds=30)
    log3.start(saved, resumed_from="team-red")  # back to after the first decision
    _decide(log3, saved, 1)
    rep = _report(folder, mini).scenarios[0]
    assert len(rep.games) == 2
    second = next(g for g in rep.games if g.resumed)
    assert [(d.scene, d.choice) for d in second.decisions] == [("wire", 2), ("waited", 1)]


def _scored(tmp_path, mini):
    folder = tmp_path / "logs"
    for team, (p, band, outcome), card in [
        ("Red", (0.65, "likely", True), {"letter": "B", "composite": 0.7, "grading": 0.75, "brier": 0.1225}),
        ("Blue", (0.85, "highly-likely", False), {"letter": "D", "composite": 0.4, "timeliness": 0.5}),
    ]:
        log = _log(folder, mini, team)
        game = Game.new(mini)
        log.start(game)
        log.judgement(game, "grade", "g1", "B2")
        log.judgement(game, "estimate", "e1", band, band=band, p=p)
        log.judgement(game, "weigh", "w1", "I", fact="price-doubled", hypothesis="revolt")
        _decide(log, game, 1)
        log.resolved(game, "e1", outcome, p)
        _decide(log, game, 1)
        log.ending(game, scores=card)
    return folder


def test_instrument_events_give_scores_and_the_rooms_calibration(tmp_path, mini):
    folder = _scored(tmp_path, mini)
    recs = lines_of(next(folder.glob("Red*.jsonl")))
    kinds = [r["event"] for r in recs]
    assert kinds == [
        "start",
        "judgement",
        "judgement",
        "judgement",
        "decision",
        "resolved",
        "decision",
        "ending",
    ]
    est = recs[2]
    assert est["kind"] == "estimate" and est["band"] == "likely" and est["p"] == 0.65
    assert recs[3]["fact"] == "price-doubled" and recs[3]["hypothesis"] == "revolt"
    assert recs[-1]["letter"] == "B" and recs[-1]["scores"]["grading"] == 0.75
    rep = _report(folder, mini).scenarios[0]
    red = next(g for g in rep.games if g.team == "Red")
    assert red.letter == "B" and red.scores["grading"] == 0.75 and red.scores["forecasting"] is None
    # the room: one 'likely' that happened, one 'highly likely' that did not (Brier by core.scoring)
    assert [(c.band, c.count, c.happened) for c in rep.calibration] == [
        ("likely", 1, 1),
        ("highly-likely", 1, 0),
    ]
    assert rep.brier == round(((0.65 - 1) ** 2 + 0.85**2) / 2, 3)
    md = render_markdown(_report(folder, mini))
    assert (
        "| Team | Ending | Grade | Letter | Grading | Forecasting | Brier | Hypotheses | Timeliness |" in md
    )
    assert "| Red | A good briefing | A | B | 75% | - | 0.122 | - | - | 2 |" in md
    assert "| Likely or probable | 65% | 1 | 1 | 100% |" in md


def test_the_json_shape_is_the_documented_one(tmp_path, mini):
    folder = _scored(tmp_path, mini)
    r = subprocess.run(
        briefing_command() + ["report", str(folder), "--format", "json", "--scenario", str(MINI)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["format"] == 1 and doc["games"] == 2 and doc["sessions"] == 2
    (sc,) = doc["scenarios"]
    assert {
        "id",
        "title",
        "games",
        "finished",
        "unfinished",
        "scenes",
        "endings",
        "splits",
        "calibration",
    } <= set(sc)
    red = next(g for g in sc["games"] if g["team"] == "Red")
    assert red["finished"] is True and red["ending"] == "good-end" and red["grade"] == "A"
    assert red["letter"] == "B" and red["scores"]["grading"] == 0.75
    assert red["decisions"][0] == {
        "n": 1,
        "scene": "wire",
        "choice": 1,
        "text": "Brief the minister now",
        "how": "chosen",
        "seconds": 5.0,
    }
    assert sc["calibration"][0] == {
        "band": "likely",
        "words": "Likely or probable",
        "percent": 65,
        "count": 1,
        "happened": 1,
        "observed": 100,
    }
    # the guide documents the same keys
    from tests.conftest import ROOT

    guide = (ROOT / "docs" / "workshop.md").read_text(encoding="utf-8")
    shape = guide.split("### The report's JSON", 1)[1].split("\n## ", 1)[0]
    for name in ("format", "games", "team", "finished", "ending", "grade", "letter", "scores", "decisions"):
        assert f"`{name}`" in shape, name


def test_splits_are_ranked_biggest_first(tmp_path, mini):
    folder = tmp_path / "logs"
    for i, first in enumerate([1, 2, 1, 2]):
        log = _log(folder, mini, f"T{i}", seconds=i + 1)
        game = Game.new(mini)
        log.start(game)
        _decide(log, game, first)
        _decide(log, game, 1)
    rep = _report(folder, mini).scenarios[0]
    assert rep.splits[0].scene == "wire" and rep.splits[0].spread == 50
    assert all(a.spread >= b.spread for a, b in zip(rep.splits, rep.splits[1:], strict=False))


def test_games_left_before_a_decision_are_not_counted(tmp_path, mini):
    folder = tmp_path / "logs"
    _log(folder, mini, "Idle").start(Game.new(mini))
    log = _log(folder, mini, "Busy", seconds=3)
    game = Game.new(mini)
    log.start(game)
    _decide(log, game, 1)
    rep = _report(folder, mini).scenarios[0]
    assert [g.team for g in rep.games] == ["Busy"] and rep.empty == 1 and rep.sessions == 2


def test_the_path_table_splits_beyond_eight_teams(tmp_path, mini):
    folder = tmp_path / "logs"
    for i in range(10):
        log = _log(folder, mini, f"Team {i:02d}", seconds=i + 1)
        game = Game.new(mini)
        log.start(game)
        _decide(log, game, 1 + i % 2)
    md = render_markdown(_report(folder, mini))
    assert "Teams 1–8 of 10" in md and "Teams 9–10 of 10" in md
    heads = [ln for ln in md.splitlines() if ln.startswith("| Decision |")]
    assert len(heads) == 2 and heads[0].count("| Team ") == 8 and heads[1].count("| Team ") == 2
