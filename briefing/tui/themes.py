"""The app's colour themes (``--theme``); the names users type are in ``briefing.tui.options.THEMES``."""

from __future__ import annotations

from textual.theme import Theme

from briefing.tui.options import THEMES

HIGH_CONTRAST = THEMES["high-contrast"]
# what the settings screen and the palette call each theme a player can choose
THEME_NAMES = {"default": "Newsroom (dark)", "projector": "Projector (light, bold)"}

BRIEFING_THEMES = [
    Theme(
        name="briefing",
        primary="#5fa8d3",
        secondary="#7f9bb3",
        accent="#e0b050",
        warning="#e0b050",
        error="#e06c60",
        success="#7fbf7f",
        foreground="#d8dee4",
        background="#0f1419",
        surface="#161c23",
        panel="#1f2933",
        dark=True,
    ),
    Theme(
        name="briefing-high-contrast",
        primary="#ffff00",
        secondary="#00ffff",
        accent="#00ffff",
        warning="#ffff00",
        error="#ff5555",
        success="#55ff55",
        foreground="#ffffff",
        background="#000000",
        surface="#000000",
        panel="#1a1a1a",
        dark=True,
        text_alpha=1.0,
    ),
    Theme(
        name="briefing-projector",
        primary="#003f88",
        secondary="#334155",
        accent="#9a4a00",
        warning="#9a4a00",
        error="#b00020",
        success="#1b6e20",
        foreground="#000000",
        background="#ffffff",
        surface="#f3f3f3",
        panel="#e4e4e4",
        dark=False,
        text_alpha=1.0,
    ),
]


def known_theme(name: str) -> bool:
    if name in THEMES:
        return True
    from textual.theme import BUILTIN_THEMES

    return name in BUILTIN_THEMES
