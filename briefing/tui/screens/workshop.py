"""Workshop mode (``briefing play --workshop``): the play screen with a facilitator panel.

The panel shows the scene's facilitator notes (as text, never markup; only in this mode), the decision
clock (a countdown with ``--timer``, else the time taken so far), and the vote tally.

Keys, designed so that entering votes never takes a choice by accident:

- on the choices (where the focus starts): 1-9 take a choice at once (the facilitator's override),
  arrows and Enter as in play; ``+``/``=`` and ``-`` change the votes of the highlighted choice;
- ``t`` (or Tab) moves to the tally: arrows pick a row, digits type its count (the first digit after
  moving replaces it), Backspace deletes a digit, Enter goes to the next row (and after the last, to the
  "Decide by vote" button), Escape goes back to the choices;
- everywhere on this screen: ``v`` decides by vote (the majority wins; a tie asks which of the tied
  choices the room takes), ``p`` or space pauses and resumes the clock, ``f`` hides or shows the notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Digits, OptionList, Static

if TYPE_CHECKING:
    from briefing.core.engine import Game

from briefing.tui.messages import VoteCalled
from briefing.tui.screens.base import plain
from briefing.tui.screens.play import PlayScreen
from briefing.tui.widgets.clock import ClockPanel
from briefing.tui.widgets.tally import Tally
from briefing.tui.widgets.text import shown_value


class WorkshopPlayScreen(PlayScreen):
    """The play screen with the facilitator panel at the side."""

    BINDINGS = [
        Binding("v", "vote", "Vote decides"),
        Binding("t", "tally", "Tally"),
        Binding("plus,equals_sign", "add_vote(1)", "Vote +1", key_display="+"),
        Binding("minus", "add_vote(-1)", "Vote -1", key_display="-", show=False),
        Binding("p", "pause", "Pause"),
        Binding("f", "notes", "Notes"),
        Binding("d", "app.open('dossier')", "Dossier", show=False),
        Binding("s", "app.open('save')", "Save", show=False),
        Binding("h", "app.open('history')", "History", show=False),
    ]

    _status: str | None = None  # the clock's status line as last drawn

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield from self.compose_story()
            with Vertical(id="facilitator"):
                yield plain("Facilitator", id="fac-title")
                yield ClockPanel(id="clock")
                yield plain("Votes (t: type counts, v: decide)", classes="fac-head")
                yield Tally(id="tally")
                yield Button("Decide by vote (v)", id="decide", compact=True)
                yield plain("Notes (f hides)", classes="fac-head", id="notes-head")
                with VerticalScroll(id="notes"):
                    yield Static("", id="notes-text", markup=False)
                yield plain("", id="standing")

    def show(self) -> None:
        super().show()
        game = self.app.current_game()
        tally = self.query_one(Tally)
        tally.reset([(o.number, o.text) for o in game.options() if o.enabled])
        notes = (game.scene.notes or "").strip()
        self.query_one("#notes-text", Static).update(
            Text(notes) if notes else Text("No notes for this scene.", style="italic")
        )
        if self.new_place:  # a judgement answered keeps the facilitator's place in the notes
            self.query_one("#notes", VerticalScroll).scroll_home(animate=False)
        self._show_notes()
        self._follow_choices(always=True)

    def _follow_choices(self, always: bool = False) -> None:
        """The tally's row follows the choice highlighted now. Read from the list itself, not from its
        OptionHighlighted message: keys typed in one burst ("Down +") are handled before that message
        arrives, and the vote must land on the choice the cursor moved to."""
        tally = self.query_one(Tally)
        if tally.has_focus and not always:
            return  # typing in the tally: its own row is the one meant (the list follows it)
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is not None:
            oid = choices.get_option_at_index(choices.highlighted).id
            if oid:
                tally.select(int(oid))

    def _show_notes(self) -> None:
        hidden = self.app.notes_hidden
        self.query_one("#notes").display = not hidden
        self.query_one("#notes-head", Static).update(
            Text("Notes hidden (f shows them)" if hidden else "Notes (f hides)")
        )

    def show_standing(self, game: Game) -> None:
        bits = [f"{label}: {shown_value(value)}" for _, label, value in game.standing()]
        bits.append(f"Dossier {len(game.dossier)}/{len(game.scenario.facts)}")
        bits.append(f"Decisions {len(game.history)}")
        self.query_one("#standing", Static).update(Text(" · ".join(bits)))

    def update_clock(self) -> None:
        clock = self.app.clock
        found = self.query("#clock-digits")
        if not found:
            return  # not composed yet (the clock ticks from the moment the screen is pushed)
        digits = found.first(Digits)
        label = clock.label()
        if digits.value != label:
            digits.update(label)
        held = self.app.held and clock.paused  # the facilitator paused every game: only they resume it
        if clock.total is None:
            status = "taken so far" + (
                " · paused by the facilitator"
                if held
                else " · paused (p resumes)"
                if clock.paused
                else " · p pauses"
            )
        elif clock.expired:
            status = "time is up" + (
                "" if self.app.current_game().scene.timeout else ": no default here, the room decides"
            )
        elif clock.paused:
            status = "paused by the facilitator" if held else "paused (p resumes)"
        elif clock.waiting:
            status = f"{_minutes(clock.total)} from the choices: the judgement is not timed"
        else:
            status = f"left of {_minutes(clock.total)} · p pauses"
        if status != self._status:
            self._status = status
            self.query_one("#clock-status", Static).update(Text(status))
        box = self.query_one("#clock")
        box.set_class(clock.warning, "-warning")
        box.set_class(clock.paused, "-paused")
        box.set_class(clock.expired, "-expired")

    # --- keys
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "choices" and event.option.id:
            self.query_one(Tally).select(int(event.option.id))

    def on_tally_row_selected(self, event: Tally.RowSelected) -> None:
        choices = self.query_one("#choices", OptionList)
        for i in range(choices.option_count):
            if choices.get_option_at_index(i).id == str(event.number):
                choices.highlighted = i
                break

    def on_tally_finished(self, event: Tally.Finished) -> None:
        self.set_focus(self.query_one("#decide", Button))

    def on_tally_left(self, event: Tally.Left) -> None:
        self.set_focus(self.query_one("#choices", OptionList))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "decide":
            event.stop()
            self.action_vote()

    def action_vote(self) -> None:
        self.post_message(VoteCalled(self.query_one(Tally).tally()))

    def action_tally(self) -> None:
        self._follow_choices()
        self.set_focus(self.query_one(Tally))  # at once: digits typed right after t go to the tally

    def action_add_vote(self, delta: int) -> None:
        self._follow_choices()
        self.query_one(Tally).add(delta)

    def action_notes(self) -> None:
        self.app.notes_hidden = not self.app.notes_hidden
        self._show_notes()


def _minutes(seconds: float) -> str:
    s = int(seconds)
    if s % 60 == 0:
        return f"{s // 60} min"
    return f"{s // 60}:{s % 60:02d}" if s >= 60 else f"{s} s"


HELP = [
    ("1-9", "Take a choice at once (the facilitator decides)"),
    ("+ / = / -", "One vote more or less for the highlighted choice"),
    ("t / Tab", "Go to the tally: ↑ ↓ pick a row, digits type its count"),
    ("Enter", "In the tally: next row, then the Decide button"),
    ("v", "Decide by vote: the majority wins; a tie asks you"),
    ("p / space", "Pause or resume the clock"),
    ("f", "Hide or show the facilitator notes"),
]
