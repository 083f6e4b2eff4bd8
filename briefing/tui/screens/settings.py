"""The settings screen: theme, text width, high contrast, reduced motion, key debounce (kept across launches
in the user config folder: ``briefing.tui.settings``)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from briefing.tui.options import THEMES
from briefing.tui.screens.base import BaseModal, plain
from briefing.tui.settings import DEBOUNCES, TEXT_WIDTHS, Settings, next_value
from briefing.tui.themes import THEME_NAMES

HINT = "Enter or space changes the highlighted setting; it applies at once and is kept for next time."


def rows(settings: Settings) -> list[tuple[str, str, str]]:
    """(id, what, its value as shown) for every setting, in the screen's order."""
    width = settings.text_width
    wait = settings.debounce
    return [
        ("theme", "Theme", THEME_NAMES.get(settings.theme, settings.theme)),
        ("text_width", "Text width", f"{width} columns" if width else "the whole window"),
        ("high_contrast", "High contrast", "on" if settings.high_contrast else "off"),
        ("reduced_motion", "Reduced motion", "on (no animation)" if settings.reduced_motion else "off"),
        (
            "debounce",
            "Key debounce",
            f"{wait:g} s: a decision waits until the scene has been shown this long" if wait else "off",
        ),
    ]


class SettingsScreen(BaseModal[None]):
    BINDINGS = [
        Binding("escape,q", "dismiss_screen", "Back"),
        Binding("space", "change", "Change", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="settings"):
            yield plain("Settings", classes="dialog-title")
            yield OptionList(*self._options(), id="settings-list")
            yield plain(HINT, classes="dialog-detail")
        yield Footer()

    def _options(self) -> list[Option]:
        out = []
        for key, what, value in rows(self.app.settings):
            label = Text(f"{what:<16}", style="bold")
            label.append(value)
            out.append(Option(label, id=key))
        return out

    def on_mount(self) -> None:
        self.query_one("#settings-list").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.change(event.option.id)

    def action_change(self) -> None:
        found = self.query_one("#settings-list", OptionList)
        if found.highlighted is not None:
            oid = found.get_option_at_index(found.highlighted).id
            if oid is not None:
                self.change(oid)

    def change(self, key: str) -> None:
        """Move setting ``key`` to its next value."""
        settings = self.app.settings
        if key == "theme":
            names = [n for n in THEME_NAMES if n in THEMES]
            i = names.index(settings.theme) if settings.theme in names else -1
            self.app.change_settings(theme=names[(i + 1) % len(names)])
        elif key == "text_width":
            self.app.change_settings(text_width=int(next_value(TEXT_WIDTHS, settings.text_width)))
        elif key in ("high_contrast", "reduced_motion"):
            self.app.change_settings(**{key: not getattr(settings, key)})
        elif key == "debounce":
            self.app.change_settings(debounce=next_value(DEBOUNCES, settings.debounce))
        found = self.query_one("#settings-list", OptionList)
        keep = found.highlighted
        found.clear_options()
        found.add_options(self._options())
        found.highlighted = keep
