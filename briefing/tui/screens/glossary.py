"""The glossary: the people, organisations, places and terms of the scenario; the scene's own names first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Static

from briefing.tui.screens.base import BaseScreen, markdown, plain

if TYPE_CHECKING:
    from briefing.core.model import GlossaryEntry


def entry_widgets(entry: GlossaryEntry) -> ComposeResult:
    """One entry: its term (and other names) in bold, what it is (Markdown), and where that comes from."""
    head = Text(entry.term, style="bold")
    if entry.also:
        head.append(f" ({', '.join(entry.also)})")
    with Vertical(classes="gloss"):
        yield Static(head, markup=False)
        yield markdown(entry.text, "gloss-text")
        if entry.source:
            yield Static(Text(f"Source: {entry.source}", style="italic"), markup=False)


class GlossaryScreen(BaseScreen):
    BINDINGS = [
        Binding("escape,g", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        from briefing.core.format import GLOSSARY_KINDS
        from briefing.core.glossary import by_kind, scene_names

        game = self.app.current_game()
        scenario = game.scenario
        named = [] if game.ended else scene_names(scenario, game.passages(), [o.text for o in game.options()])
        yield plain(f"Glossary: {len(scenario.glossary)} entries", id="screen-title")
        with VerticalScroll(id="glossary"):
            if named:
                yield plain(f"Named in this scene ({len(named)})", classes="heading")
                for e in named:
                    yield from entry_widgets(e)
            for kind, entries in by_kind(scenario).items():
                yield plain(GLOSSARY_KINDS.get(kind, kind), classes="heading")
                for e in entries:
                    yield from entry_widgets(e)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#glossary").focus()
