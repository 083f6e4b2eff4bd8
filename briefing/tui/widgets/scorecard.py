"""The scorecard at an ending, laid out for the terminal: every part a Rich renderable, nothing parsed as markup.

The numbers come from ``game.scorecard()`` (``briefing.core.scoring``) and the roads not taken from
``briefing.core.debrief``; these functions only lay them out.
"""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from briefing.core.debrief import KeyDecision
from briefing.core.judgements import Judgements
from briefing.core.model import Scenario
from briefing.core.scoring import BASELINE_BRIER, MEASURE_NAMES, Scorecard

BAR = 20  # cells in a measure's bar


def percent(value: float | None) -> str:
    return "not measured" if value is None else f"{round(value * 100)}%"


def headline(card: Scorecard) -> Text:
    """``Your scorecard: B · composite 68%``."""
    t = Text("Your scorecard: ", style="bold")
    t.append(f" {card.letter or '-'} ", style="bold reverse")
    t.append(f"  composite {percent(card.composite)}")
    return t


def measures(card: Scorecard) -> Text:
    """The four measures, each with a bar, then the Brier score against the no-skill baseline."""
    t = Text()
    width = max(len(n) for n in MEASURE_NAMES.values())
    for key, name in MEASURE_NAMES.items():
        value = card.measures.get(key)
        t.append(f"{name:<{width}}  ")
        if value is None:
            t.append("not measured", style="dim italic")
        else:
            full = round(max(0.0, min(1.0, value)) * BAR)
            t.append("█" * full, style="bold")
            t.append("░" * (BAR - full), style="dim")
            t.append(f" {percent(value):>4}")
        t.append("\n")
    if card.brier is not None:
        n = card.estimates_resolved
        t.append("Brier score ", style="bold")
        t.append(f"{card.brier:.3f}", style="bold")
        t.append(f" over {n} resolved estimate{'s' if n != 1 else ''}; always saying 50% scores ")
        t.append(f"{BASELINE_BRIER:.3f}", style="bold")
        verdict = "better than" if card.brier < BASELINE_BRIER else "no better than"
        t.append(f" (lower is better: you did {verdict} the baseline)")
    t.rstrip()
    return t


def grades(card: Scorecard, scenario: Scenario) -> list[tuple[Text, list[str]]]:
    """Each grade the player gave beside the model, with the author's notes: the departure's, then the why."""
    out = []
    for g in card.grades:
        fact = scenario.facts.get(g.task.report)
        t = Text(fact.title if fact and fact.title else g.task.report, style="bold")
        t.append(": you ")
        t.append(str(g.given), style="bold")
        t.append(", the model ")
        t.append(str(g.task.model), style="bold")
        t.append("  exact" if g.exact else f"  {round(g.accuracy * 100)}%", style="italic")
        note = "" if g.exact else g.task.note_for(g.given)
        out.append((t, [line for line in (note, g.task.why) if line]))
    return out


def estimates(card: Scorecard) -> list[tuple[Text, str]]:
    """Each estimate the player stated beside what happened, with the author's reasoning."""
    out = []
    for e in card.estimates:
        t = Text(e.task.question, style="bold")
        t.append("\nyou said ")
        t.append(e.said.label, style="bold")
        t.append("; " + e.outcome, style="italic")
        out.append((t, e.task.why))
    return out


def calibration(card: Scorecard) -> Table:
    """Stated probability against how often such things happened, band by band."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(Text("You said"))
    table.add_column(Text("Times"), justify="right")
    table.add_column(Text("Happened"), justify="right")
    for row in card.calibration:
        table.add_row(
            Text(row.band.label),
            Text(str(row.count)),
            Text(f"{row.happened} ({round(row.observed * 100)}%)"),
        )
    return table


def ach_matrix(card: Scorecard, scenario: Scenario, judged: Judgements) -> Table:
    """The matrix as the player built it, each cell beside the author's rating (yours / the author's), and
    Heuer's inconsistency score of each hypothesis on both."""
    hyps = scenario.instruments.hypotheses
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_footer=True)
    table.add_column(Text("Evidence (yours / author's)"), footer=Text("Against it: yours / author's"))
    for h in hyps:
        footer = Text(f"{card.inconsistency.get(h.id, 0)} / {card.author_inconsistency.get(h.id, 0)}")
        table.add_column(Text(h.title), footer=footer, justify="center", max_width=16)
    for fid, ratings in judged.ratings.items():
        fact = scenario.facts.get(fid)
        author = fact.ach if fact else {}
        cells = []
        for h in hyps:
            mine, theirs = ratings.get(h.id, "-"), author.get(h.id, "-")
            cells.append(Text(f"{mine} / {theirs}", style="" if mine == theirs else "bold"))
        table.add_row(Text(fact.title if fact and fact.title else fid), *cells)
    return table


def lead_line(scenario: Scenario, judged: Judgements) -> Text:
    names = {h.id: h.title for h in scenario.instruments.hypotheses}
    t = Text("Your lead at the end: ")
    t.append(names.get(judged.lead, judged.lead), style="bold")
    return t


def feedback(card: Scorecard) -> list[tuple[Text, Text]]:
    """The player's own patterns in plain words, each with the technique that counters it."""
    out = []
    for f in card.feedback:
        technique = Text("Try: ", style="bold italic")
        technique.append(f.technique)
        out.append((Text(f.text), technique))
    return out


def roads(kd: KeyDecision) -> Text:
    """A key decision with every option: the one taken, the model answer, the author's note on each."""
    t = Text(kd.key, style="bold")
    for road in kd.roads:
        t.append("\n▶ " if road.taken else "\n  ", style="bold")
        t.append(road.text, style="bold" if road.taken else "")
        marks = [m for m, on in (("your choice", road.taken), ("the model answer", road.model)) if on]
        if marks:
            t.append(f"  ({', '.join(marks)})", style="italic")
        if road.note:
            t.append(f"\n    {road.note}", style="dim")
    return t
