"""What every screen shares: the too-small notice, text that is never markup."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from briefing.tui.widgets.text import markdown, plain

__all__ = ["TOO_SMALL", "BaseModal", "BaseScreen", "markdown", "plain"]

TOO_SMALL = "Please make the window larger (at least 40 × 12)."


class _TooSmallMixin:
    def on_mount(self) -> None:
        self.mount(Static(TOO_SMALL, classes="too-small", markup=False))


class BaseScreen(_TooSmallMixin, Screen):
    pass


class BaseModal(_TooSmallMixin, ModalScreen):
    BINDINGS = [Binding("escape", "dismiss_screen", "Back")]

    def action_dismiss_screen(self) -> None:
        self.dismiss()
