"""Pilot tests: play from the title to an ending, the dossier, history, saves, resizing, themes, hooks."""

from __future__ import annotations

import json

from textual.widgets import OptionList

from briefing.core import records, saves
from briefing.tui.screens.debrief import DebriefScreen
from briefing.tui.screens.debug import DebugScreen
from briefing.tui.screens.dossier import DossierScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.history import HistoryScreen
from briefing.tui.screens.play import PlayScreen
from briefing.tui.screens.saves import SavesScreen
from briefing.tui.screens.title import TitleScreen
from tests.tui.conftest import make_app, screen_text


async def test_title_to_ending_with_digits(mini):
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "Mini: a test scenario" in screen_text(app)
        await pilot.press("enter")  # New game is the default
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        text = screen_text(app)
        assert "A wire report" in text and "Sunday 2 January 2022" in text
        assert "[liquefied gas]" in text  # brackets in Markdown stay text
        assert "Minister's trust: 2" in text and "+1 new" in text
        await pilot.press("1")
        await pilot.pause()
        assert app.game.scene_id == "briefed"
        assert "Your warning is on file." in screen_text(app)
        assert saves.slot_path("mini", saves.AUTOSAVE).is_file()  # autosaved after the decision
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        text = screen_text(app)
        for expected in (
            "grade A",
            "Timely",
            "The first report",
            "Brief the minister now",
            "Early and honest.",
            "What happened next",
            "Things happened next.",
            "Endings reached: 1 of 2",
        ):
            assert expected in text, expected
        assert records.endings_reached("mini") == ["good-end"]
        await pilot.press("n")  # play again
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.game.scene_id == "wire" and not app.game.history


async def test_arrows_enter_and_mouse_and_locked(mini):
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("3")  # locked: shown disabled, not taken
        await pilot.pause()
        assert app.game.scene_id == "wire" and not app.game.history
        await pilot.press("down", "enter")  # choice 2
        await pilot.pause()
        assert app.game.scene_id == "waited"
        await pilot.click("#choices", offset=(4, 1))  # the first (only) option
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen) and app.game.scene_id == "bad-end"


async def test_dossier_and_history(mini):
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "2")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert app.game.ended
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        text = screen_text(app)
        assert "LPG price doubled" in text and "Officials blame outsiders." in text
        assert "Source: Test source" in text and "Official claim" in text
        await pilot.press("f")  # first kind with entries: facts only
        await pilot.pause()
        text = screen_text(app)
        assert app.screen.kind == "fact" and "Officials blame outsiders." not in text
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.kind == "official-claim" and "Officials blame outsiders." in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.kind is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert text.index("A wire report") < text.index("Wait for more") < text.index("Overtaken")
        assert text.index("Overtaken") < text.index("Accept it") < text.index("Too late")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)


async def test_save_and_load_slots(mini):
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        assert app.game.scene_id == "briefed"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        await pilot.press("1")  # slot 1
        await pilot.pause()
        await pilot.press("enter")  # under the name offered: the scene's title
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        slot = saves.slot_path("mini", "slot-1")
        assert slot.is_file()
        await pilot.press("1")
        await pilot.pause()
        assert app.game.ended
        await pilot.press("t", "l")  # title, then load
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        text = screen_text(app)
        # each save by its name, its scene and its date (the name offered was the scene's title)
        assert "The minister reads it · The minister reads it · 20" in text and "Autosave" in text
        assert "slot-1" not in text
        slots = app.screen.query_one("#slots", OptionList)
        index = next(
            i for i in range(slots.option_count) if "Autosave" not in str(slots.get_option_at_index(i).prompt)
        )
        await pilot.press(str(index + 1))
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.game.scene_id == "briefed"
        assert app.game.vars["trust"] == 3


async def test_a_served_team_sees_and_writes_only_its_own_saves(mini):
    """In ``briefing serve`` every team's saves share one folder: Red must not load Blue's game."""
    blue = make_app(scenario=mini, autosave_slot="team-blue", save_owner="team-blue")
    async with blue.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "1", "s", "1")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert (
        saves.slot_path("mini", "team-blue").is_file()
        and saves.slot_path("mini", "team-blue-slot-1").is_file()
    )
    red = make_app(scenario=mini, autosave_slot="team-red", save_owner="team-red")
    async with red.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(red.screen, SavesScreen)
        assert "there are no saves yet" in screen_text(red)
        await pilot.press("escape", "n", "s")
        await pilot.pause()
        assert "Slot 1: empty" in screen_text(red)  # Blue's slot 1 is Blue's
        await pilot.press("1", "enter")
        await pilot.pause()
    assert saves.slot_path("mini", "team-red-slot-1").is_file()
    assert [s.slot for s in saves.list_saves("mini", "team-red")] == ["team-red-slot-1"]
    assert len(saves.list_saves("mini")) == 3  # on the facilitator's own machine, every save


async def test_unreadable_save_is_reported_and_left_alone(mini):
    folder = saves.saves_dir("mini")
    folder.mkdir(parents=True)
    bad = folder / "slot-2.json"
    bad.write_bytes(b'{"format": "briefing-save", "vers')
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert "cannot be read" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert app.game is None and isinstance(app.screen, SavesScreen)
        assert any("corrupt" in n.message for n in app._notifications)
    assert bad.read_bytes() == b'{"format": "briefing-save", "vers'


async def test_continue_resumes_the_autosave(mini):
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "2")
        await pilot.pause()
    app = make_app(scenario=mini)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Continue: Overtaken" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.game.scene_id == "waited"


async def test_resize_small_and_large(mini):
    app = make_app(scenario=mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        for size in [(40, 12), (200, 60), (30, 8), (1, 1), (40, 12), (100, 30)]:
            await resize(pilot, *size)
            text = screen_text(app)
            if size == (1, 1):
                continue
            if size == (30, 8):
                assert "make the window larger" in text
            else:
                assert "A wire report" in text and "1. Brief the minister now" in text, size
        await resize(pilot, 40, 12)
        await pilot.press("1", "d")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen) and "LPG price doubled" in screen_text(app)
        await pilot.press("escape", "1")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen) and "The end" in screen_text(app)
        await resize(pilot, 200, 60)
        assert "What happened next" in screen_text(app)


async def resize(pilot, width, height):
    await pilot.resize_terminal(width, height)
    await pilot.pause()
    await pilot.pause(0.05)  # the breakpoint classes land after the first layout at the new size


async def test_help_lists_keys_and_palette_offers_actions(mini):
    app = make_app(scenario=mini, debug=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text.plain
        assert "Keys" in screen_text(app)
        for key in ("ctrl+p", "1-9", "Dossier", "History", "Save", "Filter by kind", "Play again", "f12"):
            assert key in text, key
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {
            "New game",
            "Continue",
            "Load game",
            "Save game",
            "Dossier",
            "History",
            "Debug panel",
            "Help",
            "Quit",
            "Theme",
            "High contrast",
            "Title screen",
        } <= titles


async def test_themes_and_no_color(mini, monkeypatch):
    app = make_app(scenario=mini, theme="high-contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "briefing-high-contrast"
        await pilot.press("ctrl+t")
        assert app.theme == "briefing"
    assert make_app(scenario=mini).theme == "briefing"
    assert make_app(scenario=mini, theme="projector").theme == "briefing-projector"
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(scenario=mini)
    assert app.no_color  # Textual renders in monochrome


class Log:
    """A session log that keeps what it was told."""

    def __init__(self):
        self.events = []
        self.started = False
        self.path = None

    def start(self, game, strict=True, resumed_from=None):
        self.started = True
        self.events.append(("start", game.scene_id))

    def decision(self, game, step, options, tally=None):
        self.events.append(("decision", step.decision.scene, step.decision.choice, len(options)))

    def ending(self, game):
        self.events.append(("ending", game.scene_id))

    def answered(self, game, prompt, value):
        self.events.append(("answered", prompt.kind, value))

    def resolutions(self, game):
        self.events.extend(("resolved", task) for task in game.last_resolved)

    def rollback(self, game, rollback):
        self.events.append(("rollback", rollback.left, rollback.to, rollback.decisions))


async def test_session_log_hooks(mini):
    app = make_app(scenario=mini)
    assert app.session_log is None
    logs = []
    app = make_app(scenario=mini, session_log=lambda: logs.append(Log()) or logs[-1])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    assert len(logs) == 1 and app.session_log is logs[0]
    assert logs[0].events == [
        ("start", "wire"),
        ("decision", "wire", 1, 3),
        ("decision", "briefed", 1, 1),
        ("ending", "good-end"),
    ]


async def test_debug_panel_jumps(mini):
    app = make_app(scenario=mini, debug=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f12")
        await pilot.pause()
        assert not isinstance(app.screen, DebugScreen)  # no game yet
        await pilot.press("n", "f12")
        await pilot.pause()
        assert isinstance(app.screen, DebugScreen)
        text = screen_text(app)
        assert "trust = 2" in text and "lean = 'open'" in text and "warned = false" in text
        assert "good-end: A good briefing" in text
        await pilot.press("down", "down", "enter")  # wire -> briefed -> waited
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.game.scene_id == "waited"
        assert app.game.history[-1].how == "jump"
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, DebugScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_continue_at_an_ending_shows_the_debrief(mini):
    from briefing.core.engine import Game

    game = Game.new(mini)
    game.choose(2)
    game.choose(1)
    app = make_app(scenario=mini, game=game)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert "Too late" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


async def test_endings_file_survives_damage(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "endings.json").write_text("not json")
    assert records.endings_reached("mini") == []
    assert records.record_ending("mini", "a") == ["a"]
    assert records.record_ending("mini", "b") == ["a", "b"]
    assert json.loads((data_dir / "endings.json").read_text())["scenarios"]["mini"] == ["a", "b"]
