"""The analyst's measures, checked against hand computations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.core import admiralty, scoring, yardstick
from briefing.core.admiralty import Grade
from briefing.core.decisions import EstimateTask, GradeTask, Hypothesis
from briefing.core.judgements import EstimateRecord, Judgements


def test_admiralty_grades_parse_and_measure_distance():
    assert Grade.parse(" b2 ") == Grade("B", "2")
    assert Grade.parse("G1") is None and Grade.parse("A7") is None and Grade.parse("A") is None
    assert str(Grade("F", "6")) == "F6"
    assert Grade("B", "2").words == "B2: usually reliable source, probably true"
    assert admiralty.distance(Grade("A", "1"), Grade("F", "6")) == 10
    assert admiralty.accuracy(Grade("B", "2"), Grade("B", "2")) == 1.0
    assert admiralty.accuracy(Grade("C", "2"), Grade("B", "2")) == 0.75
    assert admiralty.accuracy(Grade("A", "5"), Grade("B", "2")) == 0.0
    assert admiralty.reliability_error(Grade("A", "2"), Grade("C", "2")) == -2


def test_yardsticks_have_ordered_bands_with_points_inside_their_ranges():
    for name in yardstick.YARDSTICKS:
        bs = yardstick.bands(name)
        assert len(bs) == 7 and len({b.key for b in bs}) == 7
        assert [b.low for b in bs] == sorted(b.low for b in bs)
        for b in bs:
            assert b.low / 100 <= b.point <= b.high / 100
    assert yardstick.band("phia", "likely").label == "Likely or probable (55-75%)"
    assert yardstick.band("phia", "likely").point == 0.65
    assert yardstick.band("icd203", "nope") is None


def test_brier_matches_a_hand_computation():
    # (0.65 - 1)^2 = 0.1225 ; (0.15 - 0)^2 = 0.0225 ; (0.975 - 0)^2 = 0.950625 ; mean = 1.095625 / 3
    assert scoring.brier([(0.65, True), (0.15, False), (0.975, False)]) == pytest.approx(0.365208, abs=1e-6)
    assert scoring.brier([]) is None
    assert scoring.brier_skill(0.25) == 0.0 and scoring.brier_skill(0.0) == 1.0


@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=1, max_size=50))
def test_brier_is_between_0_and_1(pairs):
    b = scoring.brier(pairs)
    assert b is not None and 0.0 <= b <= 1.0


def instruments() -> scoring.Instruments:
    return scoring.Instruments(
        yardstick="phia",
        grades={
            "g1": GradeTask("g1", "f1", Grade("B", "2"), anchor=Grade("A", "1")),
            "g2": GradeTask("g2", "f2", Grade("E", "5")),
        },
        estimates={
            "e1": EstimateTask("e1", "Deploy?", ["s9"], outcome=True),
            "e2": EstimateTask("e2", "Leave?", ["s9"], outcome=True, anchor="remote"),
            "e3": EstimateTask("e3", "Reappear?", ["s9"], outcome=False),
        },
        hypotheses=[
            Hypothesis("revolt", "Revolt"),
            Hypothesis("elite", "Elite"),
            Hypothesis("foreign", "Foreign"),
        ],
        ratings={
            "f1": {"revolt": "C", "elite": "N", "foreign": "II"},
            "f2": {"revolt": "C", "elite": "C", "foreign": "I"},
        },
    )


def test_a_model_player_scores_top_marks():
    inst = instruments()
    j = Judgements(grades={"g1": "B2", "g2": "E5"})
    j.estimates = {
        "e1": EstimateRecord("almost-certain", 0.975, "s1", True),
        "e2": EstimateRecord("highly-likely", 0.85, "s2", True),
        "e3": EstimateRecord("remote", 0.025, "s3", False),
    }
    for f, row in inst.ratings.items():
        for h, r in row.items():
            j.rate(f, h, r)
    j.leads.append(("s4", "revolt"))
    card = scoring.score(inst, j, timeliness=1.0)
    assert card.measures["grading"] == 1.0 and card.measures["hypotheses"] == 1.0
    expected_brier = (0.025**2 + 0.15**2 + 0.025**2) / 3
    assert card.brier == pytest.approx(expected_brier)
    assert card.letter == "A" and card.held_on == []
    assert [f.pattern for f in card.feedback] == ["strength"]
    assert card.inconsistency == {"revolt": 0, "elite": 0, "foreign": 3}


def test_a_credulous_anchored_player_who_holds_on_is_marked_down_and_told_why():
    inst = instruments()
    j = Judgements(grades={"g1": "A1", "g2": "B2"})
    j.estimates = {
        "e1": EstimateRecord("almost-certain", 0.975, "s1", False),
        "e2": EstimateRecord("remote", 0.025, "s2", True),
        "e3": EstimateRecord("almost-certain", 0.975, "s3", False),
    }
    j.rate("f1", "foreign", "II")
    j.rate("f1", "revolt", "C")
    j.leads.append(("s4", "foreign"))
    card = scoring.score(inst, j, timeliness=0.5)
    patterns = [f.pattern for f in card.feedback]
    assert patterns[:4] == ["anchoring", "let-stand", "held-on", "over-confident"] and "credulous" in patterns
    assert card.held_on[0].lead == "foreign" and "revolt" in card.held_on[0].favoured
    assert card.letter in ("D", "E")
    assert "Foreign" in card.feedback[2].text


def test_calibration_groups_the_players_resolved_estimates_by_band():
    j = Judgements()
    j.estimates = {
        "a": EstimateRecord("likely", 0.65, "s", True),
        "b": EstimateRecord("likely", 0.65, "s", False),
        "c": EstimateRecord("remote", 0.025, "s", False),
        "d": EstimateRecord("likely", 0.65, "s", None),  # not resolved: not counted
    }
    rows = scoring.calibration("phia", j)
    assert [(r.band.key, r.count, r.happened) for r in rows] == [("remote", 1, 0), ("likely", 2, 1)]
    assert rows[1].observed == 0.5


def test_one_number_left_standing_marks_down_but_does_not_sink_an_excellent_player():
    inst = instruments()
    j = Judgements(grades={"g1": "B2", "g2": "A1"})  # one report taken at its word
    j.estimates = {
        "e1": EstimateRecord("highly-likely", 0.85, "s1", True),
        "e2": EstimateRecord("highly-likely", 0.85, "s2", True),
        "e3": EstimateRecord("highly-unlikely", 0.15, "s3", False),
    }
    for f, row in inst.ratings.items():
        for h, r in row.items():
            j.rate(f, h, r)
    j.leads.append(("s4", "revolt"))
    card = scoring.score(inst, j, timeliness=1.0)
    assert card.letter == "B"


def test_judgements_round_trip_and_refuse_damage():
    j = Judgements(grades={"g1": "B2"})
    j.estimates["e1"] = EstimateRecord("likely", 0.65, "s1", None)
    j.rate("f1", "revolt", "CC")
    j.leads.append(("s2", "revolt"))
    again = Judgements.from_dict(j.to_dict())
    assert again == j
    for bad in (
        {"grades": {"g": "Z9"}},
        {"estimates": {"e": {"band": "x", "p": 2, "scene": "s"}}},
        {"estimates": {"e": {"band": "x", "p": float("inf"), "scene": "s"}}},
        {"ratings": {"f": {"h": "maybe"}}},
        {"leads": [["s"]]},
        {"rated_before": {"f": -1}},
        [],
    ):
        with pytest.raises(ValueError):
            Judgements.from_dict(bad)
