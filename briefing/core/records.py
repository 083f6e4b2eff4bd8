"""Small pure helpers for the terminal player: endings reached, file watching. No Textual here."""

from __future__ import annotations

import json
import os
from pathlib import Path

from briefing.core import saves

ENDINGS_FILE = "endings.json"


def endings_path() -> Path:
    return saves.data_dir() / ENDINGS_FILE


def _read_endings() -> dict[str, list[str]]:
    try:
        doc = json.loads(endings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    scenarios = doc.get("scenarios") if isinstance(doc, dict) else None
    if not isinstance(scenarios, dict):
        return {}
    return {
        str(k): [str(e) for e in v if isinstance(e, str)] for k, v in scenarios.items() if isinstance(v, list)
    }


def endings_reached(scenario_id: str) -> list[str]:
    """The ending scene ids reached in this scenario, in the order first reached."""
    return _read_endings().get(scenario_id, [])


def record_ending(scenario_id: str, ending_id: str) -> list[str]:
    """Add an ending to the set reached (written atomically); return the updated list."""
    data = _read_endings()
    reached = data.setdefault(scenario_id, [])
    if ending_id not in reached:
        reached.append(ending_id)
        doc = {"format": "briefing-endings", "version": 1, "scenarios": data}
        try:
            saves.write_atomic(endings_path(), json.dumps(doc, ensure_ascii=False, indent=1))
        except OSError:
            pass  # a record we cannot write is not worth stopping the game for
    return reached


def snapshot_files(root: str | os.PathLike[str]) -> dict[str, tuple[int, int]]:
    """path -> (mtime, size) of every scenario file under ``root`` (the loader's own list of files).

    The size is there because file times are coarse: a file truncated and rewritten within one clock
    tick keeps its mtime, and a poll that saw it half-written must still see the change.
    """
    from briefing.core.loader import scenario_files

    out: dict[str, tuple[int, int]] = {}
    try:
        files = scenario_files(Path(root))
    except OSError:
        return out
    for p in files:
        try:
            st = p.stat()
            out[str(p)] = (st.st_mtime_ns, st.st_size)
        except OSError:
            continue
    return out
