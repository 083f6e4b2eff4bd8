"""The decision clock in large digits."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits

from briefing.tui.widgets.text import plain


class ClockPanel(Vertical):
    """The decision clock in large digits, and what state it is in."""

    def compose(self) -> ComposeResult:
        yield Digits("00:00", id="clock-digits")
        yield plain("", id="clock-status")
