"""The Textual app: it holds the scenario and the game and drives the engine; screens only show them.

``build_app(AppOptions(...))`` makes a fully wired app; nothing is set on it from outside afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from briefing.core.clock import Clock
from briefing.tui.messages import AnswerGiven, ChoiceMade, JumpAsked, VoteCalled
from briefing.tui.options import THEMES, AppOptions, SessionLogLike
from briefing.tui.themes import BRIEFING_THEMES

if TYPE_CHECKING:
    from briefing.core.diagnostics import Diagnostics
    from briefing.core.engine import Game, Option, Step
    from briefing.core.model import Scenario
    from briefing.tui.screens.play import PlayScreen
    from briefing.tui.screens.title import TitleScreen

# The engine, saves and loader are imported where they are first used, after the title screen is painted.


def build_app(options: AppOptions) -> BriefingApp:
    """The terminal player, wired from ``options``."""
    return BriefingApp(options)


class BriefingApp(App[int]):
    """The terminal player; make it with ``build_app`` (see ``AppOptions`` for what it is started with).

    The session log (``options.session_log`` makes one per game) gets ``start`` when a game begins, then
    ``answered`` for each judgement, ``decision`` (with ``tally=`` when votes were entered) followed by
    ``resolutions`` (the estimates the move resolved), and ``ending``; autosaves go to
    ``options.autosave_slot``.
    """

    CSS_PATH = str(Path(__file__).with_name("briefing.tcss"))  # absolute: subclasses elsewhere find it too
    TITLE = "briefing"
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (40, "-narrow"), (80, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-squat"), (12, "-low"), (24, "-tall")]
    BINDINGS = [
        Binding("f1", "help", "Help", show=False),
        Binding("f12,ctrl+d", "debug", "Debug panel", show=False),
        Binding("ctrl+t", "toggle_contrast", "High contrast", show=False),
        Binding("f2", "primer", "The analyst's scales", show=False),
    ]

    def __init__(self, options: AppOptions) -> None:
        super().__init__()
        self.options = options
        for theme in BRIEFING_THEMES:
            self.register_theme(theme)
        self._set_initial_theme(THEMES.get(options.theme, options.theme))
        self.scenario: Scenario | None = options.scenario
        self.folder: Path | None = options.scenario_folder
        self.game: Game | None = options.game
        self.errors = list(options.errors)
        self.session_log: SessionLogLike | None = None
        self.clock = Clock(options.timer, now=options.now)
        self.notes_hidden = False  # workshop: the facilitator hid the notes (projecting)
        self.held = False  # the facilitator paused every game (briefing serve's console)
        self._mtimes: dict[str, tuple[int, int]] = {}
        # pending_title: the scenario in ``folder`` is loaded just after the title screen is painted
        self.pending = options.pending_title is not None and self.scenario is None and self.folder is not None
        self.pending_title = options.pending_title or ""
        self.failed_load: Diagnostics | None = (
            None  # the diagnostics when a pending load failed (not watching)
        )

    # --- what the screens read
    def current_game(self) -> Game:
        """The game being played (the screens that show one are only shown while there is one)."""
        if self.game is None:
            raise RuntimeError("no game is being played")
        return self.game

    def current_scenario(self) -> Scenario:
        """The scenario chosen (the screens that need one are only shown once there is one)."""
        if self.scenario is None:
            raise RuntimeError("no scenario is loaded")
        return self.scenario

    # --- what the app was started with
    @property
    def workshop(self) -> bool:
        return self.options.workshop

    @property
    def scenarios(self) -> tuple[Path, ...]:
        return self.options.scenarios

    @property
    def autosave_slot(self) -> str | None:
        return self.options.autosave_slot

    def _set_initial_theme(self, name: str) -> None:
        """Select the theme before the app runs without the full CSS re-parse that ``self.theme = name`` queues
        (the stylesheet is parsed with the theme's variables at start anyway): a quarter of the start-up time."""
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        classes = {c: False for c in self.classes if c.startswith("-theme-")}
        classes.update({f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark})
        self.update_classes(classes, update=False)
        self.stylesheet.set_variables(self.get_css_variables())

    # --- start
    def get_default_screen(self) -> TitleScreen:
        """The title screen is the base of the stack, so the first frame composes it and nothing else."""
        from briefing.tui.screens.title import TitleScreen

        return TitleScreen()

    def on_mount(self) -> None:
        from briefing.tui.screens.errors import ErrorScreen
        from briefing.tui.screens.picker import PickerScreen

        self.call_after_refresh(self._after_first_paint)
        if self.clock.total is not None:
            self.set_interval(0.25, self.tick_clock, name="clock")
        if self.options.control is not None:
            self.set_interval(1.0, self.poll_control, name="control")
        for notice in self.options.notices:
            self.notify(notice, title="Workshop" if self.workshop else "Session log", timeout=10)
        if self.pending:
            return
        if self.errors:
            self.push_screen(ErrorScreen())
        elif self.scenario is None and self.scenarios:
            self.push_screen(PickerScreen())
        elif self.game is not None:
            self.begin_session(self.options.resumed_from)
            self.show_game()
        self._start_watching()

    def _start_watching(self) -> None:
        from briefing.core import records

        if self.options.watch and self.folder is not None:
            self._mtimes = records.snapshot_files(self.folder)
            self.set_interval(0.5, self.poll_files, name="watch")

    def _after_first_paint(self) -> None:
        if self.options.gc_after_paint:
            import gc

            gc.enable()
        if self.pending:
            self.call_after_refresh(self.ensure_loaded)

    def ensure_loaded(self) -> bool:
        """Finish a pending load (see ``pending_title``); True when there is a scenario to play."""
        if not self.pending:
            return self.scenario is not None
        from briefing.core.loader import load_scenario
        from briefing.tui.launch import error_lines
        from briefing.tui.screens.errors import ErrorScreen
        from briefing.tui.screens.title import TitleScreen

        self.pending = False
        scenario, diags = load_scenario(str(self.folder))
        self._start_watching()
        if diags.errors or scenario is None:
            if self.options.watch:
                self.errors = error_lines(diags)
                self.push_screen(ErrorScreen())
            else:
                self.failed_load = diags
                self.exit(return_code=1)
            return False
        self.scenario = scenario
        if self.screen_stack and isinstance(self.screen, TitleScreen):
            self.screen.refresh_menu()
        return True

    # --- driving the engine
    def new_game(self) -> None:
        from briefing.core.engine import Game

        if not self.ensure_loaded():
            self.notify("Choose a scenario first.", severity="warning")
            return
        scenario = self.current_scenario()
        cut = self.options.cut if self.options.cut in scenario.cuts else None  # a picked scenario may lack it
        self.game = Game.new(scenario, cut=cut)
        self.begin_session()
        self.show_game()

    def continue_game(self) -> None:
        from briefing.core import saves

        if not self.ensure_loaded():
            return
        if self.autosave_slot is None:
            self.notify("This game keeps no autosave.", severity="warning")
            return
        self.load_path(saves.slot_path(self.current_scenario().id, self.autosave_slot))

    def load_path(self, path: str | Path) -> bool:
        """Load a save; on failure show why and leave the file alone."""
        from briefing.core import saves

        try:
            self.game = saves.load_game(Path(path), self.current_scenario())
        except saves.SaveError as exc:
            self.notify(str(exc), title="Cannot load this save", severity="error", timeout=10)
            return False
        self.begin_session(resumed_from=Path(path).stem)
        self.show_game()
        self.notify(f"Loaded {Path(path).stem}.")
        return True

    def save_slot(self, slot: str) -> Path | None:
        from briefing.core import saves

        if self.game is None:
            return None
        try:
            path = saves.save_game(self.game, saves.slot_path(self.current_scenario().id, slot), slot)
        except OSError as exc:
            self.notify(f"Could not save: {exc}", severity="error")
            return None
        self.notify(f"Saved to {slot}.")
        return path

    # --- session logs
    def begin_session(self, resumed_from: str | None = None) -> None:
        """A game begins (new, continued or loaded): a fresh session log when the current one has been used
        (every game is a new session), and its ``start`` line (naming the slot or file a loaded game
        came from, so the report stitches it onto the game that saved it)."""
        make = self.options.session_log
        if make is None or self.game is None:
            return
        old = self.session_log
        log = old
        if log is None or log.started:
            log = self.session_log = make()
            if old is not None and log.path != old.path and self.workshop:
                self.notify(f"Session log: {log.path}", title="Workshop", timeout=8)
        log.start(self.game, strict=False, resumed_from=resumed_from)

    # --- the decision clock (workshop timer)
    def decision_seconds(self) -> float:
        """How long the current decision has taken (paused time left out)."""
        return self.clock.elapsed()

    def _play_screen(self) -> PlayScreen | None:
        from briefing.tui.screens.play import PlayScreen
        from briefing.tui.screens.title import TitleScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, TitleScreen):
                return None  # back at the menu: the clock waits
            if isinstance(screen, PlayScreen):
                return screen
        return None

    def tick_clock(self) -> None:
        """Every quarter second with a timer: redraw the countdown; at zero apply the scene's timeout."""
        game = self.game
        screen = self._play_screen()
        if game is None or game.ended or screen is None:
            return
        if self.clock.due():
            self.clock.fired = True
            step = self.timeout()
            if step is None:
                self.notify(
                    "Time is up. This scene has no default: the room decides.", severity="warning", timeout=8
                )
            else:
                d = step.decision
                what = d.text if d.choice else "events overtook the team"
                self.notify(f"Time is up. The clock decided: {what}", severity="warning", timeout=8)
            screen = self._play_screen()
        if screen is not None:
            screen.update_clock()

    def toggle_pause(self) -> None:
        if self.held and self.clock.paused:
            self.notify("The facilitator has paused every game: the clock runs again when they resume.")
            return
        self.set_paused(not self.clock.paused)
        self.notify("Paused." if self.clock.paused else "Resumed.", timeout=2)

    def set_paused(self, paused: bool) -> None:
        """Pause or resume the decision clock; the session log records it (the console shows it)."""
        if paused == self.clock.paused:
            return
        if paused:
            self.clock.pause()
        else:
            self.clock.resume()
        screen = self._play_screen()
        if screen is not None:
            screen.update_clock()
        if self.session_log is not None and self.game is not None and not self.game.ended:
            self.session_log.pause(self.game, paused, self.decision_seconds())

    # --- the facilitator's control (briefing serve)
    def poll_control(self) -> None:
        """Every second under ``briefing serve``: apply what the facilitator asked of every game."""
        control = self.options.control
        change = control.poll() if control is not None else None
        if change is None:
            return
        if change.paused is not None:
            self.held = change.paused
            self.set_paused(change.paused)
            self.notify(
                "The facilitator paused the game." if change.paused else "The facilitator resumed the game.",
                title="Facilitator",
                timeout=5,
            )
        if change.message:
            self.notify(change.message, title="From the facilitator", timeout=30, markup=False)

    def on_vote_called(self, message: VoteCalled) -> None:
        self.decide_by_vote(message.tally)

    def decide_by_vote(self, tally: dict[int, int]) -> bool:
        """The majority of ``tally`` ({choice number: votes}) decides; a tie asks the facilitator."""
        from briefing.workshop.vote import count_votes

        game = self.game
        if game is None or game.ended:
            return False
        result = count_votes(tally, [o.number for o in game.options() if o.enabled])
        counts = result.counts
        if result.winner is not None:
            return self.choose(result.winner, how="vote", tally=counts)
        if result.no_votes:
            self.notify("No votes yet: enter the counts first (t, then digits).", severity="warning")
            return False
        from briefing.tui.screens.tie import TieScreen

        where = (game.scene_id, len(game.history))

        def picked(number: int | None) -> None:
            g = self.game
            if number is not None and g is game and (g.scene_id, len(g.history)) == where:
                self.choose(number, how="vote", tally=counts)

        self.push_screen(TieScreen(list(result.tied), counts), picked)
        return False

    def on_choice_made(self, message: ChoiceMade) -> None:
        self.choose(message.number)

    def on_answer_given(self, message: AnswerGiven) -> None:
        self.answer(message.value)

    def answer(self, value: str) -> bool:
        """Answer the judgement the scene asks (a grade, an estimate, a rating, a lead); False when refused.

        Then autosave, log it, and show what comes next (the next part of the judgement, or the choices)."""
        from briefing.core.engine import GameError

        game = self.game
        prompt = game.judgement() if game is not None else None
        if game is None or prompt is None:
            return False
        try:
            game.answer(value)
        except GameError as exc:
            self.notify(str(exc), severity="warning")
            return False
        self.autosave()
        if self.session_log is not None:
            self.session_log.answered(game, prompt, value)
        screen = self._play_screen()
        if screen is not None:
            screen.show()
        return True

    def choose(self, number: int, how: str = "chosen", tally: dict[int, int] | None = None) -> bool:
        """Take a choice by its number in the scene; False (with a message) when it is not on offer.

        ``how`` is recorded ("chosen", or "vote" when a tally decided); ``tally`` goes to the session log."""
        from briefing.core.engine import GameError

        game = self.game
        if game is None or game.ended:
            return False
        options = game.options()
        enabled = [o.number for o in options if o.enabled]
        if number not in enabled:
            if any(o.number == number for o in options):
                self.notify(f"Choice {number} is not available now.", severity="warning")
            else:
                self.bell()
            return False
        try:
            step = game.choose(number, seconds=self.decision_seconds(), how=how)
        except GameError as exc:
            self.notify(str(exc), severity="error")
            return False
        self.after_decision(step, options, tally=tally)
        self.show_game(arrived=True)
        return True

    def timeout(self) -> Step | None:
        """Apply the scene's timeout (for a workshop timer); None when it declares none."""
        if self.game is None:
            return None
        options = self.game.options()
        step = self.game.timeout(seconds=self.decision_seconds())
        if step is not None:
            self.after_decision(step, options)
            self.show_game(arrived=True)
        return step

    def after_decision(self, step: Step, options: list[Option], tally: dict[int, int] | None = None) -> None:
        """After every decision: autosave, then the session log (when there is one)."""
        self.autosave()
        if tally is None:
            tally = self.entered_votes()
        if self.session_log is not None and self.game is not None:
            self.session_log.decision(self.game, step, options, tally=tally)
            self.session_log.resolutions(self.game)

    def entered_votes(self) -> dict[int, int] | None:
        """Workshop: the votes entered for this decision, when any were (kept even if the facilitator
        overrides the vote or the clock decides), else None."""
        screen = self._play_screen() if self.workshop else None
        if screen is None:
            return None
        from briefing.tui.widgets.tally import Tally

        found = screen.query(Tally)
        counts = found.first().tally() if found else {}
        return counts if any(counts.values()) else None

    def autosave(self) -> None:
        from briefing.core import saves

        if self.game is None or self.autosave_slot is None:
            return
        try:
            path = saves.slot_path(self.current_scenario().id, self.autosave_slot)
            saves.save_game(self.game, path, "autosave")
        except OSError as exc:
            self.notify(f"Autosave failed: {exc}", severity="error")

    def on_jump_asked(self, message: JumpAsked) -> None:
        self.jump(message.scene_id)

    def jump(self, scene_id: str) -> None:
        """The author's debug panel: go to any scene."""
        from briefing.core.engine import GameError

        if self.game is None:
            return
        try:
            self.game.jump(scene_id)
        except GameError as exc:
            self.notify(str(exc), severity="error")
            return
        self.autosave()
        if self.session_log is not None:
            self.session_log.resolutions(self.game)
        self.show_game(arrived=True)

    def show_game(self, arrived: bool = False) -> None:
        """Show the game where it stands: the play screen, or the debrief at an ending."""
        from briefing.core import records
        from briefing.tui.screens.debrief import DebriefScreen
        from briefing.tui.screens.play import PlayScreen
        from briefing.tui.screens.title import TitleScreen

        game = self.game
        if game is None:
            return
        self.clock.restart()
        if self.held:
            self.set_paused(True)  # a new scene while the facilitator holds every game: its clock waits too
        if game.ended:
            records.record_ending(game.scenario.id, game.scene_id)
            if arrived and self.session_log is not None:
                self.session_log.ending(game)
        while len(self.screen_stack) > 1 and not isinstance(
            self.screen, (TitleScreen, PlayScreen, DebriefScreen)
        ):
            self.pop_screen()
        screen = self.screen
        if isinstance(screen, PlayScreen) and not game.ended:
            screen.show()
        elif isinstance(screen, (PlayScreen, DebriefScreen)):
            self.switch_screen(DebriefScreen() if game.ended else self.make_play_screen())
        else:
            self.push_screen(DebriefScreen() if game.ended else self.make_play_screen())

    def make_play_screen(self) -> PlayScreen:
        """The play screen: with the facilitator panel in workshop mode."""
        if self.workshop:
            from briefing.tui.screens.workshop import WorkshopPlayScreen

            return WorkshopPlayScreen()
        from briefing.tui.screens.play import PlayScreen

        return PlayScreen()

    def to_title(self) -> None:
        from briefing.tui.screens.title import TitleScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()
        if not isinstance(self.screen, TitleScreen):
            self.push_screen(TitleScreen())
        else:
            self.screen.refresh_menu()

    def pick_scenario(self, folder: str | Path) -> bool:
        from briefing.core.loader import load_scenario

        scenario, diags = load_scenario(str(folder))
        if diags.errors or scenario is None:
            lines = [d.format() for d in diags.errors][:5]
            self.notify(
                "\n".join(lines) or "cannot load it",
                title="This scenario has errors",
                severity="error",
                timeout=10,
            )
            return False
        self.scenario, self.folder, self.game = scenario, Path(folder), None
        return True

    # --- watch mode
    def poll_files(self) -> None:
        from briefing.core import records

        if self.folder is None:
            return
        now = records.snapshot_files(self.folder)
        if now != self._mtimes:
            self._mtimes = now
            self.reload_scenario()
            if records.snapshot_files(self.folder) != now:
                self._mtimes = {}  # a file changed while it was read: read it again at the next poll

    def reload_scenario(self) -> None:
        """Reload the scenario from its folder; keep the player's place when it still fits."""
        from briefing.core.engine import Game
        from briefing.core.loader import load_scenario
        from briefing.tui.screens.errors import ErrorScreen

        scenario, diags = load_scenario(str(self.folder))
        if diags.errors or scenario is None:
            from briefing.tui.launch import error_lines

            self.errors = error_lines(diags)
            if isinstance(self.screen, ErrorScreen):
                self.screen.show()
            else:
                self.push_screen(ErrorScreen())
            return
        self.errors = []
        if isinstance(self.screen, ErrorScreen):
            self.pop_screen()
        self.scenario = scenario
        if self.game is not None:
            try:
                self.game = Game.from_dict(scenario, self.game.to_dict())
                self.notify("Scenario reloaded.", timeout=2)
            except ValueError as exc:
                self.game = Game.new(scenario)
                self.notify(
                    f"Your place no longer fits the scenario ({exc}): a new game has started.",
                    severity="warning",
                    timeout=8,
                )
            self.show_game()
        else:
            self.notify("Scenario reloaded.", timeout=2)
            self.to_title()

    # --- actions available everywhere
    def action_help(self) -> None:
        from briefing.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_primer(self) -> None:
        """The analyst's scales: the Admiralty grades, the scenario's probability yardstick, the ACH ratings."""
        from briefing.tui.screens.primer import PrimerScreen

        if not isinstance(self.screen, PrimerScreen):
            self.push_screen(PrimerScreen())

    def action_debug(self) -> None:
        from briefing.tui.screens.debug import DebugScreen

        if self.game is None:
            self.notify("Start a game to use the debug panel.", severity="warning")
        elif not isinstance(self.screen, DebugScreen):
            self.push_screen(DebugScreen())

    def action_reload(self) -> None:
        if self.folder is not None:
            self.reload_scenario()

    def action_toggle_contrast(self) -> None:
        self.theme = "briefing" if self.theme == "briefing-high-contrast" else "briefing-high-contrast"

    def action_new_game(self) -> None:
        self.new_game()

    def action_continue_game(self) -> None:
        self.continue_game()

    def action_title(self) -> None:
        self.to_title()

    def action_open(self, what: str) -> None:
        from briefing.tui.screens.dossier import DossierScreen
        from briefing.tui.screens.history import HistoryScreen
        from briefing.tui.screens.saves import SavesScreen

        if what in ("dossier", "history", "save") and self.game is None:
            self.notify("Start a game first.", severity="warning")
            return
        if what in ("load", "save") and not self.ensure_loaded():
            return
        screens: dict[str, Callable[[], Screen[None]]] = {
            "dossier": lambda: DossierScreen(),
            "history": lambda: HistoryScreen(),
            "save": lambda: SavesScreen("save"),
            "load": lambda: SavesScreen("load"),
        }
        self.push_screen(screens[what]())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.scenario is not None:
            yield SystemCommand("New game", "Start the scenario from the beginning", self.new_game)
            yield SystemCommand("Continue", "Resume from the latest autosave", self.continue_game)
            yield SystemCommand("Load game", "Load a saved game", lambda: self.action_open("load"))
        if self.game is not None:
            yield SystemCommand("Save game", "Save to a slot", lambda: self.action_open("save"))
            yield SystemCommand(
                "Dossier", "Every fact revealed so far, with its source", lambda: self.action_open("dossier")
            )
            yield SystemCommand(
                "History", "The scenes seen and decisions taken", lambda: self.action_open("history")
            )
            yield SystemCommand(
                "Debug panel", "Variables, and jump to any scene (authors)", self.action_debug
            )
        if self.scenarios:
            from briefing.tui.screens.picker import PickerScreen

            yield SystemCommand(
                "Choose scenario", "Pick another scenario", lambda: self.push_screen(PickerScreen())
            )
        yield SystemCommand("Title screen", "Back to the title menu", self.to_title)
        yield SystemCommand("Help", "Every key", self.action_help)
        yield SystemCommand(
            "The analyst's scales",
            "The Admiralty grades, the probability yardstick, the ratings of competing hypotheses",
            self.action_primer,
        )
        yield SystemCommand("High contrast", "Toggle the high-contrast theme", self.action_toggle_contrast)
