"""The Textual app: it holds the scenario and the game and drives the engine; screens only show them.

``build_app(AppOptions(...))`` makes a fully wired app; nothing is set on it from outside afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from briefing.core.clock import Clock
from briefing.tui.messages import AnswerGiven, ChoiceMade, JumpAsked, VoteCalled
from briefing.tui.options import THEMES, AppOptions, SessionLogLike
from briefing.tui.settings import Settings, load_settings
from briefing.tui.themes import BRIEFING_THEMES, HIGH_CONTRAST

if TYPE_CHECKING:
    from textual.command import Provider

    from briefing.core.diagnostics import Diagnostics
    from briefing.core.engine import Game, Option, Rollback, Step
    from briefing.core.model import Scenario
    from briefing.tui.screens.play import PlayScreen
    from briefing.tui.screens.title import TitleScreen

# The engine, saves and loader are imported where they are first used, after the title screen is painted.


def get_game_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens."""
    from briefing.tui.commands import GameCommands

    return GameCommands


def build_app(options: AppOptions) -> BriefingApp:
    """The terminal player, wired from ``options``."""
    return BriefingApp(options)


class BriefingApp(App[int]):
    """The terminal player; make it with ``build_app`` (see ``AppOptions`` for what it is started with).

    The session log (``options.session_log`` makes one per game) gets ``start`` when a game begins, then
    ``answered`` for each judgement, ``decision`` (with ``tally=`` when votes were entered) followed by
    ``resolutions`` (the estimates the move resolved), and ``ending``; autosaves go to
    ``options.autosave_slot``.

    Nothing a scenario, a save or a player supplies is read as markup: ``notify`` shows its message as
    plain text unless a caller asks for markup.
    """

    COMMANDS = {get_game_commands}
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
        self.settings: Settings = options.settings or load_settings()
        run_theme = THEMES.get(options.theme, options.theme) if options.theme else None
        # the player's theme: high contrast is a switch over it, so turning it off comes back here
        self.player_theme = (
            run_theme if run_theme and run_theme != HIGH_CONTRAST else THEMES[self.settings.theme]
        )
        contrast = self.settings.high_contrast or run_theme == HIGH_CONTRAST
        self._set_initial_theme(HIGH_CONTRAST if contrast else self.player_theme)
        self._apply_reading_settings()
        self.shown_at: float | None = None  # when the scene on screen was shown (the decision debounce)
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

    # --- the player's settings
    def _apply_reading_settings(self) -> None:
        """The story's measure (a class the stylesheet reads) and motion, from the settings."""
        width = self.settings.text_width
        classes = {c: False for c in self.classes if c.startswith("-measure-")}
        classes[f"-measure-{width or 'full'}"] = True
        self.update_classes(classes, update=self.is_running)
        self.animation_level = "none" if self.settings.reduced_motion else "full"

    def change_settings(self, **values: object) -> None:
        """Apply changed settings at once and keep them for the next launch (a failure to write is said)."""
        from dataclasses import replace

        from briefing.tui.settings import save_settings

        old = self.settings
        self.settings = replace(old, **values)  # type: ignore[arg-type]
        if self.settings.theme != old.theme:
            self.player_theme = THEMES[self.settings.theme]
        wanted = HIGH_CONTRAST if self.settings.high_contrast else self.player_theme
        if ("theme" in values or "high_contrast" in values) and self.theme != wanted:
            self.theme = wanted
        self._apply_reading_settings()
        try:
            save_settings(self.settings)
        except OSError as exc:
            self.notify(
                f"Your settings could not be kept for next time: {exc.strerror or exc}", severity="warning"
            )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast; its message is plain text (never markup) unless ``markup=True``."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

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
    def autosave_path(self) -> Path | None:
        """The autosave of the scenario when there is one on disk (None: none, or no scenario yet)."""
        from briefing.core import saves

        if self.scenario is None or self.autosave_slot is None:
            return None
        path = saves.slot_path(self.scenario.id, self.autosave_slot)
        return path if path.is_file() else None

    def new_game(self) -> None:
        """Start the scenario afresh; over an autosaved game in progress, ask first (and keep it as a save)."""
        if not self.ensure_loaded():
            self.notify("Choose a scenario first.", severity="warning")
            return
        autosaved = self.autosave_path()
        if autosaved is None or not self._in_progress(autosaved):
            self._start_new_game()
            return
        from briefing.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            kept = self.keep_autosave(autosaved)
            if kept is None:
                return  # said why; the old game stays the autosave
            self._start_new_game()
            self.notify(f"Your previous game is kept as the save '{kept}' (Load a saved game).")

        self.push_screen(
            ConfirmScreen(
                "Start a new game?",
                "A game is already in progress. It is kept as a save you can load later; "
                "the new game takes over Continue.",
                yes="Start a new game",
                no="Go back",
            ),
            answered,
        )

    def _in_progress(self, autosaved: Path) -> bool:
        """Whether the autosave holds a game not yet at an ending (an unreadable one counts: ask)."""
        from briefing.core import saves

        if self.game is not None:
            return not self.game.ended
        try:
            return not saves.load_game(autosaved, self.current_scenario()).ended
        except saves.SaveError:
            return True

    def _start_new_game(self) -> None:
        from briefing.core.engine import Game

        scenario = self.current_scenario()
        cut = self.options.cut if self.options.cut in scenario.cuts else None  # a picked scenario may lack it
        self.game = Game.new(scenario, cut=cut)
        self.begin_session()
        self.show_game()

    def keep_autosave(self, path: Path) -> str | None:
        """Copy the autosave to a new save slot before a new game replaces it (a damaged one is copied as it
        is, never lost); the slot's name, or None when it could not be copied (said)."""
        import shutil

        from briefing.core import saves

        folder = path.parent
        n = 1
        while (folder / f"previous-{n}.json").exists():
            n += 1
        slot = f"previous-{n}"
        try:
            game = saves.load_game(path, self.current_scenario())
        except saves.SaveError:
            game = None
        try:
            if game is None:
                shutil.copyfile(path, folder / f"{slot}.json")
            else:
                saves.save_game(game, folder / f"{slot}.json", f"Previous game: {game.scene.title}")
        except OSError as exc:
            self.notify(
                f"Your previous game could not be kept ({exc.strerror or exc}), so no new game was started.",
                severity="error",
            )
            return None
        return slot

    def continue_game(self) -> None:
        if not self.ensure_loaded():
            return
        if self.autosave_slot is None:
            self.notify("This game keeps no autosave.", severity="warning")
            return
        path = self.autosave_path()
        if path is None:
            self.notify(
                "There is no game to continue yet: start a new game (n) and it is saved after every decision.",
                severity="warning",
            )
            return
        self.load_path(path)

    def load_path(self, path: str | Path, name: str = "") -> bool:
        """Load a save; on failure say why in words and leave the file alone."""
        from briefing.core import saves

        try:
            self.game = saves.load_game(Path(path), self.current_scenario())
        except saves.SaveError as exc:
            self.notify(
                f"This save cannot be loaded: {exc.message}.",
                title="Cannot load",
                severity="error",
                timeout=10,
            )
            return False
        self.begin_session(resumed_from=Path(path).stem)
        self.show_game()
        self.notify(f"Loaded {name or Path(path).stem}.")
        return True

    def save_slot(self, slot: str, name: str = "") -> Path | None:
        """Save the game to ``slot`` under the player's ``name`` (default: the slot's own name)."""
        from briefing.core import saves

        if self.game is None:
            return None
        try:
            path = saves.save_game(
                self.game, saves.slot_path(self.current_scenario().id, slot), name.strip() or slot
            )
        except OSError as exc:
            self.notify(f"Could not save: {exc.strerror or exc}", severity="error")
            return None
        self.notify(f"Saved: {name.strip() or slot}.")
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
        if self.too_soon():
            return
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
        if game.judgement() is None:
            self.clock.start()  # the choices are on offer: the countdown begins
        screen = self._play_screen()
        if screen is not None:
            screen.show()
        return True

    def too_soon(self) -> bool:
        """A decision asked before the scene has been on screen for the debounce (settings): a key pressed
        twice by accident must not take the next scene's decision unread. Timed on the app's time source."""
        wait = self.settings.debounce
        return wait > 0 and self.shown_at is not None and self.options.now() - self.shown_at < wait

    def choose(self, number: int, how: str = "chosen", tally: dict[int, int] | None = None) -> bool:
        """Take a choice by its number in the scene; False (with a message) when it is not on offer.

        ``how`` is recorded ("chosen", or "vote" when a tally decided); ``tally`` goes to the session log."""
        from briefing.core.engine import GameError, not_on_offer

        game = self.game
        if game is None or game.ended:
            return False
        options = game.options()
        if not any(o.number == number and o.enabled for o in options):
            self.notify(not_on_offer(number, options), severity="warning")
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
        except OSError as exc:  # a full or read-only disk: say it once, play on; the last save stays
            if not getattr(self, "_autosave_warned", False):
                self._autosave_warned = True
                self.notify(
                    f"Cannot autosave: {exc.strerror or exc}. Play goes on; your previous save is kept.",
                    severity="error",
                )

    # --- rollback: undo the last decision, rewind to an earlier one (recorded in the game and the log)
    def undo(self) -> bool:
        """Take back the last decision or judgement; False (said) when there is none."""
        game = self.game
        if game is None:
            return False
        if not game.can_undo:
            self.notify(
                "There is nothing to undo." if not game.history else "You cannot undo further back here.",
                severity="warning",
            )
            return False
        self.after_rollback(game.undo())
        return True

    def rewind(self, decisions: int) -> bool:
        """Go back to just after the first ``decisions`` decisions (0: the first scene); False (said) when
        the game cannot go there."""
        from briefing.core.engine import GameError

        game = self.game
        if game is None:
            return False
        try:
            rollback = game.rewind(decisions)
        except GameError as exc:
            self.notify(f"Cannot go back there: {exc}.", severity="warning")
            return False
        self.after_rollback(rollback)
        return True

    def after_rollback(self, rollback: Rollback) -> None:
        """After an undo or a rewind: the autosave follows, the session log says so, the scene is shown."""
        self.autosave()
        log = self.session_log
        if log is not None and self.game is not None:
            log.rollback(self.game, rollback)
        self.show_game()
        title = self.current_scenario().scenes[rollback.to].title
        self.notify(f"Taken back: you are at {title} again.", timeout=3)

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
        # as in plain play, only the choices are timed: a grade, estimate or weigh asked first is not
        self.clock.restart(waiting=not game.ended and game.judgement() is not None)
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
        self.shown_at = self.options.now()
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

    @property
    def debugging(self) -> bool:
        """The author's debug panel is offered (``--debug`` or ``--watch``): it shows every scene."""
        return self.options.debug or self.options.watch

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "debug":
            return self.debugging
        if action == "open" and parameters == ("glossary",):
            return self.scenario is not None and bool(self.scenario.glossary)
        return True

    def action_debug(self) -> None:
        from briefing.tui.screens.debug import DebugScreen

        if not self.debugging:
            return
        if self.game is None:
            self.notify("Start a game to use the debug panel.", severity="warning")
        elif not isinstance(self.screen, DebugScreen):
            self.push_screen(DebugScreen())

    def action_reload(self) -> None:
        if self.folder is not None:
            self.reload_scenario()

    def action_toggle_contrast(self) -> None:
        self.change_settings(high_contrast=self.theme != HIGH_CONTRAST)

    def action_settings(self) -> None:
        from briefing.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_undo(self) -> None:
        self.undo()

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

        if what in ("dossier", "history", "save", "glossary") and self.game is None:
            self.notify("Start a game first.", severity="warning")
            return
        if what in ("load", "save") and not self.ensure_loaded():
            return
        if what == "glossary" and not self.current_scenario().glossary:
            self.notify("This scenario has no glossary.", severity="warning")
            return
        from briefing.tui.screens.glossary import GlossaryScreen

        screens: dict[str, Callable[[], Screen[None]]] = {
            "glossary": lambda: GlossaryScreen(),
            "dossier": lambda: DossierScreen(),
            "history": lambda: HistoryScreen(),
            "save": lambda: SavesScreen("save"),
            "load": lambda: SavesScreen("load"),
        }
        self.push_screen(screens[what]())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette (ctrl+p): the game's commands first, then the app's; none of Textual's own that make
        no sense to a player (Maximize, Screenshot, the stock themes)."""
        if self.scenario is not None or self.pending:
            yield SystemCommand("New game", "Start the scenario from the beginning", self.new_game)
            yield SystemCommand("Continue", "Resume from the latest autosave", self.continue_game)
            yield SystemCommand("Load game", "Load a saved game", lambda: self.action_open("load"))
        if self.game is not None:
            yield SystemCommand("Save game", "Save to a slot, with a name", lambda: self.action_open("save"))
            yield SystemCommand(
                "Dossier", "Every fact revealed so far, with its source", lambda: self.action_open("dossier")
            )
            yield SystemCommand(
                "History", "The scenes seen and decisions taken", lambda: self.action_open("history")
            )
            if self.debugging:
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

        yield SystemCommand(
            "Settings", "Theme, text width, contrast, motion, key debounce", self.action_settings
        )
        yield SystemCommand("Theme", "Choose one of the game's themes", self.action_choose_theme)
        yield SystemCommand("High contrast", "Toggle the high-contrast theme", self.action_toggle_contrast)
        yield SystemCommand("Help", "Every key", self.action_help)
        yield SystemCommand("Quit", "Quit the game (it is saved after every decision)", self.action_quit)

    def action_choose_theme(self) -> None:
        """The palette's theme list: the game's own themes only (the stock ones are not offered)."""
        from textual.command import CommandPalette

        from briefing.tui.commands import ThemeCommands

        self.push_screen(CommandPalette(providers=[ThemeCommands], placeholder="Choose a theme…"))
