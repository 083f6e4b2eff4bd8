"""Plain-text play: for any terminal, a pipe or a screen reader. Numbered choices, a prompt, no colour."""

from __future__ import annotations

import os
import select
import shutil
import sys
import textwrap
import time
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Final, Literal, TextIO, TypeAlias

from briefing.core.asking import Prompt
from briefing.core.debrief import KeyDecision, weigh_notes
from briefing.core.engine import Game, GameError, Option, Rollback, Step, not_on_offer
from briefing.core.glossary import by_kind, scene_names
from briefing.core.model import Scenario
from briefing.core.safe_text import clean
from briefing.core.scoring import inconsistency
from briefing.core.yardstick import band
from briefing.plain.scorecard_text import scorecard_lines
from briefing.plain.text import BULLET, fill, inline, plain_text, wrap_lines

# what plain play calls after every decision (autosave, session log) and at an ending
OnStep: TypeAlias = Callable[[Game, Step, list[Option]], None]
OnEnd: TypeAlias = Callable[[Game], None]
OnAnswer: TypeAlias = Callable[[Game, Prompt, str], None]  # after each judgement (autosave, session log)
OnRollback: TypeAlias = Callable[[Game, Rollback], None]  # after each undo (autosave, session log)
PIPED_WIDTH = 80  # the width plain play wraps to when the output is not a terminal


def reflow(markdown: str, width: int) -> str:
    """Markdown as clean plain text wrapped to ``width`` (kept for callers; see :mod:`briefing.plain.text`)."""
    return plain_text(markdown, width)


# the commands at every prompt, as ``?`` lists them; (keys, what it does, only where)
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("1, 2, ...", "take that choice, or give that answer", ""),
    ("u", "undo your last decision or judgement", ""),
    ("d", "the dossier: every fact you have", ""),
    ("h", "history: the scenes and your decisions (r N rereads scene N)", ""),
    ("r", "reread this scene", ""),
    ("g", "the glossary: people, organisations, places and terms", "glossary"),
    ("p", "the primer: grading scales, probability words, weighing", "judgements"),
    ("?", "this list", ""),
    ("q", "stop (your game is autosaved)", ""),
)
HELP_LINE = "? for commands"


class PlainPlayer:
    """Runs a game on text streams. ``on_step`` is called after every decision (autosave, session log),
    ``on_answer`` after every judgement and ``on_rollback`` after every undo."""

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
        on_rollback: OnRollback | None = None,
    ):
        self.game = game
        self.on_answer = on_answer  # after each judgement (autosave)
        self.on_rollback = on_rollback
        self.inp = stdin
        # Workshop timer: with a scene that declares a timeout, no answer in ``timer`` seconds takes it.
        self.timer = timer if timer and timer > 0 else None
        self.reader = _TimedLines.open(stdin) if self.timer else None
        self.out = stdout
        self.on_step = on_step
        self.on_end = on_end
        tty = _isatty(stdout)
        if width is None:
            width = shutil.get_terminal_size((PIPED_WIDTH, 24)).columns - 1 if tty else PIPED_WIDTH
        self.width = max(30, width)
        self.bold = tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        self.undone = False  # set by an undo at a prompt: the scene is shown again
        # input that is not typed at a terminal is echoed, so a transcript shows what was answered
        self.echo = not _isatty(stdin)

    def got(self, line: str) -> str:
        """A line read at a prompt, echoed (cleaned, cut short) when the input is not a terminal."""
        if self.echo and line:
            typed = clean(line.strip())
            self.out.write((typed if len(typed) <= 30 else typed[:29] + "…") + "\n")
        return line

    def say(self, text: str = "") -> None:
        """Write ``text``, every line wrapped to the width (a long line continues at its own indent)."""
        self.out.write(wrap_lines(text, self.width) + "\n")

    def heading(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if self.bold else text

    def show_intro(self) -> None:
        s = self.game.scenario
        self.say(self.heading(s.title))
        if s.subtitle:
            self.say(inline(s.subtitle))
        if s.intro:
            self.say()
            self.say(plain_text(s.intro, self.width))
        self.say()

    def show_scene(self) -> None:
        """The current scene as it was shown on entering it (the game's transcript keeps it)."""
        game = self.game
        last = game.transcript[-1] if game.transcript else None
        if last is not None and last.scene == game.scene_id:
            self.show_shown(last.scene, last.passages, last.new_facts, last.resolved)
        else:  # a game saved before transcripts were kept
            self.show_shown(game.scene_id, game.passages(), game.last_new_facts, game.last_resolved)

    def show_shown(
        self,
        scene_id: str,
        passages: list[str] | tuple[str, ...],
        new_facts: Sequence[str],
        resolved: Sequence[str],
    ) -> None:
        """A scene as shown on entering it: the dateline, title, text, new facts and resolved estimates."""
        game = self.game
        scene = game.scenario.scenes[scene_id]
        self.say("-" * min(self.width, 60))
        if scene.dateline:
            self.say(inline(scene.dateline))
        self.say(self.heading(inline(scene.title)))
        self.say()
        self.say(plain_text("\n\n".join(passages), self.width))
        if new_facts:
            self.say()
            for fid in new_facts:
                fact = game.scenario.facts.get(fid)
                if fact is not None:
                    label = fact.title or _first_line(fact.text)
                    self.say(
                        fill(
                            inline(f"New in your dossier ({fact.kind_label}): {label}"), self.width, "", "  "
                        )
                    )
        for eid in resolved:
            record = game.judged.estimates.get(eid)
            task = game.scenario.instruments.estimates.get(eid)
            if record is None or task is None:
                continue
            self.say()
            b = band(game.scenario.instruments.yardstick, record.band)
            said = b.label.lower() if b else f"{round(record.p * 100)}%"
            outcome = "It happened." if record.outcome else "It did not happen."
            self.say(
                fill(
                    inline(f"Your estimate resolves: {task.question} You said {said}. {outcome}"), self.width
                )
            )
        names = scene_names(game.scenario, passages, [c.text for c in scene.choices])
        if names:
            self.say()
            self.say(
                fill(
                    "Named here: " + ", ".join(e.term for e in names) + " (g: the glossary)",
                    self.width,
                    "",
                    "  ",
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
            self.show_fact(subject)
            self.say()
        if prompt.kind == "lead":  # as the TUI: the player's own matrix before naming the lead
            self.show_matrix_so_far()
        self.say(fill(inline(prompt.question), self.width))
        for n, a in enumerate(prompt.answers, 1):
            text = a.text.removeprefix(f"{a.value}: ") if a.value == str(n) else a.text
            self.say(fill(inline(" ".join(text.split())), self.width, f"  {n}. ", " " * (len(str(n)) + 4)))

    def show_matrix_so_far(self) -> None:
        """Each hypothesis with the evidence the player has rated against it (the least is the likeliest)."""
        hypotheses = self.game.scenario.instruments.hypotheses
        against = inconsistency(self.game.judged.ratings, [h.id for h in hypotheses])
        least = min(against.values(), default=0)
        self.say("Your matrix so far: the evidence against each explanation (the least is the likeliest)")
        width = max((len(h.title) for h in hypotheses), default=0)
        for h in hypotheses:
            n = against.get(h.id, 0)
            self.say(f"  {inline(h.title):<{width}}  {n} against" + ("  (least)" if n == least else ""))
        self.say()

    def show_fact(self, fid: str) -> None:
        f = self.game.scenario.facts[fid]
        text = " ".join(inline(f.text).split())
        self.say(
            fill(
                f"[{f.kind_label}] {inline(f.title) + ': ' if f.title else ''}{text}", self.width, "", "    "
            )
        )
        self.say(fill(f"Source: {inline(f.source)}", self.width, "    ", "      "))

    def command(self, answer: str) -> bool:
        """Run a command typed at a prompt (not a choice or an answer); False when it is none."""
        parts = answer.split()
        word = parts[0] if parts else ""
        if word in ("d", "dossier"):
            self.show_dossier()
        elif word in ("h", "history"):
            self.show_history()
        elif word in ("g", "glossary"):
            self.show_glossary()
        elif word in ("p", "primer"):
            self.show_primer()
        elif word in ("?", "help"):
            self.show_commands()
        elif word in ("r", "reread"):
            self.reread(parts[1] if len(parts) > 1 else "")
        elif word in ("u", "undo"):
            self.undo()
        else:
            return False
        return True

    def show_commands(self) -> None:
        game = self.game
        self.say(self.heading("Commands"))
        for keys, what, where in COMMANDS:
            if where == "glossary" and not game.scenario.glossary:
                continue
            if where == "judgements" and not game.rules.asks:
                continue
            self.say(fill(what, self.width, f"  {keys:10} ", " " * 13))

    def undo(self) -> None:
        """Take back the last decision or judgement; the scene is shown again."""
        game = self.game
        if not game.can_undo:
            self.say(
                "There is nothing to undo." if not game.history else "You cannot undo further back here."
            )
            return
        last = game.inputs[-1][0]
        rollback = game.undo()
        self.say(f"Undone: your last {'judgement' if last == 'answer' else 'decision'}.")
        self.undone = True
        if self.on_rollback:
            self.on_rollback(game, rollback)

    def reread(self, which: str) -> None:
        """Show scene number ``which`` of the history (default: this one) as it was shown then."""
        game = self.game
        if not which:
            self.show_scene()
            return
        if not which.isdigit() or not 1 <= int(which) <= len(game.transcript):
            self.say(f"There is no scene {which}; type h for the scenes you have read.")
            return
        shown = game.transcript[int(which) - 1]
        self.show_shown(shown.scene, shown.passages, shown.new_facts, shown.resolved)

    def ask_judgement(self, prompt: Prompt) -> str | None:
        """The value of the answer the player picks (by number or by value); None at the end of input."""
        values = [a.value for a in prompt.answers]
        while True:
            self.out.write(f"Your answer (1-{len(values)}; {HELP_LINE}): ")
            self.out.flush()
            line = self.got(self.inp.readline())
            if not line:
                self.say()
                return None
            answer = line.strip()
            low = answer.lower()
            if low in ("q", "quit", "exit"):
                return None
            if answer.isdigit() and 1 <= int(answer) <= len(values):
                return values[int(answer) - 1]
            match = next((v for v in values if v.lower() == low), None)
            if match is not None:
                return match
            if self.command(low):
                if self.undone:
                    return None
                continue
            self.say(f"Please type a number from 1 to {len(values)} ({HELP_LINE}).")

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
        """One entry per choice number: its text (wrapped under itself), and why when it is locked."""
        for o in options:
            text = " ".join(inline(o.text).split())
            if not o.enabled:
                reason = " ".join(inline(o.locked).split())
                text += f" (not available: {reason})" if reason else " (not available)"
            lead = f"  {o.number}. "
            self.say(fill(text, self.width, lead, " " * len(lead)))

    def show_dossier(self) -> None:
        game = self.game
        if not game.dossier:
            self.say("Your dossier is empty.")
            return
        n = len(game.dossier)
        self.say(self.heading(f"Dossier ({n} {'entry' if n == 1 else 'entries'})"))
        for fid in game.dossier:
            self.show_fact(fid)

    def show_glossary(self) -> None:
        game = self.game
        groups = by_kind(game.scenario)
        if not groups:
            self.say("This scenario has no glossary.")
            return
        from briefing.core.format import GLOSSARY_KINDS

        self.say(self.heading("Glossary"))
        for kind, entries in groups.items():
            self.say(self.heading(GLOSSARY_KINDS.get(kind, kind)))
            for e in entries:
                text = " ".join(plain_text(e.text, self.width).split())
                self.say(fill(f"{inline(e.term)}: {text}", self.width, "  ", "    "))
                if e.source:
                    self.say(fill(f"Source: {inline(e.source)}", self.width, "    ", "      "))

    def show_history(self) -> None:
        """The scenes read (numbered, to reread with r N), each with the decision taken there."""
        game = self.game
        self.say(self.heading("Your scenes and decisions"))
        titles = {sid: inline(s.title) for sid, s in game.scenario.scenes.items()}
        history, transcript = game.history, game.transcript
        for n, shown in enumerate(transcript, 1):
            self.say(
                fill(titles.get(shown.scene, shown.scene), self.width, f"{n}. ", " " * (len(str(n)) + 2))
            )
            # the decision taken in this scene: each decision entered the next scene of the transcript
            taken = len(history) - (len(transcript) - n)
            if n < len(transcript) and 0 <= taken < len(history):
                self.say(fill(f"you chose: {inline(history[taken].text)}", self.width, "     ", "       "))
        if not game.history:
            self.say("No decisions yet.")
        if game.rollbacks:
            k = len(game.rollbacks)
            self.say(f"You rolled back {k} time{'s' if k != 1 else ''}.")
        self.say("(Type r and a number to reread a scene.)")

    def show_ending(self) -> None:
        from briefing.core.debrief import debrief_of

        debrief = debrief_of(self.game)
        self.say("=" * min(self.width, 60))
        heading = "The end"
        game = self.game
        s = game.scenario
        if debrief.grade:
            heading += f" (grade {inline(debrief.grade)})"
        self.say(self.heading(heading + (f": {inline(debrief.summary)}" if debrief.summary else "")))
        self.say()
        self.say(debrief.counts)
        if game.rollbacks:
            k = len(game.rollbacks)
            self.say(f"Rollbacks: {k} (decisions or judgements taken back).")
        if debrief.key_decisions:
            self.say()
            self.say(self.heading("Debrief: your key decisions"))
            for kd in debrief.key_decisions:
                self.say(fill(inline(f"{kd.key}: you chose “{kd.chosen}”"), self.width, f"{BULLET} ", "  "))
                if kd.taken_note:
                    self.say(textwrap.indent(plain_text(kd.taken_note, self.width - 2), "  "))
                self.show_roads(kd)
                if kd.scene_extra:
                    self.say(textwrap.indent(plain_text(kd.scene_extra, self.width - 2), "  "))
        card_lines = scorecard_lines(game.scorecard(), s, game.judged, self.width, weigh_notes(game))
        if card_lines:
            self.say()
            self.say("\n".join(card_lines))
        if debrief.scenario_debrief:
            self.say()
            self.say(plain_text(debrief.scenario_debrief, self.width))
        if debrief.aftermath:
            self.say()
            self.say(self.heading("What happened next"))
            self.say(plain_text(debrief.aftermath, self.width))

    def show_roads(self, kd: KeyDecision) -> None:
        """The roads not taken at a key decision: every other option, the author's note, the model answer."""
        others = [r for r in kd.roads if not r.taken]
        if not others:
            return
        self.say("  The roads not taken:")
        for road in others:
            mark = " (the model answer)" if road.model else ""
            self.say(fill(inline(road.text) + mark, self.width, f"  {BULLET} ", "    "))
            if road.note:
                self.say(textwrap.indent(plain_text(road.note, self.width - 4), "    "))
        if kd.took_model:
            self.say("  You took the model answer.")

    def readline(self, deadline: float | None) -> str | None:
        """A line of input; None when ``deadline`` (a monotonic time) passes first."""
        if self.reader is not None:
            return self.reader.readline(deadline)
        return self.inp.readline()

    def ask(self, options: list[Option]) -> int | _TimedOut | None:
        """A number from the player; None at the end of input, on 'q' or after an undo (``undone``);
        TIMED_OUT when the timer ran out."""
        numbers = [o.number for o in options if o.enabled]
        lo, hi = min(numbers), max(numbers)
        deadline = None
        timer = self.timer
        if self.reader is not None and timer is not None and self.game.scene.timeout is not None:
            deadline = time.monotonic() + timer
            self.say(f"(Timer: {_seconds(timer)} to decide.)")
        while True:
            span = f"{lo}" if lo == hi else f"{lo}-{hi}"
            self.out.write(f"Your choice ({span}; {HELP_LINE}): ")
            self.out.flush()
            line = self.readline(deadline)
            if line is not None:
                self.got(line)
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
            if answer.isdigit() and int(answer) in numbers:
                return int(answer)
            if self.command(answer):
                if self.undone:
                    return None
                continue
            if answer.isdigit():
                self.say(not_on_offer(int(answer), options))
            else:
                self.say(f"Please type one of: {', '.join(map(str, numbers))} ({HELP_LINE}).")

    def run(self, intro: bool = True) -> int:
        game = self.game
        if intro and not game.history:
            self.show_intro()
        shown = None
        while True:
            if self.undone or shown != (game.scene_id, len(game.history)):
                self.undone = False
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
                if self.undone:
                    continue
                if value is None:
                    self.say("Stopped. Your game was autosaved after your last decision.")
                    return 0
                try:
                    self.say(f"Noted: {inline(game.answer(value))}")
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
            if self.undone:
                continue
            if number is None:
                self.say("Stopped. Your game was autosaved after your last decision.")
                return 0
            if number is TIMED_OUT:
                step = game.timeout(seconds=time.monotonic() - started)
                if step is None:  # cannot happen: ask() only times out where the scene declares a timeout
                    continue
                if step.decision.choice:
                    self.say(f"The clock decided: {inline(step.decision.text)}")
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


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


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
    on_rollback: OnRollback | None = None,
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

    def rolled_back(g: Game, rollback: Rollback) -> None:
        save(g)  # the autosave follows the game taken back
        if on_rollback:
            on_rollback(g, rollback)

    player = PlainPlayer(
        game, stdin or sys.stdin, out, step, end, timer=timer, on_answer=answered, on_rollback=rolled_back
    )
    return player.run()
