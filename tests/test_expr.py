"""The expression language: parsed by our code, typed at load time, never eval'd."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.expr import ExprError, Names, parse_condition, parse_effect

NAMES = Names({"trust": "int", "warned": "bool", "lean": "str"}, frozenset({"a", "b"}), frozenset({"f1"}))


def state(**vars_):
    base = {"trust": 2, "warned": False, "lean": "open"}
    base.update(vars_)
    return SimpleNamespace(vars=base, visited={"a"}, revealed={"f1"}, chosen={("a", 2)})


@pytest.mark.parametrize(
    "src, expected",
    [
        ("trust >= 2", True),
        ("trust > 2", False),
        ("trust + 3 - 1 == 4", True),
        ("-trust == -2", True),
        ("not warned", True),
        ("warned or trust == 2", True),
        ("warned and trust == 2", False),
        ("not (warned or trust != 2)", True),
        ('lean == "open"', True),
        ("lean + '!' == 'open!'", True),
        ('visited("a") and not visited("b")', True),
        ('revealed("f1")', True),
        ('chose("a", 2) and not chose("a", 1)', True),
        ("true", True),
        ("false or false", False),
        ('lean != "it\\"s"', True),
        ("1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3", True),
    ],
)
def test_conditions_evaluate(src, expected):
    assert parse_condition(src, NAMES).evaluate(state()) is expected


@pytest.mark.parametrize(
    "src, fragment",
    [
        ("", "expression is empty"),
        ("trust >", "expression ends too soon"),
        ("trust > 1 > 0", "comparisons cannot be chained"),
        ("(trust > 1", "expected ')'"),
        ("trust > 1)", "unexpected ')'"),
        ("trust $ 1", "unexpected character '$'"),
        ("warned < true", "needs integer values"),
        ("not trust", "'not' needs boolean values"),
        ("nope()", "unknown function 'nope'"),
        ("visited(a)", "must be literal ids"),
        ("__import__('os')", "unknown function '__import__'"),
        ("trust == 1" + " and trust == 1" * 200, "longer than 1000"),
        ("(" * 60 + "true" + ")" * 60, "nested deeper"),
        ("1" * 20 + " > 1", "more than 15 digits"),
    ],
)
def test_bad_conditions_raise_our_error(src, fragment):
    with pytest.raises(ExprError) as info:
        parse_condition(src, NAMES)
    assert fragment in info.value.message


def test_error_offsets_point_at_the_problem():
    with pytest.raises(ExprError) as info:
        parse_condition("warned and trusty > 1", NAMES)
    assert info.value.offset == 11
    assert info.value.hint == "did you mean 'trust'?"


def test_effects_apply_in_place():
    s = state()
    for src in ["trust += 2", "trust -= 1", 'lean = "elite"', "warned = not warned", "lean += '!'"]:
        parse_effect(src, NAMES).apply(s)
    assert s.vars == {"trust": 3, "warned": True, "lean": "elite!"}


def test_effect_constant_is_known_for_analysis():
    assert parse_effect("trust = 4", NAMES).constant == 4
    assert parse_effect("trust = -4", NAMES).constant == -4
    assert parse_effect("trust = trust + 1", NAMES).constant is None


@settings(max_examples=600, deadline=None)
@given(st.text(max_size=60))
def test_any_text_gives_a_condition_or_our_own_error(src):
    try:
        cond = parse_condition(src, NAMES)
    except ExprError as exc:
        assert isinstance(exc.message, str) and exc.message
        assert 0 <= exc.offset <= len(src)
        return
    assert isinstance(cond.evaluate(state()), bool)


_ATOMS = st.sampled_from(
    [
        "trust",
        "warned",
        "lean",
        "1",
        "0",
        '"x"',
        "true",
        "false",
        'visited("a")',
        'revealed("f9")',
        "(",
        ")",
        "and",
        "or",
        "not",
        "==",
        "!=",
        "<",
        ">=",
        "+",
        "-",
        ",",
        'chose("a", 2)',
        "'q'",
    ]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_ATOMS, max_size=12))
def test_any_token_soup_gives_a_value_or_our_own_error(tokens):
    src = " ".join(tokens)
    for parse in (parse_condition, parse_effect):
        try:
            parsed = parse(src, NAMES)
        except ExprError:
            continue
        if parse is parse_condition:
            assert isinstance(parsed.evaluate(state()), bool)


# A generator of well-typed integer expressions together with the value they must have.
def _int_exprs():
    leaf = st.one_of(
        st.integers(min_value=0, max_value=999).map(lambda n: (str(n), n)),
        st.just(("trust", 2)),
    )

    def extend(inner):
        return st.one_of(
            st.tuples(inner, inner).map(lambda p: (f"({p[0][0]} + {p[1][0]})", p[0][1] + p[1][1])),
            st.tuples(inner, inner).map(lambda p: (f"({p[0][0]} - {p[1][0]})", p[0][1] - p[1][1])),
            inner.map(lambda p: (f"-{p[0]}", -p[1])),
        )

    return st.recursive(leaf, extend, max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(_int_exprs(), _int_exprs(), st.sampled_from(["==", "!=", "<", "<=", ">", ">="]))
def test_arithmetic_and_comparison_agree_with_python(left, right, op):
    (ls, lv), (rs, rv) = left, right
    expected = {"==": lv == rv, "!=": lv != rv, "<": lv < rv, "<=": lv <= rv, ">": lv > rv, ">=": lv >= rv}[
        op
    ]
    assert parse_condition(f"{ls} {op} {rs}", NAMES).evaluate(state()) is expected
