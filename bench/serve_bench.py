#!/usr/bin/env python3
"""Capacity of ``briefing serve``: N games over the websocket on loopback, memory per game, time to title.

Starts ``briefing serve`` on 127.0.0.1 (a free port, a scratch data folder), measures the floor (one game
alone: seconds from opening its websocket until the title screen's "New game" is drawn), then opens N
games, one every INTERVAL seconds, each timed the same way, and while all N are running reads the memory
of the game processes (proportional set size from /proc, so shared libraries are shared out; RSS shown
too). Everything it starts is stopped at the end, whatever happens.

Prints the floor, the time to title of every game (median, max, and the max against the floor), and the
memory per game. Exit status 1 when a game took longer than --limit seconds to show its title or used
more than --memory MB (the targets of a 40-team course on a 2-core machine: 5 s and 60 MB).

    .venv/bin/python bench/serve_bench.py [--games 40] [--interval 1.5] [--limit 5] [--memory 60]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TITLE = b"New game"
MAX_GAMES = 100  # bounded: this is a benchmark, not a load test of the machine


def briefing() -> list[str]:
    exe = Path(sys.executable).with_name("briefing")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "briefing"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of a process in kB; (0, 0) when it is gone."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def game_processes(server: int) -> list[int]:
    """The game processes of the server (``python -m briefing.tui.served``), not the shells around them."""
    out = []
    for pid in descendants(server):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"briefing.tui.served" in cmd and not cmd.startswith((b"/bin/sh", b"sh\0")):
            out.append(pid)
    return out


drains: list[asyncio.Task[None]] = []


async def _drain(ws: Any) -> None:
    """Read (and answer pings) until the websocket closes, as a browser would."""
    import aiohttp

    while True:
        msg = await ws.receive()
        if msg.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
            return


async def open_game(url: str, timeout: float, held: list[Any]) -> float | None:
    """Open one game; seconds until its title is drawn (None: not within ``timeout``). Kept open in ``held``."""
    import aiohttp

    session = aiohttp.ClientSession()
    start = time.perf_counter()
    try:
        ws = await session.ws_connect(url + "?width=100&height=30")
    except (aiohttp.ClientError, OSError):
        await session.close()
        return None
    held.append((session, ws))
    await ws.send_json(["resize", {"width": 100, "height": 30}])
    seen = b""
    while time.perf_counter() - start < timeout:
        try:
            msg = await asyncio.wait_for(ws.receive(), timeout)
        except TimeoutError:
            break
        if msg.type == aiohttp.WSMsgType.BINARY:
            seen = (seen + msg.data)[-200_000:]
            if TITLE in seen:
                took = time.perf_counter() - start
                drains.append(asyncio.create_task(_drain(ws)))  # keep reading: the game stays alive
                return took
        elif msg.type != aiohttp.WSMsgType.TEXT:
            break
    return None


async def run(args: argparse.Namespace, base: str, server: subprocess.Popen[bytes]) -> int:
    held: list[Any] = []
    ws = base.replace("http:", "ws:") + "/ws/team/"
    try:
        floor = await open_game(ws + "Floor", 60, held)
        for session, sock in held:
            await sock.close()
            await session.close()
        held.clear()
        if floor is None:
            print("the floor game never showed its title")
            return 1
        print(f"floor: one game alone shows its title in {floor:.2f} s")

        tasks = []
        for i in range(args.games):
            tasks.append(asyncio.create_task(open_game(f"{ws}Team{i:03d}", 60, held)))
            if i < args.games - 1:
                await asyncio.sleep(args.interval)
        times = await asyncio.gather(*tasks)
        games = game_processes(server.pid)
        mem = [memory_kb(p) for p in games]
    finally:
        for task in drains:
            task.cancel()
        for session, sock in held:
            await sock.close()
            await session.close()

    done = [t for t in times if t is not None]
    failed = len(times) - len(done)
    print(
        f"{args.games} games, one every {args.interval} s: title within {statistics.median(done):.2f} s (median), "
        f"{max(done):.2f} s (max, {max(done) / floor:.1f}x the floor); {failed} never showed it"
        if done
        else f"{args.games} games: none showed its title"
    )
    pss = [p for p, _ in mem if p]
    rss = [r for _, r in mem if r]
    if pss:
        print(
            f"memory per game: {statistics.mean(pss) / 1024:.1f} MB PSS (max {max(pss) / 1024:.1f}), "
            f"{statistics.mean(rss) / 1024:.1f} MB RSS, over {len(pss)} game processes running at once"
        )
    ok = bool(done) and not failed and max(done) <= args.limit
    ok = ok and bool(pss) and max(pss) / 1024 <= args.memory
    print("PASS" if ok else f"FAIL (targets: title within {args.limit} s, at most {args.memory} MB per game)")
    return 0 if ok else 1


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--games", type=int, default=40)
    p.add_argument("--interval", type=float, default=1.5, help="seconds between two games joining")
    p.add_argument("--limit", type=float, default=5.0, help="seconds a game may take to show its title")
    p.add_argument("--memory", type=float, default=60.0, help="MB a game may use (PSS)")
    p.add_argument("--scenario", default=None, help="a scenario folder (default: the default scenario)")
    args = p.parse_args()
    if not 1 <= args.games <= MAX_GAMES:
        p.error(f"--games takes 1 to {MAX_GAMES}")
    try:
        import aiohttp  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError:
        print("serve_bench: needs the serve extra (pip install 'briefing[serve]'); skipped")
        return 0

    scratch = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    env = dict(os.environ, BRIEFING_DATA_DIR=str(scratch), NO_COLOR="1")
    port = free_port()
    argv = briefing() + [
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--max-games",
        str(args.games + 1),
    ]
    if args.scenario:
        argv.insert(len(briefing()) + 1, args.scenario)
    server = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/", timeout=1).read()
                break
            except OSError:
                if server.poll() is not None:
                    print("serve_bench: the server did not start")
                    return 1
                time.sleep(0.1)
        return asyncio.run(run(args, base, server))
    finally:
        started = descendants(server.pid)  # the games and their shells: stopped with the server
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
        for pid in started:
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass  # already gone
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
