"""Workshop mode in the terminal app (Pilot): votes, the timer, pause, notes only in workshop mode, logs."""

from __future__ import annotations

import json

import pytest

from briefing.core import saves
from briefing.core.clock import Clock, mm_ss
from briefing.tui.screens.debrief import DebriefScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.play import PlayScreen
from briefing.tui.screens.tie import TieScreen
from briefing.tui.screens.workshop import WorkshopPlayScreen
from briefing.tui.widgets.tally import Tally
from briefing.workshop.sessionlog import SessionLog
from tests.tui.conftest import FakeTime, launch_args, make_app, pilot_runner, screen_text, until

NOTE = "Ask the room: what would you need to know?"


def events(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def workshop_app(mini, tmp_path, timer=None, **kw):
    log = tmp_path / "log.jsonl"
    ids = iter(["s1"])

    def new_log():  # the first game is session s1, every further one a new session
        return SessionLog(log, next(ids, None), "Red", mini)

    app = make_app(scenario=mini, workshop=True, timer=timer, session_log=new_log, **kw)
    return app, log


# ------------------------------------------------------------------------------------------ the clock
def test_a_waiting_clock_counts_from_the_choices():
    now = FakeTime()
    c = Clock(60, now=now)
    c.restart(waiting=True)  # a judgement first
    now.t += 500
    assert c.label() == "01:00" and c.elapsed() == 0 and not c.due()
    c.pause()
    c.start()  # the choices appear while the facilitator holds the room: still nothing moves
    now.t += 30
    assert c.elapsed() == 0
    c.resume()
    now.t += 59
    assert c.label() == "00:01" and not c.due()
    now.t += 1
    assert c.due()


def test_clock_counts_down_pauses_and_fires_once():
    now = FakeTime()
    c = Clock(90, now=now)
    assert c.label() == "01:30" and not c.warning and not c.due()
    now.t += 61
    assert c.label() == "00:29" and c.warning
    c.pause()
    now.t += 500  # paused: nothing moves
    assert c.label() == "00:29" and c.elapsed() == 61 and not c.due()
    c.resume()
    now.t += 29
    assert c.expired and c.due() and c.label() == "00:00"
    c.fired = True
    assert not c.due()
    c.restart()
    assert c.label() == "01:30" and not c.paused
    watch = Clock(None, now=now)
    now.t += 65.7
    assert watch.label() == "01:05" and watch.remaining() is None and not watch.due()
    assert mm_ss(0.2) == "00:01" and mm_ss(0) == "00:00" and mm_ss(3600) == "60:00"


# ------------------------------------------------------------------------------------------- votes
async def test_vote_majority_decides_and_is_logged(mini, tmp_path):
    app, log = workshop_app(mini, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopPlayScreen)
        await pilot.press("t", "1", "2", "enter", "7")  # 12 for choice 1, 7 for choice 2
        await pilot.pause()
        tally = app.screen.query_one(Tally)
        assert tally.tally() == {1: 12, 2: 7}
        text = screen_text(app)
        assert "Total 19" in text
        await pilot.press("v")
        await pilot.pause()
        assert app.game.scene_id == "briefed"
        d = app.game.history[-1]
        assert d.how == "vote" and d.choice == 1 and d.seconds is not None
        # the tally starts again at zero in the next scene
        assert app.screen.query_one(Tally).tally() == {1: 0}
    recs = events(log)
    assert [r["event"] for r in recs] == ["start", "decision"]
    dec = recs[1]
    assert dec["how"] == "vote" and dec["tally"] == {"1": 12, "2": 7} and dec["choice"]["number"] == 1
    assert dec["team"] == "Red" and isinstance(dec["seconds"], float)


async def test_plus_minus_and_direct_choice_do_not_collide(mini, tmp_path):
    app, log = workshop_app(mini, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("down", "plus", "plus", "equals_sign", "minus")  # choice 2 highlighted: 2 votes
        await pilot.pause()
        assert app.screen.query_one(Tally).tally() == {1: 0, 2: 2}
        await pilot.press("t", "3", "backspace", "4", "escape")  # in the tally: typing sets the count
        await pilot.pause()
        assert app.screen.query_one(Tally).tally() == {1: 0, 2: 4}
        assert app.game.scene_id == "wire"  # no digit took a choice while votes were typed
        await pilot.press("1")  # back on the choices: a digit is the facilitator's override
        await pilot.pause()
        assert app.game.scene_id == "briefed" and app.game.history[-1].how == "chosen"
    dec = events(log)[1]
    assert dec["how"] == "chosen" and dec["tally"] == {"1": 0, "2": 4}


async def test_tie_asks_the_facilitator(mini, tmp_path):
    app, log = workshop_app(mini, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("v")  # no votes yet: nothing happens
        await pilot.pause()
        assert app.game.scene_id == "wire" and not isinstance(app.screen, TieScreen)
        await pilot.press("t", "5", "enter", "5", "enter", "enter")  # 5 and 5, then Enter on "Decide by vote"
        await pilot.pause()
        assert isinstance(app.screen, TieScreen)
        assert "A tie: 2 choices have 5 votes each" in screen_text(app)
        await pilot.press("escape")  # back to the vote
        await pilot.pause()
        assert isinstance(app.screen, WorkshopPlayScreen) and app.game.scene_id == "wire"
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, TieScreen)
        await pilot.press("3")  # not among the tied
        await pilot.press("2")
        await pilot.pause()
        assert app.game.scene_id == "waited" and app.game.history[-1].how == "vote"
    dec = events(log)[1]
    assert dec["how"] == "vote" and dec["choice"]["number"] == 2 and dec["tally"] == {"1": 5, "2": 5}


# ------------------------------------------------------------------------------------------- timer
async def test_timer_expiry_applies_the_scenes_timeout(mini, tmp_path):
    now = FakeTime()
    app, log = workshop_app(mini, tmp_path, timer=60, now=now)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert "01:00" in app.clock.label()
        now.advance(45)
        app.tick_clock()
        assert app.game.scene_id == "wire"
        assert app.screen.query_one("#clock").has_class("-warning")
        now.advance(16)
        app.tick_clock()  # wire declares `timeout: choice: 2`
        await pilot.pause()
        assert app.game.scene_id == "waited"
        assert app.game.history[-1].how == "timeout" and app.game.history[-1].choice == 2
        assert app.clock.label() == "01:00"  # restarted for the new scene
        # 'waited' declares no timeout: time is up, and the game waits for the room
        now.advance(61)
        app.tick_clock()
        await pilot.pause()
        assert app.game.scene_id == "waited" and app.clock.fired
        assert "time is up" in screen_text(app)
        app.tick_clock()
        assert app.game.scene_id == "waited"
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
    recs = events(log)
    assert [r["event"] for r in recs] == ["start", "decision", "decision", "ending"]
    assert recs[1]["how"] == "timeout" and recs[1]["choice"]["number"] == 2
    assert recs[1]["seconds"] == 61


async def test_a_judgement_is_not_timed_the_choices_after_it_are(tmp_path):
    """As in plain play: time spent grading does not run the clock down, so it never takes the
    default choice with the grade half given; the countdown starts when the choices appear."""
    import shutil

    from tests.tui.conftest import ROOT, load

    folder = tmp_path / "desk"
    shutil.copytree(ROOT / "tests" / "fixtures" / "desk", folder)
    scenes = folder / "scenes.yaml"
    text = scenes.read_text(encoding="utf-8")
    scenes.write_text(
        text.replace(
            '    key: "The first video"\n', '    key: "The first video"\n    timeout: {choice: 2}\n', 1
        ),
        encoding="utf-8",
    )
    desk = load(folder)
    now = FakeTime()
    app, log = workshop_app(desk, tmp_path, timer=60, now=now)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert app.game.judgement() is not None and "from the choices" in screen_text(app)
        now.advance(300)
        app.tick_clock()
        await pilot.pause()
        assert app.game.scene_id == "first-report" and app.clock.label() == "01:00"
        await pilot.press("f")  # reliability F; the credibility is still to come
        now.advance(300)
        app.tick_clock()
        assert app.game.judgement().part == "credibility"
        await pilot.press("3")
        await pilot.pause()
        assert app.game.judgement() is None and app.game.judged.grades == {"first-report": "F3"}
        now.advance(59)
        app.tick_clock()
        assert app.game.scene_id == "first-report" and app.clock.label() == "00:01"
        now.advance(1)
        app.tick_clock()  # the scene's timeout: choice 2
        await pilot.pause()
        assert app.game.scene_id == "deploy-question" and app.game.history[-1].how == "timeout"
    decision = next(r for r in events(log) if r["event"] == "decision")
    assert decision["seconds"] == 60  # from the choices: the minutes spent grading are not in it


async def test_the_countdown_runs_on_its_own(mini, tmp_path):
    """Nobody calls tick_clock here: the app's own interval notices that the time is up."""
    now = FakeTime()
    app, log = workshop_app(mini, tmp_path, timer=1, now=now)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert app.game.scene_id == "wire"
        now.advance(1)
        assert await until(pilot, lambda: app.game.scene_id == "waited")
        assert app.game.history[-1].how == "timeout" and app.game.history[-1].seconds == 1


async def test_pause_stops_the_countdown(mini, tmp_path):
    now = FakeTime()
    app, _ = workshop_app(mini, tmp_path, timer=60, now=now)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert app.clock.paused
        assert "paused" in screen_text(app)
        now.advance(1000)  # time passes while paused ...
        app.tick_clock()
        assert app.game.scene_id == "wire" and app.clock.label() == "01:00"  # ... and none of it counts
        await pilot.press("space")  # resume
        await pilot.pause()
        assert not app.clock.paused
        now.advance(61)
        app.tick_clock()
        await pilot.pause()
        assert app.game.scene_id == "waited"


async def test_timer_without_workshop_is_a_plain_countdown(mini):
    now = FakeTime()
    app = make_app(scenario=mini, timer=120, now=now)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen) is PlayScreen
        text = screen_text(app)
        assert "02:00" in text and NOTE not in text and "Votes" not in text
        now.advance(121)
        app.tick_clock()
        await pilot.pause()
        assert app.game.scene_id == "waited" and app.game.history[-1].how == "timeout"


# ------------------------------------------------------------------------------------------- notes
async def test_notes_only_in_workshop_mode(mini, tmp_path):
    app = make_app(scenario=mini)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen) is PlayScreen
        assert NOTE not in screen_text(app) and "Ask the room" not in screen_text(app)
        assert not app.screen.query("#notes-text")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and "facilitator" not in app.screen.text.plain.lower()
    app, _ = workshop_app(mini, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert NOTE in screen_text(app)
        await pilot.press("f")  # hidden, e.g. while projecting
        await pilot.pause()
        assert NOTE not in screen_text(app) and "Notes hidden" in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert NOTE in screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text.plain
        assert "Workshop: the facilitator panel" in text and "Decide by vote" in text and "p / space" in text


async def test_notes_are_text_not_markup(mini, tmp_path):
    mini.scenes["wire"].notes = "[bold]Ask[/bold] the room [link=x]now[/link]"
    app, _ = workshop_app(mini, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert "[bold]Ask[/bold] the room [link=x]now[/link]" in screen_text(app)


# --------------------------------------------------------------------------------- sessions, slots
async def test_each_new_game_is_a_new_session(mini, tmp_path):
    app, log = workshop_app(mini, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "2")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("n")  # play again
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    recs = events(log)
    assert [r["event"] for r in recs] == ["start", "decision", "decision", "ending", "start", "decision"]
    assert recs[0]["session"] == "s1" and recs[4]["session"] != "s1"
    assert len({r["session"] for r in recs[4:]}) == 1


async def test_autosave_slot(mini):
    app = make_app(scenario=mini, autosave_slot="team-red")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
    assert saves.slot_path("mini", "team-red").is_file()
    assert not saves.slot_path("mini", saves.AUTOSAVE).exists()
    app = make_app(scenario=mini, autosave_slot=None)  # no autosave: Continue has nothing to offer
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Continue (no autosave yet)" in screen_text(app)
        await pilot.press("n", "1")
        await pilot.pause()
    assert not saves.slot_path("mini", saves.AUTOSAVE).exists()


# ------------------------------------------------------------------------------------------ run_tui


def test_run_tui_log_cannot_be_opened(tmp_path, capsys):
    from briefing.tui import launch

    def must_not_run(app):
        pytest.fail("the app must not start")

    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert launch.run_tui(launch_args(log=str(blocker / "log.jsonl")), must_not_run) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{blocker / 'log.jsonl'}: error: cannot write the session log")
    assert launch.run_tui(launch_args(log=str(tmp_path)), must_not_run) == 1
    assert (
        capsys.readouterr().err.strip()
        == f"{tmp_path}: error: is a folder; --log takes a file (it is appended to)"
    )


def test_run_tui_log_writes_start_decision_ending(tmp_path):
    from briefing.tui import launch

    runner = pilot_runner(["n", "1", "1"])
    log = tmp_path / "red.jsonl"
    assert launch.run_tui(launch_args(log=str(log), team="Red"), runner) == 0
    app = runner.ran[0]
    assert not app.workshop and app.theme == "briefing"
    recs = events(log)
    assert [r["event"] for r in recs] == ["start", "decision", "decision", "ending"]
    assert {r["team"] for r in recs} == {"Red"} and len({r["session"] for r in recs}) == 1
    assert recs[-1]["scene"] == "good-end"


def test_run_tui_workshop_defaults(tmp_path, monkeypatch, data_dir, capsys):
    from briefing.tui import launch
    from briefing.workshop.sessionlog import session_folder

    seen = {}
    now = FakeTime()

    def check(app):
        seen["screen"] = type(app.screen)
        seen["text"] = screen_text(app)

    def one_second_passes(pilot):
        now.advance(1)

    async def countdown_shows(pilot):
        return await until(pilot, lambda: "00:19" in ran_ticks)

    runner = pilot_runner(["n", one_second_passes, countdown_shows, "t", "3", "v"], check)
    ran_ticks = []
    monkeypatch.setattr(
        WorkshopPlayScreen,
        "update_clock",
        lambda self, orig=WorkshopPlayScreen.update_clock: (
            ran_ticks.append(self.app.clock.label()),
            orig(self),
        ),
    )
    assert launch.run_tui(launch_args(workshop=True, timer=20, team="Blue"), runner, now=now) == 0
    assert "00:19" in ran_ticks  # the countdown ticks on its own (the title is painted before loading)
    app = runner.ran[0]
    assert app.workshop and app.theme == "briefing-projector" and app.clock.total == 20
    files = list(session_folder().glob("*.jsonl"))
    assert len(files) == 1
    recs = events(files[0])
    assert [r["event"] for r in recs] == ["start", "decision"] and recs[1]["tally"] == {"1": 3, "2": 0}
    assert recs[1]["seconds"] == 1
    assert f"Session log: {files[0]}" in capsys.readouterr().err
    assert seen["screen"] is WorkshopPlayScreen
    # --theme wins over the workshop's projector default
    runner = pilot_runner([])
    assert launch.run_tui(launch_args(workshop=True, theme="high-contrast"), runner) == 0
    assert runner.ran[0].theme == "briefing-high-contrast"
