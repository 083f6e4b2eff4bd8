"""The Admiralty (NATO) grading scale: source reliability A-F and information credibility 1-6.

A grade is written as one letter and one digit, ``"B2"``. Reliability and credibility are judged
separately: a usually reliable source (B) can pass on an improbable claim (5). F and 6 mean "cannot be
judged"; they sit at the end of their scales, so choosing them when the author could judge costs as
much as any other distance.
"""

from __future__ import annotations

from dataclasses import dataclass

RELIABILITY: dict[str, str] = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
CREDIBILITY: dict[str, str] = {
    "1": "Confirmed by other sources",
    "2": "Probably true",
    "3": "Possibly true",
    "4": "Doubtful",
    "5": "Improbable",
    "6": "Truth cannot be judged",
}
_R = "ABCDEF"
_C = "123456"
MAX_DISTANCE = 10  # A1 against F6
FULL_MARKS_WITHIN = 0  # an exact grade scores 1.0
ZERO_AT = 4  # a grade four steps from the model (in reliability and credibility together) scores 0


@dataclass(frozen=True)
class Grade:
    """One Admiralty grade: ``reliability`` a letter A-F, ``credibility`` a digit 1-6."""

    reliability: str
    credibility: str

    def __str__(self) -> str:
        return self.reliability + self.credibility

    @property
    def words(self) -> str:
        """``"B2: usually reliable source, probably true"``."""
        r = RELIABILITY[self.reliability].lower()
        c = CREDIBILITY[self.credibility].lower()
        return f"{self}: {r} source, {c}"

    @classmethod
    def parse(cls, text: str) -> Grade | None:
        """``"B2"`` (any case, surrounding spaces ignored) as a Grade, or None when it is not one."""
        t = text.strip().upper()
        if len(t) != 2 or t[0] not in _R or t[1] not in _C:
            return None
        return cls(t[0], t[1])


def reliability_error(given: Grade, model: Grade) -> int:
    """Signed steps on the reliability scale: negative when the player trusted the source more."""
    return _R.index(given.reliability) - _R.index(model.reliability)


def credibility_error(given: Grade, model: Grade) -> int:
    """Signed steps on the credibility scale: negative when the player believed the claim more."""
    return _C.index(given.credibility) - _C.index(model.credibility)


def distance(given: Grade, model: Grade) -> int:
    """Steps from the model grade, reliability and credibility added: 0 (exact) to 10."""
    return abs(reliability_error(given, model)) + abs(credibility_error(given, model))


def accuracy(given: Grade, model: Grade) -> float:
    """1.0 for the model grade, falling linearly to 0.0 at four steps away or more."""
    return max(0.0, 1.0 - distance(given, model) / ZERO_AT)
