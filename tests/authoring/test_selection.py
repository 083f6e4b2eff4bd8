"""--select, --ignore and --strict as a pure function: which diagnostics a report keeps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.authoring.selection import Selection, counts, parse_codes
from briefing.core.diagnostics import ERROR, WARNING, Diagnostic


def diag(code: str, severity: str = WARNING, line: int = 1) -> Diagnostic:
    return Diagnostic("s/scenes.yaml", line, 3, severity, code, f"problem {code}", "a hint")


FOUND = [diag("B106", ERROR, 1), diag("B301", WARNING, 2), diag("B308", WARNING, 3), diag("B309", WARNING, 4)]


def codes(kept: list[Diagnostic]) -> list[str]:
    return [d.code for d in kept]


def test_parse_codes_trims_upper_cases_and_drops_empty_items():
    assert parse_codes(" b3, B401 ,,") == ("B3", "B401")
    assert parse_codes("") == ()


def test_no_flags_keep_everything_as_it_is():
    assert Selection().apply(FOUND) == FOUND


def test_select_keeps_codes_by_prefix_in_their_order():
    assert codes(Selection.parse(select="b3").apply(FOUND)) == ["B301", "B308", "B309"]
    assert codes(Selection.parse(select="B106,B309").apply(FOUND)) == ["B106", "B309"]


def test_ignore_wins_over_select():
    assert codes(Selection.parse(select="B3", ignore="B308,B309").apply(FOUND)) == ["B301"]
    assert codes(Selection.parse(ignore="B").apply(FOUND)) == []


def test_strict_makes_every_kept_warning_an_error_and_keeps_the_rest():
    kept = Selection.parse(ignore="B309", strict=True).apply(FOUND)
    assert [d.severity for d in kept] == [ERROR, ERROR, ERROR]
    assert [(d.path, d.line, d.col, d.code, d.message, d.hint) for d in kept] == [
        (d.path, d.line, d.col, d.code, d.message, d.hint) for d in FOUND[:3]
    ]
    assert kept[1].format() == "s/scenes.yaml:2:3: error: problem B301 (a hint) [B301]"


def test_counts_errors_and_warnings():
    assert counts(FOUND) == (1, 3)
    assert counts(Selection(strict=True).apply(FOUND)) == (4, 0)
    assert counts([]) == (0, 0)


CODE = st.from_regex(r"B[0-9]{3}", fullmatch=True)


@given(st.lists(CODE, max_size=8), st.lists(CODE.map(lambda c: c[:2]), max_size=3), st.booleans())
def test_ignoring_a_prefix_never_keeps_a_code_with_it(found, ignored, strict):
    diags = [diag(c, line=n) for n, c in enumerate(found, 1)]
    kept = Selection.parse(ignore=",".join(ignored), strict=strict).apply(diags)
    assert not any(d.code.startswith(tuple(ignored)) for d in kept)
    assert len(kept) == sum(not c.startswith(tuple(ignored)) for c in found)
