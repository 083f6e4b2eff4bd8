"""The command palette's providers: the game's commands in the game's order (Textual's own provider sorts
them by name and adds commands a player has no use for), and the game's themes."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from briefing.tui.themes import THEME_NAMES

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp


def _app(provider: Provider) -> BriefingApp:
    from briefing.tui.app import BriefingApp

    app = provider.app
    assert isinstance(app, BriefingApp)
    return app


class GameCommands(Provider):
    """``BriefingApp.get_system_commands``, offered in the order it gives them (the game's first)."""

    async def discover(self) -> Hits:
        for command in _app(self).get_system_commands(self.screen):
            if command.discover:
                yield DiscoveryHit(
                    Text(command.title), command.callback, text=command.title, help=command.help
                )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in _app(self).get_system_commands(self.screen):
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    command.callback,
                    text=command.title,
                    help=command.help,
                )


class ThemeCommands(Provider):
    """The palette's theme list: the game's own themes, by the names the settings screen uses."""

    def _commands(self) -> list[tuple[str, partial[None]]]:
        app = _app(self)
        out = [
            (name, partial(app.change_settings, theme=key, high_contrast=False))
            for key, name in THEME_NAMES.items()
        ]
        out.append(("High contrast", partial(app.change_settings, high_contrast=True)))
        return out

    async def discover(self) -> Hits:
        for name, command in self._commands():
            yield DiscoveryHit(Text(name), command, text=name)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name)
