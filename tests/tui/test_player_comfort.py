"""Pilot tests of issue 12's terminal side: no lost progress, the debounce, reading comfort, settings that
stick, the palette, named saves, the debug panel only for authors, and no markup anywhere."""

from __future__ import annotations

import json
import shutil

from textual.containers import VerticalScroll
from textual.widgets import Input

from briefing.core import saves
from briefing.core.engine import Game
from briefing.tui.screens.confirm import ConfirmScreen
from briefing.tui.screens.debrief import DebriefScreen
from briefing.tui.screens.debug import DebugScreen
from briefing.tui.screens.dossier import DossierScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.play import PlayScreen
from briefing.tui.screens.saves import NameScreen, SavesScreen
from briefing.tui.screens.settings import SettingsScreen
from briefing.tui.screens.title import TitleScreen
from briefing.tui.settings import Settings, load_settings, settings_path
from tests.tui.conftest import MARKUP, MINI, FakeTime, load, make_app, screen_text, until


def autosave_at_waited(mini) -> None:
    game = Game.new(mini)
    game.choose(2)
    saves.autosave(game)


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


# ------------------------------------------------------------------------------------------ title
async def test_enter_on_the_title_continues_a_saved_game(mini):
    autosave_at_waited(mini)
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.game.scene_id == "waited"


async def test_new_game_over_a_saved_game_asks_and_keeps_it(mini):
    autosave_at_waited(mini)
    auto = saves.slot_path("mini", saves.AUTOSAVE)
    before = auto.read_bytes()
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "Start a new game?" in screen_text(app)
        await pilot.press("escape")  # no: nothing changes
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and app.game is None and auto.read_bytes() == before
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.game.scene_id == "wire"
        kept = saves.slot_path("mini", "previous-1")
        assert saves.load_game(kept, mini).scene_id == "waited"
        assert any("previous-1" in m for m in notes(app))
        await pilot.press("1")  # the new game's first decision replaces the autosave, the old game is kept
        await pilot.pause()
        assert saves.load_game(auto, mini).scene_id == "briefed" and kept.is_file()


async def test_a_damaged_autosave_is_kept_as_it_is_under_a_new_game(mini):
    folder = saves.saves_dir("mini")
    folder.mkdir(parents=True)
    (folder / "autosave.json").write_text("{broken")
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
    assert (folder / "previous-1.json").read_text() == "{broken"


async def test_continue_without_an_autosave_says_so_in_words(mini, data_dir):
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        [message] = notes(app)
        assert "no game to continue" in message and str(data_dir) not in message and ".json" not in message


async def test_a_damaged_save_is_named_not_pathed(mini, data_dir):
    folder = saves.saves_dir("mini")
    folder.mkdir(parents=True)
    (folder / "autosave.json").write_text("{broken")
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        [message] = notes(app)
        assert "cannot be loaded" in message and str(data_dir) not in message


# ------------------------------------------------------------------------------------------ debounce
async def test_a_decision_waits_until_the_scene_has_been_shown(mini):
    now = FakeTime()
    app = make_app(scenario=mini, now=now, settings=Settings(debounce=0.4))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("1")  # at once: too soon after the first scene appeared
        await pilot.pause()
        assert app.game.scene_id == "wire" and not app.game.history
        now.advance(0.5)
        await pilot.press("1", "1")  # "1 1": the second press is too soon for the new scene
        await pilot.pause()
        assert app.game.scene_id == "briefed" and len(app.game.history) == 1
        now.advance(0.5)
        await pilot.press("1")
        await pilot.pause()
        assert app.game.ended


async def test_no_debounce_when_it_is_off(mini):
    app = make_app(scenario=mini, now=FakeTime(), settings=Settings(debounce=0))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "1", "1")
        await pilot.pause()
        assert app.game.ended


# ------------------------------------------------------------------------------------------ reading
async def test_the_story_scrolls_from_the_keyboard_with_focus_on_the_choices():
    from briefing.core.catalog import default_scenario

    app = make_app(scenario=load(default_scenario()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        pane = app.screen.query_one("#text", VerticalScroll)
        assert app.focused.id in ("choices", "answers") and pane.max_scroll_y > 0  # the choices area
        await pilot.press("pagedown")
        await pilot.pause()
        assert pane.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert pane.scroll_y == 0
        await pilot.press("j")
        await pilot.pause()
        assert pane.scroll_y == 1
        await pilot.press("end")
        await pilot.pause()
        assert pane.scroll_y == pane.max_scroll_y
        await pilot.press("k")
        await pilot.pause()
        assert pane.scroll_y == pane.max_scroll_y - 1
        assert app.focused.id in ("choices", "answers") and app.game.scene_id == app.scenario.start
        assert "PgUp/PgDn Scroll" in screen_text(app)  # the footer says how


async def test_the_measure_is_capped_and_centred_at_200_columns(mini):
    app = make_app(scenario=mini, settings=Settings(debounce=0, text_width=80))
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        text = app.screen.query_one("#text").region
        story = app.screen.query_one("#story").region
        assert text.width == 84  # 80 columns of text and its padding
        assert abs((text.x - story.x) - (story.right - text.right)) <= 2  # centred
        app.change_settings(text_width=0)
        await pilot.pause()
        assert app.screen.query_one("#text").region.width >= story.width - 2


async def test_a_long_dateline_ends_in_an_ellipsis_beside_the_badge(tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    scenes = folder / "scenes.yaml"
    long = "Sunday 2 January 2022, 09:40, Zhanaozen, " + "then the long road to the ministry " * 4
    scenes.write_text(
        scenes.read_text().replace('"Sunday 2 January 2022, 09:40, Zhanaozen"', json.dumps(long)),
        encoding="utf-8",
    )
    app = make_app(scenario=load(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert "…" in top and top.rstrip().endswith("Dossier 1  +1 new")
        assert "… " in top or "…  " in top  # a gap between the dateline and the badge


# ------------------------------------------------------------------------------------------ dossier
async def test_dossier_search_new_only_and_sort(mini):
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "2", "1", "d")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DossierScreen) and screen.entries() == ["price-doubled", "official-line"]
        await pilot.press("n")  # new since the last scene: only what the last decision revealed
        await pilot.pause()
        assert screen.entries() == ["official-line"] and "LPG price doubled" not in screen_text(app)
        await pilot.press("n", "o")  # everything, newest first
        await pilot.pause()
        assert screen.entries() == ["official-line", "price-doubled"] and "newest first" in screen_text(app)
        await pilot.press("o")  # by kind: facts before official claims
        await pilot.pause()
        assert screen.entries() == ["price-doubled", "official-line"]
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"outsiders")  # typing d or n in the search does not close or filter
        await pilot.pause()
        assert screen.entries() == ["official-line"] and isinstance(app.screen, DossierScreen)
        assert "Officials blame outsiders." in screen_text(app) and "LPG price" not in screen_text(app)
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)


# ------------------------------------------------------------------------------------------ settings
async def test_settings_stick_across_launches_and_contrast_returns_to_the_players_theme(mini):
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("enter")  # theme: the next one, the projector
        await pilot.pause()
        assert app.theme == "briefing-projector"
        await pilot.press("down", "enter")  # text width 80 -> 90
        await pilot.press("down", "enter")  # high contrast on
        await pilot.press("down", "enter")  # reduced motion on
        await pilot.press("down", "enter")  # debounce 0 -> 0.2
        await pilot.pause()
        assert app.theme == "briefing-high-contrast" and app.animation_level == "none"
        assert "-measure-90" in app.classes
        await pilot.press(
            "escape", "ctrl+t"
        )  # high contrast off: back to the player's theme, not the default
        await pilot.pause()
        assert app.theme == "briefing-projector"
    kept = json.loads(settings_path().read_text())
    assert kept == {
        "theme": "projector",
        "text_width": 90,
        "high_contrast": False,
        "reduced_motion": True,
        "debounce": 0.2,
    }
    app = make_app(scenario=mini)  # the next launch
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "briefing-projector" and app.settings == load_settings()
        await pilot.press("o")
        await pilot.pause()
        assert "Projector" in screen_text(app) and "90 columns" in screen_text(app)


def test_damaged_settings_give_the_defaults(tmp_path):
    path = tmp_path / "settings.json"
    for text in ("{", "[]", '{"theme": "neon", "text_width": 13, "debounce": 99, "high_contrast": "yes"}'):
        path.write_text(text)
        assert load_settings(path) == Settings()
    path.write_bytes(b"\xff\xfe")
    assert load_settings(path) == Settings()
    assert load_settings(tmp_path / "none.json") == Settings()


async def test_a_run_theme_does_not_change_the_players_theme(mini):
    app = make_app(scenario=mini, theme="high-contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "briefing"
    assert not settings_path().read_text().count('"high_contrast": true')


# ------------------------------------------------------------------------------------------ palette
async def test_the_palette_offers_the_games_commands_first_and_none_of_textuals_own(mini):
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles[:3] == ["New game", "Continue", "Load game"]
        assert {"Settings", "Theme", "Quit", "Save game", "Dossier"} <= set(titles)
        assert not {"Maximize", "Screenshot", "Keys", "Debug panel"} & set(titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Theme", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Projector" in text and "High contrast" in text
        for stock in ("textual-dark", "nord", "gruvbox", "dracula"):
            assert stock not in text, stock


# ------------------------------------------------------------------------------------------ saves
async def test_saves_are_named_and_overwriting_asks(mini):
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "s", "1")
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        name = app.screen.query_one(Input)
        assert name.value == "A wire report"  # the scene's title is offered
        name.value = ""
        await pilot.press(*"Before [the] call", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("2", "s", "1")  # the same slot again
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Before [the] call · A wire report" in screen_text(app)
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        assert saves.load_game(saves.slot_path("mini", "slot-1"), mini).scene_id == "wire"
        await pilot.press("1", "y")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert saves.load_game(saves.slot_path("mini", "slot-1"), mini).scene_id == "waited"
        await pilot.press("l")
        await pilot.pause()
        text = screen_text(app)
        assert "Before [the] call · Overtaken · 20" in text and "Autosave · Overtaken" in text


# ------------------------------------------------------------------------------------------ debug
async def test_the_debug_panel_is_for_authors_only(mini):
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "f12")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and "good-end" not in screen_text(app)
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and "f12" not in app.screen.text.plain
    for options in ({"debug": True}, {"watch": True, "folder": MINI}):
        app = make_app(scenario=mini, **options)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("n", "f12")
            await pilot.pause()
            assert isinstance(app.screen, DebugScreen) and "good-end" in screen_text(app)


def test_play_debug_flag_reaches_the_app(monkeypatch):
    import argparse

    from briefing.tui import launch

    built = []
    args = argparse.Namespace(scenario=str(MINI), load=None, resume=False, watch=False, debug=True)
    assert launch.run_tui(args, built.append) == 0
    assert built[0].debugging
    args.debug = False
    assert launch.run_tui(args, built.append) == 0
    assert not built[1].debugging


# ------------------------------------------------------------------------------------------ markup
async def test_a_timeout_toast_with_brackets_shows_them(tmp_path):
    folder = tmp_path / "markup"
    shutil.copytree(MARKUP, folder)
    scenes = folder / "scenes.yaml" if (folder / "scenes.yaml").is_file() else folder / "scenario.yaml"
    text = scenes.read_text()
    scenes.write_text(
        text.replace("    reveals: [f1]\n", "    reveals: [f1]\n    timeout:\n      choice: 1\n", 1)
    )
    now = FakeTime()
    app = make_app(scenario=load(folder), timer=10, now=now)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        now.advance(11)
        assert await until(pilot, lambda: app.game.scene_id == "second")
        await pilot.pause()
        assert app.is_running
        assert any("The clock decided: Choice [/foo] one" in m for m in notes(app)), notes(app)
        app.notify("Tell him [off the record]")
        app.notify("[@click=app.quit]x[/]")
        await pilot.pause()
        shown = screen_text(app)
        assert "Tell him [off the record]" in shown and "[@click=app.quit]x[/]" in shown, shown
        await pilot.click(offset=(100, 37))  # a click on the toast runs nothing
        await pilot.pause()
        assert app.is_running


# ------------------------------------------------------------------------------------------ rollback
def glossary_mini(tmp_path):
    """The mini scenario with a reason on its locked choice and a glossary."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    scenes = folder / "scenes.yaml"
    scenes.write_text(
        scenes.read_text().replace(
            "        show_locked: true\n",
            '        show_locked: true\n        locked: "Needs the embassy\'s trust [first]"\n',
            1,
        ),
        encoding="utf-8",
    )
    (folder / "glossary.yaml").write_text(
        "glossary:\n"
        "  - id: minister\n"
        "    term: minister\n"
        "    kind: person\n"
        '    text: "The *foreign* minister [you brief]."\n'
        '    source: "Ministry website"\n'
        "  - id: opec\n"
        "    term: OPEC\n"
        "    kind: organisation\n"
        '    text: "Not in this story."\n',
        encoding="utf-8",
    )
    return load(folder)


async def test_undo_three_decisions_and_play_on(mini):
    from tests.tui.test_play import Log

    logs = []
    app = make_app(scenario=mini, session_log=lambda: logs.append(Log()) or logs[-1])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "u")  # nothing to undo yet
        await pilot.pause()
        assert app.game.scene_id == "wire" and any("nothing to undo" in m for m in notes(app))
        await pilot.press("2", "1")  # wire -> waited -> bad-end (the debrief)
        await pilot.pause()
        assert app.game.ended and isinstance(app.screen, DebriefScreen)
        await pilot.press("u")  # from the debrief, back to the last decision
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.game.scene_id == "waited"
        await pilot.press("backspace")
        await pilot.pause()
        assert app.game.scene_id == "wire" and not app.game.history
        assert saves.load_game(saves.slot_path("mini", saves.AUTOSAVE), mini).scene_id == "wire"
        await pilot.press("1", "1")  # and the game goes on from there
        await pilot.pause()
        assert app.game.ended and app.game.scene_id == "good-end"
        await pilot.press("u", "u", "u")
        await pilot.pause()
        assert app.game.scene_id == "wire" and len(app.game.rollbacks) == 4
    events = [e[0] for e in logs[0].events]
    assert events.count("rollback") == 4 and ("rollback", "bad-end", "waited", 1) in logs[0].events


async def test_history_rereads_a_scene_as_shown_and_goes_back_to_it(mini):
    from briefing.tui.screens.history import HistoryScreen, RereadScreen

    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "1", "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("up", "enter")  # the first scene
        await pilot.pause()
        assert isinstance(app.screen, RereadScreen)
        text = screen_text(app)
        assert "A wire report" in text and "Queues form at the pumps." in text and "LPG price doubled" in text
        assert "Your note is read." not in text
        await pilot.press("escape", "r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "Go back to A wire report?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.game.scene_id == "wire" and not app.game.history
        await pilot.press("h")
        await pilot.pause()
        assert "You went back 1 time in this game." in screen_text(app)


async def test_a_locked_choice_says_why_and_the_glossary_is_one_key_away(tmp_path):
    from briefing.tui.screens.glossary import GlossaryScreen

    app = make_app(scenario=glossary_mini(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(app)
        assert "3. Call the embassy  (not available: Needs the embassy's trust [first])" in text
        assert "g Glossary" in text
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        text = screen_text(app)
        assert text.index("Named in this scene (1)") < text.index("minister") < text.index("People")
        assert "The foreign minister [you brief]." in text and "Source: Ministry website" in text
        assert text.index("Organisations") < text.index("OPEC")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
    app = make_app(scenario=load(MINI))  # no glossary: no key for one
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "g")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and "Glossary" not in screen_text(app)
