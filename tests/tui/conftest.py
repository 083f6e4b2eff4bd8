"""Shared set-up for the terminal player's tests: a private data folder for every test, and helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import no_debounce

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
MARKUP = Path(__file__).resolve().parent / "fixtures" / "markup"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(d))
    monkeypatch.delenv("NO_COLOR", raising=False)
    no_debounce(tmp_path / "config", monkeypatch)
    return d


def load(folder) -> object:
    from briefing.core.loader import load_scenario

    scenario, diags = load_scenario(str(folder))
    assert scenario is not None and not diags.errors, [d.format() for d in diags.errors]
    return scenario


@pytest.fixture
def mini():
    return load(MINI)


@pytest.fixture
def markup():
    return load(MARKUP)


def screen_text(app) -> str:
    """What is on the screen now, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def make_app(**options):
    """A fully wired app, built as the launcher builds it (``AppOptions`` fields as keywords)."""
    from briefing.tui.app import build_app
    from briefing.tui.options import AppOptions

    if "scenarios" in options:
        options["scenarios"] = tuple(Path(p) for p in options["scenarios"])
    if "folder" in options:
        options["folder"] = Path(options["folder"])
    return build_app(AppOptions(**options))


class FakeTime:
    """A clock's time source that moves only when a test moves it (``advance``)."""

    def __init__(self, t: float = 1000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def pilot_runner(keys, check=None, ran=None, size=(100, 30)):
    """A ``runner`` for ``run_tui``/``child_main``: a Pilot session pressing ``keys`` instead of a terminal.
    A callable among the keys is called with the pilot at its turn (awaited, and must be true, when it is
    a coroutine); ``run.ran`` lists the apps that ran."""
    import asyncio
    import inspect

    ran = [] if ran is None else ran

    def run(app):
        async def go():
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                for key in keys:
                    if callable(key):
                        done = key(pilot)
                        if inspect.isawaitable(done):
                            assert await done
                        await pilot.pause()
                        continue
                    await pilot.press(key)
                    await pilot.pause()
                if check:
                    check(app)

        ran.append(app)
        asyncio.run(go())

    run.ran = ran
    return run


async def until(pilot, predicate, seconds: float = 30.0) -> bool:
    """Let the app run until ``predicate()`` holds (its own timers fire); False after ``seconds``, a bound
    far above any wait a passing test needs (nothing here measures time)."""
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        await pilot.pause(0.05)
        if predicate():
            return True
    return False


def launch_args(**kw):
    """The arguments ``briefing play`` hands the launcher, as argparse makes them (``kw`` overrides)."""
    import argparse

    base = dict(
        scenario=str(MINI),
        plain=False,
        load=None,
        resume=False,
        watch=False,
        theme=None,
        workshop=False,
        timer=None,
        log=None,
        team=None,
    )
    base.update(kw)
    return argparse.Namespace(**base)
