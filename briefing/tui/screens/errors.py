"""Watch mode: the scenario does not load."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from briefing.tui.screens.base import BaseScreen, plain


class ErrorScreen(BaseScreen):
    """Watch mode: the scenario does not load. Shows the diagnostics, one per line, until it is fixed."""

    BINDINGS = [Binding("q", "app.quit", "Quit"), Binding("r", "app.reload", "Reload now")]

    def compose(self) -> ComposeResult:
        yield plain("The scenario has errors; fix them and it reloads by itself.", id="screen-title")
        with VerticalScroll(id="errors"):
            yield Static("", id="error-lines", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        self.query_one("#error-lines", Static).update(Text("\n".join(self.app.errors)))
