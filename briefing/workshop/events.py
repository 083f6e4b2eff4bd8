"""The events of a workshop session log, each defined once: its fields, their types, its JSON form.

A session log is one JSON object per line. Every event carries the fields of ``Event`` (``v``, the
format version; ``event``, its kind; ``session``, ``team``, ``scenario`` and ``time``) and the fields of
its kind. The writer (``sessionlog.SessionLog``) builds these dataclasses and calls ``to_json``; the
reader (``sessionlog.read_logs``) calls ``from_json``, which checks every field's type and range and
says what is wrong in one phrase (``EventError``), so the report never meets a value of the wrong type.

Text read from a log is cleaned (``shown``): control characters, escape sequences included, are
dropped, so nothing in a log can drive a terminal or forge a line of output.

Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
import math
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar

from briefing.core.errors import BriefingError

LOG_VERSION = 1
MAX_COUNT = 10**9  # numbers (decision numbers, counts, votes) above this are not a real workshop's
MAX_SECONDS = 10**7  # about 115 days: any longer decision time is a broken clock
MAX_TEXT = 100_000  # characters of one text field

# an escape sequence goes whole (CSI, OSC), then any other control character but tab and newline
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def shown(text: str) -> str:
    """``text`` safe to show and to write: no control characters (tab and newline are kept, escape
    sequences go whole), no lone surrogates (they cannot be written as UTF-8)."""
    text = _CONTROL.sub("", text)
    return _SURROGATE.sub("\ufffd", text)


class EventError(BriefingError, ValueError):
    """Why a JSON value is not a usable event: one phrase, such as ``'seconds' is not a number``."""


# --- the parts of a decision


@dataclass(frozen=True)
class Offered:
    """A choice on offer at a decision (``enabled`` False: shown but not available)."""

    number: int
    text: str = ""
    enabled: bool = True


@dataclass(frozen=True)
class Chosen:
    """The choice taken; ``number`` 0 when a timeout jumped straight to a scene."""

    number: int
    text: str = ""


# --- the events


@dataclass(kw_only=True)
class Event:
    """The fields every event carries."""

    KIND: ClassVar[str] = ""
    session: str = field(metadata={"required": True})
    scenario: str = field(metadata={"required": True})
    team: str = ""
    time: str = ""
    v: int = LOG_VERSION

    def to_json(self) -> dict[str, Any]:
        """The event as one JSON object; optional fields that are None are left out."""
        out: dict[str, Any] = {"v": self.v, "event": self.KIND}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name != "v" and value is not None:
                out[f.name] = _plain(value)
        return out


@dataclass(kw_only=True)
class Start(Event):
    """A session begins, or resumes a saved game: ``resumed_at`` is the scene it resumed at,
    ``resumed_from`` the save it was loaded from (a slot name or a file name) and ``decisions_before`` the
    decisions that game had already taken. ``slot``: the save slot the game autosaves to (the report
    stitches a resumed game onto the game that wrote its save)."""

    KIND: ClassVar[str] = "start"
    title: str = ""
    root: str = ""
    content_hash: str = ""
    slot: str = ""
    resumed_at: str | None = None
    resumed_from: str | None = None
    decisions_before: int | None = None


@dataclass(kw_only=True)
class Decision(Event):
    """A decision taken. ``how`` is chosen, timeout or vote; ``tally`` ({choice number: votes}) only
    with a vote; ``changes`` maps a variable to [before, after]; ``new_facts`` are the facts revealed; ``to``
    the scene it led to."""

    KIND: ClassVar[str] = "decision"
    n: int = 0
    scene: str = field(metadata={"required": True})
    scene_title: str = ""
    offered: list[Offered] = field(default_factory=list)
    choice: Chosen = field(metadata={"required": True})
    how: str = "chosen"
    tally: dict[str, int] | None = None
    seconds: float | None = None
    changes: dict[str, list[Any]] = field(default_factory=dict)
    new_facts: list[str] = field(default_factory=list)
    to: str | None = None


@dataclass(kw_only=True)
class Pause(Event):
    """The facilitator paused (``paused`` true) or resumed the decision clock at ``scene``; ``seconds``:
    the time the decision had taken so far."""

    KIND: ClassVar[str] = "pause"
    scene: str = field(metadata={"required": True})
    paused: bool = field(metadata={"required": True})
    seconds: float | None = None


@dataclass(kw_only=True)
class Ending(Event):
    """An ending reached: its scene, title, grade and summary, the decisions taken and the scenes visited."""

    KIND: ClassVar[str] = "ending"
    scene: str = field(metadata={"required": True})
    title: str = ""
    grade: str = ""
    summary: str = ""
    decisions: int = 0
    path: list[str] = field(default_factory=list)
    letter: str | None = None
    scores: dict[str, Any] | None = None


JUDGEMENT_KINDS = ("grade", "estimate", "weigh", "lead")


@dataclass(kw_only=True)
class Judgement(Event):
    """The player judged at ``scene``: ``kind`` grade (``value`` "B2"), estimate (``value`` the band's
    key, with ``band`` and ``p``), weigh (``value`` the rating CC..II of ``fact`` against ``hypothesis``)
    or lead (``value`` the leading hypothesis); ``task``: the id of the author's task."""

    KIND: ClassVar[str] = "judgement"
    scene: str = field(metadata={"required": True})
    kind: str = field(metadata={"required": True, "one_of": JUDGEMENT_KINDS})
    task: str = ""
    value: str = ""
    fact: str | None = None
    hypothesis: str | None = None
    band: str | None = None
    p: float | None = field(default=None, metadata={"probability": True})


@dataclass(kw_only=True)
class Resolved(Event):
    """An estimate resolved: the task, whether it happened (``outcome``) and the probability stated."""

    KIND: ClassVar[str] = "resolved"
    task: str = field(metadata={"required": True})
    outcome: bool = field(metadata={"required": True})
    p: float | None = field(default=None, metadata={"probability": True})


@dataclass(kw_only=True)
class Rollback(Event):
    """The player took back ``undone`` inputs (decisions and judgements) by undo or rewind: from
    ``scene`` back to ``to``, keeping ``decisions`` decisions (the next decision is number decisions + 1)."""

    KIND: ClassVar[str] = "rollback"
    scene: str = field(metadata={"required": True})
    to: str = field(metadata={"required": True})
    undone: int = 0
    decisions: int = 0


EVENT_TYPES: dict[str, type[Event]] = {
    cls.KIND: cls for cls in (Start, Decision, Pause, Judgement, Resolved, Rollback, Ending)
}
EVENTS = tuple(EVENT_TYPES)


def event_fields(cls: type[Event]) -> list[str]:
    """The JSON keys of an event kind, in the order they are written (``event`` included)."""
    return ["v", "event"] + [f.name for f in dataclasses.fields(cls) if f.name != "v"]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(x) for x in value]
    if isinstance(value, dict):
        return {str(k): _plain(x) for k, x in value.items()}
    return value


# --- reading


def _is_int(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _read(tp: Any, x: object, name: str) -> Any:
    """``x`` checked against the type ``tp`` (raising EventError naming ``name``), text cleaned."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if x is None:
            return None
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _read(inner, x, name)
    if tp is Any:
        return x
    if tp is str:
        if not isinstance(x, str):
            raise EventError(f"'{name}' is not a string")
        if len(x) > MAX_TEXT:
            raise EventError(f"'{name}' is too long")
        return shown(x)
    if tp is bool:
        if not isinstance(x, bool):
            raise EventError(f"'{name}' is not true or false")
        return x
    if tp is int:
        if not _is_int(x) or not -MAX_COUNT <= typing.cast(int, x) <= MAX_COUNT:
            raise EventError(f"'{name}' is not a whole number")
        return x
    if tp is float:
        ok = (_is_int(x) or isinstance(x, float)) and math.isfinite(typing.cast(float, x))
        if not ok or not 0 <= typing.cast(float, x) <= MAX_SECONDS:
            raise EventError(f"'{name}' is not a number of seconds")
        return float(typing.cast(float, x))
    if origin is list:
        if not isinstance(x, list):
            raise EventError(f"'{name}' is not a list")
        (item,) = typing.get_args(tp)
        return [_read(item, v, name) for v in x]
    if origin is dict:
        if not isinstance(x, dict):
            raise EventError(f"'{name}' is not a table")
        value = typing.get_args(tp)[1]
        return {shown(str(k)): _read(value, v, name) for k, v in x.items()}
    if dataclasses.is_dataclass(tp):
        return _read_fields(typing.cast(type, tp), x, name)
    raise TypeError(f"no reader for {tp!r}")  # a programming error: a field of a type not handled here


def _read_fields(cls: type, x: object, name: str) -> Any:
    if not isinstance(x, dict):
        raise EventError(f"'{name}' is not a table")
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in x:
            required = f.metadata.get("required") or (
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            )
            if required:
                raise EventError(f"'{name}' without '{f.name}'" if name else f"without '{f.name}'")
            continue
        value = values[f.name] = _read(hints[f.name], x[f.name], f.name)
        if f.metadata.get("required") and value == "":
            raise EventError(f"'{f.name}' is empty")
        if f.metadata.get("probability") and value is not None and not 0.0 <= value <= 1.0:
            raise EventError(f"'{f.name}' is not a probability from 0 to 1")
        if "one_of" in f.metadata and value not in f.metadata["one_of"]:
            raise EventError(f"'{f.name}' is not one of {', '.join(f.metadata['one_of'])}")
    return cls(**values)


def from_json(record: object) -> Event | None:
    """The event a parsed JSON line holds; None for a kind this version does not know (a newer writer
    may add kinds). Raises EventError when it is not a usable event."""
    if not isinstance(record, dict):
        raise EventError("not a session log event (not a JSON object)")
    kind = record.get("event")
    if not isinstance(kind, str):
        raise EventError("not a session log event (no 'event')")
    v = record.get("v", LOG_VERSION)
    if not _is_int(v) or not 0 <= v <= MAX_COUNT:
        raise EventError("the event's format version 'v' is not a number")
    if v > LOG_VERSION:
        raise EventError(
            f"event from a newer version of briefing (log format {v}; this one reads up to {LOG_VERSION})"
        )
    cls = EVENT_TYPES.get(kind)
    if cls is None:
        return None
    try:
        event: Event = _read_fields(cls, record, "")
    except EventError as exc:
        raise EventError(f"'{kind}' event {exc}" if str(exc).startswith("without") else str(exc)) from None
    return event
