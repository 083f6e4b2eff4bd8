"""The shipped scenario "Kazakhstan, January 2022": complete, playable everywhere, every fact placed."""

from __future__ import annotations

import random
import re

import pytest

from briefing.authoring.lint import lint
from briefing.core.catalog import default_scenario
from briefing.core.diagnostics import Diagnostics
from briefing.core.engine import Game
from briefing.core.loader import load_or_raise
from briefing.core.model import FACT_KINDS


@pytest.fixture(scope="module")
def scenario():
    return load_or_raise(default_scenario())


def test_check_strict_is_clean(scenario):
    diags = Diagnostics()
    lint(scenario, diags)
    assert [d.format() for d in diags] == []


def test_ten_thousand_random_playthroughs_reach_everything_and_never_stick(scenario):
    scenes_seen, choices_taken, endings = set(), set(), {}
    for seed in range(10_000):
        rng = random.Random(seed)
        game = Game.new(scenario)
        for _ in range(10 * len(scenario.scenes)):
            scenes_seen.add(game.scene_id)
            if game.ended:
                endings[game.scene_id] = endings.get(game.scene_id, 0) + 1
                break
            options = game.available()
            assert options, f"seed {seed}: stuck at {game.scene_id} after {game.path}"
            pick = rng.choice(options)
            choices_taken.add((game.scene_id, pick.number))
            game.choose(pick.number)
        else:
            pytest.fail(f"seed {seed}: no ending within {10 * len(scenario.scenes)} choices")
    all_choices = {(s.id, n) for s in scenario.scenes.values() for n in range(1, len(s.choices) + 1)}
    assert set(scenario.scenes) - scenes_seen == set()
    assert all_choices - choices_taken == set()
    assert {e.id for e in scenario.endings} == set(endings)


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
    assert {"fact", "official-claim", "unofficial-figure", "argument", "counterpoint"} <= kinds


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
