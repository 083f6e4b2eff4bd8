"""The sample outputs in docs/authoring.md are what the program prints.

Each fenced block after a ``<!-- output: NAME -->`` line is the output of the tutorial's steps, replayed
here through the installed command in a fresh folder; a block after ``<!-- input: NAME -->`` is text the
steps take from the guide (the choice it tells the reader to add). After changing what the program
prints, rewrite the samples with ``.venv/bin/python -m tests.authoring.test_doc_samples``.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from .helpers import ROOT, run

GUIDE = ROOT / "docs" / "authoring.md"
BLOCK = re.compile(r"^<!-- (output|input): ([a-z-]+) -->\n```[a-z]*\n(.*?)^```$", re.M | re.S)

# step 2's mistakes: a quote left open in a new file, a misspelt goto and key, '=>' for '>='
BROKEN_EXTRA = 'scenes:\n  - id: press-call\n    title: "The press call\n    text: "On the line."\n'
BROKEN_EDITS = (
    ("goto: second-source", "goto: second-sorce"),
    ('    title: "A second source"', '    titel: "A second source"'),
    ('"trust >= 2"', '"trust => 2"'),
)
# step 3: the reader fills in the new scene's TODOs
FILLED = (
    ('"TODO: a title"', '"The press call"'),
    ('"TODO: weekday date, time, place"', '"Monday 3 January, 15:00, the ministry"'),
    ("TODO: what the player reads.", "The journalists are waiting."),
    ('"TODO: what the player chooses"', '"Say what is known, and what is not"'),
)


def blocks(text: str, kind: str) -> dict[str, str]:
    return {m[2]: m[3] for m in BLOCK.finditer(text) if m[1] == kind}


def edit(path: Path, pairs: tuple[tuple[str, str], ...]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def output(*args: str, cwd: Path, status: int) -> str:
    r = run(*args, cwd=cwd)
    assert r.returncode == status, r.stdout + r.stderr
    return r.stdout


def samples(guide: str, work: Path) -> dict[str, str]:
    """Follow the tutorial in ``work``: the output of each sampled step, by name."""
    inputs = blocks(guide, "input")
    out: dict[str, str] = {}
    (work / "broken").mkdir()
    for where in (work, work / "broken"):
        output("new", "scenario", "first-report", cwd=where, status=0)
    out["check-clean"] = output("check", "--strict", "first-report", cwd=work, status=0)

    broken = work / "broken" / "first-report"
    edit(broken / "scenes.yaml", BROKEN_EDITS)
    (broken / "extra.yaml").write_text(BROKEN_EXTRA, encoding="utf-8")
    out["broken-extra"] = BROKEN_EXTRA
    out["check-broken"] = output("check", "first-report", cwd=work / "broken", status=1)

    scenes = work / "first-report" / "scenes.yaml"
    before = scenes.read_text(encoding="utf-8")
    output("new", "scene", "press-call", "--in", str(scenes), "--goto", "good-ending", cwd=work, status=0)
    after = scenes.read_text(encoding="utf-8")
    added = after[len(before.split("\nfacts:")[0]) :].split("\nfacts:")[0]
    out["new-scene"] = added.strip("\n") + "\n"
    out["check-unreachable"] = output("check", "first-report", cwd=work, status=0)

    edit(scenes, FILLED)
    last_choice = "        goto: late-ending\n"
    edit(scenes, ((last_choice, last_choice + inputs["minister-choice"]),))
    output("check", "--strict", "first-report", cwd=work, status=0)
    out["randomtest"] = output("randomtest", "first-report", "-n", "1000", "--seed", "1", cwd=work, status=0)

    r = run(
        "play",
        "--plain",
        "first-report",
        "--record",
        "first-report/recordings/careful.json",
        input="1\n1\n",
        cwd=work,
    )
    assert r.returncode == 0, r.stderr
    out["recording"] = (work / "first-report" / "recordings" / "careful.json").read_text(encoding="utf-8")
    out["replay-clean"] = output("replay", "first-report/recordings", cwd=work, status=0)
    for name in ("scenes.yaml",):
        text = (work / "first-report" / name).read_text(encoding="utf-8")
        (work / "first-report" / name).write_text(
            text.replace("good-ending", "ahead-of-events"), encoding="utf-8"
        )
    out["replay-diverged"] = output("replay", "first-report/recordings", cwd=work, status=1)
    return out


def generated() -> tuple[str, dict[str, str]]:
    guide = GUIDE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        return guide, samples(guide, Path(tmp))


def test_the_guide_shows_what_the_program_prints():
    guide, made = generated()
    shown = blocks(guide, "output")
    assert set(shown) == set(made), "every sample in the guide is generated here, and only those"
    for name, text in made.items():
        assert shown[name] == text, f"docs/authoring.md sample '{name}' drifted; regenerate it (see above)"


def rewrite() -> None:
    guide, made = generated()

    def fill(m: re.Match[str]) -> str:
        if m[1] != "output":
            return m[0]
        head = m[0][: m.start(3) - m.start(0)]
        return head + made[m[2]] + "```"

    GUIDE.write_text(BLOCK.sub(fill, guide), encoding="utf-8")


if __name__ == "__main__":
    rewrite()
