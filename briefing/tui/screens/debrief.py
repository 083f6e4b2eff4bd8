"""The debrief at an ending: the scorecard first (format 2), then the roads not taken at each key decision."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from briefing.core.debrief import Debrief, weigh_notes
from briefing.core.engine import Game
from briefing.tui.app import BriefingApp
from briefing.tui.screens.base import REFERENCE_KEYS, UNDO_KEY, BaseScreen, markdown, plain
from briefing.tui.widgets import scorecard


class DebriefScreen(BaseScreen):
    BINDINGS = [
        Binding("n", "app.new_game", "Play again"),
        Binding("t", "app.title", "Title"),
        UNDO_KEY,
        *REFERENCE_KEYS,
        Binding("q", "app.quit", "Quit"),
        # a long debrief: keys that bring each part to the top (the line under the ending names them)
        Binding("c", "jump('scorecard')", "Scorecard", show=False),
        Binding("r", "jump('roads')", "Roads", show=False),
        Binding("e", "jump('endings')", "Endings", show=False),
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
            yield plain(jump_hint(game.scenario.format >= 2, bool(debrief.key_decisions)), classes="hint")
            if game.scenario.format >= 2:
                yield from self.compose_scorecard(game)
            if debrief.key_decisions:
                yield plain("Your key decisions, and the roads not taken", classes="heading", id="roads")
                for kd in debrief.key_decisions:
                    yield Static(scorecard.roads(kd), classes="key-decision", markup=False)
                    if kd.scene_extra:
                        yield markdown(kd.scene_extra, "note")
            if debrief.scenario_debrief:
                yield plain("Debrief", classes="heading")
                yield markdown(debrief.scenario_debrief, "scenario-debrief")
            if debrief.aftermath:
                yield plain("What happened next", classes="heading")
                yield markdown(debrief.aftermath, "aftermath")
            yield plain(
                f"Endings reached: {debrief.endings_reached} of {len(debrief.endings)}",
                classes="heading",
                id="endings",
            )
            yield Static(endings_list(debrief), classes="endings", markup=False)
            yield plain("Press n to play again, t for the title screen, q to quit.", classes="hint")
        yield Footer()

    def compose_scorecard(self, game: Game) -> ComposeResult:
        """The scorecard: the letter, the measures and Brier, the grades, calibration, the matrix, feedback."""
        card, scenario, judged = game.scorecard(), game.scenario, game.judged
        yield Static(scorecard.headline(card), classes="heading scorecard-head", markup=False, id="scorecard")
        yield Static(scorecard.measures(card), classes="measures", markup=False)
        if card.feedback:
            yield plain("What to work on", classes="heading")
            for pattern, technique in scorecard.feedback(card):
                yield Static(pattern, classes="feedback", markup=False)
                yield Static(technique, classes="feedback technique", markup=False)
        if card.grades:
            yield plain("Your grades against the model", classes="heading")
            for line, notes in scorecard.grades(card, scenario):
                yield Static(line, classes="card-part", markup=False)
                for note in notes:
                    yield plain(note, classes="card-part card-note")
        if card.estimates:
            yield plain("Your estimates against what happened", classes="heading")
            for line, why in scorecard.estimates(card):
                yield Static(line, classes="card-part", markup=False)
                if why:
                    yield plain(why, classes="card-part card-note")
        if card.calibration:
            yield plain("Calibration: how often what you called ... happened", classes="heading")
            yield Static(scorecard.calibration(card), classes="card-part")
        if judged.ratings and scenario.instruments.hypotheses:
            yield plain("Your matrix beside the author's", classes="heading")
            yield Static(scorecard.ach_matrix(card, scenario, judged), classes="card-part")
            if judged.lead:
                yield Static(scorecard.lead_line(scenario, judged), classes="card-part", markup=False)
            for title, why in weigh_notes(game):
                yield Static(Text(f"Weighing at “{title}”", style="bold"), classes="card-part", markup=False)
                yield plain(why, classes="card-part card-note")

    def on_mount(self) -> None:
        self.query_one("#debrief").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "primer":
            return self.app.current_scenario().format >= 2
        if action == "jump":  # only to the parts this debrief has
            return bool(self.query(f"#{parameters[0]}"))
        return True

    def action_jump(self, part: str) -> None:
        """Scroll the debrief so that ``part`` (scorecard, roads, endings) is at the top."""
        for widget in self.query(f"#{part}"):
            self.query_one("#debrief", VerticalScroll).scroll_to_widget(widget, top=True, animate=False)

    def action_primer(self) -> None:
        self.app.action_primer()


def jump_hint(scored: bool, roads: bool) -> str:
    """The line under the ending that says how to reach each part of a long debrief."""
    parts = (["c: your scorecard"] if scored else []) + (["r: the roads not taken"] if roads else [])
    return "Jump to " + ", ".join([*parts, "e: the endings"]) + "."


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
