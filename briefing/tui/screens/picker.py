"""Choose one of several scenarios."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from briefing.tui.screens.base import BaseModal, plain


class PickerScreen(BaseModal[None]):
    """Choose one of several scenarios."""

    def compose(self) -> ComposeResult:
        from briefing.tui.launch import peek_title

        with Vertical(classes="dialog"):
            yield plain("Choose a scenario", classes="dialog-title")
            items = []
            for n, folder in enumerate(self.app.scenarios):
                items.append(Option(Text(peek_title(folder) or folder.name), id=str(n)))
            yield OptionList(*items, id="scenarios")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None and self.app.pick_scenario(self.app.scenarios[int(event.option.id)]):
            self.dismiss()
