"""Plain-text play: for any terminal, a pipe or a screen reader. Numbered choices, a prompt, no colour."""

from __future__ import annotations

import os
import re
import select
import shutil
import sys
import textwrap
import time
from collections.abc import Callable
from enum import Enum
from typing import Final, Literal, TextIO, TypeAlias

from briefing.core.asking import Prompt
from briefing.core.engine import Game, GameError, Option, Step
from briefing.core.model import Scenario
from briefing.core.yardstick import band
from briefing.plain.scorecard_text import scorecard_lines

# what plain play calls after every decision (autosave, session log) and at an ending
OnStep: TypeAlias = Callable[[Game, Step, list[Option]], None]
OnEnd: TypeAlias = Callable[[Game], None]
OnAnswer: TypeAlias = Callable[[Game, Prompt, str], None]  # after each judgement (autosave, session log)

_LIST_ITEM = re.compile(r"\s*([-*+]|\d+[.)])\s+")


def reflow(markdown: str, width: int) -> str:
    """Wrap Markdown paragraphs to ``width`` for a plain terminal, keeping paragraphs and list items."""
    out = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        lines = block.splitlines()
        if any(_LIST_ITEM.match(ln) for ln in lines) or block.startswith(("    ", ">", "#", "|")):
            items: list[str] = []
            for ln in lines:
                if _LIST_ITEM.match(ln) or not items:
                    items.append(ln.strip())
                else:
                    items[-1] += " " + ln.strip()
            for item in items:
                m = _LIST_ITEM.match(item)
                indent = " " * (len(m.group(0)) if m else 0)
                out.append(textwrap.fill(item, width, subsequent_indent=indent))
        else:
            out.append(textwrap.fill(" ".join(ln.strip() for ln in lines), width))
    return "\n\n".join(out)


class PlainPlayer:
    """Runs a game on text streams. ``on_step`` is called after every decision (autosave, session log)."""

    def __init__(
        self,
        game: Game,
        stdin: TextIO,
        stdout: TextIO,
        on_step: OnStep | None = None,
        on_end: OnEnd | None = None,
        width: int | None = None,
        timer: float | None = None,
        on_answer: OnAnswer | None = None,
    ):
        self.game = game
        self.on_answer = on_answer  # after each judgement (autosave)
        self.inp = stdin
        # Workshop timer: with a scene that declares a timeout, no answer in ``timer`` seconds takes it.
        self.timer = timer if timer and timer > 0 else None
        self.reader = _TimedLines.open(stdin) if self.timer else None
        self.out = stdout
        self.on_step = on_step
        self.on_end = on_end
        cols = width or shutil.get_terminal_size((80, 24)).columns
        self.width = max(30, min(cols, 100) - 2)
        self.bold = stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def heading(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if self.bold else text

    def show_intro(self) -> None:
        s = self.game.scenario
        self.say(self.heading(s.title))
        if s.subtitle:
            self.say(s.subtitle)
        if s.intro:
            self.say()
            self.say(reflow(s.intro, self.width))
        self.say()

    def show_scene(self) -> None:
        game = self.game
        scene = game.scene
        self.say("-" * min(self.width, 60))
        if scene.dateline:
            self.say(scene.dateline)
        self.say(self.heading(scene.title))
        self.say()
        self.say(reflow("\n\n".join(game.passages()), self.width))
        if game.last_new_facts:
            self.say()
            for fid in game.last_new_facts:
                fact = game.scenario.facts[fid]
                self.say(f"New in your dossier ({fact.kind_label}): {fact.title or _first_line(fact.text)}")
        for eid in game.last_resolved:
            record = game.judged.estimates[eid]
            task = game.scenario.instruments.estimates[eid]
            self.say()
            b = band(game.scenario.instruments.yardstick, record.band)
            said = b.label.lower() if b else f"{round(record.p * 100)}%"
            outcome = "It happened." if record.outcome else "It did not happen."
            self.say(
                textwrap.fill(
                    f"Your estimate resolves: {task.question} You said {said}. {outcome}", self.width
                )
            )
        self.say()

    def show_prompt(self, prompt: Prompt) -> None:
        """A judgement: the report or the evidence it is about, the question, and numbered answers."""
        game = self.game
        facts = game.scenario.facts
        subject = prompt.context.get("report") if prompt.part == "reliability" else None
        if (
            prompt.kind == "weigh"
            and prompt.context.get("hypothesis") == game.scenario.instruments.hypotheses[0].id
        ):
            subject = prompt.context.get("fact")
        if subject and subject in facts:
            f = facts[subject]
            self.say(
                textwrap.fill(f"[{f.kind_label}] {f.title + ': ' if f.title else ''}{f.text}", self.width)
            )
            self.say(textwrap.fill(f"Source: {f.source}", self.width, subsequent_indent="    "))
            self.say()
        self.say(textwrap.fill(prompt.question, self.width))
        for n, a in enumerate(prompt.answers, 1):
            text = a.text.removeprefix(f"{a.value}: ") if a.value == str(n) else a.text
            self.say(textwrap.fill(text, self.width, initial_indent=f"  {n}. ", subsequent_indent="     "))

    def ask_judgement(self, prompt: Prompt) -> str | None:
        """The value of the answer the player picks (by number or by value); None at the end of input."""
        values = [a.value for a in prompt.answers]
        while True:
            self.out.write(f"Your answer (1-{len(values)}; d dossier, ? the scales, q quit): ")
            self.out.flush()
            line = self.inp.readline()
            if not line:
                self.say()
                return None
            answer = line.strip()
            low = answer.lower()
            if low in ("q", "quit", "exit"):
                return None
            if low in ("d", "dossier"):
                self.show_dossier()
                continue
            if low == "?":
                self.show_primer()
                continue
            if answer.isdigit() and 1 <= int(answer) <= len(values):
                return values[int(answer) - 1]
            match = next((v for v in values if v.lower() == low), None)
            if match is not None:
                return match
            self.say(f"Please type a number from 1 to {len(values)}.")

    def show_primer(self) -> None:
        from briefing.core.admiralty import CREDIBILITY, RELIABILITY
        from briefing.core.decisions import ACH_RATINGS
        from briefing.core.yardstick import TITLES, bands

        ys = self.game.scenario.instruments.yardstick
        self.say(self.heading("Grading a report (the Admiralty scale)"))
        self.say("  Source reliability: " + "; ".join(f"{k} {v.lower()}" for k, v in RELIABILITY.items()))
        self.say(
            "  Information credibility: " + "; ".join(f"{k} {v.lower()}" for k, v in CREDIBILITY.items())
        )
        self.say(self.heading(f"Probability words ({TITLES[ys]})"))
        self.say("  " + "; ".join(b.label for b in bands(ys)))
        self.say(self.heading("Weighing hypotheses"))
        self.say("  " + "; ".join(f"{k} {v.lower()}" for k, v in ACH_RATINGS.items()))
        self.say("  The likeliest explanation is the one with the least evidence against it.")

    def show_options(self, options: list[Option]) -> None:
        for o in options:
            prefix = f"{o.number}. " if o.enabled else f"{o.number}. [unavailable] "
            self.say(
                textwrap.fill(
                    o.text,
                    self.width,
                    initial_indent="  " + prefix,
                    subsequent_indent=" " * (len(prefix) + 2),
                )
            )

    def show_dossier(self) -> None:
        game = self.game
        if not game.dossier:
            self.say("Your dossier is empty.")
            return
        n = len(game.dossier)
        self.say(self.heading(f"Dossier ({n} {'entry' if n == 1 else 'entries'})"))
        for fid in game.dossier:
            f = game.scenario.facts[fid]
            self.say(
                textwrap.fill(
                    f"[{f.kind_label}] {f.title + ': ' if f.title else ''}{f.text}",
                    self.width,
                    subsequent_indent="    ",
                )
            )
            self.say(f"    Source: {f.source}")

    def show_history(self) -> None:
        game = self.game
        if not game.history:
            self.say("No decisions yet.")
            return
        self.say(self.heading("Your decisions"))
        for n, d in enumerate(game.history, 1):
            title = game.scenario.scenes[d.scene].title if d.scene in game.scenario.scenes else d.scene
            self.say(textwrap.fill(f"{n}. {title}: {d.text}", self.width, subsequent_indent="   "))

    def show_ending(self) -> None:
        from briefing.core.debrief import debrief_of

        debrief = debrief_of(self.game)
        self.say("=" * min(self.width, 60))
        heading = "The end"
        game = self.game
        s = game.scenario
        letter = game.scorecard().letter if s.format >= 2 else debrief.grade
        if letter:
            heading += f" (grade {letter})"
        self.say(self.heading(heading + (f": {debrief.summary}" if debrief.summary else "")))
        self.say()
        self.say(debrief.counts)
        if debrief.key_decisions:
            self.say()
            self.say(self.heading("Debrief: your key decisions"))
            for kd in debrief.key_decisions:
                self.say(
                    textwrap.fill(f"- {kd.key}: you chose “{kd.chosen}”", self.width, subsequent_indent="  ")
                )
                if kd.note:
                    self.say(textwrap.indent(reflow(kd.note, self.width - 2), "  "))
        card_lines = scorecard_lines(game.scorecard(), s, game.judged, self.width)
        if card_lines:
            self.say()
            self.say("\n".join(card_lines))
        if debrief.scenario_debrief:
            self.say()
            self.say(reflow(debrief.scenario_debrief, self.width))
        if debrief.aftermath:
            self.say()
            self.say(self.heading("What happened next"))
            self.say(reflow(debrief.aftermath, self.width))

    def readline(self, deadline: float | None) -> str | None:
        """A line of input; None when ``deadline`` (a monotonic time) passes first."""
        if self.reader is not None:
            return self.reader.readline(deadline)
        return self.inp.readline()

    def ask(self, options: list[Option]) -> int | _TimedOut | None:
        """A number from the player; None at the end of input or on 'q'; TIMED_OUT when the timer ran out."""
        numbers = [o.number for o in options if o.enabled]
        lo, hi = min(numbers), max(numbers)
        deadline = None
        timer = self.timer
        if self.reader is not None and timer is not None and self.game.scene.timeout is not None:
            deadline = time.monotonic() + timer
            self.say(f"(Timer: {_seconds(timer)} to decide.)")
        while True:
            span = f"{lo}" if lo == hi else f"{lo}-{hi}"
            self.out.write(f"Your choice ({span}; d dossier, h history, q quit): ")
            self.out.flush()
            line = self.readline(deadline)
            if line is None:
                self.say()
                self.say("Time is up.")
                return TIMED_OUT
            if not line:
                self.say()
                return None
            answer = line.strip().lower()
            if answer in ("q", "quit", "exit"):
                return None
            if answer in ("d", "dossier"):
                self.show_dossier()
                continue
            if answer in ("h", "history"):
                self.show_history()
                continue
            if answer.isdigit() and int(answer) in numbers:
                return int(answer)
            locked = [o.number for o in options if not o.enabled]
            if answer.isdigit() and int(answer) in locked:
                self.say(f"Choice {answer} is not available now.")
            else:
                self.say(f"Please type one of: {', '.join(map(str, numbers))}.")

    def run(self, intro: bool = True) -> int:
        game = self.game
        if intro and not game.history:
            self.show_intro()
        shown = None
        while True:
            if shown != (game.scene_id, len(game.history)):
                self.show_scene()
                shown = (game.scene_id, len(game.history))
            if game.ended:
                self.show_ending()
                if self.on_end:
                    self.on_end(game)
                return 0
            prompt = game.judgement()
            if prompt is not None:
                self.show_prompt(prompt)
                value = self.ask_judgement(prompt)
                if value is None:
                    self.say("Stopped. Your game was autosaved after your last decision.")
                    return 0
                try:
                    self.say(f"Noted: {game.answer(value)}")
                except GameError as exc:  # cannot happen: the value is one of the prompt's answers
                    self.say(str(exc))
                self.say()
                if self.on_answer:
                    self.on_answer(game, prompt, value)
                continue
            options = game.options()
            if not any(o.enabled for o in options):
                self.say(
                    "No choice is available here: the scenario is stuck. Please report it to its author."
                )
                return 1
            self.show_options(options)
            started = time.monotonic()
            number = self.ask(options)
            if number is None:
                self.say("Stopped. Your game was autosaved after your last decision.")
                return 0
            if number is TIMED_OUT:
                step = game.timeout(seconds=time.monotonic() - started)
                if step is None:  # cannot happen: ask() only times out where the scene declares a timeout
                    continue
                if step.decision.choice:
                    self.say(f"The clock decided: {step.decision.text}")
                if self.on_step:
                    self.on_step(game, step, options)
                self.say()
                continue
            try:
                step = game.choose(number, seconds=time.monotonic() - started)
            except GameError as exc:  # an effect ran past the limits: the scenario cannot go on
                self.say(f"The scenario cannot go on: {exc}")
                return 1
            if self.on_step:
                self.on_step(game, step, options)
            self.say()


class _Timeout(Enum):
    TIMED_OUT = "timed out"


_TimedOut: TypeAlias = Literal[_Timeout.TIMED_OUT]
TIMED_OUT: Final = _Timeout.TIMED_OUT  # what ask() returns when the workshop timer ran out


def _seconds(n: float) -> str:
    n = int(n)
    return f"{n // 60}:{n % 60:02d} minutes" if n >= 60 else f"{n} second{'s' if n != 1 else ''}"


class _TimedLines:
    """Lines from a file descriptor with a deadline (select(); POSIX terminals, pipes and files).

    Reads the descriptor itself, so nothing is hidden in a text buffer that select() cannot see; the
    stream must not have been read through its own buffer before (plain play reads nothing earlier).
    """

    def __init__(self, fd: int, encoding: str):
        self.fd = fd
        self.encoding = encoding or "utf-8"
        self.buf = b""
        self.eof = False

    @classmethod
    def open(cls, stream: TextIO) -> _TimedLines | None:
        """A reader for ``stream``, or None when it has no descriptor select() can wait on."""
        if os.name == "nt":
            return None
        try:
            fd = stream.fileno()
            select.select([fd], [], [], 0)
        except (AttributeError, OSError, ValueError, TypeError):
            return None
        return cls(fd, getattr(stream, "encoding", "utf-8"))

    def readline(self, deadline: float | None) -> str | None:
        while b"\n" not in self.buf and not self.eof:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                ready, _, _ = select.select([self.fd], [], [], wait)
            except InterruptedError:
                continue
            if not ready:
                return None
            try:
                chunk = os.read(self.fd, 4096)
            except InterruptedError:
                continue
            except OSError:
                chunk = b""
            if chunk:
                self.buf += chunk
            else:
                self.eof = True
        if b"\n" in self.buf:
            line, self.buf = self.buf.split(b"\n", 1)
            line += b"\n"
        else:
            line, self.buf = self.buf, b""
        return line.decode(self.encoding, "replace")


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 90 else line[:87] + "..."


def play_plain(
    scenario: Scenario,
    game: Game | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    autosave: bool = True,
    on_step: OnStep | None = None,
    on_end: OnEnd | None = None,
    timer: float | None = None,
    on_answer: OnAnswer | None = None,
) -> int:
    """Play ``scenario`` (or resume ``game``) on text streams: autosave after every decision (unless
    ``autosave`` is false) and record each ending reached, as the terminal app does."""
    from briefing.core import records, saves

    game = game or Game.new(scenario)
    out = stdout or sys.stdout
    warned: list[str] = []

    def save(g: Game) -> None:
        """Autosave; when the disk is full or read-only, warn once and play on (the last save stays)."""
        if not autosave:
            return
        try:
            saves.autosave(g)
        except OSError as exc:
            if not warned:
                warned.append(str(exc))
                out.write(
                    f"(Cannot autosave: {exc.strerror or exc}. Play goes on; your previous save is kept.)\n"
                )

    def step(g: Game, s: Step, options: list[Option]) -> None:
        save(g)
        if on_step:
            on_step(g, s, options)

    def end(g: Game) -> None:
        records.record_ending(g.scenario.id, g.scene_id)
        if on_end:
            on_end(g)

    def answered(g: Game, prompt: Prompt, value: str) -> None:
        save(g)
        if on_answer:
            on_answer(g, prompt, value)

    player = PlainPlayer(game, stdin or sys.stdin, out, step, end, timer=timer, on_answer=answered)
    return player.run()
