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


def _bands(table: str) -> tuple[Band, ...]:
    """Bands from a table of ``key: words, low-high`` lines, least likely first."""
    out = []
    for line in table.strip().splitlines():
        key, rest = line.split(":", 1)
        words, span = rest.rsplit(",", 1)
        low, high = span.split("-")
        out.append(Band(key.strip(), words.strip(), int(low), int(high)))
    return tuple(out)


YARDSTICKS: dict[str, tuple[Band, ...]] = {
    "phia": _bands(
        """
        remote: Remote chance, 0-5
        highly-unlikely: Highly unlikely, 10-20
        unlikely: Unlikely, 25-35
        realistic: Realistic possibility, 40-50
        likely: Likely or probable, 55-75
        highly-likely: Highly likely, 80-90
        almost-certain: Almost certain, 95-100
        """
    ),
    "icd203": _bands(
        """
        almost-no-chance: Almost no chance, 1-5
        very-unlikely: Very unlikely, 5-20
        unlikely: Unlikely, 20-45
        even-chance: Roughly even chance, 45-55
        likely: Likely, 55-80
        very-likely: Very likely, 80-95
        almost-certain: Almost certain, 95-99
        """
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
