"""The format's glossary and locked reasons: read with located errors, and the names a scene uses."""

from __future__ import annotations

from briefing.core.engine import Game
from briefing.core.glossary import by_kind, named_in, scene_names
from briefing.core.loader import load_scenario
from tests.conftest import SCENARIO_YAML

SCENES = """\
scenes:
  - id: a
    title: "A"
    text: |
      The **CSTO** lands at Almaty airport; Tokayev speaks. csto-like words do not count: CSTOs.
      See [the charter](https://example.org/charter).

      - **Brief in time.** Always.
      - *Grade* the source.
    choices:
      - text: "Call the Collective Security Treaty Organization"
        goto: b
      - text: "Ask the embassy"
        goto: b
        if: "trust > 5"
        show_locked: true
        locked: "Needs the embassy's trust"
  - id: b
    title: "B"
    text: "End."
    ending: true
glossary:
  - id: csto
    term: CSTO
    kind: organisation
    also: ["Collective Security Treaty Organization"]
    text: "A *Russian-led* alliance."
    source: "CSTO charter"
"""

PEOPLE = """\
glossary:
  - id: tokayev
    term: Kassym-Jomart Tokayev
    also: Tokayev
    kind: person
    text: "President of Kazakhstan."
  - id: almaty
    term: Almaty
    kind: place
    text: "The largest city."
"""


def load(make_scenario, scenes=SCENES, extra=None):
    files = {"scenario.yaml": SCENARIO_YAML, "scenes.yaml": scenes, "people.yaml": PEOPLE}
    files.update(extra or {})
    return load_scenario(make_scenario(files))


def test_the_glossary_is_read_from_any_file_and_a_file_may_hold_only_a_glossary(make_scenario):
    scenario, diags = load(make_scenario)
    assert not diags.errors, [str(d) for d in diags]
    assert list(scenario.glossary) == ["tokayev", "almaty", "csto"]  # files in order, people.yaml first
    csto = scenario.glossary["csto"]
    assert (csto.term, csto.kind, csto.source, csto.also) == (
        "CSTO",
        "organisation",
        "CSTO charter",
        ["Collective Security Treaty Organization"],
    )
    assert scenario.glossary["almaty"].source == "" and scenario.glossary["tokayev"].also == ["Tokayev"]
    assert [k for k in by_kind(scenario)] == ["person", "organisation", "place"]


def test_a_scene_lists_the_entries_it_names_as_whole_words_in_order(make_scenario):
    scenario, _ = load(make_scenario)
    game = Game.new(scenario)
    names = scene_names(scenario, game.passages(), [o.text for o in game.options()])
    assert [e.id for e in names] == ["csto", "almaty", "tokayev"]
    assert named_in(scenario, ["CSTOs and almatynian"]) == []
    assert [e.id for e in named_in(scenario, ["the collective security treaty organization"])] == ["csto"]


def test_a_locked_choice_says_why(make_scenario):
    scenario, _ = load(make_scenario)
    options = Game.new(scenario).options()
    assert [(o.enabled, o.locked) for o in options] == [(True, ""), (False, "Needs the embassy's trust")]


def test_glossary_mistakes_are_located(make_scenario):
    bad = """\
glossary:
  - id: csto
    term: CSTO
    text: "Again."
  - id: x
    kind: people
    term: X
    text: "x"
  - id: y
    text: "no term"
    colour: red
  - "just text"
"""
    _, diags = load(make_scenario, extra={"zz.yaml": bad})
    got = sorted((d.path.rsplit("/", 1)[-1], d.line, d.code, d.message.split(" (")[0]) for d in diags.errors)
    assert got == [
        ("zz.yaml", 2, "B105", "duplicate glossary id 'csto'"),
        ("zz.yaml", 6, "B109", "unknown glossary kind 'people'"),
        ("zz.yaml", 9, "B103", "a glossary entry is missing 'term'"),
        ("zz.yaml", 11, "B101", "unknown key 'colour' in a glossary entry"),
        ("zz.yaml", 12, "B102", "each glossary entry must be a mapping with 'id', 'term' and 'text'"),
    ]
    codes = sorted(d.code for d in diags.errors)
    assert codes == ["B101", "B102", "B103", "B105", "B109"]
    assert all(d.line > 0 for d in diags.errors)


def test_locked_must_be_text(make_scenario):
    _, diags = load(make_scenario, scenes=SCENES.replace('"Needs the embassy\'s trust"', "[1, 2]"))
    assert [d.code for d in diags.errors] == ["B102"]
    assert "'locked'" in diags.errors[0].message
