"""Workshop session logs: one JSON object per line, one line per event, appended and synced at once.

A log is written while a team plays (``briefing play --log FILE`` or ``--workshop``, the TUI's facilitator
view, and every game of ``briefing serve``) and read afterwards by ``briefing report``. Every event is a
self-contained JSON object (the kinds and their fields: ``briefing.workshop.events``), so a session that
crashes loses nothing but the event it was writing, and an event always starts on a fresh line, so a line
cut short (a full disk) never swallows the next one.

``open_log(LogOptions(...))`` is the one way to make a log: plain play, the TUI and the served game all
use it. The time comes from the options' ``TimeSource`` (tests pass a fake one).

This module is pure: no Textual, no printing (messages are handed to a callback).
"""

from __future__ import annotations

import json
import math
import os
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from briefing.core.clock import SYSTEM_TIME, TimeSource, timestamp
from briefing.core.errors import BriefingError
from briefing.workshop.events import (
    Chosen,
    Decision,
    Ending,
    Event,
    EventError,
    Judgement,
    Offered,
    Pause,
    Resolved,
    Rollback,
    Start,
    from_json,
    shown,
)

if TYPE_CHECKING:
    from briefing.core.model import Scenario

MAX_LINE_CHARS = 1_000_000
Say = Callable[[str], None]


class SessionLogError(BriefingError):
    """A log that cannot be written. ``str()`` is one line: ``path: error: message``."""

    def __init__(self, path: str | os.PathLike[str], message: str):
        super().__init__(f"{path}: error: {message}")
        self.path = str(path)
        self.message = message


def new_session_id(source: TimeSource = SYSTEM_TIME) -> str:
    """A short id that sorts by time of day and is unique in practice: ``HHMMSS-xxxxxx``."""
    return source.now().strftime("%H%M%S") + "-" + secrets.token_hex(3)


def session_folder(day: str | None = None, source: TimeSource = SYSTEM_TIME) -> Path:
    """Where the workshop logs of one day go: ``<data dir>/sessions/<YYYY-MM-DD>``."""
    from briefing.core.saves import data_dir

    return data_dir() / "sessions" / (day or source.now().strftime("%Y-%m-%d"))


def default_log_path(session_id: str, source: TimeSource = SYSTEM_TIME) -> Path:
    return session_folder(source=source) / f"{session_id}.jsonl"


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise SessionLogError unless a log can be appended to ``path`` (makes its folder; writes nothing)."""
    path = Path(path)
    if path.is_dir():
        raise SessionLogError(path, "is a folder; --log takes a file (it is appended to)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_APPEND))
        elif not os.access(path.parent, os.W_OK | os.X_OK):
            raise PermissionError(13, "Permission denied")
    except OSError as exc:
        raise SessionLogError(path, f"cannot write the session log: {exc.strerror or exc}") from None


def _ends_mid_line(fd: int) -> bool:
    """True when the file open on ``fd`` is not empty and its last byte is not a newline."""
    try:
        size = os.fstat(fd).st_size
        return size > 0 and os.pread(fd, 1, size - 1) != b"\n"
    except OSError:
        return False


class SessionLog:
    """Appends the events of one session to a JSON-lines file.

    ``start(game, resumed_from=None)``, ``decision(game, step, options, tally=None)``, ``pause(game, paused,
    seconds)``, ``judgement(game, kind, task, value, ...)``, ``resolved(game, task, outcome, p)``, ``rollback(game, rollback)`` and
    ``ending(game, scores=None)`` each write one line, flushed and fsync'd before they return. ``start`` raises SessionLogError when the file cannot
    be written (so a workshop learns it at once); later events never raise: a failure is kept in
    ``error`` and passed to ``on_error`` (the game goes on). A ``decision`` or ``ending`` without an
    earlier ``start`` writes the ``start`` line first. ``game`` may be None for ``start``.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        session_id: str | None = None,
        team: str = "",
        scenario: Scenario | None = None,
        on_error: Say | None = None,
        source: TimeSource = SYSTEM_TIME,
        slot: str = "",
    ):
        self.path = Path(path)
        self.slot = slot
        self.source = source
        self.session_id = session_id or new_session_id(source)
        self.team = shown(team or "")
        self.scenario = scenario
        self.on_error = on_error
        self.error: str | None = None
        self.decisions = 0
        self.started = False
        self.ended = False

    # --- writing
    def _common(self, game: Any = None) -> dict[str, Any]:
        """The fields every event carries."""
        scenario = self.scenario if self.scenario is not None else getattr(game, "scenario", None)
        return {
            "session": self.session_id,
            "team": self.team,
            "scenario": getattr(scenario, "id", ""),
            "time": timestamp(self.source),
        }

    def _write(self, event: Event, strict: bool = False) -> bool:
        line = json.dumps(event.to_json(), ensure_ascii=False, separators=(",", ":"), default=str) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One write() of a whole line on an O_APPEND file: lines from a crash are never interleaved.
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                # a line cut short earlier (a full disk, a crash) is ended first: this event starts afresh
                data = (b"\n" if _ends_mid_line(fd) else b"") + line.encode("utf-8", "replace")
                while data:
                    n = os.write(fd, data)
                    data = data[n:]
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            err = SessionLogError(self.path, f"cannot write the session log: {exc.strerror or exc}")
            if strict:
                raise err from None
            if self.error is None and self.on_error:
                self.on_error(str(err))
            self.error = str(err)
            return False
        return True

    def start(self, game: Any = None, strict: bool = True, resumed_from: str | None = None) -> None:
        """The session begins. A game with history resumes a save: ``resumed_from`` names it (the slot or
        the file it was loaded from), so the report can stitch it onto the game that wrote that save."""
        self._start(game, strict, resumed=True, resumed_from=resumed_from)

    def _start(self, game: Any, strict: bool, resumed: bool, resumed_from: str | None = None) -> None:
        self.started = True
        scenario = self.scenario if self.scenario is not None else getattr(game, "scenario", None)
        event = Start(
            **self._common(game),
            title=getattr(scenario, "title", ""),
            root=str(getattr(scenario, "root", "") or ""),
            content_hash=getattr(scenario, "content_hash", ""),
            slot=self.slot,
        )
        if resumed and game is not None and game.history:
            event.resumed_at = game.scene_id
            event.resumed_from = shown(resumed_from) if resumed_from else None
            self.decisions = len(game.history)
            event.decisions_before = self.decisions
        self._write(event, strict=strict)

    def decision(
        self, game: Any, step: Any, options: Iterable[Any] | None = None, tally: dict[Any, int] | None = None
    ) -> None:
        if not self.started:
            self._start(game, strict=False, resumed=False)
        d = step.decision
        scene = game.scenario.scenes.get(d.scene)
        self.decisions += 1
        seconds = d.seconds if d.seconds is not None and math.isfinite(d.seconds) else None
        self._write(
            Decision(
                **self._common(game),
                n=self.decisions,
                scene=d.scene,
                scene_title=scene.title if scene else d.scene,
                offered=[Offered(o.number, o.text, bool(o.enabled)) for o in options or []],
                choice=Chosen(d.choice, d.text),
                how=d.how or "chosen",
                tally={str(k): int(v) for k, v in tally.items()} if tally else None,
                seconds=round(float(seconds), 3) if seconds is not None else None,
                changes={k: list(v) for k, v in (d.changes or {}).items()},
                new_facts=list(step.new_facts),
                to=getattr(game, "scene_id", None),
            )
        )

    def pause(self, game: Any, paused: bool, seconds: float | None = None) -> None:
        """The decision clock was paused (or resumed) at the current scene."""
        if not self.started:
            self._start(game, strict=False, resumed=False)
        finite = seconds is not None and math.isfinite(seconds) and seconds >= 0
        self._write(
            Pause(
                **self._common(game),
                scene=game.scene_id,
                paused=paused,
                seconds=round(float(seconds), 3) if finite and seconds is not None else None,
            )
        )

    def judgement(
        self,
        game: Any,
        kind: str,
        task: str,
        value: str,
        *,
        scene: str | None = None,
        fact: str | None = None,
        hypothesis: str | None = None,
        band: str | None = None,
        p: float | None = None,
    ) -> None:
        """The player judged (``kind``: grade, estimate, weigh or lead; see ``events.Judgement``) at
        ``scene`` (default: the game's current scene)."""
        if not self.started:
            self._start(game, strict=False, resumed=False)
        self._write(
            Judgement(
                **self._common(game),
                scene=scene or game.scene_id,
                kind=kind,
                task=task,
                value=value,
                fact=fact,
                hypothesis=hypothesis,
                band=band,
                p=_probability(p),
            )
        )

    def answered(self, game: Any, prompt: Any, value: str) -> None:
        """Log a judgement the player just gave through the engine (a prompt from ``game.judgement()``):
        a grade once both halves are given, an estimate with its band and probability, a weigh cell, a lead."""
        judged = game.judged
        if prompt.kind == "grade":
            if prompt.part == "credibility" and prompt.task in judged.grades:
                self.judgement(game, "grade", prompt.task, judged.grades[prompt.task])
        elif prompt.kind == "estimate":
            record = judged.estimates.get(prompt.task)
            band = record.band if record else value
            self.judgement(game, "estimate", prompt.task, value, band=band, p=record.p if record else None)
        elif prompt.kind == "weigh":
            ctx = prompt.context
            self.judgement(
                game, "weigh", prompt.task, value, fact=ctx.get("fact"), hypothesis=ctx.get("hypothesis")
            )
        else:
            self.judgement(game, prompt.kind, prompt.task, value)

    def resolutions(self, game: Any) -> None:
        """Log every estimate resolved by entering the game's current scene."""
        for task in getattr(game, "last_resolved", []):
            record = game.judged.estimates[task]
            self.resolved(game, task, bool(record.outcome), record.p)

    def resolved(self, game: Any, task: str, outcome: bool, p: float | None = None) -> None:
        """An estimate resolved: whether it happened, and the probability the player had stated."""
        if not self.started:
            self._start(game, strict=False, resumed=False)
        self._write(Resolved(**self._common(game), task=task, outcome=bool(outcome), p=_probability(p)))

    def rollback(self, game: Any, rollback: Any) -> None:
        """The player undid or rewound (``rollback``: what ``game.undo()`` or ``game.rewind(n)`` returned);
        the decisions that follow are numbered on from the decisions kept."""
        if not self.started:
            self._start(game, strict=False, resumed=False)
        self.decisions = int(rollback.decisions)
        self._write(
            Rollback(
                **self._common(game),
                scene=rollback.left,
                to=rollback.to,
                undone=int(rollback.undone),
                decisions=int(rollback.decisions),
            )
        )

    def ending(self, game: Any, scores: Any = None) -> None:
        """An ending reached; ``scores``: the playthrough's ``Scorecard`` (or its ``as_dict()``), when the
        scenario scores the analyst's craft."""
        if not self.started:
            self._start(game, strict=False, resumed=False)
        scene = game.scene
        end = scene.ending
        self.ended = True
        card: dict[str, Any] | None = None
        if scores is None and getattr(game.scenario, "format", 1) >= 2:
            scores = game.scorecard()
        if scores is not None:
            card = dict(scores.as_dict() if hasattr(scores, "as_dict") else scores)
        self._write(
            Ending(
                **self._common(game),
                scene=scene.id,
                title=scene.title,
                grade=getattr(end, "grade", "") or "",
                summary=getattr(end, "summary", "") or "",
                decisions=len([d for d in game.history if d.how != "jump"]),
                path=list(game.path),
                letter=str(card.get("letter") or "") if card is not None else None,
                scores=card,
            )
        )


def _probability(p: float | None) -> float | None:
    if p is None or not math.isfinite(p) or not 0.0 <= p <= 1.0:
        return None
    return round(float(p), 4)


# --- making a log


@dataclass(frozen=True)
class LogOptions:
    """What a session log needs to know: ``path`` (``--log FILE``; None: a new file in the day's session
    folder, named after the session), the team's name, the scenario (None: the game's), the time source,
    and the save slot the game autosaves to."""

    path: str | os.PathLike[str] | None = None
    team: str = ""
    scenario: Scenario | None = None
    source: TimeSource = SYSTEM_TIME
    slot: str = ""  # the save slot the game autosaves to (served games: the team's slot)


def open_log(options: LogOptions, session_id: str | None = None, on_error: Say | None = None) -> SessionLog:
    """A session log for one session (a new session id unless one is given). Nothing is written yet."""
    session_id = session_id or new_session_id(options.source)
    path = Path(options.path) if options.path else default_log_path(session_id, options.source)
    return SessionLog(
        path, session_id, options.team, options.scenario, on_error, options.source, slot=options.slot
    )


class PlainHooks(NamedTuple):
    """What ``play_plain`` calls to log a session: after each decision, at the ending, after each
    judgement and after each undo."""

    on_step: Callable[..., None]
    on_end: Callable[..., None]
    on_answer: Callable[..., None]
    on_rollback: Callable[..., None]


def plain_hooks(options: LogOptions, game: Any, say: Say) -> PlainHooks:
    """The hooks for ``play_plain``: a new log (``open_log``) with its ``start`` written. ``say``
    gets the messages for the player: where the log is when it goes to the session folder, and a write
    error later on. Raises SessionLogError when the log cannot be written."""
    log = open_log(options, on_error=say)
    if log.path.is_dir():
        raise SessionLogError(log.path, "is a folder; --log takes a file (it is appended to)")
    log.start(game)
    if not options.path:
        say(f"Session log: {log.path}")

    def step(game: Any, *args: Any, **kwargs: Any) -> None:
        log.decision(game, *args, **kwargs)
        log.resolutions(game)

    return PlainHooks(step, log.ending, log.answered, log.rollback)


# --- reading


class LogFileError(BriefingError):
    """A log file or folder that cannot be read at all: ``path: error: message``."""

    def __init__(self, path: str | os.PathLike[str], message: str):
        super().__init__(f"{shown(str(path))}: error: {message}")


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files to read: every file named, and every ``*.jsonl`` in every folder named (recursively)."""
    out: list[Path] = []
    for name in paths:
        p = Path(name)
        if p.is_dir():
            found = sorted(x for x in p.rglob("*.jsonl") if x.is_file())
            if not found:
                raise LogFileError(p, "no session logs (*.jsonl) in this folder")
            out.extend(found)
        elif p.is_file():
            out.append(p)
        elif p.exists():
            raise LogFileError(p, "not a regular file (a session log is a file)")
        else:
            raise LogFileError(p, "no such file or folder")
    return out


def _parse(line: str, last: bool) -> tuple[Event | None, str | None]:
    """(the event, or None for a kind this version skips; why the line is unusable, or None)."""
    if len(line) > MAX_LINE_CHARS:
        return None, "line too long to be an event"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        if last:
            return None, "incomplete last line (the session was cut off while writing)"
        return None, f"not JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return None, "nested too deeply"
    except ValueError:  # an integer of more digits than Python converts
        return None, "a number too large to read"
    try:
        return from_json(record), None
    except EventError as exc:
        return None, str(exc)


def _cut_short(line: str) -> str | None:
    """An event written after a line that was cut short and never ended (logs before events started on a
    fresh line): the last complete event object at the end of ``line``, if there is one."""
    at = line.rfind('{"v":')
    return line[at:] if at > 0 else None


def read_logs(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Event], list[str]]:
    """Read session logs: (events in file order, problems as ``path:line: error: message`` lines).

    A folder stands for every ``*.jsonl`` in it. A bad line is reported and skipped; an event glued to the
    end of a line cut short is still read. Events of a kind this version does not know are skipped
    silently (a newer writer may add some). Raises LogFileError when a file or folder cannot be read at
    all.
    """
    events: list[Event] = []
    problems: list[str] = []
    for path in expand_paths(paths):
        try:
            raw = path.read_bytes()
        except IsADirectoryError:
            raise LogFileError(path, "is a folder") from None
        except OSError as exc:
            raise LogFileError(path, f"cannot read: {exc.strerror or exc}") from None
        lines = raw.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        for lineno, bline in enumerate(lines, 1):
            if not bline.strip():
                continue
            where = f"{shown(str(path))}:{lineno}"
            try:
                line = bline.decode("utf-8")
            except UnicodeDecodeError:
                problems.append(f"{where}: error: not UTF-8 text; line skipped")
                continue
            last = lineno == len(lines) and not raw.endswith(b"\n")
            event, why = _parse(line, last)
            if why is not None:
                rest = _cut_short(line) if why.startswith("not JSON") else None
                if rest is not None:
                    event, why_rest = _parse(rest, last)
                    if why_rest is None:
                        why = "an event cut short (the rest of the line, a later event, is read)"
                problems.append(
                    f"{where}: error: {why}; line skipped" if event is None else f"{where}: error: {why}"
                )
            if event is not None:
                events.append(event)
    return events, problems
