"""Saved games: JSON with a format version, the scenario id and its content hash, written atomically."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.core.clock import SYSTEM_TIME, TimeSource, timestamp
from briefing.core.engine import Game
from briefing.core.errors import BriefingError
from briefing.core.model import Scenario
from briefing.core.safe_text import is_clean

SAVE_FORMAT = "briefing-save"
SAVE_VERSION = 1
AUTOSAVE = "autosave"
MAX_SAVE_BYTES = 5 * 1024 * 1024
MAX_INT_DIGITS = 18  # no number in a save needs more; Python refuses 4,301 digits with a ValueError
MAX_DEPTH = 32  # a save nests a handful of levels; 100,000 brackets would exhaust the recursion limit
STRAY_TEMP_SECONDS = 60  # a temporary file older than this was left by an interrupted write


class SaveError(BriefingError):
    """A save that cannot be used. ``str()`` is one line: ``path: message``."""

    def __init__(self, path: str | os.PathLike[str], message: str) -> None:
        super().__init__(f"{path}: error: {message}")
        self.path = str(path)
        self.message = message


def data_dir() -> Path:
    """Where saves and session logs live: $BRIEFING_DATA_DIR, else the platform's user data folder."""
    override = os.environ.get("BRIEFING_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("briefing", appauthor=False))


def saves_dir(scenario_id: str) -> Path:
    return data_dir() / "saves" / scenario_id


def slot_path(scenario_id: str, slot: str) -> Path:
    return saves_dir(scenario_id) / f"{slot}.json"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def save_game(game: Game, path: Path, label: str = "", source: TimeSource = SYSTEM_TIME) -> Path:
    scenario = game.scenario
    doc = {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "scenario": scenario.id,
        "content_hash": scenario.content_hash,
        "saved_at": timestamp(source),
        "label": label,
        "scene_title": game.scene.title,
        "game": game.to_dict(),
    }
    write_atomic(Path(path), json.dumps(doc, ensure_ascii=False, indent=1))
    return Path(path)


def autosave(game: Game, source: TimeSource = SYSTEM_TIME) -> Path:
    path = slot_path(game.scenario.id, AUTOSAVE)
    clean_stray_temps(path.parent)
    return save_game(game, path, "autosave", source)


_cleaned: set[Path] = set()


def clean_stray_temps(folder: Path, now: float | None = None) -> list[Path]:
    """Remove temporary files that an interrupted write left (``.NAME.json.*.tmp``, a minute old or more).

    Once per folder per process; a write in progress elsewhere (younger than a minute) is left alone.
    """
    if folder in _cleaned and now is None:
        return []
    _cleaned.add(folder)
    now = SYSTEM_TIME.now().timestamp() if now is None else now
    removed = []
    try:
        candidates = list(folder.glob(".*.json.*.tmp"))
    except OSError:
        return []
    for p in candidates:
        try:
            info = p.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= STRAY_TEMP_SECONDS:
                p.unlink()
                removed.append(p)
        except OSError:
            continue
    return removed


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` when it is a regular file of at most ``limit`` bytes (links followed).

    Devices, FIFOs and folders raise OSError with a message; nothing blocks and nothing reads past the
    limit, so a link to /dev/zero or a FIFO costs nothing.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "is a folder", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file", str(path))
        if info.st_size > limit:
            raise OSError(0, "too large", str(path))
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise OSError(0, "too large", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"a number of {len(text)} digits")
    return int(text)


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number a save can hold")


def _depth(value: object, limit: int = MAX_DEPTH) -> int:
    """How deeply ``value`` nests (iteratively, so a hostile file cannot exhaust the stack)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        deepest = max(deepest, d)
        if d > limit:
            return d
        if isinstance(v, dict):
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v)
    return deepest


def parse_json(text: str) -> object:
    """Parse untrusted JSON: no Infinity or NaN, no giant integers, no deep nesting. ValueError if refused."""
    if text.count("[") + text.count("{") > 200_000:
        raise ValueError("too many brackets")
    try:
        doc = json.loads(text, parse_int=_bounded_int, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if _depth(doc) > MAX_DEPTH:
        raise ValueError("nested too deeply")
    return doc


def read_save(path: Path) -> dict[str, Any]:
    """Read and check the envelope of a save; raise SaveError with one line naming the file."""
    path = Path(path)
    try:
        raw = read_regular_file(path, MAX_SAVE_BYTES)
    except FileNotFoundError:
        raise SaveError(path, "no such save file") from None
    except IsADirectoryError:
        raise SaveError(path, "is a folder, not a save file") from None
    except OSError as exc:
        if exc.strerror == "too large":
            raise SaveError(path, "save file is too large to be a save") from None
        if exc.strerror == "not a regular file":
            raise SaveError(path, "not a save file (not a regular file)") from None
        raise SaveError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        doc = parse_json(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError(path, "not a save file (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise SaveError(
            f"{path}:{exc.lineno}:{exc.colno}",
            f"save file is corrupt or truncated ({exc.msg}); it was left as it is",
        ) from None
    except ValueError as exc:
        raise SaveError(path, f"save file is damaged ({exc}); it was left as it is") from None
    if not isinstance(doc, dict) or doc.get("format") != SAVE_FORMAT:
        raise SaveError(path, "not a briefing save file")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError(path, "save file has no format version")
    if version > SAVE_VERSION:
        raise SaveError(
            path,
            f"save file is from a newer version of briefing (format {version}; "
            f"this one reads up to {SAVE_VERSION}); upgrade briefing to load it",
        )
    if not isinstance(doc.get("game"), dict):
        raise SaveError(path, "save file has no game in it")
    for key in ("scenario", "saved_at", "label", "scene_title", "content_hash"):
        value = doc.get(key, "")
        if not isinstance(value, str) or len(value) > 1000 or not is_clean(value):
            raise SaveError(
                path, f"save file is damaged (its '{key}' is not plain text); it was left as it is"
            )
    return doc


def load_game(path: Path, scenario: Scenario) -> Game:
    """Load a save for ``scenario``; raise SaveError (the file is never changed)."""
    doc = read_save(path)
    if doc.get("scenario") != scenario.id:
        raise SaveError(path, f"save file is for scenario '{doc.get('scenario')}', not '{scenario.id}'")
    try:
        return Game.from_dict(scenario, doc["game"])
    except ValueError as exc:
        changed = doc.get("content_hash") != scenario.content_hash
        why = " (the scenario has changed since it was saved)" if changed else ""
        raise SaveError(path, f"save file does not fit this scenario: {exc}{why}") from None


@dataclass
class SaveInfo:
    path: Path
    slot: str
    scenario: str
    saved_at: str
    scene_title: str
    error: str = ""
    label: str = ""  # the name the player gave the save ("autosave" for the autosave)


def owned(slot: str, owner: str | None) -> bool:
    """Whether a save slot belongs to ``owner``: a served team sees only its own saves (its autosave and
    the slots named after it); ``owner`` None, a player on their own machine, owns every save."""
    return owner is None or slot == owner or slot.startswith(owner + "-")


def owner_slot(owner: str | None, slot: str) -> str:
    """The file slot of a player's save slot ``slot`` (``slot-1``): the owner's name comes first."""
    return slot if owner is None else f"{owner}-{slot}"


def list_saves(scenario_id: str, owner: str | None = None) -> list[SaveInfo]:
    """Every save of a scenario that ``owner`` may see (see :func:`owned`), newest first; unreadable ones
    are listed with their error."""
    folder = saves_dir(scenario_id)
    out: list[SaveInfo] = []
    if not folder.is_dir():
        return out
    clean_stray_temps(folder)
    for p in folder.glob("*.json"):
        if not owned(p.stem, owner):
            continue
        try:
            doc = read_save(p)
            out.append(
                SaveInfo(
                    p,
                    p.stem,
                    str(doc.get("scenario")),
                    str(doc.get("saved_at", "")),
                    str(doc.get("scene_title", "")),
                    label=str(doc.get("label", "")),
                )
            )
        except SaveError as exc:
            out.append(SaveInfo(p, p.stem, scenario_id, "", "", exc.message))
    out.sort(key=lambda s: s.path.stat().st_mtime if s.path.exists() else 0, reverse=True)
    return out
