"""What the debrief at an ending says, built once for every front end (the app, plain play).

Pure: ``debrief_of(game)`` reads a finished game and returns a ``Debrief``; each front end only lays
it out. The endings reached so far live in the player's records, so the caller passes them in.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from briefing.core.decisions import WeighTask
from briefing.core.engine import Game


@dataclass(frozen=True)
class Road:
    """One option of a key decision, taken or not: its text, the author's note on it (the choice's
    ``debrief:``), whether it is the author's model answer (``model: true``) and whether the player took it."""

    text: str
    note: str
    model: bool
    taken: bool


@dataclass(frozen=True)
class KeyDecision:
    """A decision the author marked as key (``key:`` on its scene): what it was about, what the player
    chose, and the author's note on that choice (the choice's ``debrief:``, else the scene's); ``roads``:
    every option of the scene, the roads not taken beside the one taken."""

    scene: str
    key: str
    chosen: str
    roads: tuple[Road, ...] = ()
    scene_note: str = ""  # the scene's own ``debrief:`` (what the decision was about, what happened next)

    @property
    def note(self) -> str:
        """The author's note on the player's choice: the option's own, else the scene's."""
        return self.taken_note or self.scene_note

    @property
    def took_model(self) -> bool:
        return any(r.model and r.taken for r in self.roads)

    @property
    def taken_note(self) -> str:
        """The author's note on the option the player took (its ``debrief:``)."""
        return next((r.note for r in self.roads if r.taken), "")

    @property
    def scene_extra(self) -> str:
        """The scene's own note, unless a note on one of its options already says it."""
        if self.scene_note and all(r.note != self.scene_note for r in self.roads):
            return self.scene_note
        return ""


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
        roads = tuple(Road(c.text, c.debrief, c.model, n == d.choice) for n, c in enumerate(scene.choices, 1))
        out.append(KeyDecision(scene.id, scene.key, d.text, roads, scene.debrief))
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
    grade = ending.grade if ending else ""
    if s.format >= 2:
        grade = game.scorecard().letter or grade  # the measures decide, not a variable an option gives away
    return Debrief(
        grade=grade,
        summary=ending.summary if ending else "",
        decisions=len(game.history),
        dossier=len(game.dossier),
        facts=len(s.facts),
        key_decisions=key_decisions(game),
        scenario_debrief=s.debrief,
        aftermath=s.aftermath,
        endings=endings,
    )


def weigh_notes(game: Game) -> tuple[tuple[str, str], ...]:
    """The author's reasoning (``why``) for each weigh the player did, in the order done: (scene title, why)."""
    weighs: dict[str, tuple[str, str]] = {}
    for scene in game.scenario.scenes.values():
        if isinstance(scene.task, WeighTask) and scene.task.why:
            weighs[scene.task.id] = (scene.title, scene.task.why)
    return tuple(weighs[w] for w in game.judged.weighs_done if w in weighs)
