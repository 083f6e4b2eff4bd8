"""Runaway effects: a value that doubles in a loop is warned about by check, and stops play with our
own error naming the effect (never a MemoryError); the documented limits are the ones enforced."""

from __future__ import annotations

import pytest

from briefing.core.engine import Game, GameError
from briefing.core.expr import MAX_DEPTH, MAX_INT, MAX_INT_DIGITS, MAX_LENGTH, MAX_TEXT
from briefing.core.loader import load_or_raise
from tests.authoring.helpers import ROOT, run, write

SCENARIO = 'id: runaway\ntitle: "Runaway"\nstart: desk\nstate:\n  s: "x"\n  n: 1\n'
SCENES = """\
scenes:
  - id: desk
    title: Desk
    dateline: Monday
    text: The same desk again.
    choices:
      - text: Copy the file twice
        goto: desk
        do: ["{effect}"]
      - text: Leave
        goto: out
        if: 'n > 1 and s != ""'
  - id: out
    title: Out
    text: Done.
    ending: true
"""


@pytest.mark.parametrize("effect, target", [("s = s + s", "s"), ("n += n", "n")])
def test_a_doubling_loop_stops_with_an_error_naming_the_effect(tmp_path, effect, target):
    folder = write(
        tmp_path / "runaway", {"scenario.yaml": SCENARIO, "scenes.yaml": SCENES.format(effect=effect)}
    )
    game = Game.new(load_or_raise(folder))
    with pytest.raises(GameError) as info:
        for _ in range(200):  # 2**200 would not fit in memory as text, nor as a sane integer
            game.choose(1)
    message = str(info.value)
    # located at the choice that holds the effect, one line, our code
    assert message.startswith(f"{folder / 'scenes.yaml'}:7:") and message.endswith("[B205]")
    assert f"error: effect '{effect}' would " in message and "\n" not in message
    value = game.vars[target]
    assert (len(value) <= MAX_TEXT) if target == "s" else (abs(value) <= MAX_INT)


def test_check_warns_about_the_doubling_loop(tmp_path):
    folder = write(
        tmp_path / "runaway", {"scenario.yaml": SCENARIO, "scenes.yaml": SCENES.format(effect="s = s + s")}
    )
    r = run("check", folder)
    assert r.returncode == 0, r.stderr
    warned = [ln for ln in r.stdout.splitlines() if ln.endswith("[B311]")]
    assert len(warned) == 1
    assert warned[0].startswith(f"{folder / 'scenes.yaml'}:7:")
    assert "choice 1 of scene 'desk' doubles 's' with 's = s + s'" in warned[0]
    assert run("check", "--strict", folder).returncode == 1


def test_the_documented_limits_are_the_enforced_ones():
    doc = (ROOT / "docs" / "scene-format.md").read_text(encoding="utf-8")
    section = doc[doc.index("Limits: an expression") :]
    for number in (
        f"{MAX_LENGTH:,}",
        f"{MAX_DEPTH}",
        f"{MAX_INT_DIGITS}",
        f"{MAX_INT:,}",
        f"-{MAX_INT:,}",
        f"{MAX_TEXT:,}",
    ):
        assert number in section, number
