"""Time ``briefing check`` (load_scenario + lint, in-process) against libyaml's bare parse of the same files.

The bare parse is ``yaml.load(text, Loader=CSafeLoader)`` of every file (read and decoded), timed with
the cyclic garbage collector enabled, as a plain program runs it, and also with it disabled. The check
is timed exactly as ``briefing check`` runs it: ``load_scenario`` (which disables the collector while
loading) then ``lint`` (collector as it was). Best of ``--repeat`` runs each.

Also times the installed ``briefing check`` command in a new process (start-up included).
Target: the command <= TARGET x the bare parse (gc enabled). Prints the ratios; exits 1 when over target.

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

TARGET = 2.0


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


def best(fn, repeat: int, gc_enabled: bool | None = None) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        was = gc.isenabled()
        if gc_enabled is True:
            gc.enable()
        elif gc_enabled is False:
            gc.disable()
        try:
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        finally:
            if was:
                gc.enable()
            else:
                gc.disable()
    return min(times)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="check vs bare libyaml parse")
    p.add_argument("folder", nargs="?", help="a scenario folder (default: generate a synthetic one)")
    p.add_argument("--repeat", type=int, default=3)
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
        bare_gc = best(lambda: bare_parse(files), a.repeat, True)
        bare_nogc = best(lambda: bare_parse(files), a.repeat, False)
        chk = best(lambda: check(folder), a.repeat, True)
        cmd = best(lambda: check_command(folder), a.repeat)
        wrong = Path(tempfile.mkdtemp(prefix="briefing-wrong-")) / "wrong"
        write_wrong(wrong)
        wrong_kb = sum(f.stat().st_size for f in scenario_files(wrong)) / 1000
        wrong_errors, _ = check(wrong)
        wrong_t = best(lambda: check(wrong), a.repeat, True)
        wrong_bare = best(lambda: bare_parse(scenario_files(wrong)), a.repeat, True)
    finally:
        if tmp is not None:
            tmp.cleanup()
    ratio = cmd / bare_gc  # the target is about the command a user runs
    print(f"files: {len(files)}, {size / 1e6:.1f} MB; check found {errors} errors, {warnings} warnings")
    print(f"bare libyaml parse, gc enabled:  {bare_gc * 1000:8.0f} ms")
    print(f"bare libyaml parse, gc disabled: {bare_nogc * 1000:8.0f} ms")
    print(f"briefing check (load + lint):    {chk * 1000:8.0f} ms")
    print(f"the briefing check command:      {cmd * 1000:8.0f} ms (a new process: start-up included)")
    print(f"ratio command / bare (gc enabled): {ratio:.2f} (target <= {TARGET:.1f})")
    print(f"ratio in-process check / bare (gc enabled):  {chk / bare_gc:.2f}")
    print(f"ratio in-process check / bare (gc disabled): {chk / bare_nogc:.2f}")
    print(
        f"a wrong scenario ({wrong_kb:.0f} KB, {wrong_errors:,} errors): check {wrong_t * 1000:.0f} ms,"
        f" bare parse {wrong_bare * 1000:.0f} ms, ratio {wrong_t / wrong_bare:.2f}"
    )
    if ratio > TARGET:
        print(f"check_bench: over target ({ratio:.2f} > {TARGET:.1f})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
