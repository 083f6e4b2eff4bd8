"""The title screen: the scenario's title and the menu."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing.tui.screens.base import BaseScreen, plain
from briefing.tui.screens.picker import PickerScreen


class TitleScreen(BaseScreen):
    BINDINGS = [
        Binding("n", "app.new_game", "New game"),
        Binding("c", "app.continue_game", "Continue"),
        Binding("l", "app.open('load')", "Load"),
        Binding("o", "app.settings", "Settings"),
        Binding("s", "pick", "Scenarios", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield plain("", id="title")
            yield plain("", id="subtitle")
            yield OptionList(id="menu")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_menu()

    def on_screen_resume(self) -> None:
        self.refresh_menu()

    def refresh_menu(self) -> None:
        app = self.app
        scenario = app.scenario
        pending = app.pending and scenario is None
        self.query_one("#title", Static).update(
            Text(scenario.title if scenario else app.pending_title or "briefing")
        )
        subtitle = self.query_one("#subtitle", Static)
        subtitle.update(Text(scenario.subtitle if scenario else "No scenario chosen"))
        subtitle.display = bool(scenario.subtitle) if scenario else not pending
        menu = self.query_one("#menu", OptionList)
        menu.clear_options()
        auto = None
        if scenario is not None and app.autosave_slot is not None:
            from briefing.core import saves

            p = saves.slot_path(scenario.id, app.autosave_slot)
            owner = self.app.options.save_owner
            auto = next(
                (s for s in saves.list_saves(scenario.id, owner) if s.path == p and not s.error), None
            )
        items = [
            Option(Text("New game"), id="new", disabled=scenario is None and not pending),
            Option(
                Text(
                    "Continue"
                    if pending
                    else f"Continue: {auto.scene_title}"
                    if auto
                    else "Continue (no autosave yet)"
                ),
                id="continue",
                disabled=auto is None and not pending,
            ),
            Option(Text("Load a saved game"), id="load", disabled=scenario is None and not pending),
        ]
        if app.scenarios:
            items.append(Option(Text("Choose another scenario"), id="pick"))
        items += [
            Option(Text("Settings"), id="settings"),
            Option(Text("Help"), id="help"),
            Option(Text("Quit"), id="quit"),
        ]
        menu.add_options(items)
        # Enter continues a saved game rather than starting over it
        ids = [o.id for o in items]
        if scenario is not None or pending:
            menu.highlighted = 1 if auto else 0
        else:
            menu.highlighted = ids.index("pick") if "pick" in ids else ids.index("help")
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        what = event.option.id
        app = self.app
        if what == "new":
            app.new_game()
        elif what == "continue":
            app.continue_game()
        elif what == "load":
            app.action_open("load")
        elif what == "pick":
            self.action_pick()
        elif what == "settings":
            app.action_settings()
        elif what == "help":
            app.action_help()
        elif what == "quit":
            app.exit(0)

    def action_pick(self) -> None:
        if self.app.scenarios:
            self.app.push_screen(PickerScreen())
