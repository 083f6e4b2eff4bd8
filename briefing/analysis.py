"""Graph facts about a scenario: which scenes lead where and what can be reached."""

from __future__ import annotations

from collections import deque

from briefing.model import Scenario


def successors(scenario: Scenario, scene_id: str) -> list[str]:
    """Every scene a scene can lead to, ignoring conditions (choices, then a timeout jump)."""
    scene = scenario.scenes[scene_id]
    out = [c.goto for c in scene.choices if c.goto in scenario.scenes]
    if scene.timeout and scene.timeout.goto in scenario.scenes:
        out.append(scene.timeout.goto)
    return out


def reachable(scenario: Scenario) -> set[str]:
    """Scenes reachable from the start by following every choice, whatever its condition."""
    if scenario.start not in scenario.scenes:
        return set()
    seen = {scenario.start}
    queue = deque([scenario.start])
    while queue:
        for nxt in successors(scenario, queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen
