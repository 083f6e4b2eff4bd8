"""Asking grades, estimates and weighs one prompt at a time, and taking answers."""

from __future__ import annotations

import pytest

from briefing.core.admiralty import Grade
from briefing.core.asking import AnswerError, Asker
from briefing.core.decisions import EstimateTask, GradeTask, Hypothesis, WeighTask
from briefing.core.judgements import Judgements

HYPS = [Hypothesis("foreign", "Foreign"), Hypothesis("revolt", "Revolt")]


def asker():
    """A new asker each time: an asker caches by task id, and these tests reuse ids across scenarios."""
    return Asker(HYPS, "phia", lambda f: f.upper())


def ask(task, judged):
    return asker().prompt(task, judged)


def answer(task, judged, value):
    return asker().answer(ask(task, judged), value, task, judged, "s1")


def test_a_grade_asks_reliability_then_credibility():
    task = GradeTask("g", "video", Grade("F", "3"))
    j = Judgements()
    p = ask(task, j)
    assert (p.kind, p.part) == (
        "grade",
        "reliability",
    ) and p.question == "How reliable is the source of “VIDEO”?"
    assert [a.value for a in p.answers] == list("ABCDEF")
    with pytest.raises(AnswerError, match="answer one of A, B, C, D, E, F"):
        answer(task, j, "G")
    assert answer(task, j, " f ") == "F: Reliability cannot be judged"
    p = ask(task, j)
    assert p.part == "credibility" and [a.value for a in p.answers] == list("123456")
    answer(task, j, "3")
    assert j.grades == {"g": "F3"} and j.partial == {} and ask(task, j) is None


def test_an_estimate_asks_for_a_band_of_the_yardstick():
    task = EstimateTask("e", "Will they land?", ["s9"], outcome=True)
    j = Judgements()
    p = ask(task, j)
    assert p.kind == "estimate" and p.answers[4].text == "Likely or probable (55-75%)"
    answer(task, j, "likely")
    assert j.estimates["e"].p == 0.65 and j.estimates["e"].scene == "s1" and ask(task, j) is None


def test_a_weigh_asks_every_cell_then_the_lead():
    task = WeighTask("w", ["f1", "f2"])
    j = Judgements()
    asked = []
    while (p := ask(task, j)) is not None and p.kind == "weigh":
        asked.append(p.part)
        answer(task, j, "C" if p.context["hypothesis"] == "revolt" else "II")
    assert asked == ["f1/foreign", "f1/revolt", "f2/foreign", "f2/revolt"]
    assert p.kind == "lead" and [a.value for a in p.answers] == ["foreign", "revolt"]
    answer(task, j, "foreign")
    assert j.leads == [("s1", "foreign")] and ask(task, j) is None
    assert j.ratings == {"f1": {"foreign": "II", "revolt": "C"}, "f2": {"foreign": "II", "revolt": "C"}}


def test_a_weigh_without_a_lead_is_done_when_every_cell_is_rated():
    task = WeighTask("w", ["f1"], lead=False)
    j = Judgements()
    answer(task, j, "N")
    answer(task, j, "CC")
    assert j.weighs_done == ["w"] and ask(task, j) is None
