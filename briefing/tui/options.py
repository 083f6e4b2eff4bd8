"""``AppOptions``: everything the terminal player is started with, in one typed, frozen object.

``build_app(options)`` (in ``briefing.tui.app``) makes a fully wired app from it: nothing is set on the
app from outside afterwards. Kept free of Textual and of the loader so that the launcher can fill it in
before anything heavy is imported.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from briefing.core.asking import Prompt
    from briefing.core.engine import Game, Option, Rollback, Step
    from briefing.core.model import Scenario
    from briefing.tui.settings import Settings
    from briefing.workshop.control import ControlChange

THEMES = {"default": "briefing", "high-contrast": "briefing-high-contrast", "projector": "briefing-projector"}
AUTOSAVE_SLOT = "autosave"  # saves.AUTOSAVE (saves is imported after the first paint)


class SessionLogLike(Protocol):
    """What the app needs of a session log (``briefing.workshop.sessionlog.SessionLog`` is one)."""

    started: bool

    @property
    def path(self) -> Path: ...

    def start(
        self, game: Game | None = None, strict: bool = True, resumed_from: str | None = None
    ) -> None: ...

    def decision(
        self,
        game: Game,
        step: Step,
        options: Iterable[Option] | None = None,
        tally: dict[int, int] | None = None,
    ) -> None: ...

    def ending(self, game: Game) -> None: ...

    def pause(self, game: Game, paused: bool, seconds: float | None = None) -> None: ...

    def answered(self, game: Game, prompt: Prompt, value: str) -> None: ...

    def resolutions(self, game: Game) -> None: ...

    def rollback(self, game: Game, rollback: Rollback) -> None: ...


class ControlSource(Protocol):
    """The facilitator's control of a game (``briefing.workshop.control.ControlWatcher`` is one): what
    changed since the last poll (a pause, a resume, a message), or None."""

    def poll(self) -> ControlChange | None: ...


@dataclass(frozen=True)
class AppOptions:
    """How to start the terminal player.

    - ``scenario``: the loaded scenario; None with ``scenarios`` (a picker), ``errors`` (watch mode: why it
      could not be loaded) or ``pending_title`` (``folder`` is loaded just after the title is painted,
      which shows this title meanwhile).
    - ``folder``: where the scenario lives (default: the scenario's own folder); ``watch`` reloads it
      when its files change.
    - ``game``: a game to resume. ``theme``: a name of ``THEMES`` or a Textual theme for this run only
      (None: the player's theme from ``settings``).
    - ``settings``: the player's settings (None: read from the user config folder, see
      ``briefing.tui.settings``); changes made on the settings screen are written back there.
    - ``debug``: the author's debug panel (F12, ctrl+d), which shows every scene and hidden variable; on
      with ``watch`` too.
    - ``workshop``: the facilitator panel; ``timer``: a countdown in seconds per decision (the scene's
      ``timeout:`` applies at zero); ``now``: the clock's time source (tests pass a fake one).
    - ``session_log``: makes the session log of each game (called when a game begins and the current log
      has been used, so every game is a new session); ``notices``: shown once the app runs.
    - ``autosave_slot``: where autosaves go and Continue reads (None: no autosave).
    - ``save_owner``: whose saves the Save and Load screens show and write (``briefing serve``: the team's;
      None: every save of the scenario, for a player on their own machine).
    - ``cut``: a new game starts from this workshop cut of the scenario (its ``cuts:``).
    - ``resumed_from``: the slot or file ``game`` was loaded from (the session log stitches on it).
    - ``control``: the facilitator's control (``briefing serve``): polled every second; pauses and resumes
      the clock and shows the facilitator's messages.
    - ``gc_after_paint``: re-enable the garbage collector after the first paint (the launcher turns it
      off to start faster).
    """

    scenario: Scenario | None = None
    folder: Path | None = None
    game: Game | None = None
    scenarios: tuple[Path, ...] = ()
    errors: tuple[str, ...] = ()
    pending_title: str | None = None
    watch: bool = False
    theme: str | None = None
    settings: Settings | None = None
    debug: bool = False
    workshop: bool = False
    timer: float | None = None
    now: Callable[[], float] = time.monotonic
    session_log: Callable[[], SessionLogLike] | None = None
    notices: tuple[str, ...] = ()
    autosave_slot: str | None = AUTOSAVE_SLOT
    save_owner: str | None = None
    cut: str | None = None
    resumed_from: str | None = None
    control: ControlSource | None = None
    gc_after_paint: bool = False

    @property
    def scenario_folder(self) -> Path | None:
        if self.folder is not None:
            return Path(self.folder)
        if self.scenario is not None and self.scenario.root:
            return Path(self.scenario.root)
        return None
