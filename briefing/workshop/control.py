"""The facilitator's control of served games: one small JSON file the server writes and every game polls.

``briefing serve`` writes ``control-<port>.json`` beside the day's session logs, atomically, whenever the
facilitator console pauses or resumes all games or sends a message, and puts its path in the environment
of every game process (``BRIEFING_CONTROL``). A game polls it about once a second::

    watcher = watcher_from_env()     # None outside 'briefing serve'
    change = watcher.poll()          # None when nothing changed since the last poll
    if change and change.paused is not None: ...   # pause (True) or resume (False) the decision clock
    if change and change.message: ...              # show the message to the team (plain text)

The file: ``{"v": 1, "paused": false, "message": "", "message_id": 0}``. ``message_id`` goes up by one
with every message, so a message sent twice is shown twice and a game that starts late does not show
an old one (a new watcher takes the file as it finds it, except that it reports a pause in force).
A file that is missing or damaged reads as "nothing to do": a game never stops because of it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from briefing.workshop.events import shown

CONTROL_ENV = "BRIEFING_CONTROL"  # the environment variable that names the control file
CONTROL_VERSION = 1
MAX_MESSAGE = 500  # characters of one message to the teams
MAX_FILE = 64_000


@dataclass(frozen=True)
class Control:
    """What the facilitator has asked of every game."""

    paused: bool = False
    message: str = ""
    message_id: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "v": CONTROL_VERSION,
            "paused": self.paused,
            "message": self.message,
            "message_id": self.message_id,
        }


@dataclass(frozen=True)
class ControlChange:
    """What changed since the last poll: ``paused`` None when the clock's state did not change."""

    paused: bool | None = None
    message: str = ""


def clean_message(text: str) -> str:
    """A message as the teams will see it: one paragraph of plain text, no control characters."""
    return " ".join(shown(text or "").split())[:MAX_MESSAGE]


def next_control(now: Control, action: object, text: object = "") -> Control | None:
    """What the facilitator's ``action`` ("pause", "resume" or "message" with ``text``) makes of the control
    ``now``; None when the action is unknown or the message is empty. Every console uses it."""
    if action in ("pause", "resume"):
        return Control(action == "pause", now.message, now.message_id)
    message = clean_message(text) if action == "message" and isinstance(text, str) else ""
    if message:
        return Control(now.paused, message, now.message_id + 1)
    return None


def control_path(folder: str | os.PathLike[str], port: int) -> Path:
    """The control file of the server on ``port`` (its games find it through ``--control``)."""
    return Path(folder) / f"control-{port}.json"


def read_control(path: str | os.PathLike[str]) -> Control:
    """The control file's content; a missing, unreadable or damaged file reads as ``Control()``."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE + 1)
        if len(raw) > MAX_FILE:
            return Control()
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return Control()
    if not isinstance(data, dict):
        return Control()
    paused = data.get("paused")
    message = data.get("message")
    mid = data.get("message_id")
    return Control(
        paused=paused is True,
        message=clean_message(message) if isinstance(message, str) else "",
        message_id=mid if isinstance(mid, int) and not isinstance(mid, bool) and mid >= 0 else 0,
    )


def write_control(path: str | os.PathLike[str], control: Control) -> None:
    """Write the control file atomically (a game polling it sees the old content or the new)."""
    from briefing.core.saves import write_atomic

    write_atomic(Path(path), json.dumps(control.to_json(), ensure_ascii=False) + "\n")


class ControlWatcher:
    """Polls one control file and says what changed since the last poll (cheap: a stat, a read on change)."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._stamp: tuple[int, int] | None = None
        first = read_control(self.path)
        self._stamp = self._stat()
        self.current = Control(paused=False, message="", message_id=first.message_id)
        self._pending_pause = first.paused  # a pause in force when the game starts is reported once

    def _stat(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def poll(self) -> ControlChange | None:
        """What changed since the last call, or None."""
        stamp = self._stat()
        if stamp == self._stamp and not self._pending_pause:
            return None
        self._stamp = stamp
        self._pending_pause = False
        new = read_control(self.path)
        paused = new.paused if new.paused != self.current.paused else None
        message = new.message if new.message_id > self.current.message_id and new.message else ""
        self.current = new
        if paused is None and not message:
            return None
        return ControlChange(paused, message)


def watcher_from_env() -> ControlWatcher | None:
    """A watcher of the control file named by ``BRIEFING_CONTROL``, or None when it is not set."""
    path = os.environ.get(CONTROL_ENV)
    return ControlWatcher(path) if path else None
