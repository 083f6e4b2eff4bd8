"""Hostile saves are refused with one line naming the file; the file is never changed; nothing crashes."""

from __future__ import annotations

import json
import os
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core import saves
from briefing.core.engine import Game
from briefing.core.loader import load_or_raise
from tests.conftest import MINI


@pytest.fixture(scope="module")
def mini():
    return load_or_raise(MINI)


def good_doc(mini) -> dict:
    game = Game.new(mini)
    game.choose(1, seconds=2.0)
    return json.loads(
        json.dumps({"format": saves.SAVE_FORMAT, "version": 1, "scenario": "mini", "game": game.to_dict()})
    )


def refused(mini, path) -> str:
    before = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    with pytest.raises(saves.SaveError) as info:
        saves.load_game(path, mini)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path)) and ": error: " in message
    if before is not None:
        assert path.read_bytes() == before
    return message


def write(tmp_path, text: str):
    p = tmp_path / "s.json"
    p.write_text(text, encoding="utf-8")
    return p


def test_a_good_save_loads(mini, tmp_path):
    game = saves.load_game(write(tmp_path, json.dumps(good_doc(mini))), mini)
    assert game.scene_id == "briefed" and game.history[0].seconds == 2.0


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["game"]["history"][0].update(choice="__BIG__"),
        lambda d: d["game"]["history"][0].update(changes=[]),
        lambda d: d["game"]["history"][0].update(seconds="slow"),
        lambda d: d["game"]["history"][0].update(seconds=-1),
        lambda d: d["game"]["history"][0].update(text="Brief \x1b[2J\x1b]0;pwned\x07 now"),
        lambda d: d["game"]["history"][0].update(how="teleport"),
        lambda d: d["game"]["history"].append("not a decision"),
        lambda d: d["game"]["vars"].update(lean="\x1b[31mred"),
        lambda d: d.update(scene_title="\x1b[2Jtitle"),
        lambda d: d.update(label=["x"]),
        lambda d: d["game"].update(judgements={"grades": {"g": "Z9"}}),
    ],
)
def test_damaged_fields_are_refused(mini, tmp_path, mutate):
    doc = good_doc(mini)
    mutate(doc)
    text = json.dumps(doc, ensure_ascii=True).replace('"__BIG__"', "9" * 5000)
    refused(mini, write(tmp_path, text))


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "briefing-save", "version": 1, "game": {"history": [{"choice": Infinity}]}}',
        '{"format": "briefing-save", "version": 1, "game": {"scene": NaN}}',
        "[" * 100_000,
        '{"a": ' * 50 + "1" + "}" * 50,
        '{"format": "briefing-save", "version": 1, "scenario": "mini", "game": {"scene": "wire", "vars": {}, "x": "\\udfff"}, "label": "\\udfff"}',
        '{"format": "briefing-save", "version": 1, "n": ' + "7" * 4301 + "}",
    ],
)
def test_hostile_json_is_refused(mini, tmp_path, text):
    refused(mini, write(tmp_path, text))


def test_a_link_to_dev_zero_and_a_fifo_are_refused_at_once(mini, tmp_path):
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    assert "not a regular file" in refused(mini, link)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    done = threading.Event()

    def load():
        with pytest.raises(saves.SaveError):
            saves.load_game(fifo, mini)
        done.set()

    t = threading.Thread(target=load, daemon=True)
    t.start()
    t.join(30)
    assert done.is_set(), "reading a FIFO blocked"


def test_stray_temp_files_of_an_interrupted_write_are_cleaned_up(tmp_path):
    old = tmp_path / ".autosave.json.abc123.tmp"
    young = tmp_path / ".autosave.json.def456.tmp"
    mine = tmp_path / "notes.tmp"
    for p in (old, young, mine):
        p.write_text("{", encoding="utf-8")
    os.utime(old, (1000, 1000))
    now = os.stat(young).st_mtime + 1
    assert saves.clean_stray_temps(tmp_path, now=now) == [old]
    assert young.exists() and mine.exists() and not old.exists()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.lists(st.sampled_from(["game", "history", 0, "scene", "vars", "judgements", "path"]), max_size=3),
    value=json_values,
)
def test_fuzzed_saves_load_or_are_refused_in_one_line(mini, tmp_path, path, value):
    doc = good_doc(mini)
    target = doc
    for key in path[:-1]:
        try:
            target = target[key]
        except (KeyError, IndexError, TypeError):
            break
    if path:
        try:
            target[path[-1]] = value
        except (IndexError, TypeError):
            pass
    p = write(tmp_path, json.dumps(doc))
    try:
        game = saves.load_game(p, mini)
    except saves.SaveError as exc:
        assert "\n" not in str(exc)
        return
    # a save that loads can be saved again and played on
    saves.save_game(game, tmp_path / "again.json")
    game.options()
