"""Author text is text (never markup, never an action); watch mode; the debug panel; the launcher."""

from __future__ import annotations

import argparse
import shutil

import pytest

from briefing.core import saves
from briefing.tui import launch
from briefing.tui.screens.debrief import DebriefScreen
from briefing.tui.screens.debug import DebugScreen
from briefing.tui.screens.dossier import DossierScreen
from briefing.tui.screens.errors import ErrorScreen
from briefing.tui.screens.history import HistoryScreen
from briefing.tui.screens.play import PlayScreen
from briefing.tui.screens.title import TitleScreen
from tests.tui.conftest import MINI, launch_args, load, make_app, screen_text, until


async def test_markup_is_shown_as_text_everywhere(markup):
    app = make_app(scenario=markup, debug=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Brackets [/foo] and [bold]not bold[/bold]" in text
        assert "[@click=app.quit]x[/] in the subtitle" in text
        await pilot.click("#subtitle")  # a click on author text runs nothing
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, TitleScreen)
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(app)
        for expected in (
            "Title [/foo] [bold]",
            "Day [@click=app.quit]x[/], 09:00, [red]Place[/red]",
            "Text with [/foo] and [@click=app.quit]x[/] and [bold]bold?[/bold].",
            "[link=https://example.com]link[/link]",
            "Choice [/foo] one",
            "[@click=app.quit]x[/] two",
            "[bold] locked",
            "Score [/foo]: 1",
            "Intro with [bold]brackets[/bold]",
            "Fact [/foo]",
            "Act [/foo]",
        ):
            assert expected in text, expected
        await pilot.click("#text")
        await pilot.click("#dateline")
        await pilot.pause()
        assert app.is_running
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        text = screen_text(app)
        assert "Fact text [@click=app.quit]x[/] [bold]" in text and "Source [/foo]" in text
        await pilot.press("escape", "1")
        await pilot.pause()
        assert "[@click=app.quit]Second[/]" in screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and "Choice [/foo] one" in screen_text(app)
        await pilot.press("escape", "f12")
        await pilot.pause()
        assert isinstance(app.screen, DebugScreen) and "[@click=app.quit]Second[/]" in screen_text(app)
        await pilot.press("escape", "1")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        text = screen_text(app)
        for expected in (
            "grade [b]A[/b]",
            "[/foo] summary",
            "End [/foo]",
            "Ending text [@click=app.quit]x[/] [/foo]",
            "Key [/foo] decision",
            "Choice debrief [@click=app.quit]x[/]",
            "Debrief [bold]notes[/]",
            "Aftermath [/foo] and [@click=app.bell]ring[/].",
        ):
            assert expected in text, expected
        for y in (3, 9, 15, 21):
            await pilot.click("#debrief", offset=(10, y))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, DebriefScreen)


def copy_mini(tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


def touch_write(path, text):
    """Replace ``path`` at once, as an editor saving it does (the app polls it meanwhile and must never
    read it half written)."""
    import os

    before = path.stat().st_mtime_ns
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    if tmp.stat().st_mtime_ns <= before:  # coarse clocks: make the change visible
        os.utime(tmp, ns=(before + 10_000_000, before + 10_000_000))
    os.replace(tmp, path)


async def test_watch_reloads_keeps_place_and_shows_errors(tmp_path):
    folder = copy_mini(tmp_path)
    scenes = folder / "scenes.yaml"
    original = scenes.read_text(encoding="utf-8")
    app = make_app(scenario=load(folder), folder=folder, watch=True)

    async def saved(text):  # the file is saved; the app's next poll (here at once) reloads it
        touch_write(scenes, text)
        app.poll_files()
        await pilot.pause()

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        assert app.game.scene_id == "briefed" and app.game.vars["trust"] == 3
        await saved(original.replace("Your note is read.", "Your note is read twice."))
        assert await until(pilot, lambda: "Your note is read twice." in screen_text(app))
        assert app.game.scene_id == "briefed" and app.game.vars["trust"] == 3 and len(app.game.history) == 1
        # a broken file: the diagnostics, one per line, in the app
        await saved(original.replace("goto: good-end", "goto: nowhere"))
        assert await until(
            pilot, lambda: isinstance(app.screen, ErrorScreen) and "scenes.yaml:" in screen_text(app)
        )
        text = screen_text(app)
        assert "scenes.yaml:" in text and "nowhere" in text and "error" in text
        assert app.is_running
        # fixed again: back where the player was
        await saved(original)
        assert await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.game.scene_id == "briefed" and app.game.vars["trust"] == 3
        # the current scene is gone: a new game, with a notice
        await saved(
            original.replace("id: briefed", "id: briefed2").replace("goto: briefed", "goto: briefed2")
        )
        assert await until(pilot, lambda: app.game.scene_id == "wire")
        notes = [n.message for n in app._notifications]
        assert any("new game" in n for n in notes), notes
        assert isinstance(app.screen, PlayScreen)


async def test_watch_starts_with_a_broken_scenario(tmp_path):
    folder = copy_mini(tmp_path)
    scenes = folder / "scenes.yaml"
    original = scenes.read_text(encoding="utf-8")
    scenes.write_text(original.replace("kind: fact", "kind: rumour"), encoding="utf-8")
    args = argparse.Namespace(
        scenario=str(folder),
        load=None,
        resume=False,
        watch=True,
        theme=None,
        workshop=False,
        timer=None,
        log=None,
        team=None,
    )
    built = []
    assert launch.run_tui(args, built.append) == 0
    app = built[0]
    assert app.scenario is None and app.pending  # loaded just after the title is painted
    async with app.run_test(size=(100, 30)) as pilot:
        assert await until(
            pilot, lambda: isinstance(app.screen, ErrorScreen) and "rumour" in screen_text(app)
        )
        assert "rumour" in screen_text(app) and any("rumour" in e for e in app.errors)
        touch_write(scenes, original)
        assert await until(pilot, lambda: isinstance(app.screen, TitleScreen))
        assert "Mini: a test scenario" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


@pytest.fixture
def no_run():
    """The apps ``run_tui`` built: a runner that keeps them and does not run them."""
    return []


def test_launch_arguments(no_run, tmp_path, capsys):
    assert launch.run_tui(launch_args(theme="neon"), no_run.append) == 2
    assert "unknown theme" in capsys.readouterr().err
    assert launch.run_tui(launch_args(scenario=str(tmp_path / "nope")), no_run.append) == 2
    assert launch.run_tui(launch_args(resume=True), no_run.append) == 1  # no autosave yet
    assert "no such save file" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("{broken")
    assert launch.run_tui(launch_args(load=str(bad)), no_run.append) == 1
    assert bad.read_text() == "{broken"
    broken = copy_mini(tmp_path)
    (broken / "scenes.yaml").write_text("scenes: 3\n")
    assert launch.run_tui(launch_args(scenario=str(broken), resume=True), no_run.append) == 1
    assert "cannot play" in capsys.readouterr().err
    assert not no_run
    assert launch.run_tui(launch_args(theme="high-contrast"), no_run.append) == 0
    app = no_run[-1]
    assert app.theme == "briefing-high-contrast" and app.game is None and app.pending
    assert app.pending_title == "Mini: a test scenario" and app.ensure_loaded() and app.scenario.id == "mini"
    from briefing.core.engine import Game

    game = Game.new(app.scenario)
    game.choose(2)
    saves.autosave(game)
    assert launch.run_tui(launch_args(resume=True), no_run.append) == 0
    assert no_run[-1].game.scene_id == "waited"


def test_launch_folder_of_scenarios_offers_a_picker(no_run, tmp_path):
    root = tmp_path / "many"
    root.mkdir()
    shutil.copytree(MINI, root / "a")
    shutil.copytree(MINI.parent.parent / "tui" / "fixtures" / "markup", root / "b")
    assert launch.run_tui(launch_args(scenario=str(root)), no_run.append) == 0
    app = no_run[-1]
    assert app.scenario is None and len(app.scenarios) == 2


async def test_picker(tmp_path):
    from tests.tui.conftest import MARKUP

    app = make_app(scenarios=[MINI, MARKUP])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Mini: a test scenario" in text and "Brackets [/foo]" in text
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.scenario.id == "markup" and isinstance(app.screen, TitleScreen)
        assert "Brackets [/foo] and [bold]not bold[/bold]" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.scenario.id == "mini"


async def test_pending_load_failure_exits_with_the_diagnostics(tmp_path, capsys):
    broken = copy_mini(tmp_path)
    (broken / "scenes.yaml").write_text("scenes: 3\n")
    app = make_app(folder=broken, pending_title="Mini")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.failed_load is not None)
    assert app.failed_load is not None and app.return_code == 1


async def test_pending_load_then_new_game_at_once(tmp_path):
    app = make_app(folder=MINI, pending_title="Mini: a test scenario")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.game.scene_id == "wire"
