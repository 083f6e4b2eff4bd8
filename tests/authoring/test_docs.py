"""Every diagnostic code the program can print has a section in docs/diagnostics.md."""

from __future__ import annotations

import re

from .helpers import ROOT


def codes_in_source() -> set[str]:
    out = set()
    for p in (ROOT / "briefing").rglob("*.py"):
        out |= set(re.findall(r"\bB[0-4]\d\d\b", p.read_text(encoding="utf-8")))
    return out


def test_every_code_documented():
    doc = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    sections = set(re.findall(r"^### (B\d{3}) ", doc, flags=re.M))
    missing = codes_in_source() - sections
    assert not missing, f"codes without a section in docs/diagnostics.md: {sorted(missing)}"
    assert {"B001", "B110", "B204", "B301", "B310", "B401", "B402"} <= sections


def test_authoring_guide_links():
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    for needle in (
        "scene-format.md",
        "diagnostics.md",
        "briefing new scenario",
        "briefing check",
        "briefing graph",
        "briefing randomtest",
        "--watch",
        "briefing check --strict",
        "-n 1000",
    ):
        assert needle in guide, needle
