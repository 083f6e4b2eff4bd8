"""Workshop session logs: one JSON object per line, one line per event, appended and synced at once.

A log is written while a team plays (``briefing play --log FILE`` or ``--workshop``, and the TUI's
facilitator view) and read afterwards by ``briefing report``. Every event is a self-contained JSON
object, so a session that crashes loses nothing but the event it was writing.

Events (all carry ``v`` (format version), ``event``, ``session``, ``team``, ``scenario`` and ``time``):

- ``start``: ``title`` (the scenario's), ``root`` (its folder), ``content_hash``.
- ``decision``: ``n`` (1-based), ``scene``, ``scene_title``, ``offered`` ([{number, text, enabled}]),
  ``choice`` ({number, text}; number 0 when a timeout jumped to a scene), ``how``
  (chosen | timeout | vote), ``tally`` ({number: votes}, only when there was a vote), ``seconds``,
  ``changes`` ({variable: [before, after]}), ``new_facts`` ([fact id]).
- ``ending``: ``scene``, ``title``, ``grade``, ``summary``, ``decisions``, ``path`` ([scene id]).

This module is pure: no Textual, no printing (errors are handed to an ``on_error`` callback).
"""

from __future__ import annotations

import json
import math
import os
import secrets
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

LOG_VERSION = 1
EVENTS = ("start", "decision", "ending")
MAX_LINE_CHARS = 1_000_000


class SessionLogError(Exception):
    """A log that cannot be written. ``str()`` is one line: ``path: error: message``."""

    def __init__(self, path, message: str):
        super().__init__(f"{path}: error: {message}")
        self.path = str(path)
        self.message = message


def new_session_id() -> str:
    """A short id that sorts by time of day and is unique in practice: ``HHMMSS-xxxxxx``."""
    return time.strftime("%H%M%S") + "-" + secrets.token_hex(3)


def session_folder(day: str | None = None) -> Path:
    """Where the workshop logs of one day go: ``<data dir>/sessions/<YYYY-MM-DD>``."""
    from briefing.core.saves import data_dir

    return data_dir() / "sessions" / (day or time.strftime("%Y-%m-%d"))


def default_log_path(session_id: str) -> Path:
    return session_folder() / f"{session_id}.jsonl"


def check_writable(path) -> None:
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


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


class SessionLog:
    """Appends the events of one session to a JSON-lines file.

    ``start(game)``, ``decision(game, step, options, tally=None)`` and ``ending(game)`` each write one
    line, flushed and fsync'd before they return. ``start`` raises SessionLogError when the file cannot
    be written (so a workshop learns it at once); later events never raise: a failure is kept in
    ``error`` and passed to ``on_error`` (the game goes on). A ``decision`` or ``ending`` without an
    earlier ``start`` writes the ``start`` line first. ``game`` may be None for ``start``.
    """

    def __init__(
        self,
        path,
        session_id: str | None = None,
        team: str = "",
        scenario=None,
        on_error: Callable[[str], None] | None = None,
    ):
        self.path = Path(path)
        self.session_id = session_id or new_session_id()
        self.team = team or ""
        self.scenario = scenario
        self.on_error = on_error
        self.error: str | None = None
        self.decisions = 0
        self.started = False
        self.ended = False

    # --- writing
    def _base(self, event: str, game=None) -> dict:
        scenario = self.scenario if self.scenario is not None else getattr(game, "scenario", None)
        return {
            "v": LOG_VERSION,
            "event": event,
            "session": self.session_id,
            "team": self.team,
            "scenario": getattr(scenario, "id", ""),
            "time": _now(),
        }

    def _write(self, record: dict, strict: bool = False) -> bool:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One write() of a whole line on an O_APPEND file: lines from a crash are never interleaved.
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                data = line.encode("utf-8")
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

    def start(self, game=None, strict: bool = True) -> None:
        self._start(game, strict, resumed=True)

    def _start(self, game, strict: bool, resumed: bool) -> None:
        self.started = True
        scenario = self.scenario if self.scenario is not None else getattr(game, "scenario", None)
        rec = self._base("start", game)
        rec.update(
            {
                "title": getattr(scenario, "title", ""),
                "root": str(getattr(scenario, "root", "") or ""),
                "content_hash": getattr(scenario, "content_hash", ""),
            }
        )
        if resumed and game is not None and game.history:
            rec["resumed_at"] = game.scene_id
            self.decisions = len(game.history)
        self._write(rec, strict=strict)

    def decision(self, game, step, options: Iterable | None = None, tally: dict | None = None) -> None:
        if not self.started:
            self._start(game, strict=False, resumed=False)
        d = step.decision
        scenario = game.scenario
        scene = scenario.scenes.get(d.scene)
        self.decisions += 1
        rec = self._base("decision", game)
        number = d.choice
        text = d.text
        rec.update(
            {
                "n": self.decisions,
                "scene": d.scene,
                "scene_title": scene.title if scene else d.scene,
                "offered": [
                    {"number": o.number, "text": o.text, "enabled": bool(o.enabled)} for o in options or []
                ],
                "choice": {"number": number, "text": text},
                "how": d.how or "chosen",
            }
        )
        if tally:
            rec["tally"] = {str(k): int(v) for k, v in tally.items()}
        if d.seconds is not None and math.isfinite(d.seconds):
            rec["seconds"] = round(float(d.seconds), 3)
        rec["changes"] = {k: list(v) for k, v in (d.changes or {}).items()}
        rec["new_facts"] = list(step.new_facts)
        self._write(rec)

    def ending(self, game) -> None:
        if not self.started:
            self._start(game, strict=False, resumed=False)
        scene = game.scene
        end = scene.ending
        rec = self._base("ending", game)
        rec.update(
            {
                "scene": scene.id,
                "title": scene.title,
                "grade": getattr(end, "grade", "") or "",
                "summary": getattr(end, "summary", "") or "",
                "decisions": len([d for d in game.history if d.how != "jump"]),
                "path": list(game.path),
            }
        )
        self.ended = True
        self._write(rec)


# --- plain mode


def plain_hooks(args, scenario, game=None, stderr=None):
    """(on_step, on_end) for ``play_plain``: log to ``--log FILE``, or with ``--workshop`` alone into the
    session folder (printing the path on stderr). Raises SessionLogError when the log cannot be written."""
    stderr = stderr or sys.stderr
    session_id = new_session_id()
    explicit = getattr(args, "log", None)
    path = Path(explicit) if explicit else default_log_path(session_id)
    if path.is_dir():
        raise SessionLogError(path, "is a folder; --log takes a file (it is appended to)")

    def warn(message: str) -> None:
        print(message, file=stderr)

    log = SessionLog(path, session_id, getattr(args, "team", None) or "", scenario, on_error=warn)
    log.start(game)
    if not explicit:
        print(f"Session log: {path}", file=stderr)

    def on_step(g, step, options) -> None:
        log.decision(g, step, options)

    def on_end(g) -> None:
        log.ending(g)

    on_step.session_log = log  # type: ignore[attr-defined]
    return on_step, on_end


# --- reading


class LogFileError(Exception):
    """A log file or folder that cannot be read at all: ``path: error: message``."""

    def __init__(self, path, message: str):
        super().__init__(f"{path}: error: {message}")


def expand_paths(paths: Iterable) -> list[Path]:
    """Files to read: every file named, and every ``*.jsonl`` in every folder named (recursively)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(x for x in p.rglob("*.jsonl") if x.is_file())
            if not found:
                raise LogFileError(p, "no session logs (*.jsonl) in this folder")
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            raise LogFileError(p, "no such file or folder")
    return out


def _is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_num(x) -> bool:
    return (isinstance(x, (int, float)) and not isinstance(x, bool)) and math.isfinite(x)


def _check(rec) -> str | None:
    """Why ``rec`` is not a usable event, or None."""
    if not isinstance(rec, dict):
        return "not a session log event (not a JSON object)"
    ev = rec.get("event")
    if not isinstance(ev, str):
        return "not a session log event (no 'event')"
    v = rec.get("v", 1)
    if not _is_int(v):
        return "the event's format version 'v' is not a number"
    if v > LOG_VERSION:
        return f"event from a newer version of briefing (log format {v}; this one reads up to {LOG_VERSION})"
    for key in ("session", "scenario"):
        if not isinstance(rec.get(key), str) or not rec.get(key):
            return f"'{ev}' event without '{key}'"
    if not isinstance(rec.get("team", ""), str):
        return "'team' is not a string"
    if ev == "decision":
        if not isinstance(rec.get("scene"), str):
            return "'decision' event without 'scene'"
        choice = rec.get("choice")
        if not isinstance(choice, dict) or not _is_int(choice.get("number")):
            return "'decision' event without a 'choice' number"
        if not isinstance(choice.get("text", ""), str):
            return "the choice's 'text' is not a string"
        offered = rec.get("offered", [])
        if not isinstance(offered, list) or not all(
            isinstance(o, dict) and _is_int(o.get("number")) and isinstance(o.get("text", ""), str)
            for o in offered
        ):
            return "'offered' is not a list of choices"
        if "seconds" in rec and not (_is_num(rec["seconds"]) and rec["seconds"] >= 0):
            return "'seconds' is not a number of seconds"
        if not isinstance(rec.get("how", "chosen"), str):
            return "'how' is not a string"
        tally = rec.get("tally")
        if tally is not None and not (isinstance(tally, dict) and all(_is_int(c) for c in tally.values())):
            return "'tally' is not a table of vote counts"
        if not isinstance(rec.get("scene_title", ""), str):
            return "'scene_title' is not a string"
    elif ev == "ending":
        if not isinstance(rec.get("scene"), str):
            return "'ending' event without 'scene'"
        for key in ("title", "grade", "summary"):
            if not isinstance(rec.get(key, ""), str):
                return f"'{key}' is not a string"
        if "decisions" in rec and not _is_int(rec["decisions"]):
            return "'decisions' is not a number"
    elif ev == "start":
        for key in ("title", "root"):
            if not isinstance(rec.get(key, ""), str):
                return f"'{key}' is not a string"
    return None


def read_logs(paths: Iterable) -> tuple[list[dict], list[str]]:
    """Read session logs: (events in file order, problems as ``path:line: error: message`` lines).

    A folder stands for every ``*.jsonl`` in it. A bad line is reported and skipped. Events of a type
    this version does not know are skipped silently (a newer writer may add some). Raises LogFileError
    when a file or folder cannot be read at all.
    """
    events: list[dict] = []
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
            where = f"{path}:{lineno}"
            try:
                line = bline.decode("utf-8")
            except UnicodeDecodeError:
                problems.append(f"{where}: error: not UTF-8 text; line skipped")
                continue
            if len(line) > MAX_LINE_CHARS:
                problems.append(f"{where}: error: line too long to be an event; line skipped")
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                last = lineno == len(lines) and not raw.endswith(b"\n")
                why = (
                    "incomplete last line (the session was cut off while writing)"
                    if last
                    else f"not JSON ({exc.msg} at column {exc.colno})"
                )
                problems.append(f"{where}: error: {why}; line skipped")
                continue
            except RecursionError:
                problems.append(f"{where}: error: nested too deeply; line skipped")
                continue
            why = _check(rec)
            if why:
                problems.append(f"{where}: error: {why}; line skipped")
                continue
            if rec["event"] not in EVENTS:
                continue
            rec["_where"] = where
            events.append(rec)
    return events, problems
