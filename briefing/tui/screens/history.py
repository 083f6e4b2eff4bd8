"""The scenes seen and the decisions taken: reread any scene as it was shown, or go back to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing.tui.screens.base import BaseScreen, markdown, plain
from briefing.tui.widgets.text import first_line

if TYPE_CHECKING:
    from briefing.core.engine import Game, Shown


class HistoryScreen(BaseScreen):
    BINDINGS = [
        Binding("escape,h", "app.pop_screen", "Back"),
        Binding("enter", "reread", "Reread", show=False),
        Binding("r", "rewind", "Go back here"),
    ]

    def compose(self) -> ComposeResult:
        game = self.app.current_game()
        yield plain(
            f"History: {_count(len(game.path), 'scene')} seen, {_count(len(game.history), 'decision')} "
            "(Enter rereads a scene, r goes back to it)",
            id="screen-title",
        )
        items = [
            Option(t, id=str(i) if i < len(game.path) else None, disabled=i >= len(game.path))
            for i, t in enumerate(history_entries(game))
        ]
        yield OptionList(*items, id="history")
        yield Footer()

    def on_mount(self) -> None:
        entries = self.query_one("#history", OptionList)
        entries.focus()
        last = len(self.app.current_game().path) - 1
        if entries.option_count:
            entries.highlighted = min(last, entries.option_count - 1)

    def _highlighted(self) -> int | None:
        entries = self.query_one("#history", OptionList)
        if entries.highlighted is None:
            return None
        oid = entries.get_option_at_index(entries.highlighted).id
        return None if oid is None else int(oid)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_reread()

    def action_reread(self) -> None:
        index = self._highlighted()
        if index is not None:
            self.app.push_screen(RereadScreen(index))

    def action_rewind(self) -> None:
        """Go back to the highlighted scene: the decisions taken after it are taken back (asked first)."""
        from briefing.tui.screens.confirm import ConfirmScreen

        index = self._highlighted()
        game = self.app.current_game()
        if index is None:
            return
        if index >= len(game.path) - 1 and not game.ended:
            self.app.notify("You are here already.", severity="warning")
            return
        later = len(game.history) - index
        title = _title(game, index)

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.rewind(index)

        self.app.push_screen(
            ConfirmScreen(
                f"Go back to {title}?",
                f"The {later} decision{'s' if later != 1 else ''} taken since are taken back "
                "(the history and the session log keep that you went back).",
                yes="Go back",
                no="Stay here",
            ),
            answered,
        )


class RereadScreen(BaseScreen):
    """An earlier scene, as it was shown then."""

    BINDINGS = [
        Binding("escape,h", "app.pop_screen", "Back"),
    ]

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index  # in the game's path

    def compose(self) -> ComposeResult:
        game = self.app.current_game()
        scene = game.scenario.scenes.get(game.path[self.index])
        shown = shown_at(game, self.index)
        yield plain(
            f"Rereading scene {self.index + 1} of {len(game.path)} (Escape goes back)", id="screen-title"
        )
        with VerticalScroll(id="reread"):
            if scene is not None and scene.dateline:
                yield plain(scene.dateline, classes="dateline")
            yield plain(scene.title if scene else game.path[self.index], classes="heading")
            if shown is None:
                yield plain(
                    "This scene was played before the save you loaded kept what it showed.", classes="empty"
                )
            else:
                yield from (markdown(p, "passage") for p in shown.passages)
                if shown.new_facts:
                    t = Text("New in your dossier then", style="bold")
                    for fid in shown.new_facts:
                        f = game.scenario.facts.get(fid)
                        if f is not None:
                            t.append(f"\n• {f.kind_label}: ", style="bold")
                            t.append(f.title or first_line(f.text))
                    yield Static(t, classes="new-facts", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reread").focus()


def shown_at(game: Game, index: int) -> Shown | None:
    """The scene at ``index`` of the path as it was shown, when the game kept it (an older save keeps the
    scenes from where it was loaded)."""
    offset = len(game.path) - len(game.transcript)
    if index < offset or index - offset >= len(game.transcript):
        return None
    shown = game.transcript[index - offset]
    return shown if shown.scene == game.path[index] else None


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _title(game: Game, index: int) -> str:
    scene = game.scenario.scenes.get(game.path[index])
    return scene.title if scene else game.path[index]


def history_entries(game: Game) -> list[Text]:
    """Scenes seen and decisions taken, in order (each scene followed by what was decided there); a last
    entry lists the decisions when they do not line up with the scenes (an older save)."""
    scenes = game.scenario.scenes
    out = []
    decisions = list(game.history)
    aligned = len(game.path) == len(decisions) + 1
    for i, sid in enumerate(game.path):
        scene = scenes.get(sid)
        t = Text(f"{i + 1}. ", style="bold")
        t.append(scene.title if scene else sid, style="bold")
        if scene is not None and scene.dateline:
            t.append(f"\n   {scene.dateline}", style="italic")
        if aligned and i < len(decisions):
            d = decisions[i]
            t.append("\n   → ")
            t.append(d.text if d.how == "chosen" else f"{d.text} ({d.how})")
        elif i == len(game.path) - 1:
            t.append("\n   (you are here)", style="italic")
        out.append(t)
    if not aligned and decisions:
        t = Text("Decisions", style="bold")
        for d in decisions:
            title = scenes[d.scene].title if d.scene in scenes else d.scene
            t.append(f"\n• {title}: ")
            t.append(d.text)
        out.append(t)
    if game.rollbacks:
        n = len(game.rollbacks)
        out.append(Text(f"You went back {n} time{'s' if n != 1 else ''} in this game.", style="italic"))
    return out
