"""``briefing serve``: who may join (Host, Origin, join code, cap, team names), the facilitator console and
its control file, the workshop options passed to every game, and a page that loads nothing from the net."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from briefing.workshop.control import Control, ControlWatcher, read_control, write_control
from briefing.workshop.serve import Access, TeamSlots, child_command, offline_template
from tests.workshop.helpers import MINI, briefing_command, env_for, free_port, run_briefing, wait_for


def request(url: str, headers: dict | None = None, data: bytes | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, OSError):
        return 0, ""


class Served:
    def __init__(self, tmp_path, *args: str):
        self.data = tmp_path / "data"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        tmp_path.mkdir(parents=True, exist_ok=True)
        self.out = tmp_path / "serve.out"
        self.proc = subprocess.Popen(
            briefing_command() + ["serve", str(MINI), "--port", str(self.port), *args],
            stdout=self.out.open("wb"),
            stderr=subprocess.STDOUT,
            env=env_for(self.data),
            start_new_session=True,
        )

    def started(self) -> str:
        text = wait_for(lambda: "Facilitator console" in self.text() and self.text(), timeout=30)
        if not text or request(self.base + "/facilitator")[0] == 0:
            assert wait_for(lambda: request(self.base + "/facilitator")[0] != 0, timeout=30), self.text()
        return self.text()

    def text(self) -> str:
        return self.out.read_text(encoding="utf-8", errors="replace") if self.out.exists() else ""

    @property
    def key(self) -> str:
        return re.search(r"/facilitator\?key=(\w+)", self.text()).group(1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


@pytest.fixture
def served(tmp_path):
    made = []

    def start(*args: str) -> Served:
        s = Served(tmp_path / str(len(made)), *args)
        made.append(s)
        s.started()
        return s

    yield start
    for s in made:
        s.stop()


async def _ws_status(url: str, headers: dict | None = None) -> int:
    """The HTTP status of a websocket handshake (101 when a game was opened; closed at once)."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url + "?width=80&height=24", headers=headers or {}) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def _drawn(ws, quiet: float = 1.5) -> int:
    """Read the game's output until it has drawn something and then gone quiet: the bytes read."""
    import aiohttp

    n = 0
    while True:
        try:
            msg = await asyncio.wait_for(ws.receive(), quiet if n else 30)
        except TimeoutError:
            return n
        if msg.type == aiohttp.WSMsgType.BINARY:
            n += len(msg.data)
        elif msg.type != aiohttp.WSMsgType.TEXT:
            return n


def test_a_page_on_another_site_cannot_open_a_game(served):
    pytest.importorskip("aiohttp")
    s = served()
    ws = s.base.replace("http:", "ws:") + "/ws/team/Red"
    assert asyncio.run(_ws_status(ws, {"Origin": "http://evil.example"})) == 403
    assert asyncio.run(_ws_status(ws, {"Origin": "null"})) == 403
    # a name of another site resolved to this machine (DNS rebinding): refused by its Host
    status, _ = request(s.base + "/", {"Host": f"evil.example:{s.port}"})
    assert status == 421
    # the server's own page may
    assert asyncio.run(_ws_status(ws, {"Origin": s.base})) == 101


def test_beyond_loopback_the_join_code_is_needed(served):
    pytest.importorskip("aiohttp")
    s = served("--host", "0.0.0.0", "--join-code", "k3f9q2ab")
    out = s.text()
    assert "Join code: k3f9q2ab" in out and "?code=k3f9q2ab&team=NAME" in out
    status, page = request(s.base + "/?team=Red")
    assert status == 403 and "join code" in page
    status, page = request(s.base + "/?code=k3f9q2ab&team=Red")
    assert status == 200 and "/ws/join/k3f9q2ab/team/Red" in page
    ws = s.base.replace("http:", "ws:")
    assert asyncio.run(_ws_status(ws + "/ws/team/Red")) == 403
    assert asyncio.run(_ws_status(ws + "/ws/join/wrong/team/Red")) == 403


def test_the_cap_on_games_and_team_names_that_fold_to_one_slot(served):
    aiohttp = pytest.importorskip("aiohttp")
    s = served("--max-games", "1")
    assert request(s.base + "/?team=Team%20One")[0] == 200
    status, page = request(s.base + "/?team=team-one")
    assert status == 409 and "too close to &#x27;Team One&#x27;" in page
    assert request(s.base + "/?team=Team%20One")[0] == 200  # the same team again (a reload) is welcome

    async def one_game_then_another():
        async with aiohttp.ClientSession() as session:
            ws = s.base.replace("http:", "ws:") + "/ws/team/Team%20One?width=80&height=24"
            async with session.ws_connect(ws) as first:
                await first.send_json(["resize", {"width": 80, "height": 24}])
                full = await asyncio.to_thread(request, s.base + "/?team=Blue")
                second = await _ws_status(s.base.replace("http:", "ws:") + "/ws/team/Blue")
                return full, second

    (status, page), second = asyncio.run(one_game_then_another())
    assert status == 503 and "The workshop is full" in page and "All 1 games" in page
    assert second == 503


def test_the_served_page_loads_nothing_from_the_internet(served):
    s = served()
    status, page = request(s.base + "/?team=Red")
    assert status == 200
    urls = re.findall(r"""(?:href|src|url)[=(]["']?(https?://[^"')]*)""", page)
    assert urls and all(u.startswith(s.base + "/") for u in urls), urls  # only this server
    assert "fonts/RobotoMono-VariableFont_wght.ttf" in page
    assert request(s.base + "/static/fonts/RobotoMono-VariableFont_wght.ttf")[0] == 200
    assert offline_template('<link rel="stylesheet" href="https://fonts.example/x"/>').startswith("<style>")


def test_the_facilitator_console_shows_games_pauses_them_and_sends_messages(served):
    aiohttp = pytest.importorskip("aiohttp")
    s = served()
    key = s.key
    assert request(s.base + "/facilitator")[0] == 403
    assert request(s.base + "/facilitator?key=wrong")[0] == 403
    status, page = request(s.base + f"/facilitator?key={key}")
    assert status == 200 and "Facilitator console" in page and "textContent" in page
    assert "innerHTML" not in page and "http" not in page.split("<script>")[1].split("fetch(")[0]

    # a team plays one decision; the console, fed by the session logs, shows where it is
    async def play():
        async with aiohttp.ClientSession() as session:
            ws = s.base.replace("http:", "ws:") + "/ws/team/Red?width=100&height=30"
            async with session.ws_connect(ws) as game:
                await game.send_json(["resize", {"width": 100, "height": 30}])
                for key_press in ["n", "1"]:
                    await _drawn(game)
                    await game.send_json(["stdin", key_press])
                await _drawn(game)

    headers = {"X-Facilitator-Key": key}

    def state():
        status, body = request(s.base + "/facilitator/state", headers)
        return json.loads(body) if status == 200 else None

    assert state() is not None and request(s.base + "/facilitator/state")[0] == 403
    asyncio.run(asyncio.wait_for(play(), 60))
    got = wait_for(lambda: (st := state()) and st["games"] and st["games"][0]["decisions"] >= 1 and st, 20)
    assert got, state()
    (red,) = got["games"]
    assert red["team"] == "Red" and red["decisions"] == 1 and red["scene"] == "briefed"
    assert red["scene_title"] and not red["finished"]

    # pause all and send a message: the control file the games poll says so
    folder = s.data / "sessions" / time.strftime("%Y-%m-%d")
    control = folder / f"control-{s.port}.json"

    def post(body: dict, extra: dict | None = None) -> int:
        h = {**headers, "Content-Type": "application/json", **(extra or {})}
        return request(s.base + "/facilitator/control", h, json.dumps(body).encode())[0]

    assert post({"action": "pause"}, {"Origin": "http://evil.example"}) == 403
    assert post({"action": "pause"}, {"X-Facilitator-Key": "wrong"}) == 403
    assert post({"action": "explode"}) == 400
    assert post({"action": "pause"}) == 200 and read_control(control).paused
    assert post({"action": "message", "text": "Five minutes \x1b[31mleft"}) == 200
    assert read_control(control) == Control(True, "Five minutes left", 1)
    assert post({"action": "resume"}) == 200 and not read_control(control).paused
    assert state()["paused"] is False


def test_child_command_carries_the_workshop_options():
    argv = shlex.split(child_command("/s", "Red", "projector", 180, True, "short"))
    assert argv[1:] == [
        "-m",
        "briefing.tui.served",
        "/s",
        "--team",
        "Red",
        "--theme",
        "projector",
        "--timer",
        "180",
        "--workshop",
        "--cut",
        "short",
    ]
    assert shlex.split(child_command("/s"))[1:] == ["-m", "briefing.tui.served", "/s"]


def test_serve_usage_errors_for_the_new_options(tmp_path):
    for args in (["--timer", "0"], ["--max-games", "0"], ["--join-code", "a b"], ["--timer", "x"]):
        r = run_briefing(tmp_path, "serve", MINI, *args)
        assert r.returncode == 2 and "Traceback" not in r.stderr, (args, r.stderr)
    desk = MINI.parent / "desk"
    r = run_briefing(tmp_path, "serve", desk, "--cut", "nope")
    assert r.returncode == 2
    assert (
        r.stderr.strip()
        == "briefing: error: --cut nope: the scenario has no such cut (its cuts: second-half)"
    )


def test_access_rules():
    local = Access("127.0.0.1", 8000)
    assert local.host_allowed("127.0.0.1:8000") and local.host_allowed("localhost:8000")
    assert local.host_allowed("[::1]:8000") and not local.host_allowed("evil.example:8000")
    wide = Access("0.0.0.0", 8000, public_url="https://games.example.org")
    assert wide.host_allowed("192.168.1.5:8000") and wide.host_allowed("games.example.org")
    assert not wide.host_allowed("evil.example") and not wide.host_allowed("bad host")
    assert local.origin_allowed(None, "127.0.0.1:8000")  # not a browser page
    assert local.origin_allowed("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert not local.origin_allowed("http://127.0.0.1:9999", "127.0.0.1:8000")
    assert not local.origin_allowed("null", "127.0.0.1:8000")
    assert wide.origin_allowed("https://games.example.org", "10.0.0.2:8000")
    slots = TeamSlots()
    assert slots.claim("Team One") is None and slots.claim("Team One") is None
    assert "too close" in (slots.claim("team-one") or "") and slots.claim("Team Two") is None


def test_control_watcher_reports_changes_once(tmp_path):
    path = tmp_path / "control.json"
    write_control(path, Control(False, "old news", 3))
    watcher = ControlWatcher(path)
    assert watcher.poll() is None  # an old message is not shown to a game that starts later
    write_control(path, Control(True, "old news", 3))
    change = watcher.poll()
    assert change is not None and change.paused is True and change.message == ""
    assert watcher.poll() is None
    write_control(path, Control(True, "Back in five", 4))
    change = watcher.poll()
    assert change is not None and change.paused is None and change.message == "Back in five"
    path.write_text("{not json", encoding="utf-8")
    change = watcher.poll()  # damaged: reads as nothing to do, the pause is lifted
    assert change is not None and change.paused is False
    # a game that starts while the games are paused learns it at its first poll
    write_control(path, Control(True, "", 5))
    late = ControlWatcher(path)
    change = late.poll()
    assert change is not None and change.paused is True
    assert ControlWatcher(tmp_path / "missing.json").poll() is None
