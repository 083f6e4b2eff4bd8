"""Save to a slot, or load a save."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from briefing.tui.screens.base import BaseModal, plain

SLOTS = [f"slot-{n}" for n in range(1, 7)]


class SavesScreen(BaseModal[None]):
    """Save to a slot, or load any save of this scenario (unreadable ones say why and are left alone)."""

    BINDINGS = [
        Binding("escape", "dismiss_screen", "Back"),
        *[Binding(str(n), f"pick({n})", "Pick", show=False) for n in range(1, 10)],
    ]

    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode = mode

    def compose(self) -> ComposeResult:
        from briefing.core import saves

        scenario = self.app.current_scenario()
        infos = saves.list_saves(scenario.id)
        items = []
        if self.mode == "save":
            by_slot = {s.slot: s for s in infos}
            for n, slot in enumerate(SLOTS, 1):
                s = by_slot.get(slot)
                label = Text(f"{n}. Slot {n}: ")
                if s is None:
                    label.append("empty", style="italic")
                elif s.error:
                    label.append(f"unreadable ({s.error}); saving here replaces it")
                else:
                    label.append(f"{_when(s.saved_at)} · {s.scene_title}")
                items.append(Option(label, id=slot))
            title = "Save your game"
        else:
            for n, s in enumerate(infos, 1):
                label = Text(f"{n}. {s.slot}: ", style="bold")
                if s.error:
                    label.append(f"cannot be read: {s.error}")
                else:
                    label.append(f"{_when(s.saved_at)} · {s.scene_title} · {s.scenario}", style="")
                items.append(Option(label, id=str(n - 1)))
            self.infos = infos
            title = "Load a game" if infos else "Load a game: there are no saves yet"
        with Vertical(classes="dialog", id="saves"):
            yield plain(title, classes="dialog-title")
            yield OptionList(*items, id="slots")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#slots").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self._take(event.option.id)

    def action_pick(self, n: int) -> None:
        slots = self.query_one("#slots", OptionList)
        if 1 <= n <= slots.option_count:
            oid = slots.get_option_at_index(n - 1).id
            if oid is not None:
                self._take(oid)

    def _take(self, oid: str) -> None:
        app = self.app
        if self.mode == "save":
            if app.save_slot(oid) is not None:
                self.dismiss()
            return
        info = self.infos[int(oid)]
        if info.error:
            app.notify(
                f"{info.path}: {info.error}", title="Cannot load this save", severity="error", timeout=10
            )
            return
        self.dismiss()
        app.load_path(info.path)


def _when(stamp: str) -> str:
    return stamp[:16].replace("T", " ") if stamp else "?"
