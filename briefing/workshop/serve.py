"""The game in a browser, for breakout teams: a textual-serve server, one game process per connection.

``BriefingServer`` serves the page; every browser connection (websocket) starts its own process,
``python -m briefing.tui.served SCENARIO_FOLDER [--team NAME]`` (``briefing.tui.served.child_main``), which runs the
Textual app with a session log in the day's session folder, so ``briefing report`` finds every game.

A team can name itself in the address: ``http://host:8000/?team=Red``. The name is cut down to
letters, digits, spaces and ``.-_`` and passed to the game as ``--team``.

textual-serve (``pip install 'briefing[serve]'``) is imported only by ``make_server``.
"""

from __future__ import annotations

import html
import ipaddress
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from briefing.core.model import Scenario

MAX_TEAM = 40
_TEAM_JUNK = re.compile(r"[^\w .\-]", re.UNICODE)
_HOST_OK = re.compile(r"^[A-Za-z0-9.\-:\[\]]{1,255}$")


def clean_team(name: str) -> str:
    """A team name safe to show and to pass on: word characters, spaces, '.', '-'; at most 40."""
    name = _TEAM_JUNK.sub("", name or "")
    return " ".join(name.split())[:MAX_TEAM].strip()


def team_slot(team: str) -> str | None:
    """The autosave slot of a team in served games (None without a team: no autosave)."""
    slug = re.sub(r"[^\w\-]+", "-", team or "", flags=re.UNICODE).strip("-_").lower()
    return f"team-{slug}" if slug else None


def is_loopback(host: str) -> bool:
    """True when ``host`` only listens on this machine."""
    if host in ("localhost", "localhost.localdomain", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def shell_join(argv: list[str]) -> str:
    """A command line for the shell textual-serve starts each game in."""
    if os.name == "nt":
        return subprocess.list2cmdline(argv)
    return shlex.join(argv)


def child_command(scenario_folder: str, team: str = "", theme: str | None = None) -> str:
    argv = [sys.executable, "-m", "briefing.tui.served", str(scenario_folder)]
    if team:
        argv += ["--team", team]
    if theme:
        argv += ["--theme", theme]
    return shell_join(argv)


def make_server(
    scenario: Scenario,
    host: str = "127.0.0.1",
    port: int = 8000,
    public_url: str | None = None,
    theme: str | None = None,
) -> Any:
    """A textual-serve Server for ``scenario`` (raises ImportError when textual-serve is missing)."""
    import copy

    import aiohttp_jinja2
    from textual_serve.server import Server, to_int

    folder = str(Path(scenario.root).resolve()) if scenario.root else scenario.id

    class BriefingServer(Server):
        """textual-serve's Server with a game process per connection that knows its team."""

        def __init__(self) -> None:
            super().__init__(
                child_command(folder, theme=theme),
                host=host,
                port=port,
                title=scenario.title,
                public_url=public_url,
            )
            self.fixed_public_url = public_url

        def base_url(self, request: Any) -> str:
            """The address the browser used (so a server on 0.0.0.0 works from other machines)."""
            if self.fixed_public_url:
                return self.fixed_public_url.rstrip("/")
            hostport = request.host or ""
            if not _HOST_OK.match(hostport):
                return self.public_url
            scheme = "https" if request.scheme == "https" else "http"
            return f"{scheme}://{hostport}"

        async def _make_app(self) -> Any:
            app = await super()._make_app()
            app.router.add_get("/ws/team/{team}", self.handle_websocket, name="team-websocket")
            return app

        async def on_startup(self, app: Any) -> None:  # a quieter banner than textual-serve's logo
            from briefing.workshop.sessionlog import session_folder

            self.console.print(
                f"Serving {scenario.title!r} on {self.public_url}", highlight=False, markup=False
            )
            self.console.print(f"Session logs go to {session_folder()}", highlight=False, markup=False)
            self.console.print(
                "Teams can name themselves: add ?team=NAME to the address. Press Ctrl+C to stop.",
                highlight=False,
                markup=False,
            )

        async def handle_index(self, request: Any) -> Any:
            team = clean_team(request.query.get("team", ""))
            base = self.base_url(request)
            ws = ("wss:" if base.startswith("https") else "ws:") + base.split(":", 1)[1] + "/ws"
            if team:
                ws += "/team/" + quote(team, safe="")
            context = {
                "font_size": to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": html.escape(ws),
                "config": {"static": {"url": html.escape(base + "/static/")}},
                "application": {
                    "name": html.escape(scenario.title + (f" \u2014 team {team}" if team else ""))
                },
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def handle_websocket(self, request: Any) -> Any:
            team = clean_team(request.match_info.get("team", ""))
            if not team:
                return await Server.handle_websocket(self, request)
            session = copy.copy(self)  # the same server, with this team's command
            session.command = child_command(folder, team, theme)
            return await Server.handle_websocket(session, request)

    return BriefingServer()
