"""Asking the analyst's judgements: what a scene asks now, and taking an answer to it.

A scene with a ``grade``, ``estimate`` or ``weigh`` asks it, one prompt at a time, before its choices:
a grade asks reliability (A-F), then credibility (1-6); an estimate asks for a band of the scenario's
yardstick; a weigh asks for each cell of its evidence against each hypothesis (CC, C, N, I, II), then
for the leading hypothesis. A task is asked once per playthrough: coming back to the scene does not ask
again. Every interface (TUI, plain, ``play --json``, randomtest) asks through :func:`prompt_for` and
answers through :func:`take_answer`, so all of them play the same game.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from briefing.core.admiralty import CREDIBILITY, RELIABILITY, Grade
from briefing.core.decisions import ACH_RATINGS, EstimateTask, GradeTask, Hypothesis, Task, WeighTask
from briefing.core.errors import BriefingError
from briefing.core.judgements import EstimateRecord, Judgements
from briefing.core.yardstick import band, bands

KINDS = ("grade", "estimate", "weigh", "lead")


class AnswerError(BriefingError, ValueError):
    """An answer the prompt does not accept; the message says what it does accept."""


@dataclass(frozen=True)
class Answer:
    """One answer a prompt accepts: ``value`` is what to send, ``text`` what a player reads."""

    value: str
    text: str


@dataclass(frozen=True)
class Prompt:
    """What the game waits for: ``kind`` grade | estimate | weigh | lead (choices are the engine's)."""

    kind: str
    task: str  # the task's id
    part: str  # grade: reliability | credibility; weigh: "fact-id/hypothesis-id"; else ""
    question: str
    answers: tuple[Answer, ...]
    context: dict[str, str] = field(default_factory=dict)  # e.g. the fact graded, the hypothesis weighed


class FactTitles(Protocol):
    def __call__(self, fact_id: str) -> str: ...


def _grade_prompt(task: GradeTask, judged: Judgements, title: str) -> Prompt:
    """Reliability first, then credibility: the two halves of an Admiralty grade, asked apart."""
    first = "reliability" not in judged.partial
    part, scale = ("reliability", RELIABILITY) if first else ("credibility", CREDIBILITY)
    question = f"How reliable is the source of “{title}”?" if first else f"How credible is “{title}” itself?"
    context = {"report": task.report} if first else {"report": task.report, **judged.partial}
    answers = tuple(Answer(k, f"{k}: {v}") for k, v in scale.items())
    return Prompt("grade", task.id, part, question, answers, context)


def cells(task: WeighTask, hypotheses: list[Hypothesis]) -> list[tuple[str, str]]:
    """Every (fact id, hypothesis id) a weigh asks, row by row."""
    return [(f, h.id) for f in task.evidence for h in hypotheses]


def prompt_for(
    task: Task | None,
    judged: Judgements,
    hypotheses: list[Hypothesis],
    yardstick: str,
    title_of: FactTitles,
) -> Prompt | None:
    """The prompt this scene's task still asks, or None when it is answered (the choices come next)."""
    if isinstance(task, GradeTask):
        if task.id in judged.grades:
            return None
        return _grade_prompt(task, judged, title_of(task.report))
    if isinstance(task, EstimateTask):
        if task.id in judged.estimates:
            return None
        return Prompt(
            "estimate", task.id, "", task.question, tuple(Answer(b.key, b.label) for b in bands(yardstick))
        )
    if isinstance(task, WeighTask):
        if task.id in judged.weighs_done:
            return None
        names = {h.id: h.title for h in hypotheses}
        for f, h in cells(task, hypotheses):
            if h not in judged.ratings.get(f, {}):
                return Prompt(
                    "weigh",
                    task.id,
                    f"{f}/{h}",
                    f"How consistent is “{title_of(f)}” with “{names[h]}”?",
                    tuple(Answer(k, f"{k}: {v}") for k, v in ACH_RATINGS.items()),
                    {"fact": f, "hypothesis": h},
                )
        if task.lead and hypotheses:
            return Prompt(
                "lead",
                task.id,
                "",
                "Which explanation leads now?",
                tuple(Answer(h.id, h.title) for h in hypotheses),
            )
    return None


def take_answer(
    prompt: Prompt,
    value: str,
    task: Task,
    judged: Judgements,
    scene_id: str,
    yardstick: str,
    hypotheses: list[Hypothesis],
) -> str:
    """Record ``value`` as the answer to ``prompt``; return the answer's text. Raise AnswerError if refused."""
    value = value.strip()
    match = next((a for a in prompt.answers if a.value.lower() == value.lower()), None)
    if match is None:
        accepted = ", ".join(a.value for a in prompt.answers)
        raise AnswerError(f"answer one of {accepted}")
    if isinstance(task, GradeTask):
        if prompt.part == "reliability":
            judged.partial["reliability"] = match.value
        else:
            grade = Grade(judged.partial.pop("reliability"), match.value)
            judged.grades[task.id] = str(grade)
    elif isinstance(task, EstimateTask):
        b = band(yardstick, match.value)
        assert b is not None  # the answers are the yardstick's bands
        judged.estimates[task.id] = EstimateRecord(b.key, b.point, scene_id)
    elif isinstance(task, WeighTask):
        if prompt.kind == "weigh":
            judged.rate(prompt.context["fact"], prompt.context["hypothesis"], match.value)
            if not task.lead and all(h in judged.ratings.get(f, {}) for f, h in cells(task, hypotheses)):
                judged.weighs_done.append(task.id)
        else:
            judged.leads.append((scene_id, match.value))
            judged.weighs_done.append(task.id)
    return match.text
