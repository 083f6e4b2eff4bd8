"""A tied vote: the facilitator picks."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from briefing.tui.screens.base import BaseModal, plain


class TieScreen(BaseModal[int | None]):
    """A tie: the facilitator picks which of the tied choices the room takes (Escape: vote again)."""

    BINDINGS = [
        Binding("1", "pick(1)", "Pick", key_display="1-9"),
        *[Binding(str(n), f"pick({n})", "Pick", show=False) for n in range(2, 10)],
        Binding("escape", "dismiss_screen", "Back to the vote"),
    ]

    def __init__(self, tied: list[int], counts: dict[int, int]) -> None:
        super().__init__()
        self.tied = list(tied)
        self.counts = dict(counts)

    def compose(self) -> ComposeResult:
        game = self.app.current_game()
        texts = {o.number: o.text for o in game.options()}
        votes = self.counts[self.tied[0]]
        items = []
        for n in self.tied:
            label = Text(f"{n}. ")
            label.append(texts.get(n, ""))
            items.append(Option(label, id=str(n)))
        with Vertical(classes="dialog", id="tie"):
            yield plain(
                f"A tie: {len(self.tied)} choices have {votes} vote{'s' if votes != 1 else ''} each. "
                "Which does the room take?",
                classes="dialog-title",
            )
            yield OptionList(*items, id="tied")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#tied").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_pick(self, n: int) -> None:
        if n in self.tied:
            self.dismiss(n)
        else:
            self.app.bell()

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
