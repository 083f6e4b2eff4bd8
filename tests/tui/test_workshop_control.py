"""The facilitator's control of games (Pilot): votes typed in a burst, pause and messages through the
control file, the options ``serve`` gives each game, and the terminal console (``briefing facilitate``)."""

from __future__ import annotations

import json
from pathlib import Path

from textual import events

from briefing.core import saves
from briefing.core.clock import FakeTime as FakeSource
from briefing.tui.widgets.tally import Tally
from briefing.workshop.control import CONTROL_ENV, Control, ControlWatcher, read_control, write_control
from briefing.workshop.sessionlog import SessionLog, session_folder
from tests.tui.conftest import MINI, FakeTime, load, make_app, pilot_runner, screen_text, until

DESK = MINI.parent / "desk"
NOTE = "Ask the room: what would you need to know?"


def events_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def burst(app, *keys: tuple[str, str | None]) -> None:
    """Keys arriving together (typed fast, or pasted): all queued before the app handles any of them."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


# ------------------------------------------------------------------------------------ votes in a burst
async def test_down_plus_in_one_burst_votes_for_the_choice_moved_to(mini):
    app = make_app(scenario=mini, workshop=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        burst(app, ("down", None), ("plus", "+"), ("plus", "+"))
        await pilot.pause()
        assert app.screen.query_one(Tally).tally() == {1: 0, 2: 2}
        burst(app, ("up", None), ("minus", "-"), ("plus", "+"), ("t", "t"), ("7", "7"))
        await pilot.pause()
        assert app.screen.query_one(Tally).tally() == {1: 7, 2: 2}
        # in the tally: a row moved to, and straight back to the choices with a vote: the tally's row counts
        burst(app, ("down", None), ("escape", None), ("plus", "+"))
        await pilot.pause()
        assert app.screen.query_one(Tally).tally() == {1: 7, 2: 3}
        assert app.game.scene_id == "wire"


# ---------------------------------------------------------------------------- the control file
def control_app(mini, tmp_path, timer=None, now=None):
    control = tmp_path / "control.json"
    write_control(control, Control())
    log = tmp_path / "log.jsonl"
    app = make_app(
        scenario=mini,
        workshop=True,
        timer=timer,
        now=now or FakeTime(),
        session_log=lambda: SessionLog(log, None, "Red", mini),
        control=ControlWatcher(control),
    )
    return app, control, log


async def test_the_facilitator_pauses_resumes_and_messages_a_game(mini, tmp_path):
    now = FakeTime()
    app, control, log = control_app(mini, tmp_path, timer=60, now=now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        now.advance(10)
        write_control(control, Control(paused=True))
        app.poll_control()
        await pilot.pause()
        assert app.clock.paused and app.held
        assert "paused by the facilitator" in screen_text(app)
        now.advance(500)  # paused: none of this counts, and the countdown never fires
        app.tick_clock()
        assert app.game.scene_id == "wire" and app.clock.label() == "00:50"
        await pilot.press("p")  # the team cannot resume what the facilitator paused
        await pilot.pause()
        assert app.clock.paused
        await pilot.press("1")  # a decision while paused: the next scene's clock waits as well
        await pilot.pause()
        assert app.game.scene_id == "briefed" and app.clock.paused
        write_control(control, Control(paused=False, message="[b]Five minutes[/b] left", message_id=1))
        app.poll_control()
        await pilot.pause()
        assert not app.clock.paused and not app.held
        (shown,) = [n for n in app._notifications if n.title == "From the facilitator"]
        assert shown.message == "[b]Five minutes[/b] left" and not shown.markup  # text, never markup
        app.poll_control()  # nothing new: nothing happens
        now.advance(61)
        app.tick_clock()
        await pilot.pause()
        assert app.clock.fired  # running again
    recs = events_of(log)
    pauses = [(r["paused"], r["scene"]) for r in recs if r["event"] == "pause"]
    assert pauses == [(True, "wire"), (True, "briefed"), (False, "briefed")]
    assert next(r for r in recs if r["event"] == "pause")["seconds"] == 10


async def test_the_game_polls_the_control_file_on_its_own(mini, tmp_path):
    app, control, _ = control_app(mini, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        write_control(control, Control(message="Inject: the airport is closed", message_id=3))
        assert await until(
            pilot, lambda: any(n.message == "Inject: the airport is closed" for n in app._notifications)
        )


# ----------------------------------------------------------------------- the game serve starts
def test_served_game_takes_timer_workshop_cut_and_logs_its_slot(monkeypatch, tmp_path):
    from briefing.tui.screens.workshop import WorkshopPlayScreen
    from briefing.tui.served import child_main

    control = tmp_path / "control.json"
    write_control(control, Control())
    monkeypatch.setenv(CONTROL_ENV, str(control))
    seen = {}

    def check(app):
        seen.update(screen=type(app.screen), timer=app.clock.total, cut=app.game.cut, scene=app.game.scene_id)

    def facilitator_pauses(pilot):
        write_control(control, Control(paused=True))
        pilot.app.poll_control()

    runner = pilot_runner(["n", facilitator_pauses], check)
    argv = [str(DESK), "--team", "Red", "--timer", "180", "--workshop", "--cut", "second-half"]
    assert child_main(argv, runner) == 0
    assert seen == {"screen": WorkshopPlayScreen, "timer": 180, "cut": "second-half", "scene": "troops-land"}
    app = runner.ran[0]
    assert app.clock.paused and app.workshop
    (log,) = session_folder().glob("*.jsonl")
    recs = events_of(log)
    assert recs[0]["event"] == "start" and recs[0]["slot"] == "team-red" and recs[0]["team"] == "Red"
    assert recs[1]["event"] == "pause" and recs[1]["paused"] is True


def test_served_game_continue_names_the_save_it_resumed(monkeypatch, tmp_path, capsys):
    from briefing.tui.served import child_main

    monkeypatch.delenv(CONTROL_ENV, raising=False)
    assert child_main([str(MINI), "--team", "Red"], pilot_runner(["n", "1"])) == 0
    assert saves.slot_path("mini", "team-red").is_file()
    assert child_main([str(MINI), "--team", "Red"], pilot_runner(["c", "1"])) == 0
    starts = [r for f in session_folder().glob("*.jsonl") for r in events_of(f) if r["event"] == "start"]
    resumed = [s for s in starts if s.get("resumed_from")]
    assert len(starts) == 2 and len(resumed) == 1
    assert resumed[0]["resumed_from"] == "team-red" and resumed[0]["slot"] == "team-red"
    # a cut the scenario lacks: one line, exit 2, no game
    assert child_main([str(MINI), "--cut", "nope"], pilot_runner([])) == 2
    assert "the scenario has no cut 'nope' (its cuts: none)" in capsys.readouterr().err


def test_play_cut_starts_the_terminal_game_at_the_cut(tmp_path, capsys):
    import argparse

    from briefing.tui import launch

    def args(**kw):
        base = dict(scenario=str(DESK), load=None, resume=False, watch=False, theme=None, workshop=False)
        base.update(timer=None, log=None, team=None, cut="second-half")
        base.update(kw)
        return argparse.Namespace(**base)

    runner = pilot_runner(["n"])
    assert launch.run_tui(args(), runner) == 0
    assert runner.ran[0].game.scene_id == "troops-land" and runner.ran[0].game.cut == "second-half"
    assert launch.run_tui(args(cut="nope"), pilot_runner([])) == 2
    assert (
        "briefing: error: the scenario has no cut 'nope' (its cuts: second-half)" in capsys.readouterr().err
    )


# ------------------------------------------------------------------------ the terminal console
def _logged_games(folder: Path, source: FakeSource):
    """Two teams' games written to ``folder`` by the real engine and session log (a game shows from its
    first decision, as the report counts games)."""
    from briefing.core.engine import Game

    mini = load(MINI)
    mini.scenes["waited"].notes = "[i]Push[/i] them on their sources."
    red = Game.new(mini)
    log = SessionLog(folder / "red.jsonl", "s-red", "Red", mini, source=source)
    log.start(red)
    options = red.options()
    log.decision(red, red.choose(1, seconds=5, how="vote"), options, tally={1: 4, 2: 1})
    blue = Game.new(mini)
    log = SessionLog(folder / "blue.jsonl", "s-blue", "Blue [b]x[/b]", mini, source=source)
    log.start(blue)
    options = blue.options()
    log.decision(blue, blue.choose(2, seconds=9), options)
    log.pause(blue, True, 3)
    return mini


async def test_console_shows_every_game_the_notes_and_controls_them(tmp_path):
    from briefing.tui.console import ConsoleApp, ConsoleOptions
    from briefing.workshop.control import control_path

    folder = tmp_path / "sessions"
    folder.mkdir()
    source = FakeSource()
    mini = _logged_games(folder, source)
    source.advance(75)
    control = control_path(folder, 8123)
    app = ConsoleApp(ConsoleOptions(mini, folder, control, now=source.now))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Blue [b]x[/b]" in text and "Red" in text  # team names as text
        assert app.games[0]["team"] == "Blue [b]x[/b]" and app.games[0]["paused"]
        assert "(paused)" in text
        assert "01:15" in text  # Red has been on its scene for 75 seconds
        assert "Minister's trust: 3" in text
        # the highlighted game's scene: its notes (as text) and what its timeout does
        assert "[i]Push[/i] them on their sources." in text and "Timeout: " in text
        await pilot.press("down")
        await pilot.pause()
        assert "Last vote: choice 1: 4, choice 2: 1" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert read_control(control).paused and "All games paused" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert not read_control(control).paused
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"Wrap up")  # letters go to the message, not to the console's keys
        await pilot.press("enter")
        await pilot.pause()
        got = read_control(control)
        assert got.message == "Wrap up" and got.message_id == 1 and not got.paused
        await pilot.press("m", "x", "escape")  # Escape cancels
        await pilot.pause()
        assert read_control(control).message_id == 1
        # a game that starts later appears at the next refresh
        late = SessionLog(folder / "green.jsonl", "s-green", "Green", mini, source=source)
        from briefing.core.engine import Game

        green = Game.new(mini)
        late.start(green)
        options = green.options()
        late.decision(green, green.choose(1, seconds=2), options)
        app.refresh_state()
        await pilot.pause()
        assert "Green" in screen_text(app) and len(app.games) == 3
