"""``briefing facilitate``: the facilitator's console in a terminal, beside the projected game.

It follows the day's session folder (every served game and every ``play --workshop`` game logs there)
through ``briefing.workshop.console.live_state``, the same reading the browser console uses: one row per
game (team, scene, decisions, time on the scene, standing, ending and scores), refreshed every two
seconds. Below the table, the highlighted game's current scene: its facilitator notes, what its timeout
does, and the tally of the last vote, so the notes need not be on the projected screen.

Keys: ``p`` pauses every game, ``r`` resumes them, ``m`` types a message to every team (Enter sends,
Escape cancels); all three write the control file of ``briefing serve`` (``briefing.workshop.control``),
which every served game polls (a plenary game too, when started with ``BRIEFING_CONTROL`` naming it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Input, Static

from briefing.core.clock import mm_ss

if TYPE_CHECKING:
    from briefing.core.model import Scenario

COLUMNS = ("Team", "Scene", "Decisions", "On scene", "Standing", "Ending", "Scores")


@dataclass(frozen=True)
class ConsoleOptions:
    """What the console follows: the scenario, the session folder, the control file, the time source."""

    scenario: Scenario
    folder: Path
    control: Path
    now: Callable[[], datetime] = lambda: datetime.now().astimezone()
    refresh_seconds: float = 2.0


def _percent(value: object) -> str:
    return f"{round(100 * value)}%" if isinstance(value, (int, float)) else "-"


def row_cells(game: dict[str, Any]) -> tuple[Text, ...]:
    """The table's cells for one game of ``live_state`` (text, never markup: team names come from logs)."""
    seconds = game.get("seconds_on_scene")
    scores = game.get("scores") or {}
    ending = f"{game['ending']} ({game['grade']})" if game.get("finished") and game.get("grade") else ""
    if game.get("finished") and not ending:
        ending = str(game.get("ending", ""))
    score = ""
    if game.get("letter"):
        score = (
            f"{game['letter']} · grading {_percent(scores.get('grading'))} · forecasting "
            f"{_percent(scores.get('forecasting'))} · timeliness {_percent(scores.get('timeliness'))}"
        )
    scene = str(game.get("scene_title", "")) + (" (paused)" if game.get("paused") else "")
    return (
        Text(str(game.get("team", ""))),
        Text(scene, style="bold" if game.get("paused") else ""),
        Text(str(game.get("decisions", 0)), justify="right"),
        Text("-" if seconds is None else mm_ss(float(seconds), up=False), justify="right"),
        Text("; ".join(f"{k}: {v}" for k, v in (game.get("standing") or {}).items())),
        Text(ending),
        Text(score),
    )


def scene_detail(scenario: Scenario, game: dict[str, Any]) -> Text:
    """The highlighted game's scene for the facilitator: notes, timeout, last vote (plain text)."""
    from briefing.workshop.pack import timeout_meaning

    out = Text()
    out.append(f"{game.get('team', '')}: {game.get('scene_title', '')}\n", style="bold")
    scene = scenario.scenes.get(str(game.get("scene", "")))
    if game.get("finished"):
        out.append("The game has ended.\n")
    elif scene is not None:
        notes = (scene.notes or "").strip()
        out.append(notes or "No notes for this scene.", style="" if notes else "italic")
        out.append("\n")
        out.append(f"Timeout: {timeout_meaning(scenario, scene)}\n", style="dim")
    tally = game.get("tally") or {}
    if tally:
        votes = ", ".join(f"choice {n}: {v}" for n, v in tally.items())
        out.append(f"Last vote: {votes}\n")
    return out


class ConsoleApp(App[int]):
    """The terminal console (see the module): a table of games, the highlighted game's notes, control keys."""

    CSS_PATH = str(Path(__file__).with_name("console.tcss"))
    TITLE = "Facilitator console"
    BINDINGS = [
        Binding("p", "control('pause')", "Pause all"),
        Binding("r", "control('resume')", "Resume all"),
        Binding("m", "message", "Message"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, options: ConsoleOptions) -> None:
        super().__init__()
        self.options = options
        self.games: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="console-title", markup=False)
        yield DataTable(id="games", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="detail-box"):
            yield Static("", id="detail", markup=False)
        yield Input(placeholder="A message to every team (Enter sends, Escape cancels)", id="message")
        yield Static("", id="console-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        self.query_one("#message").display = False
        self.refresh_state()
        self.set_interval(self.options.refresh_seconds, self.refresh_state, name="refresh")
        table.focus()

    # --- reading the games
    def refresh_state(self) -> None:
        """Read the session folder again and redraw (the highlighted row stays on its team)."""
        from briefing.workshop.console import live_state
        from briefing.workshop.control import read_control

        paused = read_control(self.options.control).paused
        state = live_state(self.options.folder, self.options.scenario, self.options.now(), paused)
        self.games = list(state["games"])
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for game in self.games:
            table.add_row(*row_cells(game))
        if self.games:
            table.move_cursor(row=min(max(keep, 0), len(self.games) - 1), animate=False)
        title = Text(self.options.scenario.title, style="bold")
        title.append(f" · {len(self.games)} game(s) · {self.options.folder}", style="")
        self.query_one("#console-title", Static).update(title)
        status = "All games paused (r resumes)." if paused else "Games running (p pauses all)."
        status += f" Control file: {self.options.control}"
        if state["problems"]:
            status += f" {state['problems']} unreadable log line(s) skipped."
        self.query_one("#console-status", Static).update(Text(status))
        self.show_detail()

    def show_detail(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        detail = (
            scene_detail(self.options.scenario, self.games[row])
            if 0 <= row < len(self.games)
            else Text("No game yet: the teams' games appear here as they start.", style="italic")
        )
        self.query_one("#detail", Static).update(detail)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    # --- control of every game
    def send(self, action: str, text: str = "") -> bool:
        """Write the facilitator's ``action`` to the control file; False (with a notice) when it failed."""
        from briefing.workshop.control import next_control, read_control, write_control

        new = next_control(read_control(self.options.control), action, text)
        if new is None:
            return False
        try:
            write_control(self.options.control, new)
        except OSError as exc:
            self.notify(f"Cannot write {self.options.control}: {exc}", severity="error", markup=False)
            return False
        said = {"pause": "Every game paused.", "resume": "Every game resumed.", "message": "Message sent."}
        self.notify(said[action], timeout=3)
        self.refresh_state()
        return True

    def action_control(self, action: str) -> None:
        self.send(action)

    def action_message(self) -> None:
        box = self.query_one("#message", Input)
        box.display = True
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.send("message", event.value)
        self._close_message()

    def on_key(self, event: Any) -> None:
        if getattr(event, "key", "") == "escape" and self.query_one("#message", Input).has_focus:
            event.stop()
            self._close_message()

    def _close_message(self) -> None:
        box = self.query_one("#message", Input)
        box.value = ""
        box.display = False
        self.query_one(DataTable).focus()
