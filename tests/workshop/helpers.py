"""Helpers for the workshop tests: the installed command, free ports, polling."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from tests.conftest import MINI, briefing_command

__all__ = [
    "CHROMIUM",
    "CHROMIUM_FLAGS",
    "MINI",
    "briefing_command",
    "env_for",
    "free_port",
    "lines_of",
    "play",
    "run_briefing",
    "stop_server",
    "wait_for",
]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def env_for(data_dir: Path) -> dict:
    e = dict(os.environ)
    e["BRIEFING_DATA_DIR"] = str(data_dir)
    e.pop("BRIEFING_DEBUG", None)
    e["NO_COLOR"] = "1"
    return e


def play(data_dir: Path, answers: str, *args, timeout: float = 60) -> subprocess.CompletedProcess:
    """``briefing play --plain MINI ARGS`` with ``answers`` on stdin (the installed command)."""
    return subprocess.run(
        briefing_command() + ["play", "--plain", str(MINI), *map(str, args)],
        input=answers,
        capture_output=True,
        text=True,
        env=env_for(data_dir),
        timeout=timeout,
    )


def run_briefing(data_dir: Path, *args) -> subprocess.CompletedProcess:
    """``briefing ARGS`` (the installed command), its output captured, with ``data_dir`` as its data folder."""
    return subprocess.run(
        briefing_command() + [str(a) for a in args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env_for(data_dir),
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float = 20.0, step: float = 0.1):
    """Poll ``predicate`` until it returns something true; that value, or None after ``timeout``."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def lines_of(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def stop_server(proc: subprocess.Popen) -> None:
    """Stop a server started with ``start_new_session=True``: SIGTERM, then its whole group if it lingers."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
