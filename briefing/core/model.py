"""The scenario model: plain data, built by the loader, read by the engine and the tools."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.core.decisions import Task
from briefing.core.expr import Condition, Effect, Value
from briefing.core.format import FACT_KINDS as FACT_KINDS  # declared by the format; re-exported
from briefing.core.prose import Prose
from briefing.core.scoring import Instruments

Mark = tuple[int, int]


@dataclass
class Located:
    """Where something was written: file and 1-based line and column."""

    path: str = ""
    mark: Mark = (0, 0)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.mark[0]}:{self.mark[1]}"


@dataclass
class Passage:
    text: str
    condition: Condition | None = None
    prose: Prose | None = None  # the text's inserts, checked; None: plain text


@dataclass
class Choice:
    text: str
    goto: str
    condition: Condition | None = None
    show_locked: bool = False
    locked: str = ""  # with show_locked: why it is not available, shown beside it
    effects: list[Effect] = field(default_factory=list)
    reveals: list[str] = field(default_factory=list)
    debrief: str = ""
    model: bool = False  # the author's model answer, for the debrief's roads not taken
    at: Located = field(default_factory=Located)
    prose: Prose | None = None  # the text's inserts, checked; None: plain text
    tags: tuple[str, ...] = ()  # the author's own labels, for filters, reports and graphs


@dataclass
class Ending:
    grade: str = ""
    summary: str = ""


@dataclass
class Timeout:
    choice: int | None = None  # 1-based
    goto: str | None = None


@dataclass
class Scene:
    id: str
    title: str
    text: str
    dateline: str = ""
    act: str = ""
    passages: list[Passage] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    reveals: list[str] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    ending: Ending | None = None
    key: str = ""
    debrief: str = ""
    notes: str = ""
    timeout: Timeout | None = None
    task: Task | None = None  # format 2: the grade, estimate or weigh asked before the choices
    at: Located = field(default_factory=Located)
    prose: Prose | None = None  # the text's inserts, checked; None: plain text
    tags: tuple[str, ...] = ()  # the author's own labels, for filters, reports and graphs

    @property
    def is_ending(self) -> bool:
        return self.ending is not None


@dataclass
class Fact:
    id: str
    kind: str
    text: str
    source: str
    title: str = ""
    ach: dict[str, str] = field(default_factory=dict)  # format 2: hypothesis id -> CC | C | N | I | II
    at: Located = field(default_factory=Located)

    @property
    def kind_label(self) -> str:
        return FACT_KINDS.get(self.kind, self.kind)


@dataclass
class GlossaryEntry:
    """A person, organisation, place or term the player can look up (:mod:`briefing.core.glossary`)."""

    id: str
    term: str
    text: str
    source: str = ""
    kind: str = "term"  # one of format.GLOSSARY_KINDS
    also: list[str] = field(default_factory=list)  # other names the story uses for it
    at: Located = field(default_factory=Located)


@dataclass
class Cut:
    """A shorter version of the scenario for a workshop: its own start, state and dossier."""

    id: str
    title: str
    start: str
    state: dict[str, Value] = field(default_factory=dict)
    reveals: list[str] = field(default_factory=list)
    mark: Mark = (0, 0)
    path: str = ""


@dataclass
class Scenario:
    id: str
    title: str
    start: str
    state: dict[str, Value]  # name -> initial value
    root: str = ""  # the folder it was loaded from
    subtitle: str = ""
    standing: dict[str, str] = field(default_factory=dict)  # name -> label
    intro: str = ""
    aftermath: str = ""
    debrief: str = ""
    scenes: dict[str, Scene] = field(default_factory=dict)  # in file order
    facts: dict[str, Fact] = field(default_factory=dict)
    acts: list[str] = field(default_factory=list)  # in order of first appearance
    content_hash: str = ""
    files: list[str] = field(default_factory=list)
    at: Located = field(default_factory=Located)
    state_marks: dict[str, Located] = field(default_factory=dict)  # name -> Located
    start_mark: Mark = (0, 0)
    format: int = 1
    instruments: Instruments = field(default_factory=Instruments)
    timeliness: tuple[str, str] | None = None  # (on-time variable, late variable)
    cuts: dict[str, Cut] = field(default_factory=dict)  # workshop cuts by id
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)  # by id, in file order
    draws: bool = False  # some condition, effect or text may call chance(): each game draws a seed

    @property
    def endings(self) -> list[Scene]:
        return [s for s in self.scenes.values() if s.is_ending]

    def variable_types(self) -> dict[str, str | None]:
        from briefing.core.expr import type_of

        return {k: type_of(v) for k, v in self.state.items()}
