"""The expression language: parsed by our code, typed at load time, never eval'd."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from briefing.core.expr import (
    BOOL,
    FUNCTIONS,
    INT,
    MAX_DEPTH,
    MAX_INT,
    MAX_LENGTH,
    MAX_TEXT,
    STR,
    Assign,
    Binary,
    Call,
    EffectLimitError,
    ExprError,
    Literal,
    Name,
    Names,
    Unary,
    parse_assignment,
    parse_condition,
    parse_effect,
    parse_expression,
    unparse,
)

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


# ------------------------------------------------------------------ the tree


def test_the_tree_is_kept_and_spacing_or_parentheses_do_not_change_it():
    cond = parse_condition("trust >= 2 and not visited('a')", NAMES)
    assert cond.tree == Binary(
        "and",
        Binary(">=", Name("trust"), Literal(2, INT)),
        Unary("not", Call("visited", ("a",))),
    )
    assert parse_condition('((trust>=2))and(not visited("a"))', NAMES).tree == cond.tree
    assert cond.variables == {"trust"}
    effect = parse_effect("lean += 'x' + lean", NAMES)
    assert effect.tree == Assign("lean", "+=", Binary("+", Literal("x", STR), Name("lean")))
    assert (effect.target, effect.op, effect.type, effect.reads) == ("lean", "+=", STR, {"lean"})


def test_true_and_one_are_different_literals():
    assert parse_expression("true") != parse_expression("1")


def test_operators_group_as_the_grammar_says():
    assert unparse(parse_expression("1 - 2 - 3")) == "1 - 2 - 3"
    assert unparse(parse_expression("1 - (2 - 3)")) == "1 - (2 - 3)"
    assert unparse(parse_expression("not (a or b) and c")) == "not (a or b) and c"
    assert unparse(parse_expression("(not a) == b")) == "(not a) == b"
    assert unparse(parse_expression("-(a + 1) < --b")) == "-(a + 1) < --b"
    assert unparse(parse_assignment("s += 'it\\'s'")) == 's += "it\'s"'


def test_a_syntax_error_in_an_effect_is_located_in_the_whole_effect():
    with pytest.raises(ExprError) as info:
        parse_effect("trust += (1", NAMES)
    assert info.value.offset == len("trust += (1")
    with pytest.raises(ExprError) as info:
        parse_effect("trust =", NAMES)
    assert info.value.message == "expression is empty" and info.value.offset == 7
    with pytest.raises(ExprError) as info:
        parse_effect("warned = 1", NAMES)
    assert info.value.code == "B203" and info.value.offset == 8


_NAME = st.sampled_from(["trust", "warned", "lean", "x_1", "_y", "andy", "nothing", "truex"])
_LEAF = st.one_of(
    st.integers(min_value=0, max_value=MAX_INT).map(lambda n: Literal(n, INT)),
    st.booleans().map(lambda b: Literal(b, BOOL)),
    st.text(max_size=8).map(lambda t: Literal(t, STR)),
    _NAME.map(Name),
    st.tuples(
        st.sampled_from(FUNCTIONS + ("other",)),
        st.lists(st.one_of(st.text(max_size=5), st.integers(0, 99)), max_size=3),
    ).map(lambda p: Call(p[0], tuple(p[1]))),
)
_OPS = ["or", "and", "==", "!=", "<", "<=", ">", ">=", "+", "-"]


def _trees():
    return st.recursive(
        _LEAF,
        lambda inner: st.one_of(
            st.tuples(st.sampled_from(["not", "-"]), inner).map(lambda p: Unary(*p)),
            st.tuples(st.sampled_from(_OPS), inner, inner).map(lambda p: Binary(*p)),
        ),
        max_leaves=16,
    )


def _depth(node) -> int:
    """Nesting as the parser counts it (an upper bound: every unary and every operand may need a level)."""
    if isinstance(node, Unary):
        return 1 + _depth(node.operand)
    if isinstance(node, Binary):
        return 1 + max(_depth(node.left), _depth(node.right))
    return 0


@settings(max_examples=500, deadline=None)
@given(_trees())
def test_printing_a_tree_and_parsing_it_back_gives_the_same_tree(tree):
    text = unparse(tree)
    assume(len(text) <= MAX_LENGTH and _depth(tree) < MAX_DEPTH)
    assert parse_expression(text) == tree
    effect = Assign("trust", "+=", tree)
    assert parse_assignment(unparse(effect)) == effect


@settings(max_examples=500, deadline=None)
@given(st.lists(_ATOMS, max_size=14))
def test_any_expression_that_parses_prints_back_to_itself(tokens):
    try:
        tree = parse_expression(" ".join(tokens))
    except ExprError:
        return
    assert parse_expression(unparse(tree)) == tree


@settings(max_examples=600, deadline=None)
@given(
    st.one_of(st.text(max_size=60), st.lists(_ATOMS, max_size=12).map(lambda t: "trust += " + " ".join(t)))
)
def test_any_text_gives_an_effect_or_our_own_located_error(src):
    for parse in (parse_assignment, parse_expression, lambda s: parse_effect(s, NAMES)):
        try:
            parsed = parse(src)
        except ExprError as exc:
            assert type(exc) is ExprError and exc.message and exc.code.startswith("B20")
            assert 0 <= exc.offset <= len(src)
            continue
        if not isinstance(parsed, (Assign, Binary, Unary, Literal, Name, Call)):
            s = state()
            try:
                parsed.apply(s)
            except EffectLimitError:
                continue
            assert isinstance(s.vars[parsed.target], type(state().vars[parsed.target]))


# ------------------------------------------------------------------ run-time bounds


def test_a_doubling_string_stops_at_the_text_limit_with_an_error_naming_the_effect():
    double = parse_effect("lean = lean + lean", NAMES)
    s = state(lean="x")
    with pytest.raises(EffectLimitError) as info:
        for _ in range(100):
            double.apply(s)
    assert len(s.vars["lean"]) <= MAX_TEXT < 2 * len(s.vars["lean"])  # the last good value is kept
    err = info.value
    assert err.effect == "lean = lean + lean" and err.code == "B205"
    assert "effect 'lean = lean + lean' would make 'lean'" in err.message and f"{MAX_TEXT:,}" in err.message
    also = parse_effect("lean += lean", NAMES)
    with pytest.raises(EffectLimitError):
        for _ in range(100):
            also.apply(s)


@pytest.mark.parametrize(
    "src, start",
    [
        ("trust += trust", 1),
        ("trust = trust + trust", 1),
        ("trust -= trust + trust + trust", 1),  # -2, 4, -8, ...: the size doubles
        ("trust += 999999999999999", 0),
        ("trust = 999999999999999 + 1", 0),
    ],
)
def test_integers_stop_at_their_bound(src, start):
    effect = parse_effect(src, NAMES)
    s = state(trust=start)
    with pytest.raises(EffectLimitError) as info:
        for _ in range(200):
            effect.apply(s)
    assert abs(s.vars["trust"]) <= MAX_INT
    assert f"effect '{src}' would take 'trust' past" in info.value.message


def test_values_at_the_bounds_are_allowed():
    s = state(trust=MAX_INT - 1, lean="x" * (MAX_TEXT - 1))
    parse_effect("trust += 1", NAMES).apply(s)
    parse_effect("lean += 'y'", NAMES).apply(s)
    parse_effect("trust = -trust", NAMES).apply(s)
    assert s.vars["trust"] == -MAX_INT and len(s.vars["lean"]) == MAX_TEXT
