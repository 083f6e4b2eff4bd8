"""The play screen: the scene, its choices, the player's standing."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical, VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from textual.widget import Widget

    from briefing.core.asking import Prompt
    from briefing.core.engine import Game

from briefing.tui.messages import AnswerGiven, ChoiceMade
from briefing.tui.screens.base import REFERENCE_KEYS, UNDO_KEY, BaseScreen, markdown, plain
from briefing.tui.widgets.judgement import AnswerList, JudgementPanel, ach_row, grade_subject, lead_subject
from briefing.tui.widgets.scrolling import SCROLL_BINDINGS, scroll_pane
from briefing.tui.widgets.text import first_line, shown_value


class PlayScreen(BaseScreen):
    _countdown: str | None = None  # the countdown as last drawn
    # the story as last drawn: the game, its place (scene id, decisions taken) and what it showed
    _game: Game | None = None
    _place: tuple[str, int] = ("", 0)
    _story: Story | None = None
    new_place = False  # the last ``show`` was of a new place (a new scene, a decision taken back, a load)

    BINDINGS = [
        # a digit takes the choice of that number, or, while a judgement is asked, the answer in that place
        Binding("1", "choose(1)", "Choose", key_display="1-9"),
        *[Binding(str(n), f"choose({n})", f"Choice {n}", show=False) for n in range(2, 10)],
        Binding("1", "answer(1)", "Answer", key_display="1-9"),
        *[Binding(str(n), f"answer({n})", f"Answer {n}", show=False) for n in range(2, 10)],
        *REFERENCE_KEYS,
        Binding("s", "app.open('save')", "Save"),
        UNDO_KEY,
        Binding("g", "app.open('glossary')", "Glossary"),
        Binding("l", "app.open('load')", "Load", show=False),
        Binding("escape", "app.title", "Menu"),
        Binding("p", "pause", "Pause"),
        Binding("space", "pause", "Pause", show=False),
        Binding("q", "app.quit", "Quit", show=False),
        *SCROLL_BINDINGS,
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pause":
            return self.app.clock.total is not None or self.app.workshop
        if action == "primer":
            return self.app.current_scenario().format >= 2
        if action in ("choose", "answer"):  # one of the two, as the footer says
            return self.has_class("-judging") == (action == "answer")
        return True

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield plain("", id="dateline")
            if self.app.clock.total is not None:
                yield plain("", id="countdown")
            yield plain("", id="badge")
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield from self.compose_story()
            with VerticalScroll(id="side"):
                yield plain("", id="standing")

    def compose_story(self) -> ComposeResult:
        """The scene's title, its text and its choices: the column every play screen shares."""
        with Vertical(id="story"):
            yield plain("", id="scene-title")
            yield VerticalScroll(id="text")
            yield OptionList(id="choices")
            yield JudgementPanel(id="judgement")

    def on_mount(self) -> None:
        self.show()

    def on_resize(self, event: events.Resize) -> None:
        """Below 30 lines, what a judgement is about gets less room, so that every answer stays in view."""
        self.set_class(event.size.height < 30, "-short")

    def action_primer(self) -> None:
        self.app.action_primer()

    def action_pause(self) -> None:
        self.app.toggle_pause()

    def action_scroll_story(self, how: str) -> None:
        scroll_pane(self.query_one("#text", VerticalScroll), how)

    def update_clock(self) -> None:
        """Redraw the countdown (the app calls this as it ticks)."""
        clock = self.app.clock
        if clock.total is None:
            return
        for view in self.query("#countdown").results(Static):
            t = Text("⏸ " if clock.paused else "⏱ ")
            t.append("time is up" if clock.expired else clock.label(), style="bold")
            if clock.paused:
                t.append(" paused")
            elif clock.waiting:
                t.append(" from the choices")  # a judgement first: it is not timed
            if t.plain != self._countdown:
                self._countdown = t.plain
                view.update(t)
            view.set_class(clock.warning, "-warning")
            view.set_class(clock.paused, "-paused")

    def show(self) -> None:
        """Show the game where it stands: the scene, then the judgement it asks or its choices."""
        game = self.app.current_game()
        scene = game.scene
        self.query_one("#dateline", Static).update(Text(scene.dateline or scene.act or ""))
        n, new = len(game.dossier), len(game.last_new_facts)
        badge = Text(f"Dossier {n}")
        if new:
            badge.append(f"  +{new} new", style="bold reverse")
        self.query_one("#badge", Static).update(badge)
        self.query_one("#scene-title", Static).update(Text(scene.title))
        self.show_story(game)
        self.show_standing(game)
        self.update_clock()
        prompt = game.judgement()
        if self.has_class("-judging") != (prompt is not None):
            self.set_class(prompt is not None, "-judging")
            self.refresh_bindings()  # the digits answer the judgement, or take a choice
        if prompt is not None:
            self.query_one("#choices", OptionList).clear_options()
            self.query_one(JudgementPanel).show(prompt, judgement_subject(game, prompt))
            return
        self.show_choices(game)

    def show_story(self, game: Game) -> None:
        """The scene's text. A new place in the game starts at the top; in the same place (a judgement
        answered, or taken back) the reader keeps their place in it, even when the text is laid out anew
        (the side panel comes back with the choices)."""
        place = (game.scene_id, len(game.history))
        self.new_place = game is not self._game or place != self._place
        self._game, self._place = game, place
        story = story_of(game)
        pane = self.query_one("#text", VerticalScroll)
        at = None if self.new_place else reading_place(pane)
        if self.new_place or story != self._story:
            self._story = story
            pane.remove_children()
            pane.mount_all(story_blocks(game, story))
        if self.new_place:
            pane.scroll_home(animate=False)
        elif at is not None:
            pane.call_after_refresh(return_to, pane, at)

    def show_choices(self, game: Game) -> None:
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        options = game.options()
        if not any(o.enabled for o in options):
            choices.add_option(
                Option(
                    Text("No choice is available here: the scenario is stuck. Please tell its author."),
                    disabled=True,
                )
            )
        for o in options:
            label = Text(f"{o.number}. ")
            label.append(o.text)
            if not o.enabled:
                label.append(
                    f"  (not available: {o.locked})" if o.locked else "  (not available)", style="italic"
                )
            choices.add_option(Option(label, id=str(o.number), disabled=not o.enabled))
        first = next((i for i, o in enumerate(options) if o.enabled), None)
        choices.highlighted = first
        choices.focus()

    def show_standing(self, game: Game) -> None:
        scenario, scene = game.scenario, game.scene
        n, new = len(game.dossier), len(game.last_new_facts)
        side = Text("Your standing", style="bold")
        for _, label, value in game.standing():
            side.append(f"\n{label}: ")
            side.append(shown_value(value), style="bold")
        side.append(f"\n\nDossier: {n} of {len(scenario.facts)}")
        if new:
            side.append(f"\n{new} new", style="bold reverse")
        side.append(f"\nDecisions: {len(game.history)}")
        if scene.act:
            side.append(f"\n\n{scene.act}", style="italic")
        self.query_one("#standing", Static).update(side)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(ChoiceMade(int(event.option.id)))

    def action_choose(self, number: int) -> None:
        """A digit: the choice of that number."""
        self.post_message(ChoiceMade(number))

    def action_answer(self, number: int) -> None:
        """A digit while a judgement is asked: the answer in that place."""
        answers = self.query_one(AnswerList)
        if 0 < number <= answers.option_count:
            value = answers.get_option_at_index(number - 1).id
            if value is not None:
                self.post_message(AnswerGiven(value))
        else:  # as for a choice not on offer: say which keys answer
            self.app.notify(f"Answer with 1-{answers.option_count}.", severity="warning", markup=False)


class Story(NamedTuple):
    """What the story pane shows of a game, as a value to compare (fact and estimate ids)."""

    intro: str
    passages: tuple[str, ...]
    new_facts: tuple[str, ...]
    resolved: tuple[str, ...]


def story_of(game: Game) -> Story:
    """The story pane's content now: the intro on the first scene, the passages, what is new in the
    dossier, the estimates resolved on arriving."""
    scenario = game.scenario
    first = not game.history and game.scene_id == scenario.start
    return Story(
        scenario.intro if first else "",
        tuple(game.passages()),
        tuple(game.last_new_facts),
        tuple(game.last_resolved),
    )


def reading_place(pane: ScrollableContainer) -> tuple[int, float] | None:
    """Where the reader is in ``pane``: the block at the top of the view and how far into it (0 to 1);
    None at the top."""
    y = pane.scroll_y
    if y <= 0:
        return None
    for i, block in enumerate(pane.children):
        region = block.virtual_region_with_margin
        if region.bottom > y:
            return i, ((y - region.y) / region.height if region.height else 0.0)
    return None


def return_to(pane: ScrollableContainer, place: tuple[int, float]) -> None:
    """Scroll ``pane`` back to ``place`` (``reading_place``), its blocks as they are laid out now."""
    i, into = place
    if i < len(pane.children):
        region = pane.children[i].virtual_region_with_margin
        pane.scroll_to(y=region.y + round(into * region.height), animate=False)


def story_blocks(game: Game, story: Story) -> list[Widget]:
    """The story pane's widgets for ``story``."""
    blocks: list[Widget] = [markdown(story.intro, "intro")] if story.intro else []
    blocks += [markdown(p, "passage") for p in story.passages]
    if story.new_facts:
        t = Text("New in your dossier", style="bold")
        for fid in story.new_facts:
            f = game.scenario.facts[fid]
            t.append(f"\n• {f.kind_label}: ", style="bold")
            t.append(f.title or first_line(f.text))
        blocks.append(Static(t, classes="new-facts", markup=False))
    blocks += [Static(t, classes="resolved", markup=False) for t in resolved_estimates(game)]
    return blocks


def resolved_estimates(game: Game) -> list[Text]:
    """The estimates resolved on entering this scene: what the player said, and what happened."""
    from briefing.core.yardstick import band

    instruments = game.scenario.instruments
    out = []
    for eid in game.last_resolved:
        record = game.judged.estimates[eid]
        task = instruments.estimates.get(eid)
        b = band(instruments.yardstick, record.band)
        t = Text("Your estimate resolves", style="bold")
        if task is not None:
            t.append(f"\n{task.question}")
        t.append("\nYou said ")
        t.append(b.label.lower() if b else f"{round(record.p * 100)}%", style="bold")
        t.append("; it happened." if record.outcome else "; it did not happen.", style="bold")
        out.append(t)
    return out


def judgement_subject(game: Game, prompt: Prompt) -> Text:
    """What the pending judgement is about: the report graded, the row of the matrix, the player's matrix."""
    from briefing.core.admiralty import RELIABILITY
    from briefing.core.scoring import inconsistency
    from briefing.core.yardstick import TITLES

    scenario = game.scenario
    hypotheses = scenario.instruments.hypotheses
    if prompt.kind == "grade":
        given = prompt.context.get("reliability", "")
        return grade_subject(
            scenario.facts.get(prompt.context.get("report", "")), given, RELIABILITY.get(given, "")
        )
    if prompt.kind == "weigh":
        fact = prompt.context.get("fact", "")
        rated = game.judged.ratings.get(fact, {})
        return ach_row(scenario.facts.get(fact), hypotheses, rated, prompt.context.get("hypothesis", ""))
    if prompt.kind == "lead":
        return lead_subject(hypotheses, inconsistency(game.judged.ratings, [h.id for h in hypotheses]))
    yardstick = TITLES.get(scenario.instruments.yardstick, "the yardstick")
    return Text(f"In the words of the {yardstick}; scored when it resolves.", style="italic")
