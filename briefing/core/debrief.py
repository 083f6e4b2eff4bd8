"""What the debrief at an ending says, built once for every front end (the app, plain play).

Pure: ``debrief_of(game)`` reads a finished game and returns a ``Debrief``; each front end only lays
it out. The endings reached so far live in the player's records, so the caller passes them in.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from briefing.core.engine import Game


@dataclass(frozen=True)
class KeyDecision:
    """A decision the author marked as key (``key:`` on its scene): what it was about, what the player
    chose, and the author's note on that choice (the choice's ``debrief:``, else the scene's)."""

    scene: str
    key: str
    chosen: str
    note: str


@dataclass(frozen=True)
class EndingSeen:
    """One ending of the scenario, for the list of endings reached so far."""

    scene: str
    title: str
    summary: str
    reached: bool
    current: bool


@dataclass(frozen=True)
class Debrief:
    grade: str
    summary: str
    decisions: int
    dossier: int
    facts: int
    key_decisions: tuple[KeyDecision, ...]
    scenario_debrief: str
    aftermath: str
    endings: tuple[EndingSeen, ...]

    @property
    def heading(self) -> str:
        """``The end``, with the grade and the ending's summary when it has them."""
        text = "The end"
        if self.grade:
            text += f" · grade {self.grade}"
        if self.summary:
            text += f" · {self.summary}"
        return text

    @property
    def counts(self) -> str:
        return f"Decisions taken: {self.decisions}. Dossier entries: {self.dossier} of {self.facts}."

    @property
    def endings_reached(self) -> int:
        return sum(1 for e in self.endings if e.reached)


def key_decisions(game: Game) -> tuple[KeyDecision, ...]:
    """The key decisions of ``game``, in the order they were taken."""
    scenes = game.scenario.scenes
    out = []
    for d in game.history:
        scene = scenes.get(d.scene)
        if scene is None or not scene.key:
            continue
        choice = scene.choices[d.choice - 1] if 0 < d.choice <= len(scene.choices) else None
        note = (choice.debrief if choice else "") or scene.debrief
        out.append(KeyDecision(scene.id, scene.key, d.text, note))
    return tuple(out)


def debrief_of(game: Game, reached: Collection[str] = ()) -> Debrief:
    """The debrief of ``game`` (at an ending); ``reached``: the ids of the endings reached so far."""
    s = game.scenario
    ending = game.scene.ending
    endings = tuple(
        EndingSeen(
            e.id,
            e.title,
            e.ending.summary if e.ending else "",
            e.id in reached,
            e.id == game.scene_id,
        )
        for e in s.endings
    )
    return Debrief(
        grade=ending.grade if ending else "",
        summary=ending.summary if ending else "",
        decisions=len(game.history),
        dossier=len(game.dossier),
        facts=len(s.facts),
        key_decisions=key_decisions(game),
        scenario_debrief=s.debrief,
        aftermath=s.aftermath,
        endings=endings,
    )
