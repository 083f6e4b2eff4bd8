"""The machine play protocol: ``briefing play --json`` over standard input and output.

Every line written is one JSON object with a ``"type"``; the contract is in docs/play-protocol.md.
When the game waits it writes a ``prompt`` listing every answer it accepts now; the client sends one
answer's ``value`` on a line. A line that is not an accepted answer gets an ``error`` and the same
prompt again; end of input exits 0; an ending writes ``ending`` with the scores and exits 0.
The game is the engine's, asked and answered through the same calls as the TUI and plain play.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from briefing.core.asking import Prompt
from briefing.core.engine import Game, GameError

PROTOCOL_VERSION = 1


def _write(out: TextIO, obj: dict[str, Any]) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()


def scene_event(game: Game, new_facts: list[str]) -> dict[str, Any]:
    scene = game.scene
    facts = []
    for fid in new_facts:
        f = game.scenario.facts[fid]
        facts.append(
            {
                "id": f.id,
                "kind": f.kind,
                "label": f.kind_label,
                "title": f.title,
                "text": f.text,
                "source": f.source,
            }
        )
    return {
        "type": "scene",
        "id": scene.id,
        "title": scene.title,
        "dateline": scene.dateline,
        "act": scene.act,
        "text": game.passages(),
        "new_facts": facts,
    }


def prompt_event(game: Game) -> dict[str, Any]:
    """The prompt the game waits on now: a judgement, or the scene's choices."""
    judgement: Prompt | None = game.judgement()
    if judgement is not None:
        return {
            "type": "prompt",
            "kind": judgement.kind,
            "task": judgement.task,
            "part": judgement.part,
            "question": judgement.question,
            "answers": [{"value": a.value, "text": a.text} for a in judgement.answers],
        }
    options = game.options()
    return {
        "type": "prompt",
        "kind": "choice",
        "question": "What do you do?",
        "answers": [{"value": str(o.number), "text": o.text} for o in options if o.enabled],
        "locked": [{"number": o.number, "text": o.text} for o in options if not o.enabled],
    }


def ending_event(game: Game) -> dict[str, Any]:
    scene = game.scene
    card = game.scorecard()
    scores = card.as_dict()
    grade = card.letter if game.scenario.format >= 2 else (scene.ending.grade if scene.ending else "")
    return {
        "type": "ending",
        "id": scene.id,
        "title": scene.title,
        "summary": scene.ending.summary if scene.ending else "",
        "grade": grade,
        "scores": scores,
        "feedback": [{"pattern": f.pattern, "text": f.text, "technique": f.technique} for f in card.feedback],
    }


def resolved_events(game: Game) -> list[dict[str, Any]]:
    out = []
    for eid in game.last_resolved:
        rec = game.judged.estimates[eid]
        task = game.scenario.instruments.estimates[eid]
        out.append(
            {
                "type": "resolved",
                "id": eid,
                "question": task.question,
                "band": rec.band,
                "p": rec.p,
                "outcome": rec.outcome,
            }
        )
    return out


def play_machine(game: Game, inp: TextIO, out: TextIO) -> int:
    """Play ``game`` over JSON lines; the exit status (0 at an ending or at the end of input)."""
    scenario = game.scenario
    _write(
        out,
        {
            "type": "start",
            "protocol": PROTOCOL_VERSION,
            "scenario": scenario.id,
            "title": scenario.title,
            "format": scenario.format,
            "yardstick": scenario.instruments.yardstick,
            "hypotheses": [{"id": h.id, "title": h.title} for h in scenario.instruments.hypotheses],
        },
    )
    _write(out, scene_event(game, list(game.dossier)))
    for event in resolved_events(game):
        _write(out, event)
    while True:
        if game.ended:
            _write(out, ending_event(game))
            return 0
        if game.stuck:
            _write(out, {"type": "stuck", "scene": game.scene_id, "message": "no choice can be taken here"})
            return 1
        prompt = prompt_event(game)
        _write(out, prompt)
        line = inp.readline()
        if not line:
            return 0
        value = line.strip()
        accepted = {a["value"].lower(): a["value"] for a in prompt["answers"]}
        if value.lower() not in accepted:
            _write(
                out,
                {"type": "error", "message": f"not an answer here: {value[:80]!r}; send one answer's value"},
            )
            continue
        try:
            if prompt["kind"] == "choice":
                step = game.choose(int(accepted[value.lower()]))
                _write(out, {"type": "chosen", "value": accepted[value.lower()], "text": step.decision.text})
                _write(out, scene_event(game, step.new_facts))
                for event in resolved_events(game):
                    _write(out, event)
            else:
                text = game.answer(value)
                _write(
                    out,
                    {
                        "type": "answered",
                        "kind": prompt["kind"],
                        "value": accepted[value.lower()],
                        "text": text,
                    },
                )
        except GameError as exc:
            _write(out, {"type": "error", "message": str(exc)})
