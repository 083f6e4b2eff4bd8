"""The author's debug panel."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing.tui.messages import JumpAsked
from briefing.tui.screens.base import BaseModal, plain


class DebugScreen(BaseModal[None]):
    """For authors: every variable, and a jump to any scene."""

    BINDINGS = [Binding("escape,f12,ctrl+d", "dismiss_screen", "Close")]

    def compose(self) -> ComposeResult:
        game = self.app.current_game()
        t = Text("Scene: ", style="bold")
        t.append(game.scene_id)
        t.append("\nVariables", style="bold")
        for name, value in game.vars.items():
            t.append(f"\n  {name} = {value!r}" if isinstance(value, str) else f"\n  {name} = {_lit(value)}")
        t.append(f"\nVisited: {len(game.visited)} of {len(game.scenario.scenes)} scenes", style="")
        t.append(f"\nDossier: {len(game.dossier)} of {len(game.scenario.facts)} facts")
        items = [
            Option(Text(f"{sid}: {sc.title}" + ("  (ending)" if sc.is_ending else "")), id=sid)
            for sid, sc in game.scenario.scenes.items()
        ]
        with Vertical(classes="dialog", id="debug"):
            yield plain("Debug panel: jump to a scene", classes="dialog-title")
            with Horizontal():
                with VerticalScroll(id="debug-vars"):
                    yield Static(t, markup=False, id="vars")
                yield OptionList(*items, id="scenes")
        yield Footer()

    def on_mount(self) -> None:
        scenes = self.query_one("#scenes", OptionList)
        scenes.focus()
        ids = list(self.app.current_game().scenario.scenes)
        if self.app.current_game().scene_id in ids:
            scenes.highlighted = ids.index(self.app.current_game().scene_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.app.post_message(JumpAsked(event.option.id))
        self.dismiss()


def _lit(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
