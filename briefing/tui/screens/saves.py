"""Save to a slot under a name, or load a save; every save is listed by its name, scene and date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, OptionList
from textual.widgets.option_list import Option

from briefing.tui.screens.base import BaseModal, plain

if TYPE_CHECKING:
    from briefing.core.saves import SaveInfo

SLOTS = [f"slot-{n}" for n in range(1, 7)]
MAX_NAME = 60


def save_name(info: SaveInfo) -> str:
    """What the player calls a save: the name given when saving, else what the slot is."""
    if info.label == "autosave" or info.slot == "autosave":
        return "Autosave"
    if info.label and info.label != info.slot:
        return info.label
    if info.slot.startswith("slot-"):
        return f"Slot {info.slot[5:]}"
    return info.slot


def describe(info: SaveInfo) -> Text:
    """A save as one line: its name (bold), the scene it is at and when it was saved."""
    t = Text(save_name(info), style="bold")
    if info.error:
        t.append(f": cannot be read ({info.error})")
    else:
        t.append(f" · {info.scene_title} · {_when(info.saved_at)}")
    return t


class SavesScreen(BaseModal[None]):
    """Save to a slot, or load any save of this scenario (unreadable ones say why and are left alone)."""

    BINDINGS = [
        Binding("escape", "dismiss_screen", "Back"),
        *[Binding(str(n), f"pick({n})", "Pick", show=False) for n in range(1, 10)],
    ]

    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode = mode
        self.infos: list[SaveInfo] = []

    def compose(self) -> ComposeResult:
        from briefing.core import saves

        scenario = self.app.current_scenario()
        owner = self.app.options.save_owner
        infos = saves.list_saves(scenario.id, owner)
        items = []
        if self.mode == "save":
            by_slot = {s.slot: s for s in infos}
            slots = [saves.owner_slot(owner, slot) for slot in SLOTS]
            self.infos = [by_slot[slot] for slot in slots if slot in by_slot]
            for n, slot in enumerate(slots, 1):
                s = by_slot.get(slot)
                label = Text(f"{n}. ")
                if s is None:
                    label.append(f"Slot {n}: empty", style="italic")
                else:
                    label.append_text(describe(s))
                items.append(Option(label, id=slot))
            title = "Save your game: pick a slot"
        else:
            self.infos = infos
            for n, s in enumerate(infos, 1):
                label = Text(f"{n}. ")
                label.append_text(describe(s))
                items.append(Option(label, id=str(n - 1)))
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
        if self.mode == "save":
            self._save(oid)
            return
        info = self.infos[int(oid)]
        if info.error:
            self.app.notify(
                f"{save_name(info)} cannot be loaded: {info.error}.",
                title="Cannot load",
                severity="error",
                timeout=10,
            )
            return
        self.dismiss()
        self.app.load_path(info.path, save_name(info))

    def _save(self, slot: str) -> None:
        """Ask a name (and, over a save, whether to replace it), then save."""
        from briefing.tui.screens.confirm import ConfirmScreen

        old = next((s for s in self.infos if s.slot == slot), None)
        game = self.app.current_game()
        default = save_name(old) if old is not None and not old.error else game.scene.title

        def named(name: str | None) -> None:
            if name is not None and self.app.save_slot(slot, name) is not None:
                self.dismiss()

        def replace(yes: bool | None) -> None:
            if yes:
                self.app.push_screen(NameScreen(default), named)

        if old is None:
            self.app.push_screen(NameScreen(default), named)
            return
        self.app.push_screen(
            ConfirmScreen(
                "Replace this save?",
                f"This slot holds {describe(old).plain}. Saving here replaces it.",
                yes="Replace it",
                no="Keep it",
            ),
            replace,
        )


class NameScreen(BaseModal[str | None]):
    """The name of a save: Enter saves under it, Escape goes back."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default[:MAX_NAME]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="name-save"):
            yield plain("Name this save (Enter saves, Escape goes back)", classes="dialog-title")
            yield Input(self.default, max_length=MAX_NAME, id="save-name")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#save-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or self.default)

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)


def _when(stamp: str) -> str:
    return stamp[:16].replace("T", " ") if stamp else "?"
