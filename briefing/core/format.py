"""The scenario file format, declared once: every key of every mapping, the id pattern, the fact kinds.

The loader checks keys against these declarations, ``briefing schema`` builds the JSON Schemas from
them, and a test holds the key tables of ``docs/scene-format.md`` to :func:`markdown_tables`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

# An id names a scene, a fact or a scenario: a slug of at most 100 characters.
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}"
ID_RE = re.compile(ID_PATTERN + r"\Z")
ID_RULE = "letters, digits, '-', '_' and '.', starting with a letter or digit (at most 100)"

# A variable declared under ``state:``; not one of the expression language's words.
VAR_PATTERN = r"[A-Za-z_][A-Za-z0-9_]{0,63}"
VAR_RE = re.compile(VAR_PATTERN + r"\Z")
RESERVED = ("and", "or", "not", "true", "false", "visited", "visits", "revealed", "chose", "chance")
VAR_RULE = "letters, digits and '_', not starting with a digit, and not a keyword"

SCENARIO_FILE = "scenario.yaml"


@dataclass(frozen=True)
class FactKind:
    name: str  # as written in a file: ``kind: official-claim``
    label: str  # as shown to the player
    description: str  # for the docs


FACT_KIND_LIST = (
    FactKind("fact", "Fact", "an event or figure that can be checked"),
    FactKind("official-claim", "Official claim", "what a government or official said: a claim, not a truth"),
    FactKind("unofficial-figure", "Unofficial figure", "a number from unofficial sources"),
    FactKind(
        "report",
        "Unconfirmed report",
        "what a source reports that no one has confirmed yet (a clip, a contact, a rumour)",
    ),
    FactKind("argument", "Argument", "an author's analysis or opinion"),
    FactKind("counterpoint", "Counterpoint", "evidence or reasoning that cuts against an argument or claim"),
    FactKind("context", "Context", "background from the public record"),
    FactKind("hindsight", "Hindsight", "what was learnt later (after the scene's date)"),
)
FACT_KINDS: dict[str, str] = {k.name: k.label for k in FACT_KIND_LIST}  # name -> label, in order

# What a glossary entry names (``kind: person``); the player's glossary groups entries by it.
GLOSSARY_KIND_LIST = (
    FactKind("person", "People", "someone the story names"),
    FactKind("organisation", "Organisations", "a government body, party, company or alliance"),
    FactKind("place", "Places", "a city, region or building"),
    FactKind("term", "Terms", "a word of the trade or of the region (the default)"),
)
GLOSSARY_KINDS: dict[str, str] = {k.name: k.label for k in GLOSSARY_KIND_LIST}  # name -> group label

# What a key holds. "text" is a string; "id" a string matching ID_PATTERN; "ids" one id or a list;
# "condition" one expression; "effects" one effect or a list; "state" variables with initial values;
# "labels" variable -> text; "kind" one of FACT_KINDS; "list" a list of the mapping named by ``of``;
# "mapping" one mapping named by ``of``; "ending" true or the mapping named by ``of``; "tags" one tag
# or a list of them (each written like an id).
KeyType = Literal[
    "text",
    "id",
    "ids",
    "condition",
    "effects",
    "boolean",
    "integer",
    "state",
    "labels",
    "kind",
    "list",
    "mapping",
    "ending",
    "admiralty",
    "ratings",
    "notes",
    "numbers",
    "texts",
    "tags",
]


@dataclass(frozen=True)
class Key:
    name: str
    type: KeyType
    description: str
    required: bool = False
    nonempty: bool = False  # text that may not be blank
    of: str = ""  # for list, mapping and ending: the name of the nested mapping

    @property
    def type_words(self) -> str:
        """The type as the docs say it."""
        words = {
            "text": "text",
            "id": "id",
            "ids": "id or list of ids",
            "condition": "condition",
            "effects": "effect or list of effects",
            "boolean": "true/false",
            "integer": "whole number",
            "state": "mapping: variable to value",
            "labels": "mapping: variable to text",
            "kind": "fact kind",
            "list": "list of " + _plural(self.of),
            "mapping": self.of,
            "ending": f"true or {self.of}",
            "admiralty": "Admiralty grade (A-F then 1-6)",
            "ratings": "mapping: hypothesis to CC, C, N, I or II",
            "notes": "mapping: grade, letter or digit to text",
            "numbers": "mapping: name to whole number",
            "texts": "text or list of texts",
            "tags": "tag or list of tags",
        }
        return words[self.type]


def _plural(name: str) -> str:
    return {"hypothesis": "hypotheses", "glossary entry": "glossary entries"}.get(name, name + "s")


@dataclass(frozen=True)
class Mapping:
    name: str  # also how messages name it: "a scene", "a fact"
    description: str
    keys: tuple[Key, ...]
    one_of_required: tuple[str, ...] = ()  # at least one of these keys must be present
    # keys that may not both be given (a key set to false or nothing, or an empty list, counts as absent)
    exclusive: tuple[str, ...] = ()

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(k.name for k in self.keys)

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys if k.required)

    def key(self, name: str) -> Key:
        for k in self.keys:
            if k.name == name:
                return k
        raise KeyError(name)


def _text(name: str, description: str, required: bool = False, nonempty: bool = False) -> Key:
    return Key(name, "text", description, required, nonempty or required)


def _id(description: str, required: bool = True) -> Key:
    """The ``id`` key of a thing others refer to (never blank; a task's may be left out)."""
    return Key("id", "id", description, required, nonempty=True)


def _section(name: str, description: str, required: bool = False) -> Key:
    """A key whose value is a mapping of its own, declared below under the same name."""
    return Key(name, "mapping", description, required, of=name)


SCENARIO = Mapping(
    "scenario",
    f"The {SCENARIO_FILE} of a scenario folder.",
    (
        _id("The scenario's id."),
        _text("title", "Shown on the title screen.", required=True),
        _text("subtitle", "One line under the title."),
        Key("start", "id", "The id of the first scene.", required=True, nonempty=True),
        Key("state", "state", "Every variable and its initial value (number, true/false, text).", True),
        Key("standing", "labels", "Variables shown to the player, with their labels."),
        _text("intro", "Markdown shown before the first scene."),
        _text("aftermath", "Markdown: what happened next, shown in the debrief."),
        _text("debrief", "Markdown: general debrief notes."),
        Key("format", "integer", "1 (the default) or 2: format 2 adds the analyst's instruments."),
        _text("yardstick", "Format 2: the probability words, 'phia' (UK, the default) or 'icd203' (US)."),
        Key("hypotheses", "list", "Format 2: the explanations the player weighs.", of="hypothesis"),
        _section("scoring", "Format 2: how the scorecard is weighted and lettered."),
        Key("cuts", "list", "Shorter versions for workshops: their own start, state and dossier.", of="cut"),
        Key(
            "glossary",
            "list",
            "People, organisations, places and terms the player can look up.",
            of="glossary entry",
        ),
    ),
)

HYPOTHESIS = Mapping(
    "hypothesis",
    "One explanation the player weighs (Analysis of Competing Hypotheses).",
    (
        _id("Unique among the hypotheses; lead() returns it."),
        _text("title", "The hypothesis in a line.", required=True),
        _text("summary", "One or two sentences."),
    ),
)

SCORING = Mapping(
    "scoring",
    "How the scorecard is weighted and lettered (docs/scoring.md).",
    (
        _section("timeliness", "The two variables that count briefings in time and late."),
        Key("weights", "numbers", "Relative weights of grading, forecasting, hypotheses and timeliness."),
        Key(
            "letters",
            "numbers",
            "Composite floors in percent, best letter first (default A 80, B 65, C 50, D 35).",
        ),
    ),
)

TIMELINESS = Mapping(
    "timeliness",
    "Timeliness is on_time / (on_time + late).",
    (
        _text("on_time", "A whole-number variable: briefings sent in time.", required=True),
        _text("late", "A whole-number variable: times events overtook the player.", required=True),
    ),
)

CUT = Mapping(
    "cut",
    "A shorter version of the scenario for a workshop.",
    (
        _id("The cut's id: play --cut ID."),
        _text("title", "Shown when choosing a cut, e.g. 'Acts 2 and 3 (25 minutes)'.", required=True),
        Key("start", "id", "The first scene of the cut.", required=True, nonempty=True),
        Key("state", "state", "Variables set as if the earlier scenes had been played."),
        Key("reveals", "ids", "Facts already in the dossier."),
    ),
)

SCENE_FILE = Mapping(
    "scene file",
    "Any other .yaml file of the folder: scenes and/or facts.",
    (
        _text("act", "The act every scene in this file belongs to."),
        Key("scenes", "list", "The scenes of this file.", of="scene"),
        Key("facts", "list", "The dossier facts of this file.", of="fact"),
        Key("glossary", "list", "Glossary entries (as in scenario.yaml).", of="glossary entry"),
    ),
    one_of_required=("scenes", "facts", "glossary"),
)

SCENE = Mapping(
    "scene",
    "A scene: an ending, or a scene with at least one choice.",
    (
        _id("Unique across the scenario."),
        _text("title", "The scene's title.", required=True),
        _text("dateline", "When and where, e.g. 'Sunday 2 January 2022, 09:40, Zhanaozen'."),
        _text("act", "The act this scene belongs to (overrides the file's act)."),
        _text("text", "Markdown: what the player reads.", required=True),
        Key("passages", "list", "Extra paragraphs shown when their condition holds.", of="passage"),
        Key("choices", "list", "The choices offered (at least one unless an ending).", of="choice"),
        Key("reveals", "ids", "Facts added to the dossier on arrival."),
        Key("do", "effects", "Effects applied on arrival, in order."),
        Key("ending", "ending", "Marks an ending: true, or a grade and summary.", of="ending"),
        _text("key", "Marks a key decision for the debrief."),
        _text("debrief", "The debrief note for this key decision."),
        _text("notes", "Facilitator notes (workshop mode only)."),
        _section("timeout", "What happens when a workshop timer runs out."),
        _section("grade", "Format 2: the player grades a report before the choices."),
        _section("estimate", "Format 2: the player states a probability before the choices."),
        _section("weigh", "Format 2: the player weighs evidence against the hypotheses."),
        Key("tags", "tags", "The author's own labels, for filters, reports and graphs (graph --tag)."),
    ),
    one_of_required=("choices", "ending"),
    exclusive=("ending", "choices"),  # an ending has no choices (B107)
)

GRADE = Mapping(
    "grade",
    "Grade a report on the Admiralty scale: source reliability A-F, information credibility 1-6.",
    (
        _id("Defaults to the scene id; grade('id') reads the player's grade.", required=False),
        Key("report", "id", "The dossier fact graded.", required=True, nonempty=True),
        Key("model", "admiralty", "The author's grade, e.g. B2.", required=True),
        _text("why", "Why the model grade: shown in the debrief."),
        Key("notes", "notes", "What a departure means, keyed by a letter (A), a digit (1) or a grade (A1)."),
        Key("anchor", "admiralty", "The grade a reader taking the report at its word would give."),
    ),
)

ESTIMATE = Mapping(
    "estimate",
    "State a probability in the words of the scenario's yardstick; resolved at a later scene.",
    (
        Key(
            "id",
            "id",
            "Defaults to the scene id; estimate('id') reads the player's probability.",
            nonempty=True,
        ),
        _text("question", "The question, answerable yes or no.", required=True),
        _section("resolves", "When and how it resolves.", required=True),
        _text("why", "The model answer's reasoning: shown in the debrief."),
        _text("anchor", "A band a reader anchored on the report would pick, e.g. 'almost-certain'."),
    ),
)

RESOLVES = Mapping(
    "resolves",
    "Entering any scene of 'at' resolves the estimate: to 'outcome', or to 'if' evaluated then.",
    (
        Key("at", "ids", "The scene or scenes that resolve it.", required=True),
        Key("outcome", "boolean", "The outcome, fixed."),
        Key("if", "condition", "Or a condition on the state, evaluated when it resolves."),
    ),
)

WEIGH = Mapping(
    "weigh",
    "Rate evidence against every hypothesis (CC, C, N, I, II), then name the leading one.",
    (
        _id("Defaults to the scene id.", required=False),
        Key("evidence", "ids", "Facts with 'ach' ratings, rated by the player.", required=True),
        Key("lead", "boolean", "Then ask for the leading hypothesis (default true)."),
        _text("why", "Shown in the debrief."),
    ),
)

CHOICE = Mapping(
    "choice",
    "A choice offered to the player.",
    (
        _text("text", "What the player chooses.", required=True),
        Key("goto", "id", "The id of the scene it leads to.", required=True, nonempty=True),
        Key("if", "condition", "The choice is offered only when this holds."),
        Key("show_locked", "boolean", "Show it disabled when its condition fails."),
        _text("locked", "With show_locked: why it is not available, shown beside it (a few words)."),
        Key("do", "effects", "Effects applied in order when it is taken."),
        Key("reveals", "ids", "Facts added to the dossier when it is taken."),
        _text("debrief", "Shown in the debrief when this was chosen."),
        Key(
            "model", "boolean", "The author's model answer (the debrief's roads not taken, the model player)."
        ),
        Key("tags", "tags", "The author's own labels, for filters, reports and graphs (graph --tag)."),
    ),
)

PASSAGE = Mapping(
    "passage",
    "A paragraph shown when its condition holds.",
    (
        Key("if", "condition", "Shown only when this holds."),
        _text("text", "The paragraph (Markdown).", required=True),
    ),
)

ENDING = Mapping(
    "ending",
    "How an ending is graded in the debrief.",
    (
        _text("grade", "A short grade shown in the debrief."),
        _text("summary", "One line for the list of endings reached."),
    ),
)

TIMEOUT = Mapping(
    "timeout",
    "Workshop timer: exactly one of 'choice' or 'goto'.",
    (
        Key("choice", "integer", "Take this choice (1-based)."),
        Key("goto", "id", "Or go to this scene.", nonempty=True),
    ),
)

FACT = Mapping(
    "fact",
    "A dossier fact.",
    (
        _id("Unique across the scenario."),
        Key("kind", "kind", "What kind of fact it is (see the fact kinds table).", True, True),
        _text("title", "A short label.", nonempty=True),
        _text("text", "The fact.", required=True),
        _text("source", "Where it comes from.", required=True),
        Key("ach", "ratings", "Format 2: the author's rating of this evidence against each hypothesis."),
    ),
)

GLOSSARY_ENTRY = Mapping(
    "glossary entry",
    "A person, organisation, place or term the player can look up; scenes naming it list it.",
    (
        _id("Unique across the glossary."),
        _text("term", "The name as the story writes it, e.g. 'CSTO'.", required=True),
        _text("text", "What the player reads about it (Markdown, a few sentences).", required=True),
        _text("source", "Where it comes from.", nonempty=True),
        _text("kind", "person, organisation, place or term (the default).", nonempty=True),
        Key("also", "texts", "Other names the story uses for it, e.g. 'Collective Security Treaty'."),
    ),
)

MAPPINGS: dict[str, Mapping] = {
    m.name: m
    for m in (
        SCENARIO,
        HYPOTHESIS,
        SCORING,
        TIMELINESS,
        CUT,
        SCENE_FILE,
        SCENE,
        GRADE,
        ESTIMATE,
        RESOLVES,
        WEIGH,
        CHOICE,
        PASSAGE,
        ENDING,
        TIMEOUT,
        FACT,
        GLOSSARY_ENTRY,
    )
}


def markdown_tables() -> str:
    """The key tables and the fact kinds table of docs/scene-format.md, as the format declares them."""
    out: list[str] = []
    for m in MAPPINGS.values():
        out += [f"#### {m.name}", "", m.description, "", "| key | type | required | meaning |"]
        out.append("| --- | --- | --- | --- |")
        for k in m.keys:
            req = (
                "yes"
                if k.required
                else ("one of " + ", ".join(m.one_of_required) if k.name in m.one_of_required else "")
            )
            out.append(f"| `{k.name}` | {k.type_words} | {req} | {k.description} |")
        out.append("")
    out += ["#### fact kinds", "", "| kind | what it is |", "| --- | --- |"]
    out += [f"| `{k.name}` | {k.description} |" for k in FACT_KIND_LIST]
    out += ["", "#### glossary kinds", "", "| kind | what it is |", "| --- | --- |"]
    out += [f"| `{k.name}` | {k.description} |" for k in GLOSSARY_KIND_LIST]
    return "\n".join(out) + "\n"
