"""Session-log events: one definition, documented, written and read back; hostile logs refused line by line."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.clock import Clock, FakeTime
from briefing.core.engine import Game
from briefing.core.loader import load_scenario
from briefing.core.saves import save_game
from briefing.workshop import events as log_events
from briefing.workshop.events import EVENT_TYPES, Decision, Ending, EventError, Start, event_fields, from_json
from briefing.workshop.render import render
from briefing.workshop.report import build_report
from briefing.workshop.sessionlog import LogOptions, open_log, read_logs
from tests.conftest import ROOT
from tests.workshop.helpers import MINI, briefing_command, env_for, lines_of

ESC = "\x1b[31mRed\x1b[0m\x07 team\x1b]0;pwned\x07"


@pytest.fixture
def mini():
    scenario, diags = load_scenario(str(MINI))
    assert scenario is not None and not diags.errors
    return scenario


def report(*args, data=None):
    return subprocess.run(
        briefing_command() + ["report", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env_for(data) if data else None,
    )


def sample_events():
    common = {"session": "s1", "scenario": "mini", "team": "Red", "time": "2022-01-05T09:40:00+0600"}
    return [
        Start(
            **common,
            title="Mini",
            root="/x",
            content_hash="abc",
            slot="team-red",
            resumed_at="wire",
            resumed_from="team-red",
            decisions_before=2,
        ),
        Decision(
            **common,
            n=1,
            scene="wire",
            scene_title="A wire report",
            offered=[log_events.Offered(1, "Brief", True), log_events.Offered(2, "Wait", False)],
            choice=log_events.Chosen(1, "Brief"),
            how="vote",
            tally={"1": 3, "2": 1},
            seconds=12.5,
            changes={"trust": [2, 3]},
            new_facts=["f"],
        ),
        log_events.Pause(**common, scene="wire", paused=True, seconds=3.5),
        log_events.Judgement(**common, scene="wire", kind="grade", task="g1", value="B2"),
        log_events.Judgement(
            **common, scene="wire", kind="estimate", task="e1", value="likely", band="likely", p=0.65
        ),
        log_events.Judgement(
            **common, scene="wire", kind="weigh", task="w1", value="I", fact="f", hypothesis="revolt"
        ),
        log_events.Resolved(**common, task="e1", outcome=True, p=0.65),
        log_events.Rollback(**common, scene="briefed", to="wire", undone=2, decisions=0),
        Ending(
            **common,
            scene="good-end",
            title="Good",
            grade="A",
            summary="s",
            decisions=1,
            path=["wire"],
            letter="B",
            scores={"letter": "B", "composite": 0.7, "grading": 0.75, "brier": 0.1225},
        ),
    ]


def test_every_event_round_trips_through_json():
    for event in sample_events():
        line = json.dumps(event.to_json())
        assert from_json(json.loads(line)) == event
    assert set(EVENT_TYPES) == {"start", "decision", "pause", "judgement", "resolved", "rollback", "ending"}


def test_the_guide_lists_every_event_and_field():
    doc = (ROOT / "docs" / "workshop.md").read_text(encoding="utf-8")
    section = doc.split("### The events", 1)[1].split("\n## ", 1)[0]
    items = {}
    for item in re.split(r"\n- ", "\n" + section.split("\n- ", 1)[1]):
        m = re.match(r"(every event|`(\w+)`):", item.strip())
        if m:
            items[m.group(2) or "*"] = set(re.findall(r"`(\w+)`", item.strip()[m.end() :]))
    assert set(items) - {"*"} == set(EVENT_TYPES), "the guide's events are not the ones defined"
    common = set(event_fields(log_events.Event))
    assert common <= items["*"], f"missing in the guide: {common - items['*']}"
    for kind, cls in EVENT_TYPES.items():
        own = set(event_fields(cls)) - common
        assert own <= items[kind], f"'{kind}' fields missing in the guide: {own - items[kind]}"
    nested = {"number", "text", "enabled"}
    for kind in EVENT_TYPES:
        extra = items[kind] - set(event_fields(EVENT_TYPES[kind])) - nested - {"chosen", "timeout", "vote"}
        assert not extra, f"the guide names '{kind}' fields that do not exist: {extra}"


def test_time_comes_from_the_time_source(tmp_path, mini):
    fake = FakeTime(datetime(2022, 1, 5, 9, 40, tzinfo=timezone(timedelta(hours=6))))
    log = open_log(LogOptions(tmp_path / "t.jsonl", "Red", mini, source=fake))
    assert log.session_id.startswith("094000-")
    game = Game.new(mini)
    log.start(game)
    fake.advance(90)
    options = game.options()
    log.decision(game, game.choose(1, seconds=90), options)
    assert [r["time"] for r in lines_of(log.path)] == ["2022-01-05T09:40:00+0600", "2022-01-05T09:41:30+0600"]
    default = open_log(LogOptions(source=fake))
    assert default.path.parent.name == "2022-01-05"
    saved = save_game(game, tmp_path / "s.json", "autosave", fake)  # saves take the same time source
    assert json.loads(saved.read_text(encoding="utf-8"))["saved_at"] == "2022-01-05T09:41:30+0600"
    clock = Clock(60, now=fake)
    fake.advance(45)
    assert clock.label() == "00:15" and clock.warning
    clock.pause()
    fake.advance(1000)
    assert clock.label() == "00:15"


def test_team_names_lose_their_escape_sequences_everywhere(tmp_path, mini):
    path = tmp_path / "esc.jsonl"
    log = open_log(LogOptions(path, ESC, mini))
    game = Game.new(mini)
    options = game.options()
    log.decision(game, game.choose(1), options)
    assert {r["team"] for r in lines_of(path)} == {"Red team"}
    # a log written by hand (or by an old version) with escapes: the report shows none
    raw = tmp_path / "raw.jsonl"
    recs = lines_of(path)
    for r in recs:
        r["team"] = ESC
        r["scene_title"] = "\x9b2J" + r.get("scene_title", "")
    raw.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    for fmt in ("md", "html", "json"):
        r = report(raw, "--format", fmt)
        assert r.returncode == 0, r.stderr
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", r.stdout), fmt
        assert "Red team" in r.stdout
        assert "\\u001b" not in r.stdout and "pwned" not in r.stdout


def test_wrong_types_are_located_lines_not_crashes(tmp_path):
    good = lines_of(_a_log(tmp_path))
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    start_a = dict(good[0], time=1641354000)  # a number where a string belongs
    decision = dict(good[1], seconds=1e308)
    start_b = dict(good[0], session="other", content_hash=[1])
    big = json.dumps(dict(good[1], session="other"))[:-1] + ', "n": ' + "9" * 4301 + "}"
    a.write_text("\n".join(json.dumps(x) for x in [start_a, decision, *good[1:]]) + "\n", encoding="utf-8")
    b.write_text("\n".join([json.dumps(start_b), big, json.dumps(dict(good[0], session="b2"))]) + "\n")
    r = report(a, b)
    assert "Traceback" not in r.stderr and r.returncode == 1
    assert r.stderr.splitlines() == [
        f"{a}:1: error: 'time' is not a string; line skipped",
        f"{a}:2: error: 'seconds' is not a number of seconds; line skipped",
        f"{b}:1: error: 'content_hash' is not a string; line skipped",
        f"{b}:2: error: a number too large to read; line skipped",
    ]
    assert "- Games: 1 (1 finished, 0 unfinished); 2 sessions in the logs" in r.stdout, r.stdout[:600]
    assert "1 game opened and left before a decision, not counted" in r.stdout


def test_a_line_cut_short_never_swallows_the_next_event(tmp_path, mini):
    path = _a_log(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) - 30], encoding="utf-8")  # the disk filled up mid-line
    log = open_log(LogOptions(path, "Blue", mini))
    log.start(Game.new(mini))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["team"] == "Blue"  # on a line of its own
    events, problems = read_logs([path])
    assert len(problems) == 1 and problems[0].startswith(f"{path}:4: error: not JSON")
    assert [e.team for e in events if isinstance(e, Start)] == ["", "Blue"]
    # a log from before events started on a fresh line: the glued event is still read
    glued = tmp_path / "glued.jsonl"
    glued.write_text(text[: len(text) - 30] + lines[-1] + "\n", encoding="utf-8")
    events, problems = read_logs([glued])
    assert [e.team for e in events if isinstance(e, Start)] == ["", "Blue"]
    assert len(problems) == 1 and problems[0].startswith(f"{glued}:4: error: an event cut short")


def test_report_json_is_the_report_model(tmp_path):
    path = _a_log(tmp_path)
    out = tmp_path / "r.json"
    r = report(path, "-o", out)
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    (scenario,) = doc["scenarios"]
    assert doc["sessions"] == 1 and scenario["id"] == "mini" and scenario["finished"] == 1
    wire = scenario["scenes"][0]
    assert wire["id"] == "wire" and [row["count"] for row in wire["rows"]] == [1, 0, 0]
    r = report(path, "--format", "json")
    assert json.loads(r.stdout)["scenarios"][0]["decisions"] == 2


def _a_log(tmp_path: Path) -> Path:
    """A finished session of the mini scenario, written through the API: start, 2 decisions, ending."""
    scenario, _ = load_scenario(str(MINI))
    path = tmp_path / "one.jsonl"
    log = open_log(LogOptions(path, "", scenario, source=FakeTime()))
    game = Game.new(scenario)
    log.start(game)
    for _ in range(2):
        options = game.options()
        log.decision(game, game.choose(1, seconds=4), options)
    log.ending(game)
    return path


# --- fuzzing: any line gives a located problem or an event, never another exception

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False),
    st.text(max_size=12),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
_FIELDS = sorted({f for cls in EVENT_TYPES.values() for f in event_fields(cls)} | {"number", "text"})


@st.composite
def _event_lines(draw):
    """A valid event with some fields replaced by anything, or a line of arbitrary text."""
    if draw(st.integers(0, 5)) == 0:
        return draw(st.text(max_size=80)).replace("\n", " ")
    rec = draw(st.sampled_from(sample_events())).to_json()
    for key in draw(st.lists(st.sampled_from(_FIELDS), max_size=4)):
        if draw(st.booleans()):
            rec[key] = draw(_values)
        else:
            rec.pop(key, None)
    line = json.dumps(rec, ensure_ascii=draw(st.booleans()))
    cut = draw(st.integers(0, len(line)))
    return line if draw(st.integers(0, 4)) else line[:cut]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_event_lines(), min_size=1, max_size=8))
def test_fuzzed_log_lines_give_located_problems_or_a_report(tmp_path, lines):
    path = tmp_path / "fuzz.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    events, problems = read_logs([path])
    for p in problems:
        assert re.match(rf"{re.escape(str(path))}:\d+: error: \S", p), p
    assert len(problems) + len(events) <= len(lines)

    def no_scenario(sid, roots, override):
        return None, "not loaded"

    rep = build_report(events, finder=no_scenario, sources=1)
    for fmt in ("md", "html", "json"):
        text = render(rep, fmt)
        text.encode("utf-8")  # writable as UTF-8
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)


def test_event_error_names_the_field():
    rec = sample_events()[1].to_json()
    with pytest.raises(EventError, match="'offered' is not a list"):
        from_json(dict(rec, offered="many"))
    with pytest.raises(EventError, match="'decision' event without 'scene'"):
        from_json({k: v for k, v in rec.items() if k != "scene"})
    assert from_json(dict(rec, event="coffee-break")) is None  # a kind from a newer writer: skipped


def test_pauses_are_logged_and_leave_the_numbers_alone(tmp_path, mini):
    path = tmp_path / "p.jsonl"
    log = open_log(LogOptions(path, "Red", mini, source=FakeTime()))
    game = Game.new(mini)
    log.start(game)
    log.pause(game, True, 12.25)
    log.pause(game, False, float("inf"))
    options = game.options()
    log.decision(game, game.choose(1, seconds=20), options)
    recs = lines_of(path)
    assert [(r["event"], r.get("paused"), r.get("seconds")) for r in recs[1:3]] == [
        ("pause", True, 12.25),
        ("pause", False, None),
    ]
    events, problems = read_logs([path])
    assert not problems and [type(e).__name__ for e in events] == ["Start", "Pause", "Pause", "Decision"]
    rep = build_report(events, sources=1)
    assert rep.scenarios[0].decisions == 1 and rep.scenarios[0].seconds == [20.0]


def test_only_regular_files_are_read(tmp_path):
    import os

    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    r = report(fifo)
    assert (
        r.returncode == 1
        and r.stderr.strip() == f"{fifo}: error: not a regular file (a session log is a file)"
    )
