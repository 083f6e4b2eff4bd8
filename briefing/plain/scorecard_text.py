"""The scorecard as plain text: measures, Brier against the baseline, calibration, the ACH matrix, feedback."""

from __future__ import annotations

import textwrap

from briefing.core.judgements import Judgements
from briefing.core.model import Scenario
from briefing.core.scoring import BASELINE_BRIER, MEASURE_NAMES, Scorecard


def percent(value: float | None) -> str:
    return "not measured" if value is None else f"{round(value * 100)}%"


def scorecard_lines(
    card: Scorecard,
    scenario: Scenario,
    judged: Judgements,
    width: int,
    weighs: tuple[tuple[str, str], ...] = (),
) -> list[str]:
    """Every line of the scorecard, ready to print; empty for a format 1 scenario. ``weighs``: the
    author's reasoning for each weigh done (:func:`briefing.core.debrief.weigh_notes`)."""
    if scenario.format < 2:
        return []
    out = [f"Your scorecard: {card.letter or '-'} (composite {percent(card.composite)})", ""]
    for key, name in MEASURE_NAMES.items():
        out.append(f"  {name + ':':24} {percent(card.measures.get(key))}")
    if card.brier is not None:
        out.append(
            f"  Brier score: {card.brier:.3f} over {card.estimates_resolved} resolved estimate"
            f"{'s' if card.estimates_resolved != 1 else ''} (always saying 50% scores {BASELINE_BRIER:.3f}; lower is better)"
        )
    if card.grades:
        out += ["", "Your grades against the model:"]
        for g in card.grades:
            title = scenario.facts[g.task.report].title if g.task.report in scenario.facts else g.task.report
            mark = "exact" if g.exact else f"{round(g.accuracy * 100)}%"
            out.append(f"  {title}: you {g.given}, model {g.task.model} ({mark})")
            note = g.task.note_for(g.given) if not g.exact else ""
            for text in (note, g.task.why):
                if text:
                    out += textwrap.wrap(text, width, initial_indent="    ", subsequent_indent="    ")
    if card.estimates:
        out += ["", "Your estimates against what happened:"]
        for e in card.estimates:
            out += textwrap.wrap(
                f"{e.task.question} You said {e.said.label}; {e.outcome}.",
                width,
                initial_indent="  ",
                subsequent_indent="    ",
            )
            if e.task.why:
                out += textwrap.wrap(e.task.why, width, initial_indent="    ", subsequent_indent="    ")
    if card.calibration:
        out += ["", "Calibration: how often what you called ... happened"]
        for row in card.calibration:
            out.append(f"  {row.band.label:34} {row.happened} of {row.count} ({round(row.observed * 100)}%)")
    hyps = scenario.instruments.hypotheses
    if judged.ratings and hyps:
        out += ["", "Your matrix (yours / the author's), and each hypothesis's evidence against it:"]
        head = "  " + " " * 26 + "".join(f"{h.id[:12]:>14}" for h in hyps)
        out.append(head)
        for fid, ratings in judged.ratings.items():
            author = scenario.facts[fid].ach if fid in scenario.facts else {}
            title = (scenario.facts[fid].title if fid in scenario.facts else fid)[:26]
            cells = "".join(f"{ratings.get(h.id, '-') + ' / ' + author.get(h.id, '-'):>14}" for h in hyps)
            out.append(f"  {title:26}{cells}")
        mine = "".join(f"{card.inconsistency.get(h.id, 0):>14}" for h in hyps)
        theirs = "".join(f"{card.author_inconsistency.get(h.id, 0):>14}" for h in hyps)
        out.append(f"  {'Inconsistency, yours':26}{mine}")
        out.append(f"  {'Inconsistency, author':26}{theirs}")
        if judged.lead:
            names = {h.id: h.title for h in hyps}
            out.append(f"  Your lead at the end: {names.get(judged.lead, judged.lead)}")
        for title, why in weighs:
            out += textwrap.wrap(
                f"Weighing at “{title}”: {why}", width, initial_indent="  ", subsequent_indent="    "
            )
    if card.feedback:
        out += ["", "What to work on:"]
        for f in card.feedback:
            out += textwrap.wrap(f"• {f.text}", width, subsequent_indent="  ")
            out += textwrap.wrap(f"Try: {f.technique}", width, initial_indent="  ", subsequent_indent="  ")
    return out
