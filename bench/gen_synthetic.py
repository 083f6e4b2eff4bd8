"""Generate a synthetic scenario for benchmarks: by default 10,000 scenes in 100 files (about 8 MB).

Realistic scenes: a title, a dateline, about 100 words of text, a passage, 3 choices with conditions,
effects and reveals; facts of every kind. Every scene is reachable, and the result passes
``briefing check`` with no errors.

    python bench/gen_synthetic.py OUT_DIR [--scenes N] [--files F] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

WORDS = [
    "the",
    "minister",
    "report",
    "protest",
    "fuel",
    "price",
    "gas",
    "square",
    "crowd",
    "police",
    "statement",
    "official",
    "source",
    "rumour",
    "capital",
    "region",
    "governor",
    "night",
    "morning",
    "army",
    "border",
    "troops",
    "alliance",
    "analyst",
    "cable",
    "embassy",
    "press",
    "confidence",
    "assessment",
    "evidence",
    "claim",
    "figure",
    "casualty",
    "airport",
    "city",
    "street",
    "strike",
    "oil",
    "worker",
    "union",
    "internet",
    "shutdown",
    "curfew",
    "state",
    "emergency",
    "president",
    "council",
    "security",
    "service",
    "rival",
    "clan",
    "elite",
    "succession",
    "market",
    "bank",
    "rouble",
    "tenge",
    "currency",
    "bread",
    "queue",
    "village",
    "road",
    "convoy",
    "helicopter",
    "channel",
    "telegram",
    "video",
    "witness",
    "hospital",
    "doctor",
    "judge",
    "prison",
    "amnesty",
    "parliament",
    "decree",
    "envoy",
    "summit",
    "treaty",
] + [
    "a",
    "of",
    "to",
    "in",
    "and",
    "on",
    "at",
    "by",
    "is",
    "was",
    "it",
    "he",
    "she",
    "we",
    "they",
    "his",
    "her",
    "as",
    "for",
    "not",
    "but",
    "or",
    "so",
    "no",
] * 3
KINDS = ("fact", "official-claim", "unofficial-figure", "argument", "counterpoint", "context", "hindsight")
INT_VARS = [f"score{i}" for i in range(8)]
BOOL_VARS = [f"flag{i}" for i in range(8)]
STR_VARS = [f"mode{i}" for i in range(4)]
MODES = ("open", "revolt", "elite", "foreign")
DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, words: int) -> str:
    out = []
    left = words
    while left > 0:
        n = min(left, rng.randint(8, 16))
        out.append(sentence(rng, n))
        left -= n
    return " ".join(out)


def wrap(text: str, indent: str, width: int = 88) -> str:
    lines, line = [], ""
    for w in text.split():
        if line and len(indent) + len(line) + 1 + len(w) > width:
            lines.append(indent + line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        lines.append(indent + line)
    return "\n".join(lines)


def condition(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return f"{rng.choice(INT_VARS)} >= {rng.randint(0, 4)}"
    if kind < 0.6:
        return f"not {rng.choice(BOOL_VARS)}"
    if kind < 0.8:
        return f'{rng.choice(STR_VARS)} != "{rng.choice(MODES)}"'
    return f"{rng.choice(INT_VARS)} < {rng.randint(2, 9)} or {rng.choice(BOOL_VARS)}"


def effect(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:
        return f"{rng.choice(INT_VARS)} {rng.choice(('+=', '-='))} 1"
    if kind < 0.75:
        return f"{rng.choice(BOOL_VARS)} = {rng.choice(('true', 'false'))}"
    return f'{rng.choice(STR_VARS)} = "{rng.choice(MODES)}"'


def generate(out: Path, scenes: int = 10_000, files: int = 100, seed: int = 1) -> dict:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    endings = max(scenes // 100, 2)
    facts = max(scenes // 10, 1)
    ids = [f"s{i:05d}" for i in range(scenes)]
    fact_ids = [f"f{i:05d}" for i in range(facts)]
    state = [f"  {v}: {rng.randint(0, 3)}" for v in INT_VARS]
    state += [f"  {v}: false" for v in BOOL_VARS]
    state += [f'  {v}: "open"' for v in STR_VARS]
    (out / "scenario.yaml").write_text(
        "id: synthetic\n"
        f'title: "A synthetic scenario of {scenes:,} scenes"\n'
        f"start: {ids[0]}\n"
        "state:\n" + "\n".join(state) + "\n"
        "standing:\n"
        + "".join(f'  {v}: "Score {v[5:]}"\n' for v in INT_VARS[:3])
        + 'intro: "A benchmark."\n',
        encoding="utf-8",
    )
    per_file = -(-scenes // files)
    facts_per_file = -(-facts // files)
    first_ending = scenes - endings
    total = 0
    for f in range(files):
        chunk = range(f * per_file, min((f + 1) * per_file, scenes))
        if not len(chunk):
            break
        parts = [f'act: "Act {f // 10 + 1}"', "scenes:"]
        for i in chunk:
            sid = ids[i]
            day = DAYS[(i // 50) % 7]
            parts.append(f"  - id: {sid}")
            parts.append(f'    title: "{sentence(rng, rng.randint(3, 6))[:-1]}"')
            parts.append(
                f'    dateline: "{day} {i // 400 + 1} January 2022, {i % 24:02d}:{(i * 7) % 60:02d}, Almaty"'
            )
            parts.append("    text: |")
            parts.append(wrap(paragraph(rng, 100), "      "))
            if rng.random() < 0.3:
                parts.append("    passages:")
                parts.append(f"      - if: '{condition(rng)}'")
                parts.append(f'        text: "{sentence(rng, 12)}"')
            if rng.random() < 0.6:
                parts.append(f"    reveals: [{rng.choice(fact_ids)}]")
            if i >= first_ending:
                parts.append("    ending:")
                parts.append(f'      grade: "{"ABCD"[i % 4]}"')
                parts.append(f'      summary: "{sentence(rng, 5)}"')
                continue
            parts.append("    choices:")
            for c in range(3):
                if c == 0:
                    goto = ids[i + 1]
                elif c == 2 and i >= first_ending - endings:
                    goto = ids[first_ending + (i - (first_ending - endings))]
                else:
                    goto = (
                        ids[min(scenes - 1, i + rng.randint(1, 40))]
                        if rng.random() < 0.9
                        else ids[rng.randint(0, i)]
                    )
                parts.append(f'      - text: "{sentence(rng, rng.randint(4, 8))}"')
                parts.append(f"        goto: {goto}")
                if c > 0:
                    parts.append(f"        if: '{condition(rng)}'")
                parts.append(
                    f"        do: ['{effect(rng)}'" + (f", '{effect(rng)}']" if rng.random() < 0.5 else "]")
                )
                if rng.random() < 0.2:
                    parts.append(f"        reveals: [{rng.choice(fact_ids)}]")
                if rng.random() < 0.1:
                    parts.append(f'        debrief: "{sentence(rng, 10)}"')
        chunk_facts = fact_ids[f * facts_per_file : (f + 1) * facts_per_file]
        if chunk_facts:
            parts.append("facts:")
            for fid in chunk_facts:
                parts.append(f"  - id: {fid}")
                parts.append(f"    kind: {rng.choice(KINDS)}")
                parts.append(f'    title: "{sentence(rng, 4)[:-1]}"')
                parts.append(f'    text: "{sentence(rng, 20)}"')
                parts.append(f'    source: "Synthetic source {rng.randint(1, 99)}"')
        text = "\n".join(parts) + "\n"
        total += len(text.encode())
        (out / f"part{f:03d}.yaml").write_text(text, encoding="utf-8")
    return {"scenes": scenes, "files": files + 1, "bytes": total}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", help="the folder to write (created)")
    p.add_argument("--scenes", type=int, default=10_000)
    p.add_argument("--files", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    info = generate(Path(a.out), a.scenes, a.files, a.seed)
    print(
        f"wrote {info['scenes']:,} scenes in {info['files']} files, {info['bytes'] / 1e6:.1f} MB, to {a.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
