"""The player's settings: what they chose on the settings screen, kept across launches.

They live in ``settings.json`` in the user config folder: ``$BRIEFING_CONFIG_DIR`` when set, else
``$BRIEFING_DATA_DIR`` when set (so a test's private data folder holds its settings too), else the
platform's user config folder (platformdirs). A missing or damaged file gives the defaults and is never
overwritten until the player changes a setting. Kept free of Textual: the launcher reads it before the
app is imported.

- ``theme``: a name of ``options.THEMES`` (the player's theme; high contrast is a separate switch, so
  turning it off returns to this theme).
- ``text_width``: the story's measure in columns (one of ``TEXT_WIDTHS``; 0: the whole width).
- ``high_contrast``: the high-contrast theme instead of ``theme``.
- ``reduced_motion``: no animations (scrolling jumps).
- ``debounce``: seconds a new scene must have been on screen before a decision is taken, so that a key
  pressed twice by accident ("2 2") does not take two decisions (one of ``DEBOUNCES``; 0: off).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

SETTINGS_FILE = "settings.json"
TEXT_WIDTHS = (72, 80, 90, 0)
DEBOUNCES = (0.0, 0.2, 0.4, 0.8)
MAX_SETTINGS_BYTES = 64 * 1024


@dataclass(frozen=True)
class Settings:
    theme: str = "default"
    text_width: int = 80
    high_contrast: bool = False
    reduced_motion: bool = False
    debounce: float = 0.4


def config_dir() -> Path:
    """Where the settings live (see the module's doc)."""
    for var in ("BRIEFING_CONFIG_DIR", "BRIEFING_DATA_DIR"):
        override = os.environ.get(var)
        if override:
            return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("briefing", appauthor=False))


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """The settings in ``path`` (default: ``settings_path()``); the defaults for anything missing or wrong."""
    from briefing.tui.options import THEMES

    path = settings_path() if path is None else path
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_SETTINGS_BYTES + 1)
        doc = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_SETTINGS_BYTES else None
    except (OSError, ValueError):
        doc = None
    if not isinstance(doc, dict):
        return Settings()
    base = Settings()
    values: dict[str, object] = {}
    theme = doc.get("theme")
    if isinstance(theme, str) and theme in THEMES and theme != "high-contrast":
        values["theme"] = theme
    width = doc.get("text_width")
    if isinstance(width, int) and not isinstance(width, bool) and width in TEXT_WIDTHS:
        values["text_width"] = width
    for flag in ("high_contrast", "reduced_motion"):
        if isinstance(doc.get(flag), bool):
            values[flag] = doc[flag]
    debounce = doc.get("debounce")
    if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 2:
        values["debounce"] = float(debounce)
    return replace(base, **values)  # type: ignore[arg-type]


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically; OSError when the folder cannot be written."""
    from briefing.core.saves import write_atomic

    path = settings_path() if path is None else path
    write_atomic(path, json.dumps(asdict(settings), indent=1) + "\n")
    return path


def next_value(values: tuple[float, ...] | tuple[int, ...], current: float) -> float:
    """The value after ``current`` in ``values``, round and round (the first when it is not there)."""
    seq = list(values)
    return seq[(seq.index(current) + 1) % len(seq)] if current in seq else seq[0]
