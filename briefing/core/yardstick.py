"""Probability yardsticks: the words an analyst uses for a probability, each with its range.

Two published yardsticks, a scenario chooses one (``yardstick:`` in scenario.yaml):

- ``phia``: the UK Professional Head of Intelligence Assessment's probability yardstick (2019 edition).
  Its ranges leave gaps on purpose (there is no word for 20-25%), so each band is scored at a point
  inside its range.
- ``icd203``: the US Intelligence Community Directive 203 (2015), seven contiguous bands.

A player's estimate is a band; the probability scored (Brier) is the band's ``point``, the middle of
its range.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT = "phia"


@dataclass(frozen=True)
class Band:
    """One band of a yardstick: ``key`` (the answer a player sends), ``words``, range in percent."""

    key: str
    words: str
    low: int
    high: int

    @property
    def point(self) -> float:
        """The probability scored for this band: the middle of its range, as a fraction."""
        return (self.low + self.high) / 200

    @property
    def percent(self) -> int:
        return round(self.point * 100)

    @property
    def label(self) -> str:
        """``"Likely (55-75%)"``."""
        return f"{self.words} ({self.low}-{self.high}%)"


YARDSTICKS: dict[str, tuple[Band, ...]] = {
    "phia": (
        Band("remote", "Remote chance", 0, 5),
        Band("highly-unlikely", "Highly unlikely", 10, 20),
        Band("unlikely", "Unlikely", 25, 35),
        Band("realistic", "Realistic possibility", 40, 50),
        Band("likely", "Likely or probable", 55, 75),
        Band("highly-likely", "Highly likely", 80, 90),
        Band("almost-certain", "Almost certain", 95, 100),
    ),
    "icd203": (
        Band("almost-no-chance", "Almost no chance", 1, 5),
        Band("very-unlikely", "Very unlikely", 5, 20),
        Band("unlikely", "Unlikely", 20, 45),
        Band("even-chance", "Roughly even chance", 45, 55),
        Band("likely", "Likely", 55, 80),
        Band("very-likely", "Very likely", 80, 95),
        Band("almost-certain", "Almost certain", 95, 99),
    ),
}
TITLES: dict[str, str] = {
    "phia": "UK PHIA probability yardstick",
    "icd203": "US ICD 203 expressions of likelihood",
}


def bands(name: str) -> tuple[Band, ...]:
    """The bands of yardstick ``name`` (``phia`` or ``icd203``), least likely first."""
    return YARDSTICKS[name]


_BY_KEY = {name: {b.key: b for b in table} for name, table in YARDSTICKS.items()}


def band(name: str, key: str) -> Band | None:
    """The band of yardstick ``name`` with this key, or None."""
    return _BY_KEY[name].get(key)
