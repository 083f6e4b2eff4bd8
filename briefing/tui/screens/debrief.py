"""The debrief at an ending."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from briefing.core.debrief import Debrief
from briefing.tui.app import BriefingApp
from briefing.tui.screens.base import BaseScreen, markdown, plain


class DebriefScreen(BaseScreen):
    BINDINGS = [
        Binding("n", "app.new_game", "Play again"),
        Binding("t", "app.title", "Title"),
        Binding("u,backspace", "app.undo", "Undo", key_display="u"),
        Binding("d", "app.open('dossier')", "Dossier"),
        Binding("h", "app.open('history')", "History"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        from briefing.core.debrief import debrief_of
        from briefing.core.records import endings_reached

        app = self.app
        assert isinstance(app, BriefingApp)
        game = app.game
        assert game is not None
        scene = game.scene
        debrief = debrief_of(game, endings_reached(game.scenario.id))
        with VerticalScroll(id="debrief"):
            yield plain(scene.dateline, classes="dateline")
            yield Static(Text(debrief.heading), classes="ending-head", markup=False)
            yield plain(scene.title, classes="heading ending-title")
            for p in game.passages():
                yield markdown(p, "passage")
            yield plain(debrief.counts, classes="summary")
            if debrief.key_decisions:
                yield plain("Debrief: your key decisions", classes="heading")
                for kd in debrief.key_decisions:
                    t = Text(kd.key, style="bold")
                    t.append("\nYou chose: ")
                    t.append(kd.chosen, style="italic")
                    yield Static(t, classes="key-decision", markup=False)
                    if kd.note:
                        yield markdown(kd.note, "note")
            if debrief.scenario_debrief:
                yield plain("Debrief", classes="heading")
                yield markdown(debrief.scenario_debrief, "scenario-debrief")
            if debrief.aftermath:
                yield plain("What happened next", classes="heading")
                yield markdown(debrief.aftermath, "aftermath")
            yield plain(
                f"Endings reached: {debrief.endings_reached} of {len(debrief.endings)}", classes="heading"
            )
            yield Static(endings_list(debrief), classes="endings", markup=False)
            yield plain("Press n to play again, t for the title screen, q to quit.", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#debrief").focus()


def endings_list(debrief: Debrief) -> Text:
    """Every ending: the title and summary of those reached (the current one in bold), a dot for the rest."""
    t = Text()
    for e in debrief.endings:
        if e.reached:
            t.append("✓ ", style="bold")
            t.append(e.title, style="bold" if e.current else "")
            if e.summary:
                t.append(f" · {e.summary}")
        else:
            t.append("· (not reached yet)", style="italic")
        t.append("\n")
    t.rstrip()
    return t
