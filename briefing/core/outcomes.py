"""Resolving the player's estimates when the story reaches the scene that answers them."""

from __future__ import annotations

from collections.abc import Mapping

from briefing.core.decisions import EstimateTask
from briefing.core.expr import State
from briefing.core.judgements import Judgements


def resolve_on_entry(
    estimates: Mapping[str, EstimateTask], scene_id: str, judged: Judgements, state: State
) -> list[str]:
    """Resolve every stated, open estimate that ``scene_id`` answers; return their ids in order stated.

    The outcome is the author's fixed ``outcome``, or the estimate's condition evaluated now.
    """
    out = []
    for eid, record in judged.estimates.items():
        task = estimates.get(eid)
        if record.outcome is not None or task is None or scene_id not in task.resolve_at:
            continue
        record.outcome = (
            bool(task.condition.evaluate(state)) if task.condition is not None else bool(task.outcome)
        )
        record.resolved_at = scene_id
        out.append(eid)
    return out
