"""Each lint rule fires at the right file and line, and none fires on a clean scenario."""

from __future__ import annotations

import re

import pytest

from briefing.authoring.analysis import Decider, possible_values
from briefing.authoring.lint import CODES, MAX_SCENE_WORDS, lint
from briefing.authoring.scaffold import scenario_files
from briefing.core.diagnostics import Diagnostics

from .helpers import MINI, load, run, write

LONG = " ".join(["word"] * (MAX_SCENE_WORDS + 1))

# '# expect: CODE ...' marks the line where each warning must be reported.
SCENARIO = """\
id: lint-fixture
title: "Lint fixture"
start: start
state:
  trust: 3          # only ever increased
  unread: 0         # expect: B303
  constant: 1       # expect: B304
  lean: "open"
  flag: false
  notes: "n"        # only ever doubled
standing:
  trust: "Trust"
"""

SCENES = f"""\
scenes:
  - id: start                       # expect: B308
    title: "Start"
    text: "Begin."
    reveals: [seen]
    passages:
      - if: 'lean == "nowhere"'     # B310 is reported at the scene
        text: "Never shown."
    choices:
      - text: "Go on"
        goto: middle
        do: ["trust += 1", "unread += 1", 'lean = "revolt"', "flag = true"]
      - text: "Wait"                # expect: B307
        goto: start
      - text: "Resign"              # expect: B306
        goto: locked
        if: "trust < 0"
      - text: "Repeat yourself"     # expect: B311
        goto: start
        do: ["notes = notes + notes"]
  - id: middle
    title: "Middle"
    dateline: "Monday, noon"
    text: "{LONG}"
    choices:
      - text: "End"
        goto: the-end
        if: "constant == 1 and flag"
      - text: "Also end"
        goto: the-end
  - id: locked                      # expect: B301
    title: "Locked"
    dateline: "Monday, one"
    text: "Only through a dead choice."
    choices:
      - text: "End"
        goto: the-end
  - id: orphan                      # expect: B301
    title: "Orphan"
    dateline: "Monday, two"
    text: "Nothing leads here."
    choices:
      - text: "End"
        goto: orphan-end
  - id: orphan-end                  # expect: B302
    title: "Orphan ending"
    text: "Unreachable."
    ending: true
  - id: the-end
    title: "The end"
    text: "Done."
    ending: true
facts:
  - id: seen
    kind: fact
    text: "Revealed."
    source: "Test"
  - id: unseen                      # expect: B305
    kind: fact
    text: "Never revealed."
    source: "Test"
"""


def expected(files: dict[str, str]) -> set[tuple[str, int, str]]:
    out = set()
    for name, text in files.items():
        for n, line in enumerate(text.splitlines(), 1):
            m = re.search(r"# expect: (.*)$", line)
            if m:
                for code in m.group(1).split():
                    out.add((name, n, code))
    return out


@pytest.fixture
def fixture(tmp_path):
    files = {"scenario.yaml": SCENARIO, "scenes.yaml": SCENES}
    return write(tmp_path / "lint", files), files


def got(folder) -> set[tuple[str, int, str]]:
    scenario = load(folder)
    diags = Diagnostics()
    lint(scenario, diags)
    assert all(d.severity == "warning" for d in diags)
    return {(d.path.rsplit("/", 1)[-1], d.line, d.code) for d in diags}


def test_every_rule_fires_at_its_line(fixture):
    folder, files = fixture
    found = got(folder)
    want = expected(files)
    # B309 (long text) and B310 (dead passage) are reported at their scene
    middle = next(n for n, ln in enumerate(SCENES.splitlines(), 1) if "id: middle" in ln)
    start = next(n for n, ln in enumerate(SCENES.splitlines(), 1) if "id: start" in ln)
    want |= {("scenes.yaml", middle, "B309"), ("scenes.yaml", start, "B310")}
    assert found == want
    assert {c for _, _, c in found} == set(CODES)  # every lint code is exercised here


def test_check_prints_located_warnings(fixture):
    folder, _ = fixture
    r = run("check", folder)
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stdout.splitlines() if ": warning: " in ln]
    assert len(lines) == 12
    for ln in lines:
        assert re.match(r"^\S+\.yaml:\d+:\d+: warning: .+ \[B3\d\d\]$", ln), ln
    assert any(
        "choice 3 of scene 'start' can never be taken: 'trust < 0' never holds ('trust' is never below 3) [B306]"
        in ln
        for ln in lines
    )
    strict = run("check", "--strict", folder)
    assert strict.returncode == 1
    only = run("check", "--strict", "--select", "B305", folder)
    assert only.returncode == 1 and only.stdout.count("[B305]") == 1 and "[B301]" not in only.stdout
    ignored = run("check", "--strict", "--ignore", "B3", folder)
    assert ignored.returncode == 0


def test_clean_scenario_has_no_warnings(tmp_path):
    folder = write(tmp_path / "clean", scenario_files("clean", "clean", "Clean"))
    assert got(folder) == set()


def test_mini_fixture_only_expected_warnings():
    codes = {c for _, _, c in got(MINI)}
    assert codes <= {
        "B303",
        "B307",
        "B308",
    }  # lean is never read; the embassy choice loops; 'waited' has no dateline


STATE = """\
id: d
title: "D"
start: a
state:
  up: 0
  down: 5
  fixed: 2
  choice: "x"
  anything: 0
  stepped: 1
"""


@pytest.mark.parametrize(
    "cond, can",
    [
        ("up < 0", False),  # only ever increased from 0
        ("up > 1000", True),
        ("up >= 0", True),
        ("down > 5", False),  # only ever decreased from 5
        ("down < -100", True),
        ("fixed == 3", False),  # only ever 2 or 7
        ("fixed == 7", True),
        ("fixed > 2 and fixed < 7", False),
        ('choice == "z"', False),
        ('choice == "y"', True),
        ("up + down > 3", None),  # arithmetic on unbounded values: undecided
        ("anything == 123456", True),
        ('visited("never")', False),
        ('visited("b")', True),
        ('not visited("a")', True),
        ("stepped < 1", False),  # 'stepped = stepped + 2' only ever increases it, as '+= 2' would
        ("stepped > 100", True),
    ],
)
def test_decider(tmp_path, cond, can):
    scenes = f"""\
scenes:
  - id: a
    title: A
    dateline: x
    text: t
    choices:
      - text: c
        goto: b
        do: ["up += 1", "down -= 2", "fixed = 7", 'choice = "y"', "anything = up + down", "stepped = stepped + 2"]
      - text: probe
        goto: b
        if: '{cond}'
  - id: b
    title: B
    text: t
    ending: true
  - id: never
    title: N
    text: t
    ending: true
"""
    folder = write(tmp_path / "d", {"scenario.yaml": STATE, "scenes.yaml": scenes})
    scenario = load(folder)
    decider = Decider(scenario, possible_values(scenario))
    cond_obj = scenario.scenes["a"].choices[1].condition
    assert decider.can_hold(cond_obj) is can


def _scenes(effect: str, back: str, scene_effect: str = "") -> str:
    """A scene whose first choice has ``effect`` and leads to ``back`` (a scene that may return)."""
    arrive = f"\n    do: ['{scene_effect}']" if scene_effect else ""
    return f"""\
scenes:
  - id: a
    title: A
    dateline: x
    text: t{arrive}
    choices:
      - text: grow
        goto: {back}
        do: ['{effect}']
      - text: stop
        goto: end
        if: 'n > 0 and s != ""'
  - id: b
    title: B
    dateline: x
    text: t
    choices:
      - text: back
        goto: a
  - id: c
    title: C
    dateline: x
    text: t
    choices:
      - text: on
        goto: end
  - id: end
    title: End
    text: t
    ending: true
"""


GROWTH = 'id: g\ntitle: "G"\nstart: a\nstate:\n  n: 1\n  m: 1\n  s: "x"\n'


@pytest.mark.parametrize(
    "effect, back, scene_effect, warned",
    [
        ("s = s + s", "b", "", 1),  # through b and back to a: a loop
        ("s += s", "a", "", 1),
        ("n += n", "b", "", 1),
        ("n = n + n - 1", "b", "", 1),
        ("n = 0 - n - n", "b", "", 1),  # its size doubles, whatever the sign
        ("n -= 0 - n", "b", "", 1),
        ("n -= n + n", "b", "", 0),  # n - (n + n) is -n: the same size
        ("s = s + s", "c", "", 0),  # c never leads back to a: taken at most once
        ("n = n + 1", "b", "", 0),  # grows by a constant: fine
        ("n = n + m", "b", "", 0),  # another variable: not a doubling of its own
        ("n += 1", "b", "s = s + s", 1),  # the scene's own effect, and the scene repeats
        ("n += 1", "c", "s = s + s", 0),
    ],
)
def test_doubling_in_a_loop_is_warned(make, effect, back, scene_effect, warned):
    scenario = load(make(GROWTH, _scenes(effect, back, scene_effect)))
    diags = Diagnostics()
    lint(scenario, diags)
    found = [d for d in diags if d.code == "B311"]
    assert len(found) == warned, [d.format() for d in diags]
    for d in found:
        assert "grows without bound" in d.message and "doubles" in d.message
        line = d.line
        text = _scenes(effect, back, scene_effect).splitlines()[line - 1]
        assert ("- text: grow" in text) if not scene_effect else ("- id: a" in text)
