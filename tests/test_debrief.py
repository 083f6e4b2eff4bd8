"""The debrief model: one account of an ending for every front end."""

from __future__ import annotations

from pathlib import Path

from briefing.core.debrief import debrief_of
from briefing.core.engine import Game
from briefing.core.loader import load_scenario

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def mini():
    scenario, diags = load_scenario(str(MINI))
    assert scenario is not None and not diags.errors
    return scenario


def test_a_good_ending_with_its_key_decision_and_the_choices_note():
    game = Game.new(mini())
    game.choose(1)  # wire: brief the minister (a key decision, with the choice's own debrief)
    game.choose(1)
    d = debrief_of(game, reached={"good-end"})
    assert d.heading == "The end · grade A · Timely"
    assert d.counts == "Decisions taken: 2. Dossier entries: 1 of 2."
    assert [(k.key, k.chosen, k.note) for k in d.key_decisions] == [
        ("The first report", "Brief the minister now", "Early and honest.")
    ]
    assert d.aftermath == "Things happened next."
    assert [(e.scene, e.reached, e.current) for e in d.endings] == [
        ("good-end", True, True),
        ("bad-end", False, False),
    ]
    assert d.endings_reached == 1


def test_a_choice_without_a_note_falls_back_to_the_scenes():
    game = Game.new(mini())
    game.choose(2)  # wire: wait (no debrief of its own)
    game.choose(1)
    d = debrief_of(game)
    assert d.heading == "The end"
    assert [k.note for k in d.key_decisions] == ["Grading a report early matters."]
    assert d.endings_reached == 0 and [e.current for e in d.endings] == [False, True]


def test_every_key_decision_shows_the_roads_not_taken_with_notes_and_the_model_answer():
    from tests.conftest import FIXTURES

    scenario, diags = load_scenario(str(FIXTURES / "desk"))
    assert scenario is not None and not diags.errors
    game = Game.new(scenario)
    game.answer("A")
    game.answer("1")
    game.choose(2)  # the first video: hold it (not the model answer)
    kd = debrief_of(game).key_decisions[0]
    assert [(r.text, r.model, r.taken) for r in kd.roads] == [
        ("Send the minister a note now", True, False),
        ("Hold it until the embassy calls back tomorrow morning", False, True),
    ]
    assert kd.roads[0].note.startswith("Early, and labelled as unconfirmed")
    assert not kd.took_model


def test_the_debrief_gives_the_scenes_own_note_each_estimate_with_its_reasoning_and_each_weighs():
    """A key scene's own ``debrief:`` is shown even when every option has a note of its own; each
    estimate stands beside what happened with the author's why; each weigh done gives its why."""
    from briefing.authoring import strategies
    from briefing.core.debrief import weigh_notes
    from tests.conftest import FIXTURES

    scenario, diags = load_scenario(str(FIXTURES / "desk"))
    assert scenario is not None and not diags.errors
    game = Game.new(scenario)
    strategies.play(scenario, "model", game=game)
    kd = debrief_of(game).key_decisions[0]
    assert kd.taken_note.startswith("Early, and labelled as unconfirmed")
    assert kd.scene_extra == "What happened next: the clip turned out to be two years old."
    card = game.scorecard()
    first = card.estimates[0]
    assert first.task.question == "Will allied troops land within three days of the appeal?"
    assert (first.said.key, first.outcome) == ("almost-certain", "it happened")
    assert first.task.why == "The alliance's charter allows it and the chair spoke at once."
    assert weigh_notes(game) == (
        (
            "Weigh again",
            "A landing on request fits every reading; no fighters shown counts against a foreign attack.",
        ),
    )
