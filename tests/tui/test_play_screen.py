"""The play screen as a player meets it: the story keeps its place while a judgement is answered, and a
digit for a choice not on offer says which are (Pilot)."""

from __future__ import annotations

import re
import shutil

from textual.containers import VerticalScroll

from briefing.tui.screens.play import PlayScreen
from tests.conftest import FIXTURES
from tests.tui.conftest import MINI, load, make_app, screen_text

LONG = "\n\n".join(f"Paragraph {n}: the channel's video is described again, at length." for n in range(40))


def long_desk(tmp_path):
    """The desk fixture with its first two scenes' text long enough to scroll."""
    folder = tmp_path / "desk"
    shutil.copytree(FIXTURES / "desk", folder)
    scenes = folder / "scenes.yaml"
    text = scenes.read_text(encoding="utf-8")
    for line in (
        '    text: "An anonymous channel posts a video it says shows armed men from abroad."\n',
        '    text: "The president appeals to the alliance for help."\n',
    ):
        assert line in text
        block = "".join(f"      {p}\n" if p else "\n" for p in LONG.split("\n"))
        text = text.replace(line, f"    text: |\n{block}")
    scenes.write_text(text, encoding="utf-8")
    return load(folder)


def first_paragraph_in_view(app) -> str:
    """The number of the first paragraph of ``LONG`` the player sees."""
    found = re.search(r"Paragraph (\d+):", screen_text(app))
    assert found is not None
    return found.group(1)


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_story_keeps_its_place_while_a_grade_is_answered_and_a_new_scene_starts_at_the_top(
    tmp_path,
):
    app = make_app(scenario=long_desk(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        pane = app.screen.query_one("#text", VerticalScroll)
        assert app.game.judgement().part == "reliability" and pane.max_scroll_y > 10
        await pilot.press("pagedown", "j", "j")
        await pilot.pause()
        read_to, reading = pane.scroll_y, first_paragraph_in_view(app)
        assert read_to > 0 and reading != "0"
        await pilot.press("b")  # the reliability half of the grade
        await pilot.pause()
        assert app.game.judgement().part == "credibility"
        assert pane.scroll_y == read_to
        await pilot.press("u", "b")  # taken back and given again: still the same place
        await pilot.pause()
        assert app.game.judgement().part == "credibility" and pane.scroll_y == read_to
        await pilot.press("2")  # the credibility half: the choices come, the story stays where it was read
        await pilot.pause()
        assert app.game.judgement() is None and not app.screen.has_class("-judging")
        assert first_paragraph_in_view(app) == reading  # laid out narrower (the side panel is back)
        await pilot.press("1")  # a new scene, long too: from its top
        await pilot.pause()
        assert app.game.scene_id == "deploy-question" and pane.max_scroll_y > 10
        assert pane.scroll_y == 0


async def test_a_digit_for_a_choice_not_on_offer_names_the_choices_that_are(tmp_path):
    app = make_app(scenario=load(MINI))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "9")  # wire offers 1 and 2, and shows 3 locked
        await pilot.pause()
        assert notices(app) == ["Choice 9 is not on offer here: choose 1 or 2."]
        await pilot.press("3")
        await pilot.pause()
        assert notices(app)[-1] == "Choice 3 is not available now."
        await pilot.press("1")  # briefed: "Fallback" (2) is hidden, only "Good" (1) is on offer
        await pilot.pause()
        assert app.game.scene_id == "briefed" and isinstance(app.screen, PlayScreen)
        await pilot.press("2")
        await pilot.pause()
        assert app.game.scene_id == "briefed" and len(app.game.history) == 1
        assert notices(app)[-1] == "Choice 2 is not on offer here: choose 1."


async def test_a_digit_beyond_the_answers_says_which_keys_answer():
    app = make_app(scenario=load(FIXTURES / "desk"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "8")  # the reliability scale has six answers
        await pilot.pause()
        assert notices(app) == ["Answer with 1-6."]
        assert app.game.judgement().part == "reliability"


async def test_the_report_keeps_its_place_between_the_two_halves_of_a_grade(tmp_path):
    folder = tmp_path / "desk"
    shutil.copytree(FIXTURES / "desk", folder)
    scenes = folder / "scenes.yaml"
    line = '    text: "An anonymous channel\'s video said to show armed men from abroad."\n'
    text = scenes.read_text(encoding="utf-8")
    assert line in text
    long = " ".join(f"Sentence {n} of the report." for n in range(1, 60))
    scenes.write_text(text.replace(line, f'    text: "{long}"\n'), encoding="utf-8")
    app = make_app(scenario=load(folder))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        box = app.screen.query_one("#judgement-subject-box", VerticalScroll)
        box.scroll_to(y=4, animate=False)
        await pilot.pause()
        assert box.scroll_y == 4
        await pilot.press("f")  # reliability given: the same report, now its credibility
        await pilot.pause()
        assert app.game.judgement().part == "credibility" and box.scroll_y == 4
