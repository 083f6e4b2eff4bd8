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

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Digits, Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing.tui.screens import BaseModal, PlayScreen, plain

MAX_VOTES = 9999


class Tally(Widget, can_focus=True):
    """Vote counts for the choices on offer; one row per enabled choice."""

    BINDINGS = [
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("down", "move(1)", "Next", show=False),
        Binding("0", "digit(0)", "Votes", key_display="0-9"),
        *[Binding(str(n), f"digit({n})", "Type votes", show=False) for n in range(1, 10)],
        Binding("backspace", "backspace", "Delete digit", show=False),
        Binding("delete", "clear", "Clear", show=False),
        Binding("enter", "next_row", "Next"),
        Binding("escape", "leave", "Choices"),
    ]

    DEFAULT_CSS = """
    Tally { height: auto; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[tuple[int, str]] = []  # (choice number, text)
        self.counts: dict[int, int] = {}
        self.cursor = 0
        self.fresh = True  # the next digit replaces the count instead of appending to it

    # --- the model
    def reset(self, rows: list[tuple[int, str]]) -> None:
        self.rows = list(rows)
        self.counts = {n: 0 for n, _ in rows}
        self.cursor = 0
        self.fresh = True
        self.refresh(layout=True)

    @property
    def selected(self) -> int | None:
        return self.rows[self.cursor][0] if self.rows else None

    def select(self, number: int) -> bool:
        for i, (n, _) in enumerate(self.rows):
            if n == number:
                if i != self.cursor:
                    self.cursor = i
                    self.fresh = True
                    self.refresh()
                return True
        return False

    def set_count(self, number: int, count: int) -> None:
        if number in self.counts:
            self.counts[number] = max(0, min(MAX_VOTES, int(count)))
            self.refresh()

    def add(self, delta: int) -> None:
        n = self.selected
        if n is not None:
            self.set_count(n, self.counts[n] + delta)
            self.fresh = True

    def tally(self) -> dict[int, int]:
        return dict(self.counts)

    # --- keys
    def action_move(self, delta: int) -> None:
        if self.rows:
            self.cursor = (self.cursor + delta) % len(self.rows)
            self.fresh = True
            self.refresh()
            self._sync_choices()

    def action_digit(self, digit: int) -> None:
        n = self.selected
        if n is None:
            return
        value = digit if self.fresh else self.counts[n] * 10 + digit
        self.fresh = False
        if value <= MAX_VOTES:
            self.set_count(n, value)
        else:
            self.app.bell()

    def action_backspace(self) -> None:
        n = self.selected
        if n is not None:
            self.fresh = False
            self.set_count(n, self.counts[n] // 10)

    def action_clear(self) -> None:
        n = self.selected
        if n is not None:
            self.set_count(n, 0)
            self.fresh = True

    def action_next_row(self) -> None:
        if self.rows and self.cursor < len(self.rows) - 1:
            self.action_move(1)
        else:
            self.screen.set_focus(self.screen.query_one("#decide", Button))

    def action_leave(self) -> None:
        self.screen.set_focus(self.screen.query_one("#choices", OptionList))

    def _sync_choices(self) -> None:
        n = self.selected
        choices = self.screen.query_one("#choices", OptionList)
        for i in range(choices.option_count):
            if choices.get_option_at_index(i).id == str(n):
                choices.highlighted = i
                break

    def on_focus(self) -> None:
        self.fresh = True
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event) -> None:
        row = event.y
        if 0 <= row < len(self.rows):
            self.cursor = row
            self.fresh = True
            self.screen.set_focus(self)
            self._sync_choices()
            self.refresh()

    # --- drawing
    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.rows)) + 1

    def render(self) -> Text:
        width = max(12, self.size.width)
        out = Text(no_wrap=True, overflow="ellipsis")
        if not self.rows:
            out.append("No choice to vote on.", style="italic")
            return out
        total = sum(self.counts.values())
        top = max(self.counts.values(), default=0)
        for i, (n, text) in enumerate(self.rows):
            count = self.counts.get(n, 0)
            mine = i == self.cursor
            mark = "▸" if mine else " "
            number = f"{count:>4}"
            room = max(3, width - len(number) - 6)
            label = text if len(text) <= room else text[: room - 1] + "…"
            line = Text(f"{mark}{n}. ")
            line.append(label.ljust(room))
            line.append(" " + number[: len(number) - len(str(count))])
            line.append(str(count), style="bold" + (" underline" if top and count == top else ""))
            if mine:
                line.stylize("reverse" if self.has_focus else "bold")
            out.append_text(line)
            out.append("\n")
        out.append(f"Total {total}", style="italic")
        return out


class ClockPanel(Vertical):
    """The decision clock in large digits, and what state it is in."""

    def compose(self) -> ComposeResult:
        yield Digits("00:00", id="clock-digits")
        yield plain("", id="clock-status")


class TieScreen(BaseModal):
    """A tie: the facilitator picks which of the tied choices the room takes (Escape: vote again)."""

    BINDINGS = [
        Binding("1", "pick(1)", "Pick", key_display="1-9"),
        *[Binding(str(n), f"pick({n})", "Pick", show=False) for n in range(2, 10)],
        Binding("escape", "dismiss_screen", "Back to the vote"),
    ]

    def __init__(self, tied: list[int], counts: dict[int, int]) -> None:
        super().__init__()
        self.tied = list(tied)
        self.counts = dict(counts)

    def compose(self) -> ComposeResult:
        game = self.app.game
        texts = {o.number: o.text for o in game.options()}
        votes = self.counts[self.tied[0]]
        items = []
        for n in self.tied:
            label = Text(f"{n}. ")
            label.append(texts.get(n, ""))
            items.append(Option(label, id=str(n)))
        with Vertical(classes="dialog", id="tie"):
            yield plain(
                f"A tie: {len(self.tied)} choices have {votes} vote{'s' if votes != 1 else ''} each. "
                "Which does the room take?",
                classes="dialog-title",
            )
            yield OptionList(*items, id="tied")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#tied").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id))

    def action_pick(self, n: int) -> None:
        if n in self.tied:
            self.dismiss(n)
        else:
            self.app.bell()

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)


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

    _status = None  # the clock's status line as last drawn

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
        game = self.app.game
        tally = self.query_one(Tally)
        tally.reset([(o.number, o.text) for o in game.options() if o.enabled])
        notes = (game.scene.notes or "").strip()
        self.query_one("#notes-text", Static).update(
            Text(notes) if notes else Text("No notes for this scene.", style="italic")
        )
        self.query_one("#notes", VerticalScroll).scroll_home(animate=False)
        self._show_notes()
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

    def show_standing(self, game) -> None:
        bits = [f"{label}: {_value(value)}" for _, label, value in game.standing()]
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
        if clock.total is None:
            status = "taken so far" + (" · paused (p resumes)" if clock.paused else " · p pauses")
        elif clock.expired:
            status = "time is up" + (
                "" if self.app.game.scene.timeout else ": no default here, the room decides"
            )
        elif clock.paused:
            status = "paused (p resumes)"
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

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "decide":
            event.stop()
            self.action_vote()

    def action_vote(self) -> None:
        self.app.decide_by_vote(self.query_one(Tally).tally())

    def action_tally(self) -> None:
        self.set_focus(self.query_one(Tally))  # at once: digits typed right after t go to the tally

    def action_add_vote(self, delta: int) -> None:
        self.query_one(Tally).add(delta)

    def action_notes(self) -> None:
        self.app.notes_hidden = not self.app.notes_hidden
        self._show_notes()


def _value(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


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
