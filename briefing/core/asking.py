"""Asking the analyst's judgements: what a scene asks now, and taking an answer to it.

A scene with a ``grade``, ``estimate`` or ``weigh`` asks it, one prompt at a time, before its choices:
a grade asks reliability (A-F), then credibility (1-6); an estimate asks for a band of the scenario's
yardstick; a weigh asks for each cell of its evidence against each hypothesis (CC, C, N, I, II), then
for the leading hypothesis. A task is asked once per playthrough: coming back to the scene does not ask
again. Every interface (TUI, plain, ``play --json``, randomtest) asks and answers through one
:class:`Asker` per scenario (held by the rules), so all of them play the same game.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
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

    @cached_property
    def by_value(self) -> dict[str, Answer]:
        """The answers by their value, case folded (what :meth:`Asker.answer` matches against)."""
        return {a.value.lower(): a for a in self.answers}


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


class Asker:
    """Asks one scenario's judgements. A prompt depends only on its task and the step reached, so each
    is built once and reused: a random player asks thousands of them."""

    def __init__(self, hypotheses: list[Hypothesis], yardstick: str, title_of: FactTitles) -> None:
        self.hypotheses = hypotheses
        self.yardstick = yardstick
        self.title_of = title_of
        self._prompts: dict[tuple[str, ...], Prompt] = {}
        self._cells: dict[str, list[tuple[str, str]]] = {}

    def cells(self, task: WeighTask) -> list[tuple[str, str]]:
        """Every (fact id, hypothesis id) the weigh asks, row by row."""
        got = self._cells.get(task.id)
        if got is None:
            got = self._cells[task.id] = [(f, h.id) for f in task.evidence for h in self.hypotheses]
        return got

    def prompt(self, task: Task | None, judged: Judgements) -> Prompt | None:
        """The prompt ``task`` still asks, or None when it is answered (the choices come next)."""
        return next(self.pending(task, judged), None)

    def pending(self, task: Task | None, judged: Judgements) -> Iterator[Prompt]:
        """The prompts ``task`` still asks, in order. Each is worked out when the one before is answered,
        so a consumer records each answer before asking for the next prompt."""
        prompts = self._prompts
        if isinstance(task, GradeTask):
            if task.id in judged.grades:
                return
            for _ in range(2):  # reliability, then credibility
                key: tuple[str, ...] = ("grade", task.id, judged.partial.get("reliability", ""))
                got = prompts.get(key)
                if got is None:
                    got = prompts[key] = _grade_prompt(task, judged, self.title_of(task.report))
                yield got
        elif isinstance(task, EstimateTask):
            if task.id in judged.estimates:
                return
            key = ("estimate", task.id)
            got = prompts.get(key)
            if got is None:
                answers = tuple(Answer(b.key, b.label) for b in bands(self.yardstick))
                got = prompts[key] = Prompt("estimate", task.id, "", task.question, answers)
            yield got
        elif isinstance(task, WeighTask):
            if task.id in judged.weighs_done:
                return
            ratings = judged.ratings
            for f, h in self.cells(task):  # a fact rated in an earlier weigh is not asked again
                row = ratings.get(f)
                if row is None or h not in row:
                    key = ("weigh", task.id, f, h)
                    got = prompts.get(key)
                    if got is None:
                        got = prompts[key] = self._weigh_prompt(task, f, h)
                    yield got
            if task.lead and self.hypotheses:
                key = ("lead", task.id)
                got = prompts.get(key)
                if got is None:
                    answers = tuple(Answer(h.id, h.title) for h in self.hypotheses)
                    got = prompts[key] = Prompt("lead", task.id, "", "Which explanation leads now?", answers)
                yield got

    def _weigh_prompt(self, task: WeighTask, fact: str, hypothesis: str) -> Prompt:
        name = next(h.title for h in self.hypotheses if h.id == hypothesis)
        return Prompt(
            "weigh",
            task.id,
            f"{fact}/{hypothesis}",
            f"How consistent is “{self.title_of(fact)}” with “{name}”?",
            tuple(Answer(k, f"{k}: {v}") for k, v in ACH_RATINGS.items()),
            {"fact": fact, "hypothesis": hypothesis},
        )

    def answer(self, prompt: Prompt, value: str, task: Task, judged: Judgements, scene_id: str) -> str:
        """Record ``value`` as the answer to ``prompt``; return the answer's text. AnswerError if refused."""
        match = prompt.by_value.get(value.strip().lower())
        if match is None:
            accepted = ", ".join(a.value for a in prompt.answers)
            raise AnswerError(f"answer one of {accepted}")
        self.record(prompt, match, task, judged, scene_id)
        return match.text

    def answer_all(
        self, task: Task, judged: Judgements, scene_id: str, pick: Callable[[Prompt], Answer]
    ) -> list[Prompt]:
        """Ask every prompt ``task`` still asks, answering each with ``pick``; return the prompts asked."""
        asked = []
        for prompt in self.pending(task, judged):
            self.record(prompt, pick(prompt), task, judged, scene_id)
            asked.append(prompt)
        return asked

    def record(self, prompt: Prompt, answer: Answer, task: Task, judged: Judgements, scene_id: str) -> None:
        """Record ``answer`` (one of ``prompt``'s) in ``judged``."""
        kind, value = prompt.kind, answer.value
        if kind == "weigh":
            assert isinstance(task, WeighTask)
            judged.rate(prompt.context["fact"], prompt.context["hypothesis"], value)
            if not task.lead and all(h in judged.ratings.get(f, {}) for f, h in self.cells(task)):
                judged.weighs_done.append(task.id)
        elif kind == "grade":
            if prompt.part == "reliability":
                judged.partial["reliability"] = value
            else:
                judged.grades[task.id] = str(Grade(judged.partial.pop("reliability"), value))
        elif kind == "estimate":
            b = band(self.yardstick, value)
            assert b is not None  # the answers are the yardstick's bands
            judged.estimates[task.id] = EstimateRecord(b.key, b.point, scene_id)
        else:  # the lead, after a weigh's cells
            judged.leads.append((scene_id, value))
            judged.weighs_done.append(task.id)
