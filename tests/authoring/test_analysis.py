"""What a condition or effect reads and writes comes from its syntax tree, never from its text."""

from __future__ import annotations

import pytest

from briefing.authoring.analysis import access, calls, doubles, has_arithmetic, linear_change, literals, usage
from briefing.core.expr import Names, parse_condition, parse_effect

from .helpers import load

NAMES = Names({"trust": "int", "warned": "bool", "lean": "str"}, frozenset({"a", "b"}), frozenset({"f1"}))


def test_a_call_written_inside_a_string_is_not_a_call():
    src = "lean == \"visited('a')\""
    assert calls(src) == []
    assert calls(parse_condition(src, NAMES)) == []
    assert access(parse_condition(src, NAMES)).scenes == frozenset()
    assert literals(parse_condition(src, NAMES)) == ["visited('a')"]


def test_calls_in_source_order():
    cond = parse_condition('chose("a", 2) or revealed("f1") and not visited("b")', NAMES)
    assert calls(cond) == [("chose", "a", 2), ("revealed", "f1", None), ("visited", "b", None)]


@pytest.mark.parametrize(
    "src, reads, scenes, facts, choices",
    [
        ("trust > 1 and not warned", {"trust", "warned"}, set(), set(), set()),
        ('lean == "trust"', {"lean"}, set(), set(), set()),  # a string naming a variable reads nothing
        ('visited("a") or revealed("f1")', set(), {"a"}, {"f1"}, set()),
        ('chose("b", 3)', set(), set(), set(), {("b", 3)}),
    ],
)
def test_what_a_condition_reads(src, reads, scenes, facts, choices):
    seen = access(parse_condition(src, NAMES))
    assert (seen.reads, seen.writes) == (reads, frozenset())
    assert (seen.scenes, seen.facts, seen.choices) == (scenes, facts, choices)


@pytest.mark.parametrize(
    "src, reads, change, doubling",
    [
        ("trust += 1", {"trust"}, (1, 1), False),
        ("trust -= 2", {"trust"}, (1, -2), False),
        ("trust = 4", set(), (0, 4), False),
        ("trust = trust + trust", {"trust"}, (2, 0), True),
        ("trust += trust - 1", {"trust"}, (2, -1), True),
        ("trust = -(trust - 3)", {"trust"}, (-1, 3), False),
        ('lean = lean + "!"', {"lean"}, (1, None), False),
        ("lean += lean", {"lean"}, (2, None), True),
        ('warned = visited("a")', set(), (0, None), False),
    ],
)
def test_what_an_effect_reads_writes_and_how_it_changes_its_variable(src, reads, change, doubling):
    effect = parse_effect(src, NAMES)
    seen = access(effect)
    assert seen.reads == reads and seen.writes == {effect.target}
    assert linear_change(effect) == change
    assert doubles(effect) is doubling


def test_arithmetic_is_a_binary_plus_or_minus():
    assert has_arithmetic(parse_condition("trust + 1 > 2", NAMES))
    assert not has_arithmetic(parse_condition("trust > -1", NAMES))
    assert not has_arithmetic(parse_condition('lean == "a + b"', NAMES))


def test_text_that_does_not_parse_makes_no_calls():
    assert calls('visited("a") and') == []


# ids inside string literals, in a condition and in an effect: none of them is a call
STRINGS_THAT_LOOK_LIKE_CALLS = r"""
scenes:
  - {id: a, title: A, dateline: x, text: t, choices: [
      {text: go, goto: b, if: "lean != \"visited('b') revealed('f')\"", do: ['lean = "chose(''b'', 1)"']}]}
  - {id: b, title: B, text: t, ending: true}
"""


def test_usage_ignores_calls_inside_strings(make):
    scenario = load(make('id: u\ntitle: "U"\nstart: a\nstate:\n  lean: "x"\n', STRINGS_THAT_LOOK_LIKE_CALLS))
    use = usage(scenario)
    assert (use.visited_read, use.revealed_read, use.chosen_read) == (set(), set(), set())
    assert use.reads == {"lean": 1}
    assert [e.source for e in use.writes["lean"]] == ["lean = \"chose('b', 1)\""]
