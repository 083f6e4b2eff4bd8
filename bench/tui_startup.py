#!/usr/bin/env python3
"""Cold start of the terminal player against a minimal Textual app, measured in the same run.

Each program is started in a pseudo-terminal (100x30) and timed until its text is on the screen: for
``briefing play SCENARIO`` the scenario's title on the title screen, for the minimal app its one line.
Runs alternate, the medians are compared, and the ratio is printed. Exit status 1 when the ratio is
above the limit (1.5 by default).

    .venv/bin/python bench/tui_startup.py [--runs 7] [--limit 1.5] [--scenario FOLDER]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = """
from textual.app import App
from textual.widgets import Static


class Minimal(App):
    def compose(self):
        yield Static("MINIMAL APP READY")


Minimal().run()
"""


def time_to_text(argv: list[str], needle: bytes, env: dict, timeout: float = 30.0) -> float:
    """Seconds from spawning ``argv`` in a pty until ``needle`` appears in its output."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=ROOT,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    seen = b""
    try:
        while True:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(
                    f"{argv}: {needle!r} not on screen after {timeout} s; last output: {seen[-300:]!r}"
                )
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{argv} ended before showing {needle!r}: {seen[-300:]!r}")
            seen += chunk
            if needle in seen:
                return time.perf_counter() - start
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)  # the process group we started, nothing else
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        try:
            while select.select([master], [], [], 0)[0] and os.read(master, 65536):
                pass
        except OSError:
            pass
        os.close(master)


def pick_scenario(arg: str | None) -> tuple[str, str]:
    sys.path.insert(0, str(ROOT))
    from briefing.core.catalog import default_scenario
    from briefing.core.loader import load_scenario

    candidates = [arg] if arg else [str(default_scenario()), str(ROOT / "tests" / "fixtures" / "mini")]
    for folder in candidates:
        scenario, diags = load_scenario(folder)
        if scenario is not None and not diags.errors:
            return folder, scenario.title
        print(
            f"note: {folder} does not load ({len(diags.errors)} errors); trying the next one", file=sys.stderr
        )
    raise SystemExit("no scenario loads")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--limit", type=float, default=1.5)
    ap.add_argument(
        "--scenario", help="scenario folder (default: the default scenario, else tests/fixtures/mini)"
    )
    args = ap.parse_args()
    folder, title = pick_scenario(args.scenario)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30", BRIEFING_DATA_DIR=tmp)
        env.pop("NO_COLOR", None)
        env.pop("TEXTUAL", None)
        minimal = Path(tmp) / "minimal_app.py"
        minimal.write_text(MINIMAL)
        ours_argv = [sys.executable, "-m", "briefing", "play", folder]
        base_argv = [sys.executable, str(minimal)]
        # one untimed run of each warms the OS file cache so both start equally "cold" for Python
        time_to_text(base_argv, b"MINIMAL APP READY", env)
        time_to_text(ours_argv, title.encode(), env)
        ours, base = [], []
        for _ in range(args.runs):
            base.append(time_to_text(base_argv, b"MINIMAL APP READY", env))
            ours.append(time_to_text(ours_argv, title.encode(), env))
    b, o = statistics.median(base), statistics.median(ours)
    ratio = o / b
    print(f"scenario: {folder}")
    print(
        f"minimal Textual app: median {b * 1000:.0f} ms  (runs: {', '.join(f'{x * 1000:.0f}' for x in base)})"
    )
    print(
        f"briefing title     : median {o * 1000:.0f} ms  (runs: {', '.join(f'{x * 1000:.0f}' for x in ours)})"
    )
    print(f"ratio: {ratio:.2f} (limit {args.limit})")
    return 0 if ratio <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
