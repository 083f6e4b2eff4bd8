"""The analyst's judgement in the play screen's choices area: what is judged, the question, the answers.

The panel only shows a prompt from the engine (``game.judgement()``) and posts ``AnswerGiven`` with the
value picked; the app answers it. A digit picks an answer by its position, a letter an answer whose value
is that letter (the reliability scale A-F), Enter or a click the highlighted one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing.core.asking import Answer, Prompt
from briefing.core.decisions import ACH_RATINGS, Hypothesis
from briefing.core.model import Fact
from briefing.tui.messages import AnswerGiven


def answer_keys(answers: Sequence[Answer]) -> dict[str, str]:
    """The keys that pick each answer: its position (1-9) and, on a scale of single letters (reliability,
    A-F), that letter."""
    keys = {str(n): a.value for n, a in enumerate(answers, 1) if n <= 9}
    if all(len(a.value) == 1 and a.value.isalpha() for a in answers):
        keys.update({a.value.lower(): a.value for a in answers})
    return keys


def key_hint(answers: Sequence[Answer]) -> str:
    """``1-6 or A-F``: the keys that answer, for the line under the question."""
    keys = answer_keys(answers)
    digits = [k for k in keys if k.isdigit()]
    letters = [k.upper() for k in keys if k.isalpha()]
    hint = f"{digits[0]}-{digits[-1]}" if len(digits) > 1 else "".join(digits)
    return hint + (f" or {letters[0]}-{letters[-1]}" if len(letters) > 1 else "")


class AnswerList(OptionList):
    """The answers of one prompt, numbered; posts ``AnswerGiven`` when one is picked."""

    _answer_keys: dict[str, str] = {}

    def show(self, answers: Sequence[Answer]) -> None:
        self._answer_keys = answer_keys(answers)
        self.clear_options()
        width = max((len(a.value) for a in answers if a.text.startswith(f"{a.value}: ")), default=0)
        for n, a in enumerate(answers, 1):
            label = Text(f"{n}. ", style="bold")
            words = a.text.removeprefix(f"{a.value}: ")
            if words != a.text and a.value != str(n):  # a scale's own key (A-F, CC-II) beside its words
                label.append(f"{a.value:<{width}}  ", style="bold")
            label.append(words)
            self.add_option(Option(label, id=a.value))
        self.highlighted = 0 if answers else None

    def on_key(self, event: events.Key) -> None:
        value = self._answer_keys.get((event.character or "").lower())
        if value is not None:
            event.stop()
            event.prevent_default()
            self.post_message(AnswerGiven(value))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(AnswerGiven(event.option.id))


class JudgementPanel(Vertical):
    """What is being judged (``subject``), the question with its keys, and the answers."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="judgement-subject-box", can_focus=False):
            yield Static("", id="judgement-subject", markup=False)
        yield Static("", id="judgement-question", markup=False)
        yield AnswerList(id="answers")

    _shown: tuple[str, str] | None = None  # the task and the report or evidence last shown

    def show(self, prompt: Prompt, subject: Text) -> None:
        self.query_one("#judgement-subject", Static).update(subject)
        box = self.query_one("#judgement-subject-box", VerticalScroll)
        box.display = bool(subject.plain)
        shown = (prompt.task, prompt.context.get("report") or prompt.context.get("fact", ""))
        if shown != self._shown:  # the same report (a grade's second half) keeps where the reader was
            self._shown = shown
            box.scroll_home(animate=False)
        question = Text(prompt.question, style="bold")
        question.append(f"  ({key_hint(prompt.answers)})", style="dim")
        self.query_one("#judgement-question", Static).update(question)
        answers = self.query_one(AnswerList)
        answers.show(prompt.answers)
        answers.focus()


# ---------------------------------------------------------------- what is being judged, as text


def report_heading(fact: Fact, heading: str) -> Text:
    t = Text(f"{heading}  ", style="bold")
    t.append(f"[{fact.kind_label}] ", style="italic")
    t.append(fact.title or "", style="bold")
    return t


def report_body(fact: Fact) -> Text:
    """Where a report comes from (first: it is what a short terminal must show), then what it says."""
    t = Text("Source: ", style="italic")
    t.append(fact.source)
    t.append(f"\n{fact.text}")
    return t


def report_text(fact: Fact, heading: str) -> Text:
    """A report as the player grades it: what it is, where it comes from, what it says."""
    return Text("\n").join([report_heading(fact, heading), report_body(fact)])


def grade_subject(fact: Fact | None, reliability: str, reliability_words: str) -> Text:
    """The report being graded; once reliability is given, the half-built grade."""
    t = report_text(fact, "Grade this report") if fact else Text()
    if reliability:
        t.append("\nSource reliability: ", style="italic")
        t.append(f"{reliability} ({reliability_words.lower()})", style="bold")
        t.append(" · now the information itself")
    return t


def ach_row(
    fact: Fact | None,
    hypotheses: Sequence[Hypothesis],
    ratings: Mapping[str, str],
    current: str,
) -> Text:
    """The row of the matrix for ``fact``: each hypothesis with the player's rating so far, ``current``
    marked as the one being asked; then the report itself."""
    t = report_heading(fact, "Weigh this evidence") if fact else Text()
    width = max((len(h.title) for h in hypotheses), default=0)
    for h in hypotheses:
        here = h.id == current
        t.append("\n▶ " if here else "\n  ", style="bold" if here else "")
        t.append(f"{h.title:<{width}}  ", style="bold" if here else "")
        given = ratings.get(h.id)
        if given:
            t.append(f"{given:<2}", style="bold")
            t.append(f" {ACH_RATINGS[given].lower()}", style="dim")
        else:
            t.append("?" if here else "·", style="bold reverse" if here else "dim")
    if fact:
        t.append("\n")
        t.append_text(report_body(fact))
    return t


def lead_subject(hypotheses: Sequence[Hypothesis], against: Mapping[str, int]) -> Text:
    """Before naming the lead: the player's own matrix, each hypothesis with the evidence against it."""
    t = Text("Your matrix so far: the evidence against each explanation (the least is the likeliest)", "bold")
    width = max((len(h.title) for h in hypotheses), default=0)
    least = min(against.values(), default=0)
    for h in hypotheses:
        n = against.get(h.id, 0)
        t.append(f"\n  {h.title:<{width}}  ")
        t.append(f"{n} against", style="bold" if n == least else "")
    return t
