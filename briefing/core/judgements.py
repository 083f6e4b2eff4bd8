"""What the player judged: grades, estimates, ACH ratings and leading hypotheses, in the order given.

Pure data with a JSON form for saves and session logs; :mod:`briefing.core.scoring` reads it.
``from_dict`` validates everything (a save is untrusted input) and raises ValueError naming what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefing.core.admiralty import Grade
from briefing.core.decisions import ACH_VALUES

MAX_ENTRIES = 10_000  # far beyond any scenario; bounds what a save may hold


@dataclass
class EstimateRecord:
    """One stated probability: the band chosen and its point probability; outcome once resolved."""

    band: str
    p: float
    scene: str
    outcome: bool | None = None
    resolved_at: str = ""


@dataclass
class Judgements:
    grades: dict[str, str] = field(default_factory=dict)  # grade id -> "B2"
    estimates: dict[str, EstimateRecord] = field(default_factory=dict)
    ratings: dict[str, dict[str, str]] = field(default_factory=dict)  # fact id -> hypothesis -> "C"
    leads: list[tuple[str, str]] = field(default_factory=list)  # (scene id, hypothesis id), in order
    rated_before: dict[str, int] = field(default_factory=dict)  # fact id -> leads named before it was rated
    weighs_done: list[str] = field(default_factory=list)  # weigh ids fully answered
    partial: dict[str, str] = field(default_factory=dict)  # a grade half given: {"reliability": "B"}

    def rate(self, fact: str, hypothesis: str, rating: str) -> None:
        self.ratings.setdefault(fact, {})[hypothesis] = rating
        self.rated_before.setdefault(fact, len(self.leads))

    @property
    def lead(self) -> str:
        """The player's current leading hypothesis ("" before the first weigh)."""
        return self.leads[-1][1] if self.leads else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "grades": dict(self.grades),
            "estimates": {
                k: {
                    "band": e.band,
                    "p": e.p,
                    "scene": e.scene,
                    "outcome": e.outcome,
                    "resolved_at": e.resolved_at,
                }
                for k, e in self.estimates.items()
            },
            "ratings": {f: dict(r) for f, r in self.ratings.items()},
            "leads": [[s, h] for s, h in self.leads],
            "rated_before": dict(self.rated_before),
            "weighs_done": list(self.weighs_done),
            "partial": dict(self.partial),
        }

    @classmethod
    def from_dict(cls, data: object) -> Judgements:
        """Rebuild from a save; raise ValueError when anything is not of the documented shape."""
        if data is None:
            return cls()
        d = _mapping(data, "judgements")
        out = cls()
        for k, v in _mapping(d.get("grades", {}), "grades").items():
            if not isinstance(v, str) or Grade.parse(v) is None:
                raise ValueError(f"the saved grade {k!r} is not a grade")
            out.grades[k] = v
        for k, v in _mapping(d.get("estimates", {}), "estimates").items():
            e = _mapping(v, "estimate")
            band, p, scene = e.get("band"), e.get("p"), e.get("scene", "")
            outcome, resolved_at = e.get("outcome"), e.get("resolved_at", "")
            if not isinstance(band, str) or not isinstance(scene, str) or not isinstance(resolved_at, str):
                raise ValueError(f"the saved estimate {k!r} is damaged")
            if isinstance(p, bool) or not isinstance(p, int | float) or not 0.0 <= float(p) <= 1.0:
                raise ValueError(f"the saved estimate {k!r} has no probability between 0 and 1")
            if outcome is not None and not isinstance(outcome, bool):
                raise ValueError(f"the saved estimate {k!r} has a damaged outcome")
            out.estimates[k] = EstimateRecord(band, float(p), scene, outcome, resolved_at)
        for f, row in _mapping(d.get("ratings", {}), "ratings").items():
            cells = _mapping(row, "ratings row")
            for h, r in cells.items():
                if r not in ACH_VALUES:
                    raise ValueError(f"the saved rating of {f!r} against {h!r} is not one of CC, C, N, I, II")
            out.ratings[f] = {str(h): str(r) for h, r in cells.items()}
        leads = d.get("leads", [])
        if not isinstance(leads, list) or len(leads) > MAX_ENTRIES:
            raise ValueError("the saved leading hypotheses are damaged")
        for item in leads:
            if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
                raise ValueError("the saved leading hypotheses are damaged")
            out.leads.append((item[0], item[1]))
        for f, n in _mapping(d.get("rated_before", {}), "rating order").items():
            if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_ENTRIES:
                raise ValueError("the saved rating order is damaged")
            out.rated_before[f] = n
        done = d.get("weighs_done", [])
        if not isinstance(done, list) or len(done) > MAX_ENTRIES or not all(isinstance(x, str) for x in done):
            raise ValueError("the saved weighs are damaged")
        out.weighs_done = list(done)
        partial = _mapping(d.get("partial", {}), "partial grade")
        rel = partial.get("reliability")
        if set(partial) - {"reliability"} or (
            rel is not None and (not isinstance(rel, str) or rel not in "ABCDEF" or len(rel) != 1)
        ):
            raise ValueError("the saved partial grade is damaged")
        out.partial = dict(partial)
        return out


def _mapping(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict) or len(value) > MAX_ENTRIES or not all(isinstance(k, str) for k in value):
        raise ValueError(f"the saved {what} are damaged")
    return value
