"""The dossier: every fact revealed so far, with its source; searched, filtered and sorted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing.tui.screens.base import BaseScreen, plain

SORTS = {"time": "oldest first", "newest": "newest first", "kind": "by kind"}


class DossierScreen(BaseScreen):
    BINDINGS = [
        Binding("escape,d", "app.pop_screen", "Back"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("n", "new_only", "New since last scene"),
        Binding("o", "sort", "Sort"),
        Binding("f", "cycle", "Filter by kind"),
        Binding("a", "show_all", "All kinds"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None
        self.query_text = ""  # the search: entries whose kind, title, text or source contain it
        self.new_only = False  # only the entries new since the last scene
        self.sort = "time"  # a key of SORTS

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
            with Vertical(id="dossier-main"):
                yield Input(placeholder="Search the dossier (/)", id="dossier-search")
                yield plain("", id="dossier-status")
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
        shown = self.entries()
        for fid in shown:
            f = game.scenario.facts[fid]
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
            if self.query_text or self.new_only:
                empty = "No entry matches: / changes the search, n shows every entry."
            elif self.kind is None:
                empty = "Nothing here yet."
            else:
                empty = f"No {FACT_KINDS.get(self.kind, self.kind).lower()} entries yet."
            entries.append(plain(empty, classes="empty"))
        pane.mount_all(entries)
        self.query_one("#dossier-status", Static).update(Text(self.status(len(shown))))
        kinds = self.query_one("#kinds", OptionList)
        idx = 0 if self.kind is None else 1 + list(FACT_KINDS).index(self.kind)
        if kinds.highlighted != idx:
            kinds.highlighted = idx

    def entries(self) -> list[str]:
        """The ids of the entries shown: of the kind chosen, new only if asked, matching the search, sorted."""
        from briefing.core.model import FACT_KINDS

        game = self.app.current_game()
        facts = game.scenario.facts
        wanted = self.query_text.casefold()
        new = set(game.last_new_facts)
        out = []
        for fid in game.dossier:
            f = facts[fid]
            if self.kind is not None and f.kind != self.kind:
                continue
            if self.new_only and fid not in new:
                continue
            if wanted and wanted not in " ".join((f.kind_label, f.title, f.text, f.source)).casefold():
                continue
            out.append(fid)
        if self.sort == "newest":
            out.reverse()
        elif self.sort == "kind":
            order = {k: i for i, k in enumerate(FACT_KINDS)}
            out.sort(key=lambda fid: order.get(facts[fid].kind, len(order)))  # stable: oldest first within
        return out

    def status(self, shown: int) -> str:
        """One line: how many entries are shown, and the search, filter and order that chose them."""
        total = len(self.app.current_game().dossier)
        bits = [f"{shown} of {total} shown", SORTS[self.sort] + " (o)"]
        if self.new_only:
            bits.append("new since the last scene only (n)")
        if self.query_text:
            bits.append(f"matching \u201c{self.query_text}\u201d")
        return " · ".join(bits)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.query_text:
            self.query_text = event.value
            self.show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#facts").focus()

    def action_search(self) -> None:
        self.query_one("#dossier-search", Input).focus()

    def action_new_only(self) -> None:
        self.new_only = not self.new_only
        self.show()

    def action_sort(self) -> None:
        order = list(SORTS)
        self.sort = order[(order.index(self.sort) + 1) % len(order)]
        self.show()

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
