"""The analyst's decisions as an author declares them (format v2): grade, estimate and weigh.

A scene may ask for one such judgement before its choices. These are plain data built by the loader;
the engine asks them (:mod:`briefing.core.rules`), the player's answers are kept in
:class:`briefing.core.judgements.Judgements` and scored by :mod:`briefing.core.scoring`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.core.admiralty import Grade
from briefing.core.expr import Condition

ACH_RATINGS: dict[str, str] = {
    "CC": "Very consistent",
    "C": "Consistent",
    "N": "Neutral or not applicable",
    "I": "Inconsistent",
    "II": "Very inconsistent",
}
ACH_VALUES: dict[str, int] = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}


@dataclass(frozen=True)
class Hypothesis:
    """One explanation the scenario weighs (``hypotheses:`` in scenario.yaml)."""

    id: str
    title: str
    summary: str = ""


@dataclass
class GradeTask:
    """Grade a report on the Admiralty scale.

    ``report`` names the dossier fact being graded (it is revealed with the scene); ``model`` is the
    author's grade; ``notes`` says what a departure means, keyed by a reliability letter (``"A"``), a
    credibility digit (``"1"``) or a whole grade (``"A1"``); ``why`` explains the model grade;
    ``anchor`` is the grade a reader who took the report at its word would give (for feedback on
    anchoring).
    """

    id: str
    report: str
    model: Grade
    why: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    anchor: Grade | None = None

    def note_for(self, given: Grade) -> str:
        """The author's note on this answer: the whole grade's note, else reliability's and credibility's."""
        if str(given) in self.notes:
            return self.notes[str(given)]
        parts = [self.notes[k] for k in (given.reliability, given.credibility) if k in self.notes]
        return " ".join(parts)


@dataclass
class EstimateTask:
    """State a probability for ``question``, resolved later.

    It resolves when the player enters any scene of ``resolve_at``: to ``outcome`` when the author fixed
    it, or to the value of ``condition`` (evaluated then) when the outcome depends on the story.
    ``anchor`` is a band key a reader anchored on the report's own figure would pick.
    """

    id: str
    question: str
    resolve_at: list[str]
    outcome: bool | None = None
    condition: Condition | None = None
    why: str = ""
    anchor: str | None = None


@dataclass
class WeighTask:
    """Weigh the hypotheses: rate ``evidence`` (fact ids) against each hypothesis, then name the lead."""

    id: str
    evidence: list[str]
    lead: bool = True
    why: str = ""


Task = GradeTask | EstimateTask | WeighTask
