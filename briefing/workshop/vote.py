"""The room's vote: the majority of a tally decides; a tie is for the facilitator to settle.

Pure: the workshop screen collects the counts, this module says what they mean.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class VoteResult:
    """``counts``: the votes of every choice on offer (0 when none were entered);
    ``winner``: the choice the majority took, None when no votes were cast or the top is tied;
    ``tied``: the choices sharing the top count when there is a tie, else empty."""

    counts: dict[int, int]
    winner: int | None
    tied: tuple[int, ...]

    @property
    def no_votes(self) -> bool:
        return self.winner is None and not self.tied


def count_votes(tally: Mapping[int, int], enabled: Iterable[int]) -> VoteResult:
    """The result of ``tally`` ({choice number: votes}) over the ``enabled`` choices (votes for any other
    choice do not count)."""
    counts = {n: int(tally.get(n, 0)) for n in enabled}
    top = max(counts.values(), default=0)
    if top <= 0:
        return VoteResult(counts, None, ())
    tied = tuple(n for n, c in counts.items() if c == top)
    if len(tied) == 1:
        return VoteResult(counts, tied[0], ())
    return VoteResult(counts, None, tied)
