"""Session logs: crash safety, the plain-mode timer, --workshop's default log, the SessionLog API."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest

from briefing.core.engine import Game
from briefing.core.loader import load_scenario
from briefing.workshop.sessionlog import (
    LogOptions,
    SessionLog,
    SessionLogError,
    plain_hooks,
    read_logs,
    session_folder,
)
from tests.workshop.helpers import MINI, briefing_command, env_for, lines_of, play, wait_for


@pytest.fixture
def mini():
    scenario, diags = load_scenario(str(MINI))
    assert scenario is not None and not diags.errors
    return scenario


def start_play(data_dir, *args):
    return subprocess.Popen(
        briefing_command() + ["play", "--plain", str(MINI), *map(str, args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env_for(data_dir),
    )


def test_a_killed_session_leaves_complete_lines(tmp_path):
    log = tmp_path / "crash.jsonl"
    proc = start_play(tmp_path / "data", "--log", log, "--team", "Crash")
    try:
        proc.stdin.write("1\n")
        proc.stdin.flush()
        assert wait_for(lambda: len(lines_of(log)) >= 2, timeout=20), "the decision was never logged"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        for s in (proc.stdin, proc.stdout, proc.stderr):
            try:
                s.close()
            except OSError:
                pass
    raw = log.read_bytes()
    assert raw.endswith(b"\n")
    recs = [json.loads(ln) for ln in raw.decode("utf-8").splitlines()]
    assert [r["event"] for r in recs] == ["start", "decision"]
    events, problems = read_logs([log])
    assert problems == [] and len(events) == 2
    r = subprocess.run(briefing_command() + ["report", str(log)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "- Games: 1 (0 finished, 1 unfinished)" in r.stdout
    assert "| Decision | Crash |" in r.stdout and "| Ending | (unfinished) |" in r.stdout
    assert "| The first report | 1. Brief the minister now |" in r.stdout


def test_plain_timer_takes_the_scene_timeout(tmp_path):
    log = tmp_path / "timer.jsonl"
    proc = start_play(tmp_path / "data", "--workshop", "--timer", "1", "--log", log, "--team", "Slow")
    try:
        # nobody answers: after 1 second the scene's timeout (choice 2, "Wait for more") is taken
        first = wait_for(lambda: [r for r in lines_of(log) if r["event"] == "decision"], timeout=20)
        assert first, "the timer never fired"
        assert first[0]["how"] == "timeout" and first[0]["choice"] == {"number": 2, "text": "Wait for more"}
        assert first[0]["seconds"] >= 0.9
        # the next scene declares no timeout: the game keeps waiting for the room
        time.sleep(1.5)
        assert len([r for r in lines_of(log) if r["event"] == "decision"]) == 1
        out, err = proc.communicate("1\n", timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "Time is up." in out and "The clock decided: Wait for more" in out
    assert "(Timer: 1 second to decide.)" in out
    recs = lines_of(log)
    assert [r["event"] for r in recs] == ["start", "decision", "decision", "ending"]
    assert recs[2]["how"] == "chosen" and recs[3]["scene"] == "bad-end"
    r = subprocess.run(briefing_command() + ["report", str(log)], capture_output=True, text=True, timeout=60)
    assert "| 2. Wait for more (timeout: 1) | 1 | 100% | Slow |" in r.stdout
    assert "| Decision | Slow |" in r.stdout
    assert "| The first report | 2. Wait for more (timeout) |" in r.stdout
    assert "| Ending | Too late |" in r.stdout


def test_answers_in_time_beat_the_timer(tmp_path):
    log = tmp_path / "fast.jsonl"
    r = play(tmp_path / "data", "1\n1\n", "--workshop", "--timer", "30", "--log", log)
    assert r.returncode == 0, r.stderr
    assert "Time is up" not in r.stdout
    assert [x["how"] for x in lines_of(log) if x["event"] == "decision"] == ["chosen", "chosen"]


def test_workshop_logs_into_the_session_folder(tmp_path):
    data = tmp_path / "data"
    r = play(data, "2\n1\n", "--workshop", "--team", "Red")
    assert r.returncode == 0, r.stderr
    line = r.stderr.strip()
    assert line.startswith("Session log: ")
    path = line[len("Session log: ") :]
    folder = data / "sessions" / time.strftime("%Y-%m-%d")
    assert os.path.dirname(path) == str(folder)
    recs = lines_of(folder / os.path.basename(path))
    assert [x["event"] for x in recs] == ["start", "decision", "decision", "ending"]
    assert {x["team"] for x in recs} == {"Red"}
    assert os.path.basename(path) == recs[0]["session"] + ".jsonl"


def test_unwritable_log_is_one_line_and_exit_1(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    r = play(tmp_path / "data", "1\n1\n", "--log", blocker / "log.jsonl")
    assert r.returncode == 1
    assert r.stderr.strip().startswith(f"{blocker / 'log.jsonl'}: error: cannot write the session log")
    assert "Traceback" not in r.stderr
    r = play(tmp_path / "data", "1\n1\n", "--log", tmp_path)
    assert (
        r.returncode == 1
        and r.stderr.strip() == f"{tmp_path}: error: is a folder; --log takes a file (it is appended to)"
    )


def test_sessionlog_api_with_a_vote_tally(tmp_path, mini):
    path = tmp_path / "s.jsonl"
    log = SessionLog(path, "abc123", "Plenary", mini)
    game = Game.new(mini)
    log.start(game)
    options = game.options()
    step = game.choose(1, seconds=42.5, how="vote")
    log.decision(game, step, options, tally={1: 12, 2: 7})
    options = game.options()
    log.decision(game, game.choose(1, seconds=3), options)
    log.ending(game)
    recs = lines_of(path)
    assert [r["event"] for r in recs] == ["start", "decision", "decision", "ending"]
    assert all(r["session"] == "abc123" and r["team"] == "Plenary" and r["scenario"] == "mini" for r in recs)
    assert recs[1]["how"] == "vote" and recs[1]["tally"] == {"1": 12, "2": 7} and recs[1]["seconds"] == 42.5
    assert "tally" not in recs[2]
    assert recs[1]["n"] == 1 and recs[2]["n"] == 2
    from briefing.workshop.render import render_markdown
    from briefing.workshop.report import build_report

    events, problems = read_logs([path])
    assert not problems
    md = render_markdown(build_report(events))
    # the games a vote decided and the votes cast are columns apart from the teams' own choices
    assert "| Choice | Taken by teams | Taken by vote | Share | Votes cast | Teams |" in md
    assert "| 1. Brief the minister now | 0 | 1 | 100% | 12 | Plenary |" in md
    assert "| 2. Wait for more | 0 | 0 | 0% | 7 |  |" in md
    assert "time: median 42 s, mean 42 s, max 42 s." in md  # the wire scene's one decision


def test_sessionlog_starts_itself_and_survives_write_errors(tmp_path, mini):
    path = tmp_path / "auto.jsonl"
    errors = []
    log = SessionLog(path, "s1", "", mini, on_error=errors.append)
    game = Game.new(mini)
    options = game.options()
    log.decision(game, game.choose(2), options)  # no start(): it is written first
    assert [r["event"] for r in lines_of(path)] == ["start", "decision"]
    assert "resumed_at" not in lines_of(path)[0]
    blocked = SessionLog(tmp_path / "auto.jsonl" / "x.jsonl", "s2", "", mini, on_error=errors.append)
    with pytest.raises(SessionLogError):
        blocked.start(game)
    blocked.decision(game, game.choose(1), game.options())  # never raises mid-game
    assert len(errors) == 1 and "cannot write the session log" in errors[0]


def test_plain_hooks_and_session_folder(tmp_path, mini):
    said = []
    on_step, on_end, _on_answer, _on_rollback = plain_hooks(
        LogOptions(team="Blue", scenario=mini), None, said.append
    )
    path = on_end.__self__.path
    assert path.parent == session_folder() and path.suffix == ".jsonl"
    assert said == [f"Session log: {path}"]
    game = Game.new(mini)
    options = game.options()
    on_step(game, game.choose(1), options)
    options = game.options()
    on_step(game, game.choose(1), options)
    on_end(game)
    assert [r["event"] for r in lines_of(path)] == ["start", "decision", "decision", "ending"]


def test_read_logs_skips_bad_lines_never_raises(tmp_path):
    f = tmp_path / "mixed.jsonl"
    good = {
        "v": 1,
        "event": "decision",
        "session": "s",
        "team": "",
        "scenario": "x",
        "scene": "a",
        "choice": {"number": 1, "text": "t"},
    }
    lines = [
        json.dumps(good),
        "{",
        json.dumps({**good, "choice": {"number": "1"}}),
        json.dumps({**good, "v": 99}),
        json.dumps({**good, "event": "future-thing"}),
        json.dumps({**good, "seconds": -1}),
        json.dumps({**good, "tally": {"1": "many"}}),
        "[" * 100000,
        json.dumps(good),
    ]
    f.write_bytes(("\n".join(lines) + "\n").encode() + b"\xff\xfe\n")
    events, problems = read_logs([f])
    assert len(events) == 2
    assert [p.split(": error:")[0] for p in problems] == [f"{f}:{n}" for n in (2, 3, 4, 6, 7, 8, 10)]
    assert "newer version of briefing" in problems[2]
    assert "not UTF-8" in problems[-1]
