"""The dossier: every fact revealed so far, with its source."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing.tui.screens.base import BaseScreen, plain


class DossierScreen(BaseScreen):
    BINDINGS = [
        Binding("escape,d", "app.pop_screen", "Back"),
        Binding("f", "cycle", "Filter by kind"),
        Binding("a", "show_all", "All kinds"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None

    def compose(self) -> ComposeResult:
        from briefing.core.model import FACT_KINDS

        game = self.app.current_game()
        n = len(game.dossier)
        yield plain(
            f"Dossier: {n} {'entry' if n == 1 else 'entries'} of {len(game.scenario.facts)}",
            id="screen-title",
        )
        with Horizontal(id="dossier-body"):
            counts = {k: 0 for k in FACT_KINDS}
            for fid in game.dossier:
                kind = game.scenario.facts[fid].kind
                counts[kind] = counts.get(kind, 0) + 1
            items = [Option(Text(f"All ({n})"), id="all")]
            items += [
                Option(Text(f"{FACT_KINDS.get(k, k)} ({c})"), id=k, disabled=c == 0)
                for k, c in counts.items()
            ]
            yield OptionList(*items, id="kinds")
            yield VerticalScroll(id="facts")
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#facts").focus()

    def show(self) -> None:
        from briefing.core.model import FACT_KINDS

        game = self.app.current_game()
        pane = self.query_one("#facts", VerticalScroll)
        pane.remove_children()
        entries = []
        for fid in game.dossier:
            f = game.scenario.facts[fid]
            if self.kind is not None and f.kind != self.kind:
                continue
            t = Text(f.kind_label, style="bold")
            if fid in game.last_new_facts:
                t.append("  new", style="bold reverse")
            if f.title:
                t.append("\n")
                t.append(f.title, style="bold")
            t.append("\n")
            t.append(f.text)
            t.append("\nSource: ", style="italic")
            t.append(f.source, style="italic")
            entries.append(Static(t, classes=f"fact kind-{f.kind}", markup=False))
        if not entries:
            entries.append(
                plain(
                    "Nothing here yet."
                    if self.kind is None
                    else f"No {FACT_KINDS.get(self.kind, self.kind).lower()} entries yet.",
                    classes="empty",
                )
            )
        pane.mount_all(entries)
        kinds = self.query_one("#kinds", OptionList)
        idx = 0 if self.kind is None else 1 + list(FACT_KINDS).index(self.kind)
        if kinds.highlighted != idx:
            kinds.highlighted = idx

    def set_kind(self, kind: str | None) -> None:
        if kind != self.kind:
            self.kind = kind
            self.show()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        oid = event.option.id
        self.set_kind(None if oid == "all" else oid)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#facts").focus()

    def action_cycle(self) -> None:
        from briefing.core.model import FACT_KINDS

        game = self.app.current_game()
        present = [k for k in FACT_KINDS if any(game.scenario.facts[f].kind == k for f in game.dossier)]
        order = [None, *present]
        i = order.index(self.kind) if self.kind in order else 0
        self.set_kind(order[(i + 1) % len(order)])

    def action_show_all(self) -> None:
        self.set_kind(None)
