"""The screens of the terminal player. They read ``app.game`` and call the app's methods; no game logic.

Author text is never parsed as markup: it goes into ``rich.text.Text`` objects, ``markup=False`` widgets,
or a Markdown widget (which builds its content from Markdown tokens, never from console markup).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

TOO_SMALL = "Please make the window larger (at least 40 × 12)."


def markdown(text: str, classes: str = "") -> object:
    """A Markdown widget whose links do nothing (nothing in a scene file can run an action)."""
    from textual.widgets import Markdown

    return Markdown(text, open_links=False, classes=("md " + classes).strip())


def plain(text: str, classes: str = "", id: str | None = None) -> Static:
    return Static(Text(text), classes=classes, id=id, markup=False)


class _TooSmallMixin:
    def on_mount(self) -> None:
        self.mount(Static(TOO_SMALL, classes="too-small", markup=False))


class BaseScreen(_TooSmallMixin, Screen):
    pass


class BaseModal(_TooSmallMixin, ModalScreen):
    BINDINGS = [Binding("escape", "dismiss_screen", "Back")]

    def action_dismiss_screen(self) -> None:
        self.dismiss()


# --------------------------------------------------------------------------------------------- title
class TitleScreen(BaseScreen):
    BINDINGS = [
        Binding("n", "app.new_game", "New game"),
        Binding("c", "app.continue_game", "Continue"),
        Binding("l", "app.open('load')", "Load"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
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
            auto = next((s for s in saves.list_saves(scenario.id) if s.path == p and not s.error), None)
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
        items += [Option(Text("Help"), id="help"), Option(Text("Quit"), id="quit")]
        menu.add_options(items)
        menu.highlighted = 0 if scenario is not None or pending else len(items) - 3
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
        elif what == "help":
            app.action_help()
        elif what == "quit":
            app.exit(0)

    def action_pick(self) -> None:
        if self.app.scenarios:
            self.app.push_screen(PickerScreen())


class PickerScreen(BaseModal):
    """Choose one of several scenarios."""

    def compose(self) -> ComposeResult:
        from briefing.tui.launch import peek_title

        with Vertical(classes="dialog"):
            yield plain("Choose a scenario", classes="dialog-title")
            items = []
            for n, folder in enumerate(self.app.scenarios):
                items.append(Option(Text(peek_title(folder) or folder.name), id=str(n)))
            yield OptionList(*items, id="scenarios")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.app.pick_scenario(self.app.scenarios[int(event.option.id)]):
            self.dismiss()


# ---------------------------------------------------------------------------------------------- play
class PlayScreen(BaseScreen):
    BINDINGS = [
        Binding("1", "choose(1)", "Choose", key_display="1-9"),
        *[Binding(str(n), f"choose({n})", f"Choice {n}", show=False) for n in range(2, 10)],
        Binding("d", "app.open('dossier')", "Dossier"),
        Binding("h", "app.open('history')", "History"),
        Binding("s", "app.open('save')", "Save"),
        Binding("l", "app.open('load')", "Load", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("escape", "app.title", "Menu"),
        Binding("p", "pause", "Pause"),
        Binding("space", "pause", "Pause", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "pause":
            return self.app.clock.total is not None or self.app.workshop
        return True

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield plain("", id="dateline")
            if self.app.clock.total is not None:
                yield plain("", id="countdown")
            yield plain("", id="badge")
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield from self.compose_story()
            with VerticalScroll(id="side"):
                yield plain("", id="standing")

    def compose_story(self) -> ComposeResult:
        """The scene's title, its text and its choices: the column every play screen shares."""
        with Vertical(id="story"):
            yield plain("", id="scene-title")
            yield VerticalScroll(id="text")
            yield OptionList(id="choices")

    def on_mount(self) -> None:
        self.show()

    def action_pause(self) -> None:
        self.app.toggle_pause()

    def update_clock(self) -> None:
        """Redraw the countdown (the app calls this as it ticks)."""
        clock = self.app.clock
        if clock.total is None:
            return
        for view in self.query("#countdown").results(Static):
            t = Text("⏸ " if clock.paused else "⏱ ")
            t.append("time is up" if clock.expired else clock.label(), style="bold")
            if clock.paused:
                t.append(" paused")
            if t.plain != getattr(view, "shown", None):
                view.shown = t.plain
                view.update(t)
            view.set_class(clock.warning, "-warning")
            view.set_class(clock.paused, "-paused")

    def show(self) -> None:
        game = self.app.game
        scenario = game.scenario
        scene = game.scene
        self.query_one("#dateline", Static).update(Text(scene.dateline or scene.act or ""))
        n, new = len(game.dossier), len(game.last_new_facts)
        badge = Text(f"Dossier {n}")
        if new:
            badge.append(f"  +{new} new", style="bold reverse")
        self.query_one("#badge", Static).update(badge)
        self.query_one("#scene-title", Static).update(Text(scene.title))

        pane = self.query_one("#text", VerticalScroll)
        pane.remove_children()
        blocks = []
        if not game.history and scene.id == scenario.start and scenario.intro:
            blocks.append(markdown(scenario.intro, "intro"))
        blocks += [markdown(p, "passage") for p in game.passages()]
        if game.last_new_facts:
            t = Text("New in your dossier", style="bold")
            for fid in game.last_new_facts:
                f = scenario.facts[fid]
                t.append(f"\n• {f.kind_label}: ", style="bold")
                t.append(f.title or _first_line(f.text))
            blocks.append(Static(t, classes="new-facts", markup=False))
        pane.mount_all(blocks)
        pane.scroll_home(animate=False)

        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        options = game.options()
        if not any(o.enabled for o in options):
            choices.add_option(
                Option(
                    Text(
                        "No choice is available here: the scenario is stuck. "
                        "Please tell its author (F12 opens the debug panel)."
                    ),
                    disabled=True,
                )
            )
        for o in options:
            label = Text(f"{o.number}. ")
            label.append(o.text)
            if not o.enabled:
                label.append("  (not available)", style="italic")
            choices.add_option(Option(label, id=str(o.number), disabled=not o.enabled))
        first = next((i for i, o in enumerate(options) if o.enabled), None)
        choices.highlighted = first
        choices.focus()
        self.show_standing(game)
        self.update_clock()

    def show_standing(self, game) -> None:
        scenario, scene = game.scenario, game.scene
        n, new = len(game.dossier), len(game.last_new_facts)
        side = Text("Your standing", style="bold")
        for _, label, value in game.standing():
            side.append(f"\n{label}: ")
            side.append(_value(value), style="bold")
        side.append(f"\n\nDossier: {n} of {len(scenario.facts)}")
        if new:
            side.append(f"\n{new} new", style="bold reverse")
        side.append(f"\nDecisions: {len(game.history)}")
        if scene.act:
            side.append(f"\n\n{scene.act}", style="italic")
        self.query_one("#standing", Static).update(side)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.app.choose(int(event.option.id))

    def action_choose(self, number: int) -> None:
        self.app.choose(number)


def _value(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 90 else line[:87] + "..."


# ------------------------------------------------------------------------------------------- dossier
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

        game = self.app.game
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

        game = self.app.game
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

        game = self.app.game
        present = [k for k in FACT_KINDS if any(game.scenario.facts[f].kind == k for f in game.dossier)]
        order = [None, *present]
        i = order.index(self.kind) if self.kind in order else 0
        self.set_kind(order[(i + 1) % len(order)])

    def action_show_all(self) -> None:
        self.set_kind(None)


# ------------------------------------------------------------------------------------------- history
class HistoryScreen(BaseScreen):
    BINDINGS = [
        Binding("escape,h", "app.pop_screen", "Back"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def compose(self) -> ComposeResult:
        game = self.app.game
        yield plain(
            f"History: {len(game.path)} scenes seen, {len(game.history)} decisions", id="screen-title"
        )
        with VerticalScroll(id="history"):
            yield from (Static(t, classes="entry", markup=False) for t in history_entries(game))
        yield Footer()

    def on_mount(self) -> None:
        pane = self.query_one("#history")
        pane.focus()
        pane.scroll_end(animate=False)


def history_entries(game) -> list[Text]:
    """Scenes seen and decisions taken, in order (each scene followed by what was decided there)."""
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
    return out


# ------------------------------------------------------------------------------------------- debrief
class DebriefScreen(BaseScreen):
    BINDINGS = [
        Binding("n", "app.new_game", "Play again"),
        Binding("t", "app.title", "Title"),
        Binding("d", "app.open('dossier')", "Dossier"),
        Binding("h", "app.open('history')", "History"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        from briefing.core.records import endings_reached

        game = self.app.game
        s = game.scenario
        scene = game.scene
        ending = scene.ending
        head = Text("The end")
        if ending and ending.grade:
            head.append(f" · grade {ending.grade}")
        if ending and ending.summary:
            head.append(f" · {ending.summary}")
        with VerticalScroll(id="debrief"):
            yield (
                plain("", classes="dateline")
                if not scene.dateline
                else plain(scene.dateline, classes="dateline")
            )
            yield Static(head, classes="ending-head", markup=False)
            yield plain(scene.title, classes="heading ending-title")
            for p in game.passages():
                yield markdown(p, "passage")
            yield plain(
                f"Decisions taken: {len(game.history)}. Dossier entries: {len(game.dossier)} of "
                f"{len(s.facts)}.",
                classes="summary",
            )
            keyed = [
                (d, s.scenes[d.scene]) for d in game.history if d.scene in s.scenes and s.scenes[d.scene].key
            ]
            if keyed:
                yield plain("Debrief: your key decisions", classes="heading")
                for d, ks in keyed:
                    t = Text(f"{ks.key}", style="bold")
                    t.append("\nYou chose: ")
                    t.append(d.text, style="italic")
                    yield Static(t, classes="key-decision", markup=False)
                    choice = ks.choices[d.choice - 1] if 0 < d.choice <= len(ks.choices) else None
                    note = (choice.debrief if choice else "") or ks.debrief
                    if note:
                        yield markdown(note, "note")
            if s.debrief:
                yield plain("Debrief", classes="heading")
                yield markdown(s.debrief, "scenario-debrief")
            if s.aftermath:
                yield plain("What happened next", classes="heading")
                yield markdown(s.aftermath, "aftermath")
            reached = endings_reached(s.id)
            endings = s.endings
            yield plain(
                f"Endings reached: {len([e for e in endings if e.id in reached])} of {len(endings)}",
                classes="heading",
            )
            t = Text()
            for e in endings:
                if e.id in reached:
                    t.append("✓ ", style="bold")
                    t.append(e.title, style="bold" if e.id == scene.id else "")
                    if e.ending and e.ending.summary:
                        t.append(f" · {e.ending.summary}")
                else:
                    t.append("· (not reached yet)", style="italic")
                t.append("\n")
            t.rstrip()
            yield Static(t, classes="endings", markup=False)
            yield plain("Press n to play again, t for the title screen, q to quit.", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#debrief").focus()


# ---------------------------------------------------------------------------------------------- help
HELP_INTRO = (
    "Choose with the digit keys, the arrow keys and Enter, or the mouse. "
    "Your game is saved automatically after every decision."
)


class HelpScreen(BaseModal):
    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss_screen", "Close")]

    def compose(self) -> ComposeResult:
        from briefing.tui.app import BriefingApp

        clocked = self.app.clock.total is not None or self.app.workshop
        sections = [
            (
                "Everywhere",
                [("ctrl+p", "Command palette: every action"), ("ctrl+q", "Quit")]
                + _keys(BriefingApp.BINDINGS),
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
            ("Debug panel", [("↑ ↓ Enter", "Jump to a scene"), ("escape", "Back")]),
        ]
        t = Text(HELP_INTRO + "\n")
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


def _workshop_help(app) -> list:
    if not app.workshop:
        return []
    from briefing.tui.workshop import HELP

    return [("Workshop: the facilitator panel", HELP)]


def _keys(bindings) -> list[tuple[str, str]]:
    out = []
    seen = set()
    for b in bindings:
        if b.action.startswith("choose(") and b.key != "1":
            continue
        key = b.key_display or b.key.replace(",", " / ").replace("question_mark", "?")
        what = "Take choice 1-9" if b.action.startswith("choose(") else b.description
        if key == "space":
            continue
        if (key, what) not in seen:
            seen.add((key, what))
            out.append((key, what))
    return out


# --------------------------------------------------------------------------------------------- saves
SLOTS = [f"slot-{n}" for n in range(1, 7)]


class SavesScreen(BaseModal):
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

        scenario = self.app.scenario
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
        self._take(event.option.id)

    def action_pick(self, n: int) -> None:
        slots = self.query_one("#slots", OptionList)
        if 1 <= n <= slots.option_count:
            self._take(slots.get_option_at_index(n - 1).id)

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


# --------------------------------------------------------------------------------------------- debug
class DebugScreen(BaseModal):
    """For authors: every variable, and a jump to any scene."""

    BINDINGS = [Binding("escape,f12,ctrl+d", "dismiss_screen", "Close")]

    def compose(self) -> ComposeResult:
        game = self.app.game
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
        ids = list(self.app.game.scenario.scenes)
        if self.app.game.scene_id in ids:
            scenes.highlighted = ids.index(self.app.game.scene_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss()
        self.app.jump(event.option.id)


def _lit(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# -------------------------------------------------------------------------------------- load errors
class ErrorScreen(BaseScreen):
    """Watch mode: the scenario does not load. Shows the diagnostics, one per line, until it is fixed."""

    BINDINGS = [Binding("q", "app.quit", "Quit"), Binding("r", "app.reload", "Reload now")]

    def compose(self) -> ComposeResult:
        yield plain("The scenario has errors; fix them and it reloads by itself.", id="screen-title")
        with VerticalScroll(id="errors"):
            yield Static("", id="error-lines", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        self.query_one("#error-lines", Static).update(Text("\n".join(self.app.errors)))
