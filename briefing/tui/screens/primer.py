"""The analyst's scales, one key away in play: the Admiralty grades, the scenario's yardstick, ACH ratings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Static

from briefing.core.admiralty import CREDIBILITY, RELIABILITY
from briefing.core.decisions import ACH_RATINGS
from briefing.core.yardstick import DEFAULT, TITLES, bands
from briefing.tui.screens.base import BaseModal, plain


def primer_text(yardstick: str) -> Text:
    """The three scales an analyst judges with, each with a line on how to use it."""
    t = Text("Grading a report: the Admiralty scale\n", style="bold")
    t.append(
        "Judge the source and the information separately: a reliable source can pass on a doubtful claim.\n"
    )
    t.append("Source reliability\n", style="italic")
    for key, words in RELIABILITY.items():
        t.append(f"  {key}  ", style="bold")
        t.append(f"{words}\n")
    t.append("Information credibility\n", style="italic")
    for key, words in CREDIBILITY.items():
        t.append(f"  {key}  ", style="bold")
        t.append(f"{words}\n")
    t.append(f"\nStating a probability: the {TITLES[yardstick]}\n", style="bold")
    t.append(
        "Say it in these words; each stands for its range. Your estimates are scored (Brier) when they resolve.\n"
    )
    for b in bands(yardstick):
        t.append(f"  {b.words:<24}", style="bold")
        t.append(f"{b.low}-{b.high}%\n")
    t.append("\nWeighing competing hypotheses (after Heuer)\n", style="bold")
    t.append("Rate each piece of evidence against every explanation:\n")
    for key, words in ACH_RATINGS.items():
        t.append(f"  {key:<3}", style="bold")
        t.append(f"{words}\n")
    t.append(
        "The likeliest explanation is the one with the least evidence against it (I counts 1, II counts 2), "
        "not the one with the most evidence for it."
    )
    return t


class PrimerScreen(BaseModal[None]):
    BINDINGS = [Binding("escape,i,f2,q", "dismiss_screen", "Close")]

    def compose(self) -> ComposeResult:
        scenario = self.app.scenario
        yardstick = scenario.instruments.yardstick if scenario is not None else DEFAULT
        with Vertical(classes="dialog", id="primer"):
            yield plain("The analyst's scales", classes="dialog-title")
            with VerticalScroll():
                yield Static(primer_text(yardstick), markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#primer VerticalScroll").focus()
