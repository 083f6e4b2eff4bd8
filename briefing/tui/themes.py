"""The app's colour themes (``--theme``); the names users type are in ``briefing.tui.options.THEMES``."""

from __future__ import annotations

from typing import Any

from textual.theme import Theme

from briefing.tui.options import THEMES

HIGH_CONTRAST = THEMES["high-contrast"]
# what the settings screen and the palette call each theme a player can choose
THEME_NAMES = {"default": "Newsroom (dark)", "projector": "Projector (light, bold)"}

# One row a theme: its name, then the colour of each of Textual's theme slots, then whether it is dark
# and the opacity of its text (1.0: every letter at full strength, for projectors and low vision).
_PALETTES = """
name                    primary secondary accent  warning error   success foreground background surface panel   dark text
briefing                #5fa8d3 #7f9bb3   #e0b050 #e0b050 #e06c60 #7fbf7f #d8dee4    #0f1419    #161c23 #1f2933 yes  0.95
briefing-high-contrast  #ffff00 #00ffff   #00ffff #ffff00 #ff5555 #55ff55 #ffffff    #000000    #000000 #1a1a1a yes  1.0
briefing-projector      #003f88 #334155   #9a4a00 #9a4a00 #b00020 #1b6e20 #000000    #ffffff    #f3f3f3 #e4e4e4 no   1.0
"""


def _themes(table: str) -> list[Theme]:
    header, *rows = table.strip().splitlines()
    slots = header.split()[1:-2]
    out = []
    for row in rows:
        name, *cells = row.split()
        colours, (dark, alpha) = cells[: len(slots)], cells[len(slots) :]
        slot_colours: dict[str, Any] = dict(zip(slots, colours))  # Theme's keywords, each a colour
        out.append(Theme(name, dark=dark == "yes", text_alpha=float(alpha), **slot_colours))
    return out


BRIEFING_THEMES = _themes(_PALETTES)


def known_theme(name: str) -> bool:
    if name in THEMES:
        return True
    from textual.theme import BUILTIN_THEMES

    return name in BUILTIN_THEMES
