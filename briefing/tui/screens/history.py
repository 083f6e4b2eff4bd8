"""The scenes seen and the decisions taken."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

if TYPE_CHECKING:
    from briefing.core.engine import Game

from briefing.tui.screens.base import BaseScreen, plain


class HistoryScreen(BaseScreen):
    BINDINGS = [
        Binding("escape,h", "app.pop_screen", "Back"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def compose(self) -> ComposeResult:
        game = self.app.current_game()
        yield plain(
            f"History: {len(game.path)} scenes seen, {len(game.history)} decisions", id="screen-title"
        )
        with VerticalScroll(id="history"):
            yield from (Static(t, classes="entry", markup=False) for t in history_entries(game))
        yield Footer()

    def on_mount(self) -> None:
        pane = self.query_one("#history")
        pane.focus()
        pane.scroll_end(animate=False)


def history_entries(game: Game) -> list[Text]:
    """Scenes seen and decisions taken, in order (each scene followed by what was decided there)."""
    scenes = game.scenario.scenes
    out = []
    decisions = list(game.history)
    aligned = len(game.path) == len(decisions) + 1
    for i, sid in enumerate(game.path):
        scene = scenes.get(sid)
        t = Text(f"{i + 1}. ", style="bold")
        t.append(scene.title if scene else sid, style="bold")
        if scene is not None and scene.dateline:
            t.append(f"\n   {scene.dateline}", style="italic")
        if aligned and i < len(decisions):
            d = decisions[i]
            t.append("\n   → ")
            t.append(d.text if d.how == "chosen" else f"{d.text} ({d.how})")
        elif i == len(game.path) - 1:
            t.append("\n   (you are here)", style="italic")
        out.append(t)
    if not aligned and decisions:
        t = Text("Decisions", style="bold")
        for d in decisions:
            title = scenes[d.scene].title if d.scene in scenes else d.scene
            t.append(f"\n• {title}: ")
            t.append(d.text)
        out.append(t)
    return out
