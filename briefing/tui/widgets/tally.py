"""The vote tally of the facilitator panel."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

MAX_VOTES = 9999


class Tally(Widget, can_focus=True):
    """Vote counts for the choices on offer; one row per enabled choice.

    It only keeps the counts: it posts ``RowSelected`` when the cursor moves to another choice,
    ``Finished`` on Enter in the last row and ``Left`` on Escape; the screen decides what follows."""

    class RowSelected(Message):
        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    class Finished(Message):
        """Enter in the last row: the counts are in."""

    class Left(Message):
        """Escape: back to the choices."""

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
            self._post_selected()

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
            self.post_message(self.Finished())

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def _post_selected(self) -> None:
        n = self.selected
        if n is not None:
            self.post_message(self.RowSelected(n))

    def on_focus(self) -> None:
        self.fresh = True
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: Click) -> None:
        row = event.y
        if 0 <= row < len(self.rows):
            self.cursor = row
            self.fresh = True
            self.focus()
            self._post_selected()
            self.refresh()

    # --- drawing
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
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
