"""Every key, by screen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Static

from briefing.tui.screens.base import BaseModal, BaseScreen, plain
from briefing.tui.screens.debrief import DebriefScreen
from briefing.tui.screens.dossier import DossierScreen
from briefing.tui.screens.history import HistoryScreen
from briefing.tui.screens.play import PlayScreen
from briefing.tui.screens.title import TitleScreen

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

HELP_INTRO = (
    "Choose with the digit keys, the arrow keys and Enter, or the mouse. "
    "PageUp and PageDown (or j and k) scroll the story whatever has focus. "
    "Your game is saved automatically after every decision."
)
DEBOUNCE_NOTE = (
    "A decision is taken only once its scene has been on screen for {wait:g} s, so that a key pressed twice "
    "does not also decide the next scene unread (Settings: key debounce)."
)


class HelpScreen(BaseModal[None]):
    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss_screen", "Close")]

    def compose(self) -> ComposeResult:
        from briefing.tui.app import BriefingApp

        clocked = self.app.clock.total is not None or self.app.workshop
        sections = [
            (
                "Everywhere",
                [("ctrl+p", "Command palette: every action"), ("ctrl+q", "Quit")]
                + _keys(BaseScreen.BINDINGS)
                + _keys(b for b in BriefingApp.BINDINGS if self.app.debugging or not _is_debug(b)),
            ),
            ("Title screen", [("↑ ↓ Enter", "Pick from the menu")] + _keys(TitleScreen.BINDINGS)),
            (
                "Playing",
                [("↑ ↓ Enter", "Pick a choice"), ("mouse", "Click a choice")]
                + [k for k in _keys(PlayScreen.BINDINGS) if k[1] != "Pause" or clocked],
            ),
            *_workshop_help(self.app),
            ("Dossier", _keys(DossierScreen.BINDINGS)),
            ("History", _keys(HistoryScreen.BINDINGS)),
            ("Debrief", _keys(DebriefScreen.BINDINGS)),
            (
                "Save and load",
                [("↑ ↓ Enter", "Pick a slot"), ("1-9", "Pick a slot by number"), ("escape", "Back")],
            ),
            ("Settings", [("↑ ↓", "Pick a setting"), ("Enter / space", "Change it"), ("escape", "Back")]),
        ]
        if self.app.debugging:
            sections.append(("Debug panel", [("↑ ↓ Enter", "Jump to a scene"), ("escape", "Back")]))
        t = Text(HELP_INTRO + "\n")
        wait = self.app.settings.debounce
        if wait:
            t.append("\n" + DEBOUNCE_NOTE.format(wait=wait) + "\n")
        for name, keys in sections:
            t.append(f"\n{name}\n", style="bold")
            for key, what in keys:
                t.append(f"  {key:<14}", style="bold")
                t.append(f"{what}\n")
        t.rstrip()
        self.text = t
        with Vertical(classes="dialog", id="help"):
            yield plain("Keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(t, markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help VerticalScroll").focus()


def _workshop_help(app: BriefingApp) -> list[tuple[str, list[tuple[str, str]]]]:
    if not app.workshop:
        return []
    from briefing.tui.screens.workshop import HELP

    return [("Workshop: the facilitator panel", HELP)]


def _is_debug(binding: BindingType) -> bool:
    return isinstance(binding, Binding) and binding.action == "debug"


def _keys(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    out = []
    seen = set()
    for b in bindings:
        if not isinstance(b, Binding):
            continue
        digit = b.action.startswith(("choose(", "answer("))
        if digit and b.key != "1":
            continue
        key = b.key_display or b.key.replace(",", " / ").replace("question_mark", "?")
        what = b.description
        if digit:
            what = (
                "Take choice 1-9" if b.action.startswith("choose(") else "Answer a grade, estimate or weigh"
            )
        if key == "space":
            continue
        if (key, what) not in seen:
            seen.add((key, what))
            out.append((key, what))
    return out
