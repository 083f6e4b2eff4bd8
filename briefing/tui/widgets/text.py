"""Text widgets that never parse author text as markup, and how values are shown."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static


def markdown(text: str, classes: str = "") -> Widget:
    """A Markdown widget whose links do nothing (nothing in a scene file can run an action)."""
    from textual.widgets import Markdown

    return Markdown(text, open_links=False, classes=("md " + classes).strip())


def plain(text: str, classes: str = "", id: str | None = None) -> Static:
    """A line of text shown as it is (never markup)."""
    return Static(Text(text), classes=classes, id=id, markup=False)


def shown_value(value: object) -> str:
    """A variable's value as the player reads it: yes/no for booleans."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def first_line(text: str) -> str:
    """The first line of ``text``, cut to 90 characters."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 90 else line[:87] + "..."
