"""The shipped scenario "Kazakhstan, January 2022": complete, playable everywhere, every fact placed."""

from __future__ import annotations

import random
import re

import pytest

from briefing.authoring import strategies
from briefing.authoring.analysis import reads_instruments
from briefing.authoring.lint import lint
from briefing.authoring.playtest import explore, random_playthroughs
from briefing.core.catalog import default_scenario
from briefing.core.diagnostics import Diagnostics
from briefing.core.engine import Game
from briefing.core.loader import load_or_raise
from briefing.core.model import FACT_KINDS
from briefing.core.rules import Rules


@pytest.fixture(scope="module")
def scenario():
    return load_or_raise(default_scenario())


def test_check_strict_is_clean(scenario):
    diags = Diagnostics()
    lint(scenario, diags)
    assert [d.format() for d in diags] == []


def replay(scenario, rules, trail):
    """Play ``trail`` [(scene id, choice number)] through the game, checking each choice is on offer;
    the judgements on the way get the author's model answers."""
    game = Game.new(scenario, rules)
    rng = random.Random(0)
    for sid, n in trail:
        while (prompt := game.judgement()) is not None:
            game.answer(strategies.pick("model", prompt, rng, game))
        assert game.scene_id == sid, (trail, game.path)
        assert n in [o.number for o in game.available()], (trail, game.path)
        game.choose(n)
    return game


def test_three_thousand_random_playthroughs_reach_everything_and_never_stick(scenario):
    report = random_playthroughs(scenario, 3_000, 0)
    assert report.stuck == {} and report.errors == []
    all_choices = {(s.id, n) for s in scenario.scenes.values() for n in range(1, len(s.choices) + 1)}
    assert set(scenario.scenes) - report.scenes_visited == set()
    assert all_choices - report.choices_taken == set()
    assert {e.id for e in scenario.endings} == set(report.ending_counts)
    assert sum(report.ending_counts.values()) == 3_000


def test_random_playthroughs_replay_the_same_through_the_game(scenario):
    # randomtest's runner and a random player on the game draw alike: the same seed, the same run,
    # judgements included (they decide the endings)
    for seed in range(200):
        report = random_playthroughs(scenario, 1, seed)
        (end,) = report.ending_counts
        run = strategies.play(scenario, "random", seed)
        assert run.ending == end, seed
        (letter,) = report.letter_counts
        assert run.letter == letter, seed


def test_the_explorers_paths_replay_the_same_through_the_game(scenario):
    # the search keeps only what conditions read: a shortest path to every scene it reached (within a
    # bound: the whole search takes seconds) must be playable, choice by choice, in the full game
    found = explore(scenario, 10_000)
    assert found.stuck == {} and set(found.trails) == found.scenes_reached
    assert len(found.scenes_reached) >= 10
    rules = Rules(scenario)
    judged = {
        (s.id, n)
        for s in scenario.scenes.values()
        for n, c in enumerate(s.choices, 1)
        if c.condition is not None and reads_instruments(c.condition)
    }
    replayed = 0
    for sid, trail in found.trails.items():
        if judged.intersection(trail):
            continue  # the search takes these either way; the game needs the right judgements
        assert replay(scenario, rules, trail).scene_id == sid
        replayed += 1
    assert replayed >= 10


def test_it_is_a_real_game(scenario):
    def count(text: str) -> int:
        return len(re.findall(r"\w+", text or ""))

    # the prose a player reads: scenes, passages, choices, debrief notes, the dossier, intro and aftermath
    words = sum(
        count(s.text)
        + sum(count(p.text) for p in s.passages)
        + count(s.debrief)
        + sum(count(c.text) + count(c.debrief) for c in s.choices)
        for s in scenario.scenes.values()
    )
    words += sum(count(f.title) + count(f.text) for f in scenario.facts.values())
    words += count(scenario.intro) + count(scenario.aftermath) + count(scenario.debrief)
    assert len(scenario.scenes) >= 40
    assert sum(len(s.choices) for s in scenario.scenes.values()) >= 120
    assert len(scenario.endings) >= 5
    assert len(scenario.state) >= 4
    assert words >= 12_000, words


def test_every_scene_has_a_dateline_and_every_key_decision_a_debrief(scenario):
    assert [s.id for s in scenario.scenes.values() if not s.dateline] == []
    keyed = [s for s in scenario.scenes.values() if s.key]
    assert len(keyed) >= 5
    assert [s.id for s in keyed if not (s.debrief or all(c.debrief for c in s.choices))] == []
    assert [s.id for s in keyed if not s.notes] == []


def test_every_dossier_entry_is_revealed_and_has_a_kind_and_a_source(scenario):
    revealed = {f for s in scenario.scenes.values() for f in s.reveals}
    revealed |= {f for s in scenario.scenes.values() for c in s.choices for f in c.reveals}
    assert set(scenario.facts) - revealed == set()
    for fact in scenario.facts.values():
        assert fact.kind in FACT_KINDS
        assert fact.source.strip() and fact.text.strip()
    kinds = {f.kind for f in scenario.facts.values()}
    # counterpoints are filed as what they are: evidence (a fact, a claim) or reasoning (an argument)
    assert {"fact", "official-claim", "unofficial-figure", "argument", "context", "hindsight"} <= kinds


def test_the_article_is_never_given_an_author(scenario):
    for fact in scenario.facts.values():
        if "Desk Russie" in fact.source or "article" in fact.source.lower():
            assert " by " not in fact.source.split("(")[0]


def test_the_machine_paraphrase_never_leaks_into_the_game(scenario):
    spun = [
        "coloration revolution",
        "shade revolution",
        "inexperienced males",
        "japanese and central europe",
        "overseas agent",
        "dwell ammunition",
        "collective safety treaty",
        "worldwide terrorists",
        "revolting folks",
        "marauding",
    ]
    texts = [
        s.title
        + " "
        + s.text
        + " "
        + " ".join(c.text + " " + c.debrief for c in s.choices)
        + " "
        + " ".join(p.text for p in s.passages)
        + " "
        + s.debrief
        + " "
        + s.notes
        for s in scenario.scenes.values()
    ]
    texts += [f.text + " " + f.title + " " + f.source for f in scenario.facts.values()]
    texts += [scenario.intro, scenario.aftermath, scenario.debrief]
    blob = " ".join(texts).lower()
    assert [w for w in spun if w in blob] == []
