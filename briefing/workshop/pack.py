"""The facilitator's pack: one printable, self-contained page for running a workshop on a scenario.

``pack_document(scenario)`` lays out, in the report's blocks (``briefing.workshop.render``): the situation
manual (the role, the dates, the rules, the endings), each scene's facilitator notes and what its timeout
means, the debrief questions, the player handouts (the Admiralty scale and the probability yardstick,
from ``briefing.core.admiralty`` and ``briefing.core.yardstick``) and a short participant feedback form.
``render_pack`` gives the HTML page (A4, print-to-PDF clean, no script, nothing loaded from anywhere).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.core import admiralty, yardstick
from briefing.workshop.render import (
    _CSS,
    Block,
    Bullets,
    Document,
    Group,
    Heading,
    Para,
    Prose,
    Span,
    Table,
    _line,
    contents,
    html_page,
    key_notes,
)

if TYPE_CHECKING:
    from briefing.core.model import Scenario, Scene

RULES = [
    "You are the analyst; the room decides together. There is no winning side: tradecraft is graded, not "
    "agreement.",
    "Keep claims apart from facts: every report in the dossier carries its source. Read it.",
    "Weigh the explanations against each other before you settle on one.",
    "Say how sure you are, in the words of the yardstick (handout 2), and grade your sources (handout 1).",
    "Brief in time: events will not wait, and some scenes have a clock.",
    "What happened next is told at the end. Until then, do not look it up.",
]

HOT_WASH = [
    "Start with the endings: each team says in one sentence what it briefed, and when.",
    "Go to the biggest split in the report: a team from each side argues its choice. What did they know, what "
    "did they believe, how sure were they?",
    "Read the debrief note for that decision. Did they keep claims apart from facts, weigh the alternatives, "
    "state their confidence honestly, brief in time?",
    "Look at the timeouts and the slow decisions: where did the clock decide, and why?",
    "Close with what happened next: what would each participant do differently?",
]

FEEDBACK = [
    "The scenario felt realistic.",
    "I understood what was asked of me at each decision.",
    "The time for each decision was about right.",
    "The debrief helped me see how I could analyse better.",
    "I would recommend this session to a colleague.",
]

_PACK_CSS = (
    _CSS
    + """
@page { size: A4; margin: 15mm; }
.page { break-before: page; page-break-before: always; }
table.rating td { text-align: center; width: 3.2rem; }
table.rating td:first-child { text-align: left; width: auto; }
table.write td { height: 3.2rem; }
.scene-notes { break-inside: avoid; page-break-inside: avoid; }
@media print { body { font-size: 10.5pt; } a { color: inherit; text-decoration: none; } }
"""
)


def _dates(scenario: Scenario) -> str:
    lines = [s.dateline for s in scenario.scenes.values() if s.dateline]
    if not lines:
        return ""
    return lines[0] if len(lines) == 1 else f"From {lines[0]} to {lines[-1]}."


def timeout_meaning(scenario: Scenario, scene: Scene) -> str:
    """What happens at ``scene`` when a workshop's timer runs out, in a sentence."""
    t = scene.timeout
    if t is None:
        return "No timeout: when time is up the scene waits for the room."
    if t.choice is not None and 0 < t.choice <= len(scene.choices):
        return f"When time runs out, the clock takes choice {t.choice}: \u201c{scene.choices[t.choice - 1].text}\u201d."
    if t.goto:
        target = scenario.scenes.get(t.goto)
        return f"When time runs out, the story goes on to \u201c{target.title if target else t.goto}\u201d."
    return "When time runs out, the scene's default is taken."


def _situation(scenario: Scenario) -> list[Block]:
    out: list[Block] = [Heading(2, _line("Situation manual"), "situation")]
    if scenario.subtitle:
        out.append(Para(_line(scenario.subtitle), "meta"))
    out.append(Heading(3, _line("The role and the dates"), "role"))
    if scenario.intro:
        out.append(Prose(scenario.intro))
    dates = _dates(scenario)
    if dates:
        out.append(Para(_line(Span("Dates: ", "strong"), dates)))
    out.append(Heading(3, _line("The rules"), "rules"))
    out.append(Bullets([_line(r) for r in RULES]))
    if scenario.standing:
        out.append(
            Para(
                _line(
                    "The screen shows the team's standing: ",
                    ", ".join(map(str, scenario.standing.values())),
                    ".",
                )
            )
        )
    decisions = [s for s in scenario.scenes.values() if s.choices]
    keys = [s for s in decisions if s.key]
    timed = [s for s in decisions if s.timeout is not None]
    out.append(
        Para(
            _line(
                f"{len(decisions)} scenes ask for a decision; {len(keys)} are key decisions (the report's "
                f"team-path table), {len(timed)} declare a timeout."
            ),
            "muted",
        )
    )
    if scenario.cuts:
        cuts = [
            _line(
                Span(cut.id, "code"),
                f": {cut.title}" if cut.title else "",
                Span(f" (starts at {cut.start})", "muted"),
            )
            for cut in scenario.cuts.values()
        ]
        out += [
            Para(_line("Shorter cuts of the scenario (play one with ", Span("--cut NAME", "code"), "):")),
            Bullets(cuts),
        ]
    if scenario.endings:
        out.append(Heading(3, _line("The endings"), "endings"))
        rows = [
            [
                [_line(s.title)],
                [_line(s.ending.grade if s.ending else "")],
                [_line(s.ending.summary if s.ending else "")],
            ]
            for s in scenario.endings
        ]
        out.append(Table(["Ending", "Grade", "Summary"], rows, set(), "endings"))
    return out


def _scenes(scenario: Scenario) -> list[Block]:
    out: list[Block] = [Heading(2, _line("Scene by scene: facilitator notes"), "scenes")]
    for scene in scenario.scenes.values():
        if not scene.choices:
            continue
        body: list[Block] = [
            Heading(
                4,
                _line(
                    scene.title,
                    " (",
                    Span(scene.id, "code"),
                    ")",
                    Span(f": key decision, {scene.key}", "muted") if scene.key else "",
                ),
            )
        ]
        if scene.dateline:
            body.append(Para(_line(scene.dateline), "muted"))
        if scene.notes:
            body.append(Prose(scene.notes))
        body.append(Para(_line(Span("Timeout: ", "strong"), timeout_meaning(scenario, scene))))
        body.append(Bullets([_line(f"{i}. {c.text}") for i, c in enumerate(scene.choices, 1)]))
        out.append(Group("div", "scene-notes", f"scene-{scene.id}", body))
    return out


def _debrief(scenario: Scenario) -> list[Block]:
    out: list[Block] = [
        Group("div", "page", "", [Heading(2, _line("Debrief questions"), "debrief")]),
        Heading(3, _line("Running the hot wash"), "hot-wash"),
        Bullets([_line(f"{i}. {q}") for i, q in enumerate(HOT_WASH, 1)]),
        Heading(3, _line("The key decisions"), "key-decisions"),
    ]
    for scene in scenario.scenes.values():
        if not scene.key:
            continue
        notes = [
            _line(Span(f"{i}. {c.text}", "strong"), Span(": " + " ".join(c.debrief.split()), "prose"))
            for i, c in enumerate(scene.choices, 1)
            if c.debrief
        ]
        out += key_notes(scene.key, scene.title, scene.debrief, notes)
    if scenario.debrief:
        out += [Heading(3, _line("General notes"), "general"), Prose(scenario.debrief)]
    if scenario.aftermath:
        out += [
            Heading(3, _line("What happened next (read it at the end)"), "aftermath"),
            Prose(scenario.aftermath),
        ]
    return out


def _handouts(scenario: Scenario) -> list[Block]:
    name = str(getattr(scenario.instruments, "yardstick", "") or yardstick.DEFAULT)
    if name not in yardstick.YARDSTICKS:
        name = yardstick.DEFAULT
    reliability = [[[_line(k)], [_line(v)]] for k, v in admiralty.RELIABILITY.items()]
    credibility = [[[_line(k)], [_line(v)]] for k, v in admiralty.CREDIBILITY.items()]
    bands = [[[_line(b.words)], [_line(f"{b.low}\u2013{b.high}%")]] for b in yardstick.bands(name)]
    return [
        Group(
            "div",
            "page",
            "",
            [
                Heading(2, _line("Handout 1: grading a report (the Admiralty scale)"), "handout-grades"),
                Para(
                    _line(
                        "Grade the source and the claim separately: one letter for how reliable the source has "
                        "been, one digit for how credible this piece of information is. A usually reliable "
                        "source can pass on an improbable claim: B5."
                    )
                ),
                Table(["Source", "Reliability"], reliability, set(), "handout"),
                Table(["Information", "Credibility"], credibility, set(), "handout"),
            ],
        ),
        Group(
            "div",
            "page",
            "",
            [
                Heading(
                    2,
                    _line(f"Handout 2: saying how sure you are ({yardstick.TITLES[name]})"),
                    "handout-words",
                ),
                Para(
                    _line(
                        "Use these words, and only these, for a probability, so that your reader knows what you "
                        "mean. Each stands for the range beside it."
                    )
                ),
                Table(["Words", "Probability"], bands, {1}, "handout"),
            ],
        ),
    ]


def _feedback() -> list[Block]:
    box = [_line("\u2610")]
    ratings = [[[_line(q)], box, box, box, box, box] for q in FEEDBACK]
    return [
        Group(
            "div",
            "page",
            "",
            [
                Heading(2, _line("Participant feedback"), "feedback"),
                Para(_line("Tick one box per line: 1 strongly disagree, 5 strongly agree. No names needed.")),
                Table(["", "1", "2", "3", "4", "5"], ratings, set(), "rating"),
                Table(["What will you do differently after today?"], [[[]]], set(), "write"),
                Table(["What should we change in this session?"], [[[]]], set(), "write"),
            ],
        )
    ]


def pack_document(scenario: Scenario) -> Document:
    sections = (
        _situation(scenario) + _scenes(scenario) + _debrief(scenario) + _handouts(scenario) + _feedback()
    )
    blocks: list[Block] = [
        Heading(1, _line(f"Facilitator's pack: {scenario.title}")),
        Para(
            _line(
                "For the facilitator; the handouts and the feedback form are printed for each participant."
            ),
            "meta",
        ),
        Group("div", "toc", "", [Heading(2, _line("Contents")), Bullets(contents(sections), "toc")]),
        *sections,
    ]
    return Document(f"Facilitator's pack: {scenario.title}", blocks)


def render_pack(scenario: Scenario) -> str:
    """The pack as one self-contained HTML page."""
    return html_page(pack_document(scenario), _PACK_CSS)
