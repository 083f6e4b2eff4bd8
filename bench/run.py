"""Run every benchmark in bench/ (``make bench``): each as its own process, in a fixed order.

Each benchmark's output is shown as it runs; the lines that start with "ratio" are printed again at
the end, together, so the numbers that matter are in one place.
Exit status: 1 when any benchmark failed (e.g. check over its target), else 0.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["check_bench.py", "randomtest_bench.py", "tui_startup.py", "serve_bench.py"]  # each when present


def run(path: Path) -> tuple[int, list[str]]:
    """Run one benchmark, echoing its output; return its exit status and its ratio lines."""
    proc = subprocess.Popen(
        [sys.executable, str(path)], cwd=str(HERE.parent), stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    ratios = []
    for line in proc.stdout:
        print(line, end="", flush=True)
        if line.lower().startswith("ratio"):
            ratios.append(line.rstrip())
    return proc.wait(), ratios


def main() -> int:
    failed = []
    summary = []
    for name in BENCHES:
        path = HERE / name
        if not path.is_file():
            print(f"== {name}: not present, skipped\n")
            continue
        print(f"== {name}", flush=True)
        t = time.perf_counter()
        status, ratios = run(path)
        print(f"== {name}: exit {status} in {time.perf_counter() - t:.1f} s\n", flush=True)
        summary += [f"{name}: {line}" for line in ratios]
        if status != 0:
            failed.append(name)
    print("== ratios")
    for line in summary:
        print(line)
    if failed:
        print(f"failed: {', '.join(failed)}")
        return 1
    print("all benchmarks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
