"""check_folders: every folder loaded, the clean ones linted, every problem kept in the folders' order."""

from __future__ import annotations

from briefing.authoring.checking import check_folders

from .helpers import MINI, write

HEAD = "id: t\ntitle: T\nstart: a\nstate: {n: 0}\n"
SCENES = (
    "scenes:\n  - id: a\n    title: A\n    dateline: d\n    text: t\n    choices:\n"
    "      - {text: go, goto: b}\n  - id: b\n    title: B\n    text: t\n    ending: true\n"
)


def test_counts_what_it_read_across_folders():
    checked = check_folders([str(MINI), str(MINI)])
    assert (checked.scenarios, checked.scenes, checked.facts) == (2, 10, 4)
    assert checked.diagnostics == []


def test_lints_only_what_loads_cleanly_and_keeps_folder_order(tmp_path):
    broken = write(
        tmp_path / "a-broken", {"scenario.yaml": HEAD, "scenes.yaml": SCENES.replace("goto: b", "goto: c")}
    )
    unread = write(tmp_path / "b-unread-var", {"scenario.yaml": HEAD, "scenes.yaml": SCENES})
    checked = check_folders([str(unread), str(broken)])
    # n is never read nor changed (B303, B304); with an error, 'b' going unreached is not linted
    assert [(d.path.split("/")[-2], d.code) for d in checked.diagnostics] == [
        ("b-unread-var", "B303"),
        ("b-unread-var", "B304"),
        ("a-broken", "B106"),
    ]
    assert (checked.scenarios, checked.scenes) == (2, 4)
