"""The game in a browser, for breakout teams: a textual-serve server, one game process per connection.

``BriefingServer`` serves the page; every browser connection (websocket) starts its own process,
``python -m briefing.tui.served SCENARIO_FOLDER [--team NAME] [--theme NAME] [--timer SECONDS]
[--workshop] [--cut NAME]`` (``briefing.tui.served.child_main``), which runs the Textual app with a session
log in the day's session folder, so ``briefing report`` finds every game. The control file's path is
in the environment (``BRIEFING_CONTROL``).

A team can name itself in the address: ``http://host:8000/?team=Red``. The name is cut down to
letters, digits, spaces and ``.-_`` and passed to the game as ``--team``; two names that fold to one
autosave slot are refused (``TeamSlots``).

Who may join (``Access``): every request must name this server in its Host header, and a websocket or a
console request from a browser page must come from this server's own pages (its Origin); beyond
loopback, the page and the websocket need the join code (``?code=`` in the address, ``/ws/join/CODE``
for the websocket); the facilitator console (``/facilitator?key=KEY``, ``briefing.workshop.console``)
needs its own key; at most ``max_games`` games run at once. The facilitator pauses, resumes and sends
messages through the control file (``briefing.workshop.control``) that every game polls.

textual-serve (``pip install 'briefing[serve]'``) is imported only by ``make_server``.
"""

from __future__ import annotations

import html
import ipaddress
import os
import re
import secrets
import shlex
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

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


def child_command(
    scenario_folder: str,
    team: str = "",
    theme: str | None = None,
    timer: int | None = None,
    workshop: bool = False,
    cut: str | None = None,
) -> str:
    """The command line of one game: ``python -m briefing.tui.served FOLDER`` and the options it takes
    (``--team``, ``--theme``, ``--timer SECONDS``, ``--workshop``, ``--cut NAME``; each only when set).
    The control file comes through the environment (``control.CONTROL_ENV``)."""
    argv = [sys.executable, "-m", "briefing.tui.served", str(scenario_folder)]
    if team:
        argv += ["--team", team]
    if theme:
        argv += ["--theme", theme]
    if timer is not None:
        argv += ["--timer", str(int(timer))]
    if workshop:
        argv.append("--workshop")
    if cut:
        argv += ["--cut", cut]
    return shell_join(argv)


# --- who may join

_CODE_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: codes are read aloud and typed


def new_code(length: int = 6) -> str:
    """A join code or a key: ``length`` characters that are hard to misread."""
    return "".join(secrets.choice(_CODE_LETTERS) for _ in range(length))


def same_secret(given: str | None, expected: str | None) -> bool:
    """True when no secret is expected, or ``given`` is it (compared in constant time)."""
    if not expected:
        return True
    return given is not None and secrets.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def _split_host(hostport: str) -> tuple[str, int | None]:
    """``("example.org", 8000)`` from ``"example.org:8000"`` (IPv6 in brackets kept whole)."""
    hostport = hostport.strip().lower()
    if hostport.startswith("["):
        host, _, rest = hostport[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif hostport.count(":") == 1:
        host, port = hostport.split(":")
    else:
        host, port = hostport, ""
    return host.rstrip("."), int(port) if port.isdigit() else None


@dataclass(frozen=True)
class Access:
    """Who may reach a server: the address it listens on, the public address, the join code (None on
    loopback: only this machine can connect) and the facilitator's key."""

    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None
    join_code: str | None = None
    facilitator_key: str = ""
    max_games: int = 40

    def host_allowed(self, hostport: str) -> bool:
        """Whether a request's Host header names this server (a page on another site that resolves its
        own name to this machine, DNS rebinding, is refused)."""
        if not _HOST_OK.match(hostport or ""):
            return False
        host, _ = _split_host(hostport)
        if self.public_url:
            public = _split_host(urlsplit(self.public_url).netloc)[0]
            if host == public:
                return True
        if is_loopback(host):
            return True
        if is_loopback(self.host):
            return False  # listening on loopback: only loopback names reach it
        try:
            ipaddress.ip_address(host)
            return True  # an address typed by hand
        except ValueError:
            pass
        name = socket.gethostname().lower()
        return host in {name, name + ".local", self.host.lower(), socket.getfqdn().lower()}

    def origin_allowed(self, origin: str | None, hostport: str) -> bool:
        """Whether a websocket or a console request comes from this server's own pages: its Origin names
        the host it was sent to (or the public address). No Origin: not a browser page, allowed."""
        if origin is None:
            return True
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return False
        if parts.netloc.lower() == (hostport or "").lower():
            return True
        return bool(self.public_url) and origin.rstrip("/").lower() == _origin_of(self.public_url or "")


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class TeamSlots:
    """The team names of one server run by their autosave slot: two names that fold to one slot
    ("Team One", "team-one") would share a save, so the second is refused."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def claim(self, team: str) -> str | None:
        """None when ``team`` may play (its slot is free or already its own); else why not."""
        slot = team_slot(team)
        if slot is None:
            return None
        held = self.names.setdefault(slot, team)
        if held != team:
            return (
                f"The team name '{team}' is too close to '{held}', which is already playing: "
                "choose another name (add ?team=NAME to the address)."
            )
        return None


# --- the server


@dataclass(frozen=True)
class GameOptions:
    """What every game of a server plays with: ``--theme``, ``--timer``, ``--workshop``, ``--cut``."""

    theme: str | None = None
    timer: int | None = None
    workshop: bool = False
    cut: str | None = None


_TEMPLATE = "briefing_index.html"
_LOCAL_FONT = (
    "<style>@font-face { font-family: 'Roboto Mono'; "
    "src: url('{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf') format('truetype'); }"
    "</style>"
)
_REMOTE_STYLESHEET = re.compile(r"<link[^>]*href=\"https?://[^\"]*\"[^>]*>", re.S)


def offline_template(text: str) -> str:
    """textual-serve's page with nothing loaded from the internet: its web font comes from the server."""
    return _REMOTE_STYLESHEET.sub(_LOCAL_FONT, text)


def _page(title: str, message: str, status: int) -> Any:
    from aiohttp import web

    body = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<title>{html.escape(title)}</title></head><body style="font: 16px system-ui, sans-serif; '
        f'margin: 2rem"><h1>{html.escape(title)}</h1><p>{html.escape(message)}</p></body></html>'
    )
    return web.Response(text=body, status=status, content_type="text/html")


def make_server(
    scenario: Scenario,
    host: str = "127.0.0.1",
    port: int = 8000,
    public_url: str | None = None,
    theme: str | None = None,
    game: GameOptions | None = None,
    access: Access | None = None,
) -> Any:
    """A textual-serve Server for ``scenario`` (raises ImportError when textual-serve is missing)."""
    import asyncio
    import copy
    import json
    from datetime import datetime

    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server, to_int

    from briefing.workshop.console import CONSOLE_PAGE, live_state
    from briefing.workshop.control import CONTROL_ENV, control_path, next_control, read_control, write_control
    from briefing.workshop.sessionlog import session_folder

    folder = str(Path(scenario.root).resolve()) if scenario.root else scenario.id
    plays: GameOptions = game or GameOptions(theme=theme)
    allowed: Access = access or Access(host, port, public_url, None, new_code(12))
    logs = session_folder()
    control_file = control_path(logs, port)

    def command(team: str = "") -> str:
        return child_command(folder, team, plays.theme, plays.timer, plays.workshop, plays.cut)

    class BriefingServer(Server):
        """textual-serve's Server with a game process per connection that knows its team, a join code, a
        cap on games, a facilitator console, and nothing fetched from the internet."""

        def __init__(self) -> None:
            super().__init__(command(), host=host, port=port, title=scenario.title, public_url=public_url)
            self.fixed_public_url = public_url
            self.access = allowed
            self.teams = TeamSlots()
            self.games = 0  # games running now

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
            template = (self.templates_path / "app_index.html").read_text(encoding="utf-8")
            aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({_TEMPLATE: offline_template(template)}))
            app.router.add_get("/ws/team/{team}", self.handle_websocket, name="team-websocket")
            app.router.add_get("/ws/join/{code}", self.handle_websocket, name="join-websocket")
            app.router.add_get(
                "/ws/join/{code}/team/{team}", self.handle_websocket, name="join-team-websocket"
            )
            app.router.add_get("/facilitator", self.handle_console)
            app.router.add_get("/facilitator/state", self.handle_state)
            app.router.add_post("/facilitator/control", self.handle_control)
            return app

        def addresses(self) -> tuple[str, str]:
            """(the address teams open, the facilitator console's address)."""
            base = self.public_url.rstrip("/")
            code = f"code={self.access.join_code}&" if self.access.join_code else ""
            return f"{base}/?{code}team=NAME", f"{base}/facilitator?key={self.access.facilitator_key}"

        async def on_startup(self, app: Any) -> None:  # a quieter banner than textual-serve's logo
            def say(text: str) -> None:
                self.console.print(text, highlight=False, markup=False, soft_wrap=True)

            os.environ[CONTROL_ENV] = str(control_file)  # every game process inherits it
            team_url, console_url = self.addresses()
            say(f"Serving {scenario.title!r} on {self.public_url}")
            say(f"Session logs go to {logs}")
            if self.access.join_code:
                say(f"Join code: {self.access.join_code}")
            say(f"Teams open: {team_url} (NAME: the team's name)")
            say(f"Facilitator console (keep this address to yourself): {console_url}")
            say(f"At most {self.access.max_games} games at once. Press Ctrl+C to stop.")

        def refused(self, request: Any) -> Any:
            """A response refusing a request from elsewhere (Host or Origin), or None."""
            hostport = request.headers.get("Host", "")
            if not self.access.host_allowed(hostport):
                return _page("Not this server", "This address does not name the workshop's server.", 421)
            if not self.access.origin_allowed(request.headers.get("Origin"), hostport):
                return _page("Refused", "A page on another site cannot open a game here.", 403)
            return None

        async def handle_index(self, request: Any) -> Any:
            refusal = self.refused(request)
            if refusal is not None:
                return refusal
            code = request.query.get("code")
            if not same_secret(code, self.access.join_code):
                return _page(
                    "Join code needed",
                    "Open the address the facilitator gave you: it carries the join code (?code=...).",
                    403,
                )
            if self.games >= self.access.max_games:
                return self.full_page()
            team = clean_team(request.query.get("team", ""))
            clash = self.teams.claim(team) if team else None
            if clash:
                return _page("Choose another team name", clash, 409)
            base = self.base_url(request)
            ws = ("wss:" if base.startswith("https") else "ws:") + base.split(":", 1)[1] + "/ws"
            if self.access.join_code:
                ws += "/join/" + quote(self.access.join_code, safe="")
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
            return aiohttp_jinja2.render_template(_TEMPLATE, request, context)

        def full_page(self) -> Any:
            return _page(
                "The workshop is full",
                f"All {self.access.max_games} games this server runs at once are playing. Ask the "
                "facilitator, or try again when a team has finished.",
                503,
            )

        async def handle_websocket(self, request: Any) -> Any:
            refusal = self.refused(request)
            if refusal is not None:
                return refusal
            if not same_secret(request.match_info.get("code"), self.access.join_code):
                return _page("Join code needed", "This game needs the workshop's join code.", 403)
            if self.games >= self.access.max_games:
                return self.full_page()
            team = clean_team(request.match_info.get("team", ""))
            clash = self.teams.claim(team) if team else None
            if clash:
                return _page("Choose another team name", clash, 409)
            session = copy.copy(self)  # the same server, with this team's command
            session.command = command(team)
            self.games += 1
            try:
                return await Server.handle_websocket(session, request)
            finally:
                self.games -= 1

        # --- the facilitator console
        def facilitator(self, request: Any, header_only: bool = False) -> Any:
            """A refusal unless the request carries the facilitator's key (and comes from this server)."""
            refusal = self.refused(request)
            if refusal is not None:
                return refusal
            key = request.headers.get("X-Facilitator-Key")
            if key is None and not header_only:
                key = request.query.get("key")
            if not same_secret(key or "", self.access.facilitator_key):
                return _page(
                    "Facilitator key needed", "Open the console's address as 'serve' printed it.", 403
                )
            return None

        async def handle_console(self, request: Any) -> Any:
            refusal = self.facilitator(request)
            if refusal is not None:
                return refusal
            return web.Response(
                text=CONSOLE_PAGE,
                content_type="text/html",
                headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY"},
            )

        async def handle_state(self, request: Any) -> Any:
            refusal = self.facilitator(request, header_only=True)
            if refusal is not None:
                return refusal
            paused = read_control(control_file).paused
            state = await asyncio.to_thread(live_state, logs, scenario, datetime.now().astimezone(), paused)
            state["title"] = scenario.title
            state["running"] = self.games
            return web.json_response(state, headers={"Cache-Control": "no-store"})

        async def handle_control(self, request: Any) -> Any:
            refusal = self.facilitator(request, header_only=True)
            if refusal is not None:
                return refusal
            try:
                body = json.loads(await request.text())
            except ValueError:
                body = None
            fields = body if isinstance(body, dict) else {}
            new = next_control(read_control(control_file), fields.get("action"), str(fields.get("text", "")))
            if new is None:
                return web.json_response(
                    {"error": "action: pause, resume or message (with text)"}, status=400
                )
            try:
                write_control(control_file, new)
            except OSError as exc:
                return web.json_response({"error": f"cannot write {control_file}: {exc}"}, status=500)
            return web.json_response(new.to_json())

    return BriefingServer()
