"""Six plain sessions, logged through the installed command, make an after-action report with the right numbers."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from tests.workshop.helpers import briefing_command, env_for, play

# team -> answers; 4 teams brief at once (choice 1 -> the good ending), 2 wait (choice 2 -> too late)
SESSIONS = [
    ("Alpha", "2\n1\n"),
    ("Bravo", "1\n1\n"),
    ("Charlie", "1\nh\n1\n"),
    ("Delta", "2\n1\n"),
    ("Echo", "1\nd\n1\n"),
    ("Zulu <b>&", "1\n1\n"),
]


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    root = tmp_path_factory.mktemp("workshop")
    data = root / "data"
    folder = root / "logs"
    for i, (team, answers) in enumerate(SESSIONS, 1):
        r = play(data, answers, "--log", folder / f"s{i}.jsonl", "--team", team)
        assert r.returncode == 0, r.stderr
        assert r.stderr == ""
    return folder


def report(*args, cwd=None, data=None):
    e = env_for(data) if data else None
    return subprocess.run(
        briefing_command() + ["report", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env=e,
    )


def test_every_event_is_one_json_line(logs):
    recs = [json.loads(ln) for ln in (logs / "s2.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["event"] for r in recs] == ["start", "decision", "decision", "ending"]
    start, d1, d2, end = recs
    assert (
        start["team"] == "Bravo" and start["scenario"] == "mini" and start["title"] == "Mini: a test scenario"
    )
    assert len({r["session"] for r in recs}) == 1
    assert d1["scene"] == "wire" and d1["scene_title"] == "A wire report"
    assert d1["offered"] == [
        {"number": 1, "text": "Brief the minister now", "enabled": True},
        {"number": 2, "text": "Wait for more", "enabled": True},
        {"number": 3, "text": "Call the embassy", "enabled": False},
    ]
    assert d1["choice"] == {"number": 1, "text": "Brief the minister now"}
    assert d1["how"] == "chosen" and d1["seconds"] >= 0
    assert d1["changes"] == {"trust": [2, 3], "warned": [False, True]}
    assert d1["new_facts"] == []
    assert end["scene"] == "good-end" and end["grade"] == "A" and end["summary"] == "Timely"
    assert end["decisions"] == 2 and end["path"] == ["wire", "briefed", "good-end"]
    waited = [json.loads(ln) for ln in (logs / "s1.jsonl").read_text(encoding="utf-8").splitlines()]
    assert waited[2]["new_facts"] == ["official-line"]


def test_markdown_report_numbers(logs):
    r = report(logs)
    assert r.returncode == 0, r.stderr
    md = r.stdout
    assert "- Games: 6 (6 finished, 0 unfinished)" in md
    assert "- Teams: 6 (Alpha, Bravo, Charlie, Delta, Echo, Zulu \\<b\\>&)" in md
    assert "- Decisions: 12;" in md
    # the split at the first scene
    assert "| 1. Brief the minister now | 4 | 67% | Bravo, Charlie, Echo, Zulu \\<b\\>& |" in md
    assert "| 2. Wait for more | 2 | 33% | Alpha, Delta |" in md
    assert "| 3. Call the embassy | 0 | 0% |  |" in md
    # the endings
    assert "| A good briefing: Timely | A | 4 | 67% |" in md
    assert "| Too late |  | 2 | 33% |" in md
    # scenario order (wire, briefed, waited), not log order (Alpha waited first)
    assert md.index("(`wire`)") < md.index("(`briefed`)") < md.index("(`waited`)")
    assert "| 1. Good | 4 | 100% |" in md
    # each team's path, and the debrief notes of the key scene
    # turned: one row per key decision, one column per team (A4 landscape holds eight teams)
    assert "| Decision | Alpha | Bravo | Charlie | Delta | Echo | Zulu \\<b\\>& |" in md
    assert (
        "| The first report | 2. Wait for more | 1. Brief the minister now | 1. Brief the minister now "
        "| 2. Wait for more | 1. Brief the minister now | 1. Brief the minister now |" in md
    )
    assert "| Ending | Too late | A good briefing | A good briefing | Too late |" in md
    # the biggest split first, each team's ending and grade, a table of contents
    assert (
        "| 1 | The first report (A wire report) | 6 | 33% | 1. Brief the minister now: 4 / 2. Wait for more: 2 |"
        in md
    )
    assert "| Alpha | Too late |  | 2 |" in md and "| Bravo | A good briefing | A | 2 |" in md
    assert "- [Where the teams split](#where-the-teams-split)" in md
    assert "Grading a report early matters." in md
    assert (
        "- **1. Brief the minister now** (chosen by Bravo, Charlie, Echo, Zulu \\<b\\>&): Early and honest."
        in md
    )
    assert "time: median" in md


def test_html_report_numbers_and_self_contained(logs, tmp_path):
    out = tmp_path / "after-action.html"
    r = report(logs, "-o", out)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert (
        '<tr><td>1. Brief the minister now</td><td class="num">4</td><td class="num">67%</td>'
        "<td>Bravo, Charlie, Echo, Zulu &lt;b&gt;&amp;</td></tr>"
    ) in page
    assert '<tr><td>2. Wait for more</td><td class="num">2</td><td class="num">33%</td>' in page
    assert (
        '<tr><td>A good briefing: Timely</td><td>A</td><td class="num">4</td><td class="num">67%</td></tr>'
        in page
    )
    assert '<tr><td>Too late</td><td></td><td class="num">2</td><td class="num">33%</td></tr>' in page
    # inline SVG bars, print styles, nothing fetched, nothing run
    assert page.count("<svg") >= 4 and "4 (67%)" in page
    assert "@media print" in page
    assert not re.search(r'<script|<link|<img|<iframe|\bsrc=|\bhref=(?!"#)|@import|url\(', page, re.I)
    # everything from logs and scenarios escaped
    assert "Zulu <b>" not in page and "Zulu &lt;b&gt;&amp;" in page
    # same numbers on stdout with --format html
    r2 = report(logs, "--format", "html")
    assert r2.returncode == 0 and '<td class="num">67%</td>' in r2.stdout


def test_files_and_folders_give_the_same_report(logs, tmp_path):
    files = sorted(logs.glob("*.jsonl"))
    a = report(*files)
    b = report(logs)
    strip = lambda s: re.sub(r"Generated [^\n]*\n", "", s)  # noqa: E731
    assert strip(a.stdout) == strip(b.stdout)
    out = tmp_path / "r.md"
    assert report(logs, "-o", out).returncode == 0
    assert strip(out.read_text(encoding="utf-8")) == strip(b.stdout)


def test_bad_line_is_reported_with_its_line_number(logs, tmp_path):
    bad = tmp_path / "bad.jsonl"
    good = (logs / "s2.jsonl").read_text(encoding="utf-8").splitlines()
    bad.write_text(
        "\n".join([good[0], good[1], "this is not json", '["a list"]', good[2], good[3]]) + "\n",
        encoding="utf-8",
    )
    r = report(bad)
    assert f"{bad}:3: error: not JSON" in r.stderr
    assert f"{bad}:4: error: not a session log event" in r.stderr
    assert "Traceback" not in r.stderr
    assert r.returncode == 1  # the report is still made, but lines were lost
    assert "- Games: 1 (1 finished, 0 unfinished)" in r.stdout
    assert "| 1. Brief the minister now | 1 | 100% |" in r.stdout


def test_truncated_last_line_is_named(tmp_path, logs):
    cut = tmp_path / "cut.jsonl"
    text = (logs / "s1.jsonl").read_text(encoding="utf-8")
    cut.write_text(text[: len(text) - 20], encoding="utf-8")
    r = report(cut)
    assert f"{cut}:4: error: incomplete last line" in r.stderr
    assert "1 unfinished" in r.stdout


def test_missing_and_unreadable_inputs(tmp_path):
    r = report(tmp_path / "nope.jsonl")
    assert (
        r.returncode == 1 and r.stderr.strip() == f"{tmp_path / 'nope.jsonl'}: error: no such file or folder"
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    r = report(empty)
    assert (
        r.returncode == 1 and r.stderr.strip() == f"{empty}: error: no session logs (*.jsonl) in this folder"
    )
    blank = tmp_path / "blank.jsonl"
    blank.write_text("", encoding="utf-8")
    r = report(blank)
    assert r.returncode == 1 and "no session events" in r.stderr and "Traceback" not in r.stderr
    r = report()
    assert r.returncode == 2
    r = report(blank, "--format", "pdf")
    assert r.returncode == 2


def test_unloadable_scenario_falls_back_to_log_order(logs, tmp_path):
    # logs that name a scenario nobody can find: log order, no debrief notes, a note saying so
    moved = tmp_path / "moved"
    moved.mkdir()
    for f in sorted(logs.glob("*.jsonl")):
        recs = [json.loads(ln) for ln in f.read_text(encoding="utf-8").splitlines()]
        for rec in recs:
            rec["scenario"] = "gone"
            rec.pop("root", None)
        (moved / f.name).write_text("".join(json.dumps(x) + "\n" for x in recs), encoding="utf-8")
    r = report(moved)
    assert r.returncode == 0, r.stderr
    md = r.stdout
    assert "could not be loaded" in md
    assert md.index("(`wire`)") < md.index("(`waited`)") < md.index("(`briefed`)")
    assert "| 1. Brief the minister now | 4 | 67% |" in md
    assert "| 2. Wait for more | 2 | 33% |" in md
    assert "| 3. Call the embassy | 0 | 0% |  |" in md  # known from what was offered
    assert "| A good briefing: Timely | A | 4 | 67% |" in md
    assert "Debrief notes" not in md
