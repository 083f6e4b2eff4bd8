"""Lint rules: warnings about a scenario that loads, each with a stable code (see docs/diagnostics.md).

Codes (all warnings):

- B301 a scene no path from the start reaches
- B302 an ending no path from the start reaches
- B303 a variable that nothing reads
- B304 a variable that never changes
- B305 a fact that is never revealed
- B306 a choice whose condition can never hold
- B307 a choice that leads back to its own scene and changes nothing
- B308 a scene (not an ending) without a dateline
- B309 a scene whose text is longer than MAX_SCENE_WORDS words
- B310 a passage whose condition can never hold
- B311 an effect that doubles a value (``s = s + s``, ``n += n``) on a choice or scene that can repeat
"""

from __future__ import annotations

from collections.abc import Callable

from briefing.authoring.analysis import Decider, Values, doubles, possible_values, reachable, usage
from briefing.core.diagnostics import Diagnostics
from briefing.core.expr import MAX_INT, MAX_TEXT, STR, Condition, Effect, Value
from briefing.core.gcpause import collector_paused
from briefing.core.model import Located, Scenario

MAX_SCENE_WORDS = 400

CODES = {
    "B301": "scene cannot be reached",
    "B302": "ending cannot be reached",
    "B303": "variable is never read",
    "B304": "variable never changes",
    "B305": "fact is never revealed",
    "B306": "choice condition can never hold",
    "B307": "choice loops back to its scene and changes nothing",
    "B308": "scene has no dateline",
    "B309": "scene text is too long",
    "B310": "passage condition can never hold",
    "B311": "effect doubles a value in a loop",
}


def _words(text: str) -> int:
    return len(text.split())


def lint(scenario: Scenario, diags: Diagnostics) -> None:
    """Add every lint warning about ``scenario`` to ``diags``."""
    with collector_paused():  # as the loader: many small objects, none of them garbage until the end
        _lint(scenario, diags)


def _lint(scenario: Scenario, diags: Diagnostics) -> None:
    use = usage(scenario)
    values = possible_values(scenario, use)
    seen_any = reachable(scenario)
    decider = Decider(scenario, values, use, seen_any)

    dead: set[tuple[str, int]] = set()  # choices whose condition can never hold
    for scene in scenario.scenes.values():
        for n, choice in enumerate(scene.choices, 1):
            if choice.condition is not None and decider.can_hold(choice.condition) is False:
                dead.add((scene.id, n))
    seen = reachable(scenario, lambda sid, n: (sid, n) not in dead) if dead else seen_any

    for scene in scenario.scenes.values():
        at = scene.at
        what = "ending" if scene.is_ending else "scene"
        code = "B302" if scene.is_ending else "B301"
        if scene.id not in seen_any:
            diags.warning(
                at.path,
                at.mark,
                code,
                f"{what} '{scene.id}' cannot be reached from the start scene '{scenario.start}'",
                "add a choice that leads to it, or remove it",
            )
        elif scene.id not in seen:
            diags.warning(
                at.path,
                at.mark,
                code,
                f"{what} '{scene.id}' can only be reached through choices whose condition can never hold",
                "see the B306 warnings",
            )
        if not scene.is_ending and not scene.dateline.strip():
            diags.warning(
                at.path,
                at.mark,
                "B308",
                f"scene '{scene.id}' has no dateline",
                'add e.g. dateline: "Monday 3 January 2022, 10:00, Almaty"',
            )
        words = _words(scene.text)
        if words > MAX_SCENE_WORDS:
            diags.warning(
                at.path,
                at.mark,
                "B309",
                f"the text of scene '{scene.id}' is {words} words long; keep it to {MAX_SCENE_WORDS}",
                "split it into two scenes or move detail into facts",
            )
        for p in scene.passages:
            if p.condition is not None and decider.can_hold(p.condition) is False:
                diags.warning(
                    at.path,
                    at.mark,
                    "B310",
                    f"a passage of scene '{scene.id}' has a condition that can never hold: "
                    f"'{p.condition.source}'",
                )
        for n, choice in enumerate(scene.choices, 1):
            cat = choice.at
            if (scene.id, n) in dead:
                diags.warning(
                    cat.path,
                    cat.mark,
                    "B306",
                    f"choice {n} of scene '{scene.id}' can never be taken: "
                    f"'{choice.condition.source if choice.condition else ''}' never holds",
                    _why(choice.condition, values),
                )
            if choice.goto == scene.id and not choice.effects and not choice.reveals and not scene.effects:
                diags.warning(
                    cat.path,
                    cat.mark,
                    "B307",
                    f"choice {n} of scene '{scene.id}' leads back to the same scene and changes nothing",
                    "give it an effect or a reveal, or send it elsewhere",
                )

    _doubling(scenario, diags, lambda sid, n: (sid, n) not in dead)

    for name in scenario.state:
        loc = scenario.state_marks.get(name) or scenario.at
        if use.reads.get(name, 0) == 0 and name not in scenario.standing:
            diags.warning(
                loc.path,
                loc.mark,
                "B303",
                f"variable '{name}' is never read",
                "use it in a condition, show it under 'standing:', or remove it",
            )
        if not use.writes.get(name):
            diags.warning(
                loc.path,
                loc.mark,
                "B304",
                f"variable '{name}' never changes from its initial value {_show(scenario.state[name])}",
                "change it with an effect such as 'do: [\"" + _example(name, scenario.state[name]) + "\"]'",
            )

    for fact in scenario.facts.values():
        if fact.id not in use.revealed_facts:
            diags.warning(
                fact.at.path,
                fact.at.mark,
                "B305",
                f"fact '{fact.id}' is never revealed",
                "list it under 'reveals:' of a scene or choice, or remove it",
            )


def _show(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value + '"'
    return str(value)


def _example(name: str, value: Value) -> str:
    if isinstance(value, bool):
        return f"{name} = {'false' if value else 'true'}"
    if isinstance(value, int):
        return f"{name} += 1"
    return f"{name} = 'other'"


def _why(condition: Condition | None, values: dict[str, Values]) -> str:
    if condition is None:
        return ""
    parts = []
    for v in sorted(condition.variables):
        vals = values.get(v)
        if vals is None:
            continue
        if vals.finite is not None:
            shown = ", ".join(_show(x) for x in sorted(vals.finite, key=lambda x: (str(type(x)), x)))
            parts.append(f"'{v}' is only ever {shown}")
        elif vals.lo != float("-inf") and vals.hi != float("inf"):
            parts.append(f"'{v}' stays between {int(vals.lo)} and {int(vals.hi)}")
        elif vals.lo != float("-inf"):
            parts.append(f"'{v}' is never below {int(vals.lo)}")
        elif vals.hi != float("inf"):
            parts.append(f"'{v}' is never above {int(vals.hi)}")
    return "; ".join(parts)


def _doubling(scenario: Scenario, diags: Diagnostics, live: Callable[[str, int], bool]) -> None:
    """B311: an effect that at least doubles its variable, where it can apply again and again."""
    ahead: dict[str, set[str]] = {}  # scene id -> the scenes reachable from it

    def returns(from_id: str, to_id: str) -> bool:
        if from_id not in ahead:
            ahead[from_id] = reachable(scenario, live, start=from_id)
        return to_id in ahead[from_id]

    def warn(at: Located, effect: Effect, what: str) -> None:
        limit = f"{MAX_TEXT:,} characters" if effect.type == STR else f"{MAX_INT:,}"
        diags.warning(
            at.path,
            at.mark,
            "B311",
            f"{what} doubles '{effect.target}' with '{effect.source}' and can repeat, "
            f"so '{effect.target}' grows without bound",
            f"play stops with an error once it passes {limit}; change it by a constant instead",
        )

    for scene in scenario.scenes.values():
        gotos = [c.goto for n, c in enumerate(scene.choices, 1) if live(scene.id, n)]
        if scene.timeout is not None and scene.timeout.goto:
            gotos.append(scene.timeout.goto)
        if any(doubles(e) for e in scene.effects) and any(returns(g, scene.id) for g in gotos):
            for e in filter(doubles, scene.effects):
                warn(scene.at, e, f"scene '{scene.id}'")
        for n, choice in enumerate(scene.choices, 1):
            if (
                any(doubles(e) for e in choice.effects)
                and live(scene.id, n)
                and returns(choice.goto, scene.id)
            ):
                for e in filter(doubles, choice.effects):
                    warn(choice.at, e, f"choice {n} of scene '{scene.id}'")
