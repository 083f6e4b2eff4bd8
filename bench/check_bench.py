"""Time ``briefing check`` (load_scenario + lint, in-process) against libyaml's bare parse of the same files.

The bare parse is ``yaml.load(text, Loader=CSafeLoader)`` of every file (read and decoded), timed with
the cyclic garbage collector enabled, as a plain program runs it, and also with it disabled. The check
is timed exactly as ``briefing check`` runs it: ``load_scenario`` (which disables the collector while
loading) then ``lint`` (collector as it was). Best of ``--repeat`` runs each.

Also times the installed ``briefing check`` command in a new process (start-up included). Every side is
timed in turn, ``--repeat`` times, and the fastest of each counts. Target: check <= 1.5x the bare parse
(gc enabled), the command <= 2.0x. Prints the ratios; exits 1 when over either.

    python bench/check_bench.py [FOLDER] [--repeat N] [--scenes N]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

TARGET = 1.5  # check (load and lint) against the bare parse, in one process
COMMAND_LIMIT = 2.0  # the command, a new interpreter's start-up and imports included


def bare_parse(files: list[Path]) -> None:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for p in files:
        yaml.load(p.read_bytes().decode("utf-8"), Loader=loader)


def check(folder: Path) -> tuple[int, int]:
    from briefing.authoring.lint import lint
    from briefing.core.loader import load_scenario

    scenario, diags = load_scenario(str(folder))
    if scenario is not None and not diags.errors:
        lint(scenario, diags)
    return len(diags.errors), len(diags.warnings)


def write_wrong(folder: Path, scenes: int = 1500) -> None:
    """A scenario of about 150 KB in which every goto names a missing scene and every scene a misspelt key."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scenario.yaml").write_text("id: w\ntitle: W\nstart: s00000\nstate: {}\n", encoding="utf-8")
    body = "".join(
        f"  - id: s{i:05d}\n    titel: T\n    text: x\n    choices:\n      - text: go\n        goto: s{i + 1:05d}x\n"
        for i in range(scenes)
    )
    (folder / "scenes.yaml").write_text("scenes:\n" + body, encoding="utf-8")


def check_command(folder: Path) -> None:
    """The installed ``briefing check`` command itself, interpreter start-up included."""
    import subprocess

    exe = Path(sys.executable).with_name("briefing")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "briefing"]
    subprocess.run(
        cmd + ["check", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )


def timed(fn, gc_enabled: bool | None = None) -> float:
    """One timing of ``fn`` with the cyclic collector as asked (None: as it is)."""
    gc.collect()
    was = gc.isenabled()
    if gc_enabled is True:
        gc.enable()
    elif gc_enabled is False:
        gc.disable()
    try:
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


def best_of(runs: dict[str, tuple], repeat: int) -> dict[str, float]:
    """The fastest of ``repeat`` timings of each ``(fn, gc_enabled)``, taken in turn so that a machine
    that slows down or speeds up part-way moves every side alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, (fn, gc_enabled) in runs.items():
            times[name].append(timed(fn, gc_enabled))
    return {name: min(t) for name, t in times.items()}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="check vs bare libyaml parse")
    p.add_argument("folder", nargs="?", help="a scenario folder (default: generate a synthetic one)")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--scenes", type=int, default=10_000)
    a = p.parse_args(argv)
    import yaml

    if not hasattr(yaml, "CSafeLoader"):
        print("check_bench: libyaml is not available; the comparison is meaningless", file=sys.stderr)
    tmp = None
    if a.folder:
        folder = Path(a.folder)
    else:
        from gen_synthetic import generate

        tmp = tempfile.TemporaryDirectory(prefix="briefing-bench-")
        folder = Path(tmp.name) / "synthetic"
        info = generate(folder, a.scenes, max(a.scenes // 100, 1))
        print(f"generated {info['scenes']:,} scenes in {info['files']} files ({info['bytes'] / 1e6:.1f} MB)")
    try:
        from briefing.core.loader import scenario_files

        files = scenario_files(folder)
        size = sum(f.stat().st_size for f in files)
        errors, warnings = check(folder)  # warm up (imports, caches of the OS)
        got = best_of(
            {
                "bare_gc": (lambda: bare_parse(files), True),
                "bare_nogc": (lambda: bare_parse(files), False),
                "check": (lambda: check(folder), True),
                "command": (lambda: check_command(folder), None),
            },
            a.repeat,
        )
        bare_gc, bare_nogc, chk, cmd = got["bare_gc"], got["bare_nogc"], got["check"], got["command"]
        wrong = Path(tempfile.mkdtemp(prefix="briefing-wrong-")) / "wrong"
        write_wrong(wrong)
        wrong_kb = sum(f.stat().st_size for f in scenario_files(wrong)) / 1000
        wrong_errors, _ = check(wrong)
        wrong_files = scenario_files(wrong)
        got = best_of(
            {"check": (lambda: check(wrong), True), "bare": (lambda: bare_parse(wrong_files), True)}, a.repeat
        )
        wrong_t, wrong_bare = got["check"], got["bare"]
    finally:
        if tmp is not None:
            tmp.cleanup()
    ratio = chk / bare_gc  # what check itself costs over the parse
    command_ratio = cmd / bare_gc  # what a user waits for: interpreter start-up and imports included
    print(f"files: {len(files)}, {size / 1e6:.1f} MB; check found {errors} errors, {warnings} warnings")
    print(f"bare libyaml parse, gc enabled:  {bare_gc * 1000:8.0f} ms")
    print(f"bare libyaml parse, gc disabled: {bare_nogc * 1000:8.0f} ms")
    print(f"briefing check (load + lint):    {chk * 1000:8.0f} ms")
    print(f"the briefing check command:      {cmd * 1000:8.0f} ms (a new process: start-up included)")
    print(f"ratio in-process check / bare (gc enabled): {ratio:.2f} (target <= {TARGET:.1f})")
    print(f"ratio command / bare (gc enabled): {command_ratio:.2f} (limit {COMMAND_LIMIT:.1f})")
    print(f"ratio in-process check / bare (gc disabled): {chk / bare_nogc:.2f}")
    print(
        f"a wrong scenario ({wrong_kb:.0f} KB, {wrong_errors:,} errors): check {wrong_t * 1000:.0f} ms,"
        f" bare parse {wrong_bare * 1000:.0f} ms, ratio {wrong_t / wrong_bare:.2f}"
    )
    if ratio > TARGET or command_ratio > COMMAND_LIMIT:
        print(
            f"check_bench: over target ({ratio:.2f} > {TARGET:.1f} or {command_ratio:.2f} > {COMMAND_LIMIT:.1f})",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
