"""``briefing lsp``, driven over stdio with Language Server Protocol messages as an editor sends them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from briefing.authoring.lsp import Slot, slot_at

from .helpers import briefing_cmd

pytest.importorskip("pygls")


class Client:
    """A minimal LSP client: Content-Length framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, cwd: Path):
        self.proc = subprocess.Popen(
            [*briefing_cmd(), "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd
        )
        self.next_id = 0
        self.notifications: list[dict[str, Any]] = []

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def receive(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        length = 0
        while True:
            line = self.proc.stdout.readline()
            assert line, "the server closed its output"
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(self.proc.stdout.read(length))
        return message

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                assert "error" not in message, message
                return message.get("result")
            self.notifications.append(message)

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def diagnostics_for(self, uri: str) -> list[dict[str, Any]]:
        """The next diagnostics published for ``uri`` (reading on until they come)."""
        while True:
            for i, message in enumerate(self.notifications):
                if (
                    message.get("method") == "textDocument/publishDiagnostics"
                    and message["params"]["uri"] == uri
                ):
                    del self.notifications[: i + 1]
                    diagnostics: list[dict[str, Any]] = message["params"]["diagnostics"]
                    return diagnostics
            self.notifications.append(self.receive())

    def close(self) -> int:
        self.request("shutdown", {})
        self.notify("exit", {})
        return self.proc.wait(timeout=30)


def open_with(client: Client, path: Path, text: str) -> str:
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    return uri


def at(text: str, needle: str, offset: int = 0) -> dict[str, int]:
    """The LSP position of ``needle`` (plus ``offset`` characters) in ``text``."""
    before = text[: text.index(needle) + offset]
    return {"line": before.count("\n"), "character": len(before.rsplit("\n", 1)[-1])}


def test_a_misspelt_goto_live_then_completion_definition_and_hover(mini_copy: Path):
    scenes = mini_copy / "scenes.yaml"
    on_disk = scenes.read_text(encoding="utf-8")
    text = on_disk.replace("goto: waited", "goto: waitd")  # typed in the editor, not saved
    client = Client(mini_copy.parent)
    try:
        init = client.request(
            "initialize", {"processId": None, "rootUri": mini_copy.as_uri(), "capabilities": {}}
        )
        caps = init["capabilities"]
        assert caps["completionProvider"] and caps["definitionProvider"] and caps["hoverProvider"]
        client.notify("initialized", {})

        uri = open_with(client, scenes, text)
        diagnostics = client.diagnostics_for(uri)
        assert [(d["code"], d["severity"]) for d in diagnostics] == [("B106", 1)]
        d = diagnostics[0]
        assert "names no scene 'waitd'" in d["message"] and "did you mean 'waited'?" in d["message"]
        assert d["range"]["start"] == at(text, "waitd")
        assert d["range"]["end"] == at(text, "waitd", len("waitd"))
        assert scenes.read_text(encoding="utf-8") == on_disk, "the author's file is never written"

        # completion of the misspelt goto offers the scene ids that start with what is typed
        result = client.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": at(text, "waitd", len("wait"))},
        )
        labels = [item["label"] for item in result["items"]]
        assert labels == ["waited"]
        assert result["items"][0]["textEdit"]["range"]["start"] == at(text, "waitd")

        # the fix typed in: the diagnostics clear
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": on_disk}]},
        )
        assert client.diagnostics_for(uri) == []

        # fact ids after reveals:, variables and functions inside an expression
        result = client.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": at(on_disk, "reveals: [price-doubled]", 10)},
        )
        assert [i["label"] for i in result["items"]] == ["price-doubled", "official-line"]
        result = client.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": at(on_disk, 'if: "trust >= 3"', 5)},
        )
        labels = [i["label"] for i in result["items"]]
        assert {"trust", "warned", "lean", "visited", "revealed", "chose"} <= set(labels)

        # go to definition of a scene id, hover over a fact id and a scene id
        location = client.request(
            "textDocument/definition",
            {"textDocument": {"uri": uri}, "position": at(on_disk, "goto: waited", 7)},
        )
        assert location["uri"] == uri
        assert location["range"]["start"] == at(on_disk, "id: waited")
        hover = client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": at(on_disk, "[price-doubled]", 3)},
        )
        value = hover["contents"]["value"]
        assert "LPG price doubled" in value and "The price of LPG doubled on 1 January." in value
        assert "Test source" in value
        hover = client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": at(on_disk, "goto: briefed", 8)},
        )
        assert "The minister reads it" in hover["contents"]["value"]
        assert "Sunday 2 January 2022, 12:00, the ministry" in hover["contents"]["value"]
    finally:
        assert client.close() == 0


def test_the_start_scene_in_scenario_yaml_is_checked_with_the_unsaved_scenes(mini_copy: Path):
    client = Client(mini_copy.parent)
    try:
        client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        client.notify("initialized", {})
        top = mini_copy / "scenario.yaml"
        text = top.read_text(encoding="utf-8").replace("start: wire", "start: wir")
        uri = open_with(client, top, text)
        diagnostics = client.diagnostics_for(uri)
        assert [d["code"] for d in diagnostics] == ["B106"]
        result = client.request(
            "textDocument/completion", {"textDocument": {"uri": uri}, "position": at(text, "wir", 3)}
        )
        assert [i["label"] for i in result["items"]] == ["wire"]
    finally:
        assert client.close() == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("    goto: sec", Slot("scene", "sec")),
        ("start: ", Slot("scene", "")),
        ("    reveals: [a, b", Slot("fact", "b")),
        ('    if: "trust >= 2 and wa', Slot("expression", "wa")),
        ('    do: ["trust += 1", "war', Slot("expression", "war")),
        ("    if: 'visited(\"sec", Slot("scene", "sec")),
        ("    if: 'revealed(\"pri", Slot("fact", "pri")),
        ("    title: goto", None),
    ],
)
def test_what_is_expected_at_the_cursor(text: str, expected: Slot | None):
    assert slot_at([text], 0, len(text)) == expected


def test_block_lists_take_the_key_above():
    lines = ["    reveals:\n", "      - price-do\n"]
    assert slot_at(lines, 1, len("      - price-do")) == Slot("fact", "price-do")
    lines = ["    choices:\n", "      - text: x\n"]
    assert slot_at(lines, 1, len("      - te")) is None
