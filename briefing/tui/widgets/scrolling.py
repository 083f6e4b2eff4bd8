"""Scrolling a reading pane from the keyboard whatever has focus (the choices usually do)."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import ScrollableContainer

# priority: the choices list would otherwise take PageUp/PageDown/Home/End for itself
SCROLL_BINDINGS = [
    Binding("pagedown", "scroll_story('page_down')", "Scroll", key_display="PgUp/PgDn", priority=True),
    Binding("pageup", "scroll_story('page_up')", "Scroll up", show=False, priority=True),
    Binding("home", "scroll_story('home')", "Scroll to the top", show=False, priority=True),
    Binding("end", "scroll_story('end')", "Scroll to the end", show=False, priority=True),
    Binding("j", "scroll_story('down')", "Scroll down a line", show=False),
    Binding("k", "scroll_story('up')", "Scroll up a line", show=False),
]

_MOVES = {"page_down", "page_up", "home", "end", "down", "up"}


def scroll_pane(pane: ScrollableContainer, how: str) -> None:
    """Scroll ``pane`` one of the ways the bindings above name (animated unless motion is reduced)."""
    if how in _MOVES:
        getattr(pane, f"scroll_{how}")(animate=pane.app.animation_level != "none")
