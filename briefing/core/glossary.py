"""The scenario's glossary: which of its people, organisations, places and terms a text names.

A glossary entry is named where its ``term`` or one of its ``also`` names appears as whole words
(letters and digits on neither side), ignoring case. Every interface lists a scene's names through
:func:`named_in` or :func:`scene_names`, so all of them agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefing.core.model import GlossaryEntry, Scenario

_cache: dict[int, tuple[tuple[tuple[str, ...], ...], re.Pattern[str] | None, dict[str, str]]] = {}


def _matcher(scenario: Scenario) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern for every name of the glossary (longest first) and name (folded) -> entry id."""
    glossary = scenario.glossary
    key = tuple((e.id, e.term, *e.also) for e in glossary.values())
    cached = _cache.get(id(glossary))
    if cached is not None and cached[0] == key:
        return cached[1], cached[2]
    owner: dict[str, str] = {}
    for entry in glossary.values():
        for name in (entry.term, *entry.also):
            folded = name.strip().casefold()
            if folded and folded not in owner:
                owner[folded] = entry.id
    names = sorted(owner, key=len, reverse=True)
    pattern = (
        re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
        if names
        else None
    )
    if len(_cache) > 64:
        _cache.clear()
    _cache[id(glossary)] = (key, pattern, owner)
    return pattern, owner


def named_in(scenario: Scenario, texts: Iterable[str]) -> list[GlossaryEntry]:
    """The glossary entries the texts name, in the order first named."""
    pattern, owner = _matcher(scenario)
    if pattern is None:
        return []
    found: dict[str, None] = {}
    for text in texts:
        for m in pattern.finditer(text):
            found.setdefault(owner[m.group(0).casefold()], None)
    return [scenario.glossary[gid] for gid in found]


def scene_names(
    scenario: Scenario, passages: Iterable[str], choices: Iterable[str] = ()
) -> list[GlossaryEntry]:
    """The entries a scene names as shown: its passages (as rendered) and the text of its choices."""
    return named_in(scenario, [*passages, *choices])


def by_kind(scenario: Scenario) -> dict[str, list[GlossaryEntry]]:
    """The whole glossary grouped by kind, in the format's order of kinds, each group sorted by term."""
    from briefing.core.format import GLOSSARY_KINDS

    groups: dict[str, list[GlossaryEntry]] = {kind: [] for kind in GLOSSARY_KINDS}
    for entry in scenario.glossary.values():
        groups.setdefault(entry.kind, []).append(entry)
    return {k: sorted(v, key=lambda e: e.term.casefold()) for k, v in groups.items() if v}
