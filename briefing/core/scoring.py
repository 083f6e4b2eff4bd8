"""Scoring the analyst's craft: grading accuracy, Brier score and calibration, ACH, timeliness.

Pure functions over what the author declared (:class:`Instruments`) and what the player judged
(:class:`briefing.core.judgements.Judgements`). Every measure is a fraction from 0 (worst) to 1 (best),
or None when the playthrough gave it nothing to measure; the Brier score itself is also kept (lower is
better; 0.25 is the no-skill baseline of always saying 50%).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from briefing.core import admiralty
from briefing.core.admiralty import Grade
from briefing.core.decisions import ACH_VALUES, EstimateTask, GradeTask, Hypothesis
from briefing.core.judgements import EstimateRecord, Judgements
from briefing.core.yardstick import Band, band, bands

BASELINE_BRIER = 0.25  # always answering 50%
MEASURES = ("grading", "forecasting", "hypotheses", "timeliness")
MEASURE_NAMES: dict[str, str] = {  # as a player reads them
    "grading": "Grading reports",
    "forecasting": "Forecasting",
    "hypotheses": "Weighing hypotheses",
    "timeliness": "Timeliness",
}
DEFAULT_WEIGHTS: dict[str, float] = {m: 1.0 for m in MEASURES}
DEFAULT_LETTERS: tuple[tuple[str, float], ...] = (
    ("A", 0.8),
    ("B", 0.65),
    ("C", 0.5),
    ("D", 0.35),
    ("E", 0.0),
)
HELD_ON_PENALTY = 0.25  # taken off the hypotheses measure for each lead kept against the player's own ratings
SERIOUS_MISS_BRIER = 0.64  # an estimate 80 points or more from what happened is a serious miss
CONFIDENCE_GAP = 0.15  # confidence this far from the hit rate is over- or under-confidence


@dataclass
class Instruments:
    """What the author declared: the tasks by id, the hypotheses and the author's ACH ratings."""

    yardstick: str = "phia"
    grades: dict[str, GradeTask] = field(default_factory=dict)
    estimates: dict[str, EstimateTask] = field(default_factory=dict)
    hypotheses: list[Hypothesis] = field(default_factory=list)
    ratings: dict[str, dict[str, str]] = field(default_factory=dict)  # fact id -> hypothesis -> rating
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    letters: tuple[tuple[str, float], ...] = DEFAULT_LETTERS

    @property
    def used(self) -> bool:
        return bool(self.grades or self.estimates or self.hypotheses)


# ---------------------------------------------------------------- forecasting


def brier(pairs: Iterable[tuple[float, bool]]) -> float | None:
    """The mean squared error of stated probabilities against outcomes; None with nothing resolved."""
    errs = [(p - (1.0 if happened else 0.0)) ** 2 for p, happened in pairs]
    return sum(errs) / len(errs) if errs else None


def brier_skill(score: float) -> float:
    """1 - Brier / baseline: 1 is perfect, 0 is no better than always saying 50%, below 0 is worse."""
    return 1.0 - score / BASELINE_BRIER


def resolved(judged: Judgements) -> list[tuple[str, EstimateRecord]]:
    return [(k, e) for k, e in judged.estimates.items() if e.outcome is not None]


@dataclass(frozen=True)
class CalibrationRow:
    """One band of the player's own estimates: how often such things happened."""

    band: Band
    count: int
    happened: int

    @property
    def observed(self) -> float:
        return self.happened / self.count if self.count else 0.0


def calibration(yardstick: str, judged: Judgements) -> list[CalibrationRow]:
    """For each band the player used on a resolved estimate: count and how many happened."""
    out = []
    for b in bands(yardstick):
        outcomes = [e.outcome for _, e in resolved(judged) if e.band == b.key]
        if outcomes:
            out.append(CalibrationRow(b, len(outcomes), sum(1 for o in outcomes if o)))
    return out


def confidence_gap(judged: Judgements) -> float | None:
    """Mean confidence minus hit rate over resolved estimates (positive: over-confident); None under 3."""
    done = [e for _, e in resolved(judged)]
    if len(done) < 3:
        return None
    conf = sum(max(e.p, 1 - e.p) for e in done) / len(done)
    hits = sum(1.0 if (e.p > 0.5) == e.outcome else 0.5 if e.p == 0.5 else 0.0 for e in done) / len(done)
    return conf - hits


# ---------------------------------------------------------------- hypotheses (ACH, after Heuer)


def inconsistency(ratings: Mapping[str, Mapping[str, str]], hypotheses: Iterable[str]) -> dict[str, int]:
    """Heuer's inconsistency score for each hypothesis: I counts 1, II counts 2; lower is likelier."""
    out = dict.fromkeys(hypotheses, 0)
    for row in ratings.values():
        _add_inconsistency(out, row)
    return out


def _add_inconsistency(scores: dict[str, int], row: Mapping[str, str]) -> None:
    """Add one piece of evidence's ratings to running inconsistency scores."""
    for h, r in row.items():
        v = ACH_VALUES.get(r, 0)
        if v < 0 and h in scores:
            scores[h] -= v


def agreement(
    player: Mapping[str, Mapping[str, str]], author: Mapping[str, Mapping[str, str]]
) -> float | None:
    """How close the player's ratings are to the author's, over the cells both rated: 1 exact, 0 opposite."""
    diffs = [
        abs(ACH_VALUES[r] - ACH_VALUES[author[f][h]]) / 4
        for f, row in player.items()
        for h, r in row.items()
        if f in author and h in author[f] and r in ACH_VALUES
    ]
    return 1.0 - sum(diffs) / len(diffs) if diffs else None


@dataclass(frozen=True)
class HeldOn:
    """A lead the player kept although their own ratings so far favoured another hypothesis."""

    scene: str
    lead: str
    favoured: tuple[str, ...]


def held_on(judged: Judgements, inst: Instruments) -> list[HeldOn]:
    """Each lead named although the player's own ratings at that moment favoured another hypothesis."""
    ids = [h.id for h in inst.hypotheses]
    out: list[HeldOn] = []
    if not judged.leads:
        return out
    # the ratings in force at lead i are those of the facts first rated before it: add them in that order
    before = judged.rated_before
    rows = sorted(judged.ratings.items(), key=lambda item: before.get(item[0], 0))
    scores = dict.fromkeys(ids, 0)
    added = 0
    for i, (scene, lead) in enumerate(judged.leads):
        while added < len(rows) and before.get(rows[added][0], 0) <= i:
            _add_inconsistency(scores, rows[added][1])
            added += 1
        if lead in scores:
            best = min(scores.values())
            if scores[lead] > best:
                out.append(HeldOn(scene, lead, tuple(h for h in ids if scores[h] == best)))
    return out


# ---------------------------------------------------------------- grading


@dataclass(frozen=True)
class GradeResult:
    task: GradeTask
    given: Grade

    @cached_property
    def accuracy(self) -> float:
        return admiralty.accuracy(self.given, self.task.model)

    @property
    def exact(self) -> bool:
        return self.given == self.task.model

    @property
    def trust_error(self) -> int:
        """Signed steps (reliability + credibility): negative when the player believed more than the model."""
        return admiralty.reliability_error(self.given, self.task.model) + admiralty.credibility_error(
            self.given, self.task.model
        )


def grade_results(inst: Instruments, judged: Judgements) -> list[GradeResult]:
    out = []
    for gid, text in judged.grades.items():
        task, given = inst.grades.get(gid), Grade.parse(text)
        if task is not None and given is not None:
            out.append(GradeResult(task, given))
    return out


@dataclass(frozen=True)
class EstimateResult:
    """One probability the player stated: the band, and what happened (None: not settled yet)."""

    task: EstimateTask
    said: Band
    happened: bool | None

    @property
    def outcome(self) -> str:
        """What became of it, as every debrief says it."""
        if self.happened is None:
            return "not settled by the end"
        return "it happened" if self.happened else "it did not happen"


def estimate_results(inst: Instruments, judged: Judgements) -> list[EstimateResult]:
    """Each estimate the player stated, in the order stated, beside what happened."""
    out = []
    for eid, e in judged.estimates.items():
        task, said = inst.estimates.get(eid), band(inst.yardstick, e.band)
        if task is not None and said is not None:
            out.append(EstimateResult(task, said, e.outcome))
    return out


# ---------------------------------------------------------------- the scorecard


@dataclass(frozen=True)
class Feedback:
    """One pattern in the player's own work, in plain words, with the technique that counters it."""

    pattern: str  # anchoring | held-on | over-confident | under-confident | credulous | sceptical | strength
    text: str
    technique: str


@dataclass
class Scorecard:
    measures: dict[str, float | None]  # MEASURES -> 0..1 or None
    composite: float | None
    letter: str
    brier: float | None
    estimates_resolved: int
    grades: list[GradeResult]
    calibration: list[CalibrationRow]
    inconsistency: dict[str, int]  # by the player's own ratings
    author_inconsistency: dict[str, int]
    held_on: list[HeldOn]
    feedback: list[Feedback]
    serious_misses: list[str] = field(default_factory=list)  # grade and estimate ids
    estimates: list[EstimateResult] = field(default_factory=list)  # as stated, with what happened

    def as_dict(self) -> dict[str, object]:
        """The scores for JSON outputs, session logs and reports (fractions rounded to 3 places)."""

        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 3)

        return {
            "letter": self.letter,
            "composite": r(self.composite),
            **{m: r(v) for m, v in self.measures.items()},
            "brier": r(self.brier),
            "estimates_resolved": self.estimates_resolved,
            "grades_exact": sum(1 for g in self.grades if g.exact),
            "grades_total": len(self.grades),
            "held_on": len(self.held_on),
            "serious_misses": list(self.serious_misses),
            "patterns": [f.pattern for f in self.feedback],
        }


def letter_for(
    composite: float | None, letters: tuple[tuple[str, float], ...] = DEFAULT_LETTERS, capped: bool = False
) -> str:
    """The letter for a composite; ``capped`` (a serious miss) keeps the top letter out of reach."""
    if composite is None:
        return ""
    i = next((i for i, (_, floor) in enumerate(letters) if composite >= floor - 1e-9), len(letters) - 1)
    if capped and i == 0 and len(letters) > 1:
        i = 1
    return letters[i][0]


def serious_misses(graded: list[GradeResult], judged: Judgements) -> list[str]:
    """Grades four or more steps from the model, and estimates confidently wrong (a number let stand)."""
    out = [g.task.id for g in graded if g.accuracy == 0.0]
    out += [k for k, e in resolved(judged) if (e.p - (1.0 if e.outcome else 0.0)) ** 2 >= SERIOUS_MISS_BRIER]
    return out


@dataclass(frozen=True)
class Measured:
    """The numbers behind the letter: what :func:`measure` computes and :func:`score` explains."""

    measures: dict[str, float | None]
    composite: float | None
    letter: str
    brier: float | None
    estimates_resolved: int
    grades: list[GradeResult]
    held_on: list[HeldOn]
    serious_misses: list[str]


def measure(inst: Instruments, judged: Judgements, timeliness: float | None = None) -> Measured:
    """The measures, the composite and the letter of one playthrough, without the explanations
    (calibration, inconsistency tables, feedback) that :func:`score` adds for a debrief."""
    graded = grade_results(inst, judged)
    grading = sum(g.accuracy for g in graded) / len(graded) if graded else None
    done = resolved(judged)
    b = brier((e.p, bool(e.outcome)) for _, e in done)
    forecasting = None if b is None else max(0.0, brier_skill(b))
    agree = agreement(judged.ratings, inst.ratings)
    kept = held_on(judged, inst)
    hyp: float | None = None
    if agree is not None or judged.leads:
        hyp = max(0.0, (agree if agree is not None else 1.0) - HELD_ON_PENALTY * len(kept))
    measures = {"grading": grading, "forecasting": forecasting, "hypotheses": hyp, "timeliness": timeliness}
    weighted = [(inst.weights.get(m, 1.0), v) for m, v in measures.items() if v is not None]
    total = sum(w for w, _ in weighted)
    composite = sum(w * v for w, v in weighted) / total if total else None
    misses = serious_misses(graded, judged)
    letter = letter_for(composite, inst.letters, capped=bool(misses))
    return Measured(measures, composite, letter, b, len(done), graded, kept, misses)


def score(
    inst: Instruments,
    judged: Judgements,
    timeliness: float | None = None,
) -> Scorecard:
    """The scorecard of one playthrough. ``timeliness`` (0..1) comes from the scenario's brief decisions."""
    m = measure(inst, judged, timeliness)
    ids = [h.id for h in inst.hypotheses]
    card = Scorecard(
        measures=m.measures,
        composite=m.composite,
        letter=m.letter,
        brier=m.brier,
        estimates_resolved=m.estimates_resolved,
        grades=m.grades,
        calibration=calibration(inst.yardstick, judged),
        inconsistency=inconsistency(judged.ratings, ids),
        author_inconsistency=inconsistency(
            {f: r for f, r in inst.ratings.items() if f in judged.ratings}, ids
        ),
        held_on=m.held_on,
        feedback=[],
        serious_misses=m.serious_misses,
        estimates=estimate_results(inst, judged),
    )
    card.feedback = feedback(inst, judged, card)
    return card


# ---------------------------------------------------------------- personalised feedback


def feedback(inst: Instruments, judged: Judgements, card: Scorecard) -> list[Feedback]:
    """The patterns this player showed, worst first, each with its counter-technique."""
    out: list[Feedback] = []
    anchored = [
        g.task.id
        for g in card.grades
        if g.task.anchor is not None and g.given == g.task.anchor and not g.exact
    ]
    anchored += [
        k
        for k, e in judged.estimates.items()
        if k in inst.estimates and inst.estimates[k].anchor is not None and e.band == inst.estimates[k].anchor
    ]
    if anchored:
        out.append(
            Feedback(
                "anchoring",
                f"You took the figure or grade a report handed you at face value ({_count(anchored, 'time')}).",
                "Set your own estimate before you read the source's number, then ask what would make it wrong.",
            )
        )
    let_stand = [k for k in card.serious_misses if k not in anchored]
    if let_stand:
        out.append(
            Feedback(
                "let-stand",
                f"You let a report or a forecast stand far from what the record supports ({_count(let_stand, 'time')}); "
                "one such miss keeps the top grade out of reach.",
                "Before a number goes to the minister, ask who said it, how they could know, and who else says so.",
            )
        )
    if card.held_on:
        names = {h.id: h.title for h in inst.hypotheses}
        first = card.held_on[0]
        out.append(
            Feedback(
                "held-on",
                f"You kept “{names.get(first.lead, first.lead)}” as your lead after your own ratings had turned "
                f"against it ({_count(card.held_on, 'time')}).",
                "In a matrix of competing hypotheses, favour the explanation with the least evidence against it, "
                "not the most for it.",
            )
        )
    gap = confidence_gap(judged)
    if gap is not None and gap > CONFIDENCE_GAP:
        out.append(
            Feedback(
                "over-confident",
                f"Your estimates were more confident than your record: on average {round(gap * 100)} points "
                "surer than you were right.",
                "Before you commit, name one thing that would prove you wrong (a premortem), and widen the band.",
            )
        )
    elif gap is not None and gap < -CONFIDENCE_GAP:
        out.append(
            Feedback(
                "under-confident",
                f"You were right more often than you claimed: on average {round(-gap * 100)} points less sure "
                "than your record.",
                "When the evidence converges, say so: an honest 'highly likely' helps the minister more than a hedge.",
            )
        )
    if len(card.grades) >= 2:
        lean = sum(g.trust_error for g in card.grades) / len(card.grades)
        if lean <= -1:
            out.append(
                Feedback(
                    "credulous",
                    "You graded sources and claims as more reliable than the record supports.",
                    "Grade the source and the claim separately, and look for a second, independent source.",
                )
            )
        elif lean >= 1:
            out.append(
                Feedback(
                    "sceptical",
                    "You discounted reports the record supports.",
                    "Doubt has a cost too: a confirmed report from a reliable source deserves its A or B.",
                )
            )
    if not out and card.composite is not None:
        best = max(
            (m for m, v in card.measures.items() if v is not None), key=lambda m: card.measures[m] or 0
        )
        out.append(
            Feedback(
                "strength",
                f"No bias stood out in your work; your strongest measure was {best}.",
                "Keep stating confidence in words from the yardstick, and keep your matrix current.",
            )
        )
    return out


def _count(items: list[object] | list[str] | list[HeldOn], word: str) -> str:
    n = len(items)
    return f"{n} {word}{'s' if n != 1 else ''}"
