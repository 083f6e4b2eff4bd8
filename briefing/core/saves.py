"""Saved games: JSON with a format version, the scenario id and its content hash, written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from briefing.core.clock import SYSTEM_TIME, TimeSource, timestamp
from briefing.core.engine import Game
from briefing.core.errors import BriefingError
from briefing.core.model import Scenario

SAVE_FORMAT = "briefing-save"
SAVE_VERSION = 1
AUTOSAVE = "autosave"
MAX_SAVE_BYTES = 5 * 1024 * 1024


class SaveError(BriefingError):
    """A save that cannot be used. ``str()`` is one line: ``path: message``."""

    def __init__(self, path, message: str):
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
    return save_game(game, slot_path(game.scenario.id, AUTOSAVE), "autosave", source)


def read_save(path: Path) -> dict:
    """Read and check the envelope of a save; raise SaveError with one line naming the file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_SAVE_BYTES:
            raise SaveError(path, "save file is too large to be a save")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(path, "no such save file") from None
    except IsADirectoryError:
        raise SaveError(path, "is a folder, not a save file") from None
    except OSError as exc:
        raise SaveError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError(path, "not a save file (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise SaveError(
            f"{path}:{exc.lineno}:{exc.colno}",
            f"save file is corrupt or truncated ({exc.msg}); it was left as it is",
        ) from None
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


def list_saves(scenario_id: str) -> list[SaveInfo]:
    """Every save of a scenario, newest first; unreadable ones are listed with their error."""
    folder = saves_dir(scenario_id)
    out = []
    if not folder.is_dir():
        return out
    for p in folder.glob("*.json"):
        try:
            doc = read_save(p)
            out.append(
                SaveInfo(
                    p,
                    p.stem,
                    str(doc.get("scenario")),
                    str(doc.get("saved_at", "")),
                    str(doc.get("scene_title", "")),
                )
            )
        except SaveError as exc:
            out.append(SaveInfo(p, p.stem, scenario_id, "", "", exc.message))
    out.sort(key=lambda s: s.path.stat().st_mtime if s.path.exists() else 0, reverse=True)
    return out
