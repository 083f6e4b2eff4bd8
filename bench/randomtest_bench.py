"""Time ``randomtest -n 10000`` (in-process) against a bare random walk over the same graph.

The bare walk follows a random choice from each scene, ignoring conditions, effects and reveals, until
an ending (or the same step bound). The ratio says what the game's rules cost. Reported, not enforced.

    python bench/randomtest_bench.py [SCENARIO] [-n N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


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
    t = time.perf_counter()
    report = random_playthroughs(scenario, a.n, a.seed)
    full = time.perf_counter() - t
    t = time.perf_counter()
    bare_steps = bare_walk(scenario, a.n, a.seed, report.max_steps)
    bare = time.perf_counter() - t
    print(f"scenario '{scenario.id}': {len(scenario.scenes)} scenes; {a.n:,} playthroughs")
    print(
        f"randomtest:       {full * 1000:8.0f} ms  ({report.total_steps:,} choices, "
        f"{full / max(report.total_steps, 1) * 1e6:.2f} us per choice)"
    )
    print(
        f"bare random walk: {bare * 1000:8.0f} ms  ({bare_steps:,} moves, "
        f"{bare / max(bare_steps, 1) * 1e6:.2f} us per move)"
    )
    print(
        f"ratio randomtest / bare walk: {full / bare:.2f} (per step: "
        f"{(full / max(report.total_steps, 1)) / (bare / max(bare_steps, 1)):.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
