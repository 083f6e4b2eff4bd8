"""What every screen shares: the too-small notice, the typed app, text that is never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from briefing.tui.widgets.text import markdown, plain

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

__all__ = ["TOO_SMALL", "BaseModal", "BaseScreen", "markdown", "plain"]

TOO_SMALL = "Please make the window larger (at least 40 × 12)."
ResultT = TypeVar("ResultT")


def too_small_notice() -> Static:
    """Shown instead of the screen when the terminal is below 40 × 12 (the stylesheet decides)."""
    return Static(TOO_SMALL, classes="too-small", markup=False)


# the keys that open the analyst's references, the same on the play screen and the debrief
REFERENCE_KEYS = [
    Binding("d", "app.open('dossier')", "Dossier"),
    Binding("h", "app.open('history')", "History"),
    Binding("i", "primer", "Scales"),
]
UNDO_KEY = Binding("u,backspace", "app.undo", "Undo", key_display="u")


class BaseScreen(Screen[None]):
    # every screen: help first in the footer, so a narrow terminal never cuts it off
    BINDINGS = [Binding("question_mark", "app.help", "Help", key_display="?")]

    if TYPE_CHECKING:
        app: BriefingApp

    def on_mount(self) -> None:
        self.mount(too_small_notice())


class BaseModal(ModalScreen[ResultT]):
    BINDINGS = [Binding("escape", "dismiss_screen", "Back")]

    if TYPE_CHECKING:
        app: BriefingApp

    def on_mount(self) -> None:
        self.mount(too_small_notice())

    def action_dismiss_screen(self) -> None:
        self.dismiss()
