"""The analyst's instruments in the terminal player: grading, estimates, the matrix, the scorecard (Pilot)."""

from __future__ import annotations

import argparse
import io
import json
import random

import pytest
from rich.console import Console
from textual.widgets import Static

from briefing.authoring import strategies
from briefing.core.asking import Prompt
from briefing.tui import launch
from briefing.tui.screens.debrief import DebriefScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.play import PlayScreen
from briefing.tui.screens.primer import PrimerScreen
from briefing.tui.widgets.judgement import AnswerList
from briefing.workshop.sessionlog import SessionLog
from tests.conftest import FIXTURES
from tests.tui.conftest import load, make_app, screen_text

DESK = FIXTURES / "desk"


@pytest.fixture
def desk():
    return load(DESK)


def key_for(prompt: Prompt, value: str) -> str:
    """The key a player presses for ``value``: the letter for a reliability grade, else its digit."""
    if prompt.part == "reliability":
        return value.lower()
    return str([a.value for a in prompt.answers].index(value) + 1)


async def press(pilot, *keys: str) -> None:
    """Press ``keys`` and let the app settle."""
    await pilot.press(*keys)
    await pilot.pause()


def all_text(app) -> str:
    """Every Static on the screen, scrolled into view or not, as plain text."""
    console = Console(width=100, record=True, file=io.StringIO())
    for static in app.screen.query(Static):
        console.print(static.content)
    return console.export_text()


async def play_like(pilot, app, strategy: str, seen: list[str] | None = None) -> None:
    """Play the game to an ending with keys only, answering as ``strategy`` would."""
    rng = random.Random(0)
    for _ in range(100):
        game = app.game
        if game.ended:
            return
        prompt = game.judgement()
        if prompt is not None:
            assert app.screen.has_class("-judging")
            key = key_for(prompt, strategies.pick(strategy, prompt, rng, game))
        else:
            assert not app.screen.has_class("-judging")
            key = strategies.pick(strategy, strategies.choice_prompt(game), rng, game)
        await press(pilot, key)
        if seen is not None:
            seen.append(screen_text(app))
    raise AssertionError("the game did not end")


async def test_a_model_player_grades_estimates_weighs_and_reads_an_a(desk, tmp_path):
    log = tmp_path / "log.jsonl"
    app = make_app(scenario=desk, session_log=lambda: SessionLog(log, "s1", "Red", desk))
    seen: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n")
        first = screen_text(app)
        assert "Grade this report" in first and "Anonymous channel, 3 January" in first
        assert (
            "How reliable is the source of “The video”?" in first
            and "F  Reliability cannot be judged" in first
        )
        await play_like(pilot, app, "model", seen)
        assert isinstance(app.screen, DebriefScreen)
        card = app.game.scorecard()
        assert card.letter == "A"
        top = screen_text(app)
        assert "The end · grade A · Final note in time" in top
        assert (
            "Your scorecard:  A   composite" in top and "Brier score 0.001 over 4 resolved estimates" in top
        )
        everything = all_text(app)
        assert "Almost certain (95-100%)" in everything and "3 (100%)" in everything  # calibration
        assert (
            "Against it: yours / author's" in everything
            and "Your lead at the end: An elite struggle" in everything
        )
        assert "Hold it until the embassy calls back tomorrow morning" in everything  # a road not taken
        assert "(your choice, the model answer)" in everything
        # the reasons behind every judgement, and the key scene's own note beside its options' notes
        assert "Your estimates against what happened" in everything
        assert "The alliance's charter allows it and the chair spoke at once." in everything
        assert "Weighing at “Weigh again”" in everything
        assert "What happened next: the clip turned out to be two years old." in everything
        # a long debrief: c, r and e bring its parts to the top, as the line under the ending says
        assert "Jump to c: your scorecard, r: the roads not taken, e: the endings." in top
        await press(pilot, "c")
        assert screen_text(app).split("\n")[1].strip().startswith("Your scorecard:  A")
        assert "Your key decisions, and the roads not taken" not in screen_text(app)
        await press(pilot, "r")  # near the end: as far as the debrief scrolls
        assert "Your key decisions, and the roads not taken" in screen_text(app)
        await press(pilot, "e")
        assert "Endings reached: 1 of" in screen_text(app)
    # the estimate of the landing resolved on arrival at the landing, in the player's words
    landing = next(s for s in seen if "Troops land" in s and "Your estimate resolves" in s)
    assert "You said almost certain (95-100%); it happened." in landing
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds.count("judgement") == 2 + 4 + 15 + 2 and kinds.count("resolved") == 4
    grade = next(e for e in events if e["event"] == "judgement" and e["kind"] == "grade")
    assert grade["task"] == "first-report" and grade["value"] == "F3"
    assert kinds[-1] == "ending" and events[-1]["scores"]["letter"] == "A"


@pytest.mark.parametrize("strategy", ["first"])  # "last" and the rest: through the engine and play --json
async def test_a_player_who_always_takes_one_end_of_the_list_does_not_reach_an_a(desk, strategy):
    app = make_app(scenario=desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n")
        await play_like(pilot, app, strategy)
        assert isinstance(app.screen, DebriefScreen)
        letter = app.game.scorecard().letter
        assert letter != "A"
        assert f"Your scorecard:  {letter} " in screen_text(app)


async def test_the_weigh_row_fills_in_and_the_lead_shows_the_players_matrix(desk):
    app = make_app(scenario=desk, game=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "f", "3", "1", "7", "1", "c", "4", "1")
        text = screen_text(app)
        assert "Weigh this evidence" in text and "Price doubled" in text
        assert "▶ A foreign-backed attack  ?" in text
        await press(pilot, "i")  # the scales, not the rating I
        assert isinstance(app.screen, PrimerScreen) and app.game.judged.ratings == {}
        await press(pilot, "escape")
        await pilot.press("4")  # I: inconsistent
        await pilot.pause()
        text = screen_text(app)
        assert "A foreign-backed attack  I  inconsistent" in text and "▶ An elite struggle" in text
        for key in "31313234":
            await press(pilot, key)
        prompt = app.game.judgement()
        assert prompt is not None and prompt.kind == "lead"
        text = screen_text(app)
        assert "Your matrix so far" in text and "A foreign-backed attack  1 against" in text
        await press(pilot, "2")
        assert app.game.judged.lead == "elite" and not app.screen.has_class("-judging")


async def test_keys_that_answer_nothing_leave_the_prompt_alone(desk):
    app = make_app(scenario=desk)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n", "9", "g")
        prompt = app.game.judgement()
        assert prompt is not None and prompt.part == "reliability"
        await pilot.press("enter")  # the highlighted answer: A
        await pilot.pause()
        assert app.game.judged.partial == {"reliability": "A"}
        assert len(app.screen.query_one(AnswerList).options) == 6


async def test_the_primer_is_one_key_away_and_listed_in_help(desk):
    app = make_app(scenario=desk)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n")
        assert "i Scales" in screen_text(app)
        await press(pilot, "i")
        assert isinstance(app.screen, PrimerScreen)
        text = all_text(app)
        assert "Admiralty" in text and "Usually reliable" in text and "Probably true" in text
        assert "UK PHIA probability yardstick" in text and "Realistic possibility   40-50%" in text
        assert "Very inconsistent" in text
        await press(pilot, "escape")
        assert isinstance(app.screen, PlayScreen) and app.game.judgement() is not None
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen) and "Scales" in all_text(app)


async def test_a_cut_starts_where_the_cut_starts(desk):
    app = make_app(scenario=desk, cut="second-half")
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n")
        assert app.game.cut == "second-half" and app.game.scene_id == "troops-land"
        assert "Will the troops have left within two weeks?" in screen_text(app)


@pytest.mark.parametrize("size", [(40, 12)])  # 80x24 and 100x30: the snapshots and the other Pilot tests
async def test_every_instrument_survives_small_terminals(desk, size):
    app = make_app(scenario=desk)
    async with app.run_test(size=size) as pilot:
        await press(pilot, "n")
        await play_like(pilot, app, "model")
        assert isinstance(app.screen, DebriefScreen)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.resize_terminal(*size)
        await pilot.pause()


def play_args(**kw):
    base = dict(scenario=str(DESK), load=None, resume=False, watch=False, theme=None, workshop=False)
    base.update(timer=None, log=None, team=None, cut=None, record=None)
    base.update(kw)
    return argparse.Namespace(**base)


def test_play_cut_starts_every_new_game_in_the_cut_and_an_unknown_cut_is_a_usage_error(capsys):
    built = []
    assert launch.run_tui(play_args(cut="nope"), built.append) == 2
    assert not built
    assert "the scenario has no cut 'nope' (its cuts: second-half)" in capsys.readouterr().err
    assert launch.run_tui(play_args(cut="second-half"), built.append) == 0
    assert built[0].options.cut == "second-half"
