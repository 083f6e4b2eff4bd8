"""``briefing serve --timer 180 --workshop``: a served game with the facilitator panel and its countdown,
started over the websocket, paused by the facilitator console through the control file."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import threading
import time
import urllib.request

import pytest

from tests.workshop.helpers import (
    MINI,
    briefing_command,
    env_for,
    free_port,
    lines_of,
    run_briefing,
    stop_server,
    wait_for,
)


def _post(url: str, key: str, body: dict) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode("utf-8"),
        headers={"X-Facilitator-Key": key, "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=5) as r:
        return r.status


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def test_serve_timer_workshop_game_over_the_websocket(tmp_path):
    aiohttp = pytest.importorskip("aiohttp")
    data = tmp_path / "data"
    port = free_port()
    proc = subprocess.Popen(
        briefing_command()
        + ["serve", str(MINI), "--host", "127.0.0.1", "--port", str(port), "--timer", "180", "--workshop"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env_for(data),
        start_new_session=True,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    folder = data / "sessions" / time.strftime("%Y-%m-%d")
    try:
        key = None
        for line in proc.stdout:  # the banner names the console's key; then the server answers
            found = re.search(r"/facilitator\?key=(\w+)", line)
            if found:
                key = found.group(1)
                break
        assert key, "serve printed no console address"
        threading.Thread(target=proc.stdout.read, daemon=True).start()  # the server never blocks on its pipe
        assert wait_for(lambda: _answers(base + "/"), timeout=30, step=0.2), "serve does not answer"

        async def team_plays() -> str:
            shown = bytearray()

            async def drain(seconds: float) -> None:
                """Whatever the game sends for ``seconds`` (the countdown redraws it all the time)."""
                end = asyncio.get_running_loop().time() + seconds
                try:
                    while (left := end - asyncio.get_running_loop().time()) > 0:
                        msg = await asyncio.wait_for(ws.receive(), left)
                        if msg.type == aiohttp.WSMsgType.BINARY:
                            shown.extend(msg.data)
                        elif msg.type != aiohttp.WSMsgType.TEXT:
                            return
                except TimeoutError:
                    return

            async with aiohttp.ClientSession() as session:
                async with session.ws_connect(f"{base}/ws/team/Red?width=120&height=40") as ws:
                    await ws.send_json(["resize", {"width": 120, "height": 40}])
                    await drain(4)
                    await ws.send_json(["stdin", "n"])
                    await drain(3)
                    status = await asyncio.to_thread(
                        _post, f"{base}/facilitator/control", key, {"action": "pause"}
                    )
                    assert status == 200

                    def paused():
                        return [
                            r for f in folder.glob("*.jsonl") for r in lines_of(f) if r["event"] == "pause"
                        ]

                    assert await asyncio.to_thread(wait_for, paused, 20), "the game did not pause"
                    await ws.send_json(["stdin", "1"])
                    await drain(3)
            return shown.decode("utf-8", "replace")

        screen = asyncio.run(asyncio.wait_for(team_plays(), 90))
        assert "Facilitator" in screen and "Votes" in screen  # the workshop panel
        assert "left of 3 min" in screen  # the countdown of --timer 180
        recs = [r for f in folder.glob("*.jsonl") for r in lines_of(f)]
        # paused at the first scene; the scene the decision led to is held as well
        assert [r["event"] for r in recs] == ["start", "pause", "decision", "pause"]
        assert recs[0]["team"] == "Red" and recs[0]["slot"] == "team-red"
        assert [(r["paused"], r["scene"]) for r in recs if r["event"] == "pause"] == [
            (True, "wire"),
            (True, "briefed"),
        ]
    finally:
        stop_server(proc)


def test_facilitate_usage_errors_are_one_line(tmp_path):
    r = run_briefing(tmp_path, "facilitate", str(MINI), "--port", "0")
    assert r.returncode == 2 and r.stderr.strip() == "briefing: error: --port takes a number from 1 to 65535"
    r = run_briefing(tmp_path, "facilitate", str(MINI), "--folder", tmp_path / "nope")
    assert r.returncode == 2
    assert r.stderr.strip() == f"briefing: error: --folder {tmp_path / 'nope'}: no such folder"
    r = run_briefing(tmp_path, "facilitate", tmp_path / "missing")
    assert r.returncode != 0 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) >= 1
    r = run_briefing(tmp_path, "--help")
    assert "facilitate" in r.stdout
