"""``briefing serve``: answers HTTP on loopback, plays a logged game per connection, renders in a browser."""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from briefing.workshop.serve import clean_team, is_loopback
from tests.workshop.helpers import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    MINI,
    briefing_command,
    env_for,
    free_port,
    lines_of,
    run_briefing,
    stop_server,
    wait_for,
)


def fetch(url: str, timeout: float = 5.0) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.read().decode("utf-8", "replace")
    except (TimeoutError, urllib.error.URLError, ConnectionError, OSError):
        return None


@pytest.fixture
def server(tmp_path):
    """A running ``briefing serve MINI`` on 127.0.0.1 and a free port: (base url, data folder)."""
    data = tmp_path / "data"
    port = free_port()
    proc = subprocess.Popen(
        briefing_command() + ["serve", str(MINI), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env_for(data),
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        page = wait_for(lambda: proc.poll() is not None or fetch(base + "/", timeout=2), timeout=30, step=0.2)
        if proc.poll() is not None or not page:
            out = proc.stdout.read().decode("utf-8", "replace") if proc.poll() is not None else ""
            pytest.fail(f"briefing serve did not answer: {out}")
        yield base, data
    finally:
        stop_server(proc)
        proc.stdout.close()


def test_serve_answers_with_the_app_page(server):
    base, data = server
    page = fetch(base + "/")
    assert page is not None
    assert 'data-session-websocket-url="ws://127.0.0.1:' in page and '/ws"' in page
    assert "/static/js/textual.js" in page
    assert "Mini: a test scenario" in page
    assert fetch(base + "/static/js/textual.js") is not None
    # a team names itself in the address; the name is cleaned before it goes anywhere
    page = fetch(base + "/?team=Red%20Team%3Cscript%3E%22")
    assert '/ws/team/Red%20Teamscript"' in page
    assert '<script>"' not in page and "team Red Teamscript" in page


def _drain(ws, seconds):
    import aiohttp

    async def run():
        n = 0
        try:
            while True:
                msg = await asyncio.wait_for(ws.receive(), seconds)
                if msg.type == aiohttp.WSMsgType.BINARY:
                    n += len(msg.data)
                elif msg.type != aiohttp.WSMsgType.TEXT:
                    return n
        except TimeoutError:
            return n

    return run()


def test_each_connection_plays_its_own_logged_game(server):
    aiohttp = pytest.importorskip("aiohttp")
    base, data = server
    folder = data / "sessions" / time.strftime("%Y-%m-%d")

    async def team_plays(team: str, keys: list[str]) -> int:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"{base}/ws/team/{team}?width=100&height=30") as ws:
                await ws.send_json(["resize", {"width": 100, "height": 30}])
                got = await _drain(ws, 4)
                for key in keys:
                    await ws.send_json(["stdin", key])
                    got += await _drain(ws, 1.5)
                return got

    async def both():
        return await asyncio.wait_for(
            asyncio.gather(team_plays("Red", ["n", "1", "1"]), team_plays("Blue", ["n", "2", "1"])), 90
        )

    sent = asyncio.run(both())
    assert all(n > 1000 for n in sent), "the app did not draw"

    def logs():
        files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
        done = [f for f in files if any(r["event"] == "ending" for r in lines_of(f))]
        return files if len(done) == 2 else None

    files = wait_for(logs, timeout=20)
    assert files and len(files) == 2
    by_team = {lines_of(f)[0]["team"]: lines_of(f) for f in files}
    assert set(by_team) == {"Red", "Blue"}
    assert [r["scene"] for r in by_team["Red"] if r["event"] == "ending"] == ["good-end"]
    assert [r["scene"] for r in by_team["Blue"] if r["event"] == "ending"] == ["bad-end"]
    assert len({recs[0]["session"] for recs in by_team.values()}) == 2
    r = subprocess.run(
        briefing_command() + ["report", str(folder)], capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 0, r.stderr
    assert "| 1. Brief the minister now | 1 | 50% | Red |" in r.stdout


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no /usr/bin/chromium")
def test_the_page_renders_in_headless_chromium(server, tmp_path):
    aiohttp = pytest.importorskip("aiohttp")
    base, data = server
    flags = CHROMIUM_FLAGS
    # the static page, as the browser parses it
    dom = subprocess.run(
        [CHROMIUM, *flags, f"--user-data-dir={tmp_path / 'profile1'}", "--dump-dom", base + "/?team=Green"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert 'class="textual-terminal' in dom.stdout and "team Green" in dom.stdout
    # the live page: wait (in real time) until the game process has drawn its first bytes, then screenshot
    profile = tmp_path / "profile2"
    proc = subprocess.Popen(
        [
            CHROMIUM,
            *flags,
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "--window-size=1024,768",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    async def drive() -> tuple[str, bytes]:
        port_file = profile / "DevToolsActivePort"
        for _ in range(200):
            if port_file.exists() and port_file.read_text().count("\n") >= 1:
                break
            await asyncio.sleep(0.1)
        port = port_file.read_text().split("\n")[0]
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/json/list") as r:
                targets = await r.json()
            page = next(t for t in targets if t["type"] == "page")
            async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                counter = 0

                async def call(method, **params):
                    nonlocal counter
                    counter += 1
                    await ws.send_json({"id": counter, "method": method, "params": params})
                    while True:
                        msg = await ws.receive_json()
                        if msg.get("id") == counter:
                            return msg.get("result", {})

                await call("Page.enable")
                await call("Page.navigate", url=base + "/?team=Green")
                classes = ""
                for _ in range(120):
                    await asyncio.sleep(0.25)
                    res = await call(
                        "Runtime.evaluate", expression="document.body ? document.body.className : ''"
                    )
                    classes = res.get("result", {}).get("value", "")
                    if "-first-byte" in classes:
                        break
                await asyncio.sleep(1.0)
                shot = await call("Page.captureScreenshot", format="png")
                return classes, base64.b64decode(shot.get("data", ""))

    try:
        classes, png = asyncio.run(asyncio.wait_for(drive(), 90))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    assert "-first-byte" in classes, f"the game never drew in the browser (body class: {classes!r})"
    assert png.startswith(b"\x89PNG") and len(png) > 5000


def test_port_in_use_is_one_line(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        r = subprocess.run(
            briefing_command() + ["serve", str(MINI), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env_for(tmp_path),
        )
    assert r.returncode == 1
    assert f"briefing: error: cannot listen on 127.0.0.1:{port}" in r.stderr
    assert "Traceback" not in r.stderr


def test_usage_errors(tmp_path):
    for args in (["--port", "0"], ["--port", "70000"], ["--port", "x"], ["--public-url", "ftp://x"]):
        r = run_briefing(tmp_path, "serve", MINI, *args)
        assert r.returncode == 2, (args, r.stderr)
    r = run_briefing(tmp_path, "serve", tmp_path / "nope")
    assert r.returncode == 2 and "no scenario folder" in r.stderr


def _args(**kw):
    base = dict(
        scenario=str(MINI),
        host="127.0.0.1",
        port=8000,
        public_url=None,
        theme=None,
        timer=None,
        workshop=False,
    )
    base.update(cut=None, max_games=40, join_code=None)
    base.update(kw)
    return argparse.Namespace(**base)


def test_non_loopback_warns_in_one_line(monkeypatch, capsys):
    import briefing.workshop.serve
    from briefing.cli import serve as cmd

    served = []

    class Fake:
        def serve(self):
            served.append(True)

    monkeypatch.setattr(briefing.workshop.serve, "make_server", lambda *a, **k: Fake())
    assert cmd.run(_args(host="0.0.0.0")) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("briefing: warning: listening on 0.0.0.0")
    assert cmd.run(_args(host="127.0.0.1")) == 0
    assert capsys.readouterr().err == ""
    assert served == [True, True]


def test_missing_textual_serve_gives_a_hint(monkeypatch, capsys):
    from briefing.cli import serve as cmd

    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert cmd.run(_args()) == 1
    assert (
        capsys.readouterr().err.strip()
        == "briefing: error: 'briefing serve' needs textual-serve: pip install 'briefing[serve]'"
    )


def test_helpers():
    assert (
        is_loopback("127.0.0.1")
        and is_loopback("::1")
        and is_loopback("localhost")
        and is_loopback("127.0.0.2")
    )
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
    assert clean_team("  Red  Team ") == "Red Team"
    assert clean_team("a;rm -rf /`$(x)'\"<>") == "arm -rf x"
    assert clean_team("Équipe Ünë") == "Équipe Ünë"
    assert len(clean_team("x" * 100)) == 40


def test_team_slot():
    from briefing.workshop.serve import team_slot

    assert team_slot("Red Team") == "team-red-team" and team_slot("a.b/../c") == "team-a-b-c"
    assert team_slot("") is None and team_slot("...") is None


def test_child_game_replays_are_new_sessions_and_teams_keep_their_own_autosave(monkeypatch, data_dir):
    """The process behind one browser tab: Play again starts a new session (a new log file); the team's
    autosave goes to its own slot, so Continue never picks up another team's game."""
    import asyncio

    from briefing.core import saves
    from briefing.tui.app import BriefingApp
    from briefing.tui.served import child_main
    from briefing.workshop.sessionlog import session_folder

    def run(self):
        async def go():
            async with self.run_test(size=(100, 30)) as pilot:
                for key in ["n", "1", "1", "n", "2"]:  # an ending, play again, one decision
                    await pilot.press(key)
                    await pilot.pause()

        asyncio.run(go())

    monkeypatch.setattr(BriefingApp, "run", run)
    assert child_main([str(MINI), "--team", "Red"]) == 0
    files = sorted(session_folder().glob("*.jsonl"), key=lambda p: lines_of(p)[0]["time"] + p.name)
    assert len(files) == 2
    by_events = sorted([[r["event"] for r in lines_of(f)] for f in files])
    assert by_events == [["start", "decision"], ["start", "decision", "decision", "ending"]]
    assert len({lines_of(f)[0]["session"] for f in files}) == 2
    assert {r["team"] for f in files for r in lines_of(f)} == {"Red"}
    assert saves.slot_path("mini", "team-red").is_file()
    assert not saves.slot_path("mini", saves.AUTOSAVE).exists()
