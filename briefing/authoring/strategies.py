"""Scripted players: how far a player gets without judgement (always the first answer, the longest...).

A scenario that grades craft must not reward a pattern: the top letter must be out of reach for a
player who always takes the first answer, the last, the longest or the shortest, or answers at random,
and within reach of a player who answers like the author's model. These players answer every prompt
(judgements and choices) through the engine, as any interface does.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from briefing.core.asking import Answer, Prompt
from briefing.core.decisions import EstimateTask, GradeTask
from briefing.core.engine import Game
from briefing.core.model import Scenario
from briefing.core.scoring import Scorecard, inconsistency

STRATEGIES = ("first", "last", "longest", "shortest", "random", "model")
SCRIPTED = ("first", "last", "longest", "shortest", "model")  # the deterministic ones
MAX_STEPS = 10_000


@dataclass
class ScriptedRun:
    strategy: str
    seed: int
    ending: str  # "" when the run got stuck or ran out of steps
    letter: str
    card: Scorecard


def choice_prompt(game: Game) -> Prompt:
    """The scene's available choices as a prompt (value: the choice number)."""
    answers = tuple(Answer(str(o.number), o.text) for o in game.available())
    return Prompt("choice", game.scene_id, "", "What do you do?", answers)


def model_answer(game: Game, prompt: Prompt) -> str:
    """What the author's model analyst answers: the model grade, the band nearest the outcome, the
    author's ratings, the hypothesis least inconsistent with the author's ratings so far, the model choice."""
    task = game.scene.task
    if prompt.kind == "grade" and isinstance(task, GradeTask):
        return task.model.reliability if prompt.part == "reliability" else task.model.credibility
    if prompt.kind == "estimate" and isinstance(task, EstimateTask):
        happens = task.outcome if task.condition is None else _likely_outcome(game, task)
        return prompt.answers[-1].value if happens else prompt.answers[0].value
    if prompt.kind == "weigh":
        fact, hyp = prompt.context["fact"], prompt.context["hypothesis"]
        return game.scenario.facts[fact].ach.get(hyp, "N")
    if prompt.kind == "lead":
        author = {f: game.scenario.facts[f].ach for f in game.judged.ratings if f in game.scenario.facts}
        scores = inconsistency(author, [a.value for a in prompt.answers])
        return min(prompt.answers, key=lambda a: scores[a.value]).value
    models = [o for o in game.available() if o.choice.model]
    return str((models or game.available())[0].number)


def _likely_outcome(game: Game, task: EstimateTask) -> bool:
    """A model analyst's guess at a condition-resolved estimate: its value if the game ended now."""
    assert task.condition is not None
    return bool(task.condition.evaluate(game.state))


def pick(strategy: str, prompt: Prompt, rng: random.Random, game: Game) -> str:
    answers = prompt.answers
    if strategy == "first":
        return answers[0].value
    if strategy == "last":
        return answers[-1].value
    if strategy == "longest":
        return max(answers, key=lambda a: len(a.text)).value
    if strategy == "shortest":
        return min(answers, key=lambda a: len(a.text)).value
    if strategy == "random":  # drawn as randomtest draws: a run of randomtest replays exactly
        return answers[int(rng.random() * len(answers))].value
    return model_answer(game, prompt)


def play(scenario: Scenario, strategy: str, seed: int = 0, game: Game | None = None) -> ScriptedRun:
    """Play one game to its end with ``strategy``; ``seed`` drives the random player."""
    rng = random.Random(seed)
    game = game or Game.new(scenario)
    for _ in range(MAX_STEPS):
        if game.ended or game.stuck:
            break
        prompt = game.judgement()
        if prompt is not None:
            game.answer(pick(strategy, prompt, rng, game))
        else:
            game.choose(int(pick(strategy, choice_prompt(game), rng, game)))
    card = game.scorecard()
    letter = card.letter if scenario.format >= 2 else (game.scene.ending.grade if game.scene.ending else "")
    return ScriptedRun(strategy, seed, game.scene_id if game.ended else "", letter, card)
