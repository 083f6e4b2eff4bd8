"""Run every benchmark in bench/ (``make bench``): each as its own process, in a fixed order.

Exit status: 1 when any benchmark failed (e.g. check over its target), else 0.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["check_bench.py", "randomtest_bench.py", "tui_startup.py"]  # tui_startup.py when present


def main() -> int:
    failed = []
    for name in BENCHES:
        path = HERE / name
        if not path.is_file():
            print(f"== {name}: not present, skipped\n")
            continue
        print(f"== {name}", flush=True)
        t = time.perf_counter()
        status = subprocess.call([sys.executable, str(path)], cwd=str(HERE.parent))
        print(f"== {name}: exit {status} in {time.perf_counter() - t:.1f} s\n", flush=True)
        if status != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}")
        return 1
    print("all benchmarks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
