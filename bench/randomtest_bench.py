"""Time ``randomtest -n 10000`` (in-process) against a bare random walk over the same graph.

The bare walk follows a random choice from each scene, ignoring conditions, effects and reveals, until
an ending (or the same step bound). The ratio per step says what the game's rules cost. Both are timed
``--repeat`` times, alternating, and the fastest of each is compared (the machine may be busy).
Exit status 1 when the ratio is over ``--limit`` (what randomtest cost before the rules were shared).

    python bench/randomtest_bench.py [SCENARIO] [-n N] [--seed S] [--repeat R] [--limit L]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

CHUNK = 500  # playthroughs timed at once
TARGET = 3.0  # what we aim for
LIMIT = 7.0  # randomtest per step measured 6.7 before the rules were shared (+5% for a busy machine)


def bare_walk(scenario, n: int, seed: int, max_steps: int) -> int:
    nxt = {sid: [c.goto for c in s.choices] for sid, s in scenario.scenes.items()}
    endings = {sid for sid, s in scenario.scenes.items() if s.is_ending}
    total = 0
    for i in range(n):
        rand = random.Random(seed + i).random
        sid = scenario.start
        steps = 0
        while sid not in endings and steps < max_steps and nxt[sid]:
            options = nxt[sid]
            sid = options[int(rand() * len(options))]
            steps += 1
        total += steps
    return total


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="randomtest vs a bare random walk")
    p.add_argument(
        "scenario", nargs="?", help="a scenario folder or shipped id (default: the default scenario)"
    )
    p.add_argument("-n", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--repeat", type=int, default=3, help="timings of each chunk, the fastest counts (default 3)"
    )
    p.add_argument("--limit", type=float, default=LIMIT, help=f"fail over this ratio (default {LIMIT})")
    a = p.parse_args(argv)
    from briefing.authoring.playtest import random_playthroughs
    from briefing.core.catalog import resolve
    from briefing.core.loader import load_scenario

    folder = resolve(a.scenario)
    scenario, diags = load_scenario(str(folder))
    if scenario is None or diags.errors:
        fallback = HERE.parent / "tests" / "fixtures" / "mini"
        print(f"randomtest_bench: {folder} has {len(diags.errors)} error(s); using {fallback} instead")
        scenario, diags = load_scenario(str(fallback))
        if scenario is None or diags.errors:
            print("randomtest_bench: no usable scenario", file=sys.stderr)
            return 1
    # in chunks, alternating, the fastest of each chunk counted: a busy machine slows a few of them
    chunks = [(start, min(CHUNK, a.n - start)) for start in range(0, a.n, CHUNK)]
    full = bare = 0.0
    steps = bare_steps = 0
    for start, size in chunks:
        best_full = best_bare = float("inf")
        for _ in range(max(1, a.repeat)):
            t = time.perf_counter()
            report = random_playthroughs(scenario, size, a.seed + start)
            best_full = min(best_full, time.perf_counter() - t)
            t = time.perf_counter()
            chunk_bare = bare_walk(scenario, size, a.seed + start, report.max_steps)
            best_bare = min(best_bare, time.perf_counter() - t)
        full += best_full
        bare += best_bare
        steps += report.total_steps
        bare_steps += chunk_bare
    per_step = (full / max(steps, 1)) / (bare / max(bare_steps, 1))
    print(
        f"scenario '{scenario.id}': {len(scenario.scenes)} scenes; {a.n:,} playthroughs, fastest of {a.repeat} per {CHUNK}"
    )
    print(
        f"randomtest:       {full * 1000:8.0f} ms  ({steps:,} choices, "
        f"{full / max(steps, 1) * 1e6:.2f} us per choice)"
    )
    print(
        f"bare random walk: {bare * 1000:8.0f} ms  ({bare_steps:,} moves, "
        f"{bare / max(bare_steps, 1) * 1e6:.2f} us per move)"
    )
    print(f"ratio randomtest / bare walk per step: {per_step:.2f} (target {TARGET:.1f}, limit {a.limit:.1f})")
    if per_step > a.limit:
        print(f"randomtest_bench: over the limit ({per_step:.2f} > {a.limit:.1f})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
