"""A yes-or-no question before something that cannot be taken back."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from briefing.tui.screens.base import BaseModal, plain


class ConfirmScreen(BaseModal[bool]):
    """Asks ``question`` (with ``detail``); dismisses with True for ``yes``, False for ``no`` or Escape.
    The safe answer is highlighted first."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.detail, self.yes, self.no = question, detail, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm"):
            yield plain(self.question, classes="dialog-title")
            if self.detail:
                yield plain(self.detail, classes="dialog-detail")
            yield OptionList(
                Option(Text(f"n. {self.no}"), id="no"), Option(Text(f"y. {self.yes}"), id="yes"), id="answers"
            )
        yield Footer()

    def on_mount(self) -> None:
        answers = self.query_one("#answers", OptionList)
        answers.highlighted = 0
        answers.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
