"""``briefing pack``: the facilitator's pack, one self-contained printable page, by the installed command."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.workshop.helpers import CHROMIUM, CHROMIUM_FLAGS, MINI, run_briefing


def pack(tmp_path, *args):
    return run_briefing(tmp_path, "pack", *args)


def test_the_pack_holds_what_a_facilitator_needs(tmp_path):
    out = tmp_path / "pack.html"
    r = pack(tmp_path, MINI, "-o", out)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and r.stderr.strip() == f"Pack written to {out}"
    page = out.read_text(encoding="utf-8")
    # the situation manual: role, dates, rules, endings
    assert "Facilitator&#x27;s pack: Mini: a test scenario" in page
    assert (
        "From Sunday 2 January 2022, 09:40, Zhanaozen to Monday 3 January 2022, 08:00, the ministry." in page
    )
    assert "tradecraft is graded, not agreement" in page and "A good briefing" in page
    # each scene's notes and what its timeout means
    assert "Ask the room: what would you need to know?" in page
    assert "When time runs out, the clock takes choice 2: \u201cWait for more\u201d." in page
    assert "No timeout: when time is up the scene waits for the room." in page
    # the debrief questions, the handouts, the feedback form
    assert "Grading a report early matters." in page and "Early and honest." in page
    assert "Usually reliable" in page and "Improbable" in page and "Likely or probable" in page
    assert "Participant feedback" in page and page.count("\u2610") == 25
    # one self-contained page: no script, nothing fetched, links only within the page
    assert not re.search(r"<script|<link|<img|<iframe|\bsrc=|\bhref=(?!\"#)|@import|url\(", page, re.I)
    assert 'href="#handout-grades"' in page and 'id="handout-grades"' in page
    assert "@page { size: A4" in page and "break-before: page" in page


def test_the_pack_lists_the_cuts(tmp_path):
    r = pack(tmp_path, MINI.parent / "desk")
    assert r.returncode == 0, r.stderr
    assert "Shorter cuts of the scenario" in r.stdout and "<code>second-half</code>" in r.stdout
    assert "From the landing (10 minutes)" in r.stdout


def test_pack_to_stdout_and_usage_errors(tmp_path):
    r = pack(tmp_path, MINI)
    assert r.returncode == 0 and r.stdout.startswith("<!DOCTYPE html>")
    r = pack(tmp_path, tmp_path / "nope")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = pack(tmp_path, MINI, "-o", tmp_path)
    assert r.returncode == 2 and "is a folder" in r.stderr


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no /usr/bin/chromium")
def test_the_pack_prints_to_pdf_in_headless_chromium(tmp_path):
    out = tmp_path / "pack.html"
    assert pack(tmp_path, "-o", out).returncode == 0  # the shipped scenario
    pdf = tmp_path / "pack.pdf"
    subprocess.run(
        [
            CHROMIUM,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            out.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert data.startswith(b"%PDF") and pages >= 5  # manual, scenes, debrief, two handouts, the form
    assert re.search(rb"/MediaBox \[0 0 59[45][.0-9]* 84[12]", data)  # A4 portrait: 595 x 842 points
