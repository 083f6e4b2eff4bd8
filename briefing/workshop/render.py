"""The after-action report as Markdown and as HTML: one layout, two thin renderers.

``document(report)`` says once what the report shows and in what order: headings, lines, lists, tables,
bar charts and the scenario's own prose (``Block``s made of styled ``Span``s). ``render_markdown`` and
``render_html`` only know how to write each kind of block; neither knows what a report holds. A new
format is one more renderer of the same blocks.

Everything shown is cleaned of control characters, and escaped for its format: nothing a log or a
scenario holds is ever read as Markdown or HTML markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Literal

from briefing.workshop.events import shown
from briefing.workshop.report import (
    GameRow,
    Report,
    ScenarioReport,
    SceneStats,
    TimeSummary,
    fmt_seconds,
)

PATH_TEAMS_PER_TABLE = 8  # team columns of one team-path table: fits A4 landscape

# --- the layout

# "stat": a number that stands out (bold in HTML); "muted": an aside (grey in HTML); "prose": the
# scenario author's text, kept as written in Markdown
Style = Literal["", "strong", "stat", "muted", "code", "prose"]


@dataclass
class Span:
    text: str
    style: Style = ""
    target: str = ""  # the id of a heading this span links to (the table of contents)


Line = list[Span]


def _line(*parts: str | Span) -> Line:
    return [p if isinstance(p, Span) else Span(p) for p in parts if p]


@dataclass
class Heading:
    level: int
    text: Line
    id: str = ""  # an anchor for the table of contents


@dataclass
class Para:
    text: Line
    style: Literal["", "meta", "note", "muted"] = ""


@dataclass
class Bullets:
    items: list[Line]
    cls: str = ""


@dataclass
class Table:
    head: list[str]
    rows: list[list[list[Line]]]  # row -> cell -> the lines of the cell
    numeric: set[int] = field(default_factory=set)  # the columns of numbers (right-aligned)
    cls: str = ""
    row_heads: bool = False  # the first cell of each row heads it
    scroll: bool = False


@dataclass
class Bars:
    rows: list[tuple[str, int, int]]  # label, count, percent
    label: str


@dataclass
class Prose:
    markdown: str  # the scenario author's Markdown: paragraphs


@dataclass
class Group:
    kind: Literal["section", "div"]
    cls: str
    id: str
    blocks: list[Block]


Block = Heading | Para | Bullets | Table | Bars | Prose | Group


@dataclass
class Document:
    title: str
    blocks: list[Block]


def _s(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _times(t: TimeSummary | None, lead: str) -> str:
    if t is None:
        return ""
    return f"{lead}median {fmt_seconds(t.median)}, mean {fmt_seconds(t.mean)}, max {fmt_seconds(t.max)}"


def document(report: Report) -> Document:
    title = "After-action report"
    if len(report.scenarios) == 1:
        title += ": " + report.scenarios[0].title
    sections = [(rep, _scenario(rep)) for rep in report.scenarios]
    blocks: list[Block] = [
        Heading(1, _line("After-action report")),
        Para(
            _line(
                f"Generated {report.generated} from {report.sources} log "
                f"file{'s' if report.sources != 1 else ''} ({_s(report.games, 'game')}, "
                f"{_s(report.sessions, 'session')})."
            ),
            "meta",
        ),
        Group(
            "div",
            "toc",
            "",
            [
                Heading(2, _line("Contents")),
                Bullets(contents([b for _, body in sections for b in body]), "toc"),
            ],
        ),
    ]
    blocks += [Group("section", "scenario", f"scenario-{rep.id}", body) for rep, body in sections]
    return Document(title, blocks)


def contents(blocks: list[Block]) -> list[Line]:
    """The table of contents: one line per heading of level 2 and 3 that has an anchor, linked to it."""
    out: list[Line] = []
    for b in blocks:
        if isinstance(b, Group):
            out += contents(b.blocks)
        elif isinstance(b, Heading) and b.id and b.level <= 3:
            text = "".join(span.text for span in b.text)
            out.append([Span(("\u2003" if b.level == 3 else "") + text, "", b.id)])
    return out


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{round(100 * x)}%"


def _scenario(rep: ScenarioReport) -> list[Block]:
    sid = rep.id
    out: list[Block] = [Heading(2, _line(rep.title), f"{sid}")]
    if rep.note:
        out.append(Para(_line(rep.note), "note"))
    unnamed = f"; {_s(rep.unnamed, 'game')} without a team name" if rep.unnamed else ""
    resumed = sum(g.resumed for g in rep.games)
    connections = f"; {_s(rep.sessions, 'session')} in the logs" if rep.sessions != len(rep.games) else ""
    asides = []
    if resumed:
        asides.append(f"{_s(resumed, 'game')} resumed after a reload, counted once")
    if rep.empty:
        asides.append(f"{_s(rep.empty, 'game')} opened and left before a decision, not counted")
    out.append(
        Bullets(
            [
                _line(
                    "Games: ",
                    Span(str(len(rep.games)), "stat"),
                    f" ({rep.finished} finished, {rep.unfinished} unfinished){connections}",
                    Span(f" ({'; '.join(asides)})", "muted") if asides else "",
                ),
                _line(
                    "Teams: ",
                    Span(str(len(rep.teams)), "stat"),
                    f" ({', '.join(rep.teams) or 'none named'}){unnamed}",
                ),
                _line(
                    "Decisions: ", Span(str(rep.decisions), "stat"), _times(rep.time, "; time per decision: ")
                ),
            ],
            "summary",
        )
    )

    out.append(Heading(3, _line("Endings"), f"{sid}-endings"))
    bars = [
        (en.title if not en.grade else f"{en.title} ({en.grade})", en.count, en.pct) for en in rep.endings
    ]
    rows = [
        [
            [_line(en.title + (f": {en.summary}" if en.summary else ""))],
            [_line(en.grade)],
            [_line(str(en.count))],
            [_line(f"{en.pct}%")],
        ]
        for en in rep.endings
    ]
    if rep.unfinished:
        bars.append(("(unfinished)", rep.unfinished, rep.unfinished_pct))
        rows.append(
            [[_line("(unfinished)")], [], [_line(str(rep.unfinished))], [_line(f"{rep.unfinished_pct}%")]]
        )
    out.append(Bars(bars, "Endings reached"))
    out.append(Table(["Ending", "Grade", "Games", "Share"], rows, {2, 3}, "endings"))

    if rep.splits:
        out.append(Heading(3, _line("Where the teams split"), f"{sid}-splits"))
        out.append(
            Para(
                _line("The decisions the teams disagreed on most come first: start the hot wash there."),
                "muted",
            )
        )
        split_rows = [
            [
                [_line(str(i))],
                [_line(sp.key or sp.title, Span(f" ({sp.title})", "muted") if sp.key else "")],
                [_line(str(sp.games))],
                [_line(f"{sp.spread}%")],
                [_line(f"{text}: {n}") for text, n in sp.choices],
            ]
            for i, sp in enumerate(rep.splits, 1)
        ]
        out.append(
            Table(
                ["#", "Decision", "Games", "Split", "Choices taken (games)"], split_rows, {0, 2, 3}, "splits"
            )
        )

    if rep.games:
        out.append(Heading(3, _line("Teams"), f"{sid}-teams"))
        out.append(_teams_table(rep))

    if rep.calibration:
        out.append(Heading(3, _line("Calibration"), f"{sid}-calibration"))
        out.append(
            Para(
                _line(
                    "The room's resolved estimates, by the words chosen: a calibrated room's 'likely' happens "
                    "about two times in three.",
                    f" Brier score of the room: {rep.brier:.3f} (0 is perfect; 0.25 is always saying 50%)."
                    if rep.brier is not None
                    else "",
                ),
                "muted",
            )
        )
        cal_rows = [
            [
                [_line(c.words)],
                [_line(f"{c.percent}%")],
                [_line(str(c.count))],
                [_line(str(c.happened))],
                [_line(f"{c.observed}%")],
            ]
            for c in rep.calibration
        ]
        out.append(
            Table(
                ["Said", "Stands for", "Estimates", "Happened", "Observed"],
                cal_rows,
                {1, 2, 3, 4},
                "calibration",
            )
        )

    out.append(Heading(3, _line("Decisions, scene by scene"), f"{sid}-scenes"))
    out += [Group("div", "scene", f"scene-{st.id}", _scene(st)) for st in rep.scenes]

    if rep.path_rows and rep.games:
        out.append(Heading(3, _line("Each team's path"), f"{sid}-paths"))
        out += _path_tables(rep)

    notes: list[Block] = []
    for st in rep.scenes:
        if not st.has_notes:
            continue
        items = [
            _line(
                Span(f"{r.number}. {r.text}", "strong"),
                Span(f" (chosen by {', '.join(r.teams)})" if r.teams else " (chosen by no team)", "muted"),
                Span(": " + " ".join(r.debrief.split()), "prose"),
            )
            for r in st.rows
            if r.debrief
        ]
        notes += key_notes(st.key, st.title, st.debrief, items)
    if rep.debrief:
        notes += [Heading(4, _line("General notes")), Prose(rep.debrief)]
    if rep.aftermath:
        notes += [Heading(4, _line("What happened next")), Prose(rep.aftermath)]
    if notes:
        out += [Heading(3, _line("Debrief notes"), f"{sid}-debrief"), Group("div", "debrief", "", notes)]
    return out


def key_notes(key: str, title: str, debrief: str, items: list[Line]) -> list[Block]:
    """The debrief notes of one key decision: its heading, the author's note, the notes per choice."""
    out: list[Block] = [Heading(4, _line(key, Span(f" ({title})", "muted")))]
    if debrief:
        out.append(Prose(debrief))
    if items:
        out.append(Bullets(items))
    return out


def _teams_table(rep: ScenarioReport) -> Table:
    """One row per game: its ending and grade, the instruments' scores (when logged), its decision times."""
    head = ["Team", "Ending", "Grade"]
    if rep.scored:
        head += ["Letter", "Grading", "Forecasting", "Brier", "Hypotheses", "Timeliness"]
    head += ["Decisions", "Median time", "Longest"]
    taken_back = any(g.rollbacks for g in rep.games)  # undo and rewind: shown where a team used them
    if taken_back:
        head.append("Taken back")
    rows = []
    for g in rep.games:
        cells: list[list[Line]] = [
            [_line(g.label)],
            [_line(g.ending_title) if g.finished else _line(Span("(unfinished)", "muted"))],
            [_line(g.grade)],
        ]
        if rep.scored:
            sc = g.scores
            brier = sc.get("brier")
            cells += [
                [_line(g.letter)],
                [_line(_pct(sc.get("grading")))],
                [_line(_pct(sc.get("forecasting")))],
                [_line("-" if brier is None else f"{brier:.3f}")],
                [_line(_pct(sc.get("hypotheses")))],
                [_line(_pct(sc.get("timeliness")))],
            ]
        cells += [
            [_line(str(len(g.decisions)))],
            [_line(fmt_seconds(g.time.median if g.time else None))],
            [_line(fmt_seconds(g.time.max if g.time else None))],
        ]
        if taken_back:
            cells.append([_line(str(g.rollbacks))])
        rows.append(cells)
    numeric = set(range(3, len(head)))
    return Table(head, rows, numeric, "teams", row_heads=True)


def _path_tables(rep: ScenarioReport) -> list[Block]:
    """The team-path table turned: one row per key decision, one column per team; at most
    ``PATH_TEAMS_PER_TABLE`` teams to a table (A4 landscape), the next teams in the next table."""
    out: list[Block] = []
    chunks = [rep.games[i : i + PATH_TEAMS_PER_TABLE] for i in range(0, len(rep.games), PATH_TEAMS_PER_TABLE)]
    for k, chunk in enumerate(chunks):
        if len(chunks) > 1:
            first = k * PATH_TEAMS_PER_TABLE + 1
            out.append(
                Para(_line(f"Teams {first}\u2013{first + len(chunk) - 1} of {len(rep.games)}"), "muted")
            )
        out.append(_path_table(rep, chunk))
    return out


def _path_table(rep: ScenarioReport, games: list[GameRow]) -> Table:
    rows: list[list[list[Line]]] = [
        [[_line(heading)]] + [[_line(c) for c in g.cells.get(sid, [])] or [_line("-")] for g in games]
        for sid, heading in rep.path_rows
    ]
    rows.append(
        [[_line("Ending")]]
        + [[_line(g.ending_title) if g.finished else _line(Span("(unfinished)", "muted"))] for g in games]
    )
    return Table(["Decision"] + [g.label for g in games], rows, set(), "paths", row_heads=True)


def _scene(st: SceneStats) -> list[Block]:
    key = Span(f": key decision, {st.key}", "muted") if st.key else ""
    rows = []
    for r in st.rows:
        label = [
            _line(
                f"{r.number}. " if r.number else "",
                r.text,
                Span(f" (timeout: {r.timeouts})", "muted") if r.timeouts else "",
            )
        ]
        if st.votes:
            counts = [
                [_line(str(r.count - r.by_vote))],
                [_line(str(r.by_vote))],
                [_line(f"{r.pct}%")],
                [_line("" if r.votes is None else str(r.votes))],
            ]
        else:
            counts = [[_line(str(r.count))], [_line(f"{r.pct}%")]]
        rows.append([label, *counts, [_line(", ".join(r.teams))]])
    if st.votes:
        head = ["Choice", "Taken by teams", "Taken by vote", "Share", "Votes cast", "Teams"]
        numeric = {1, 2, 3, 4}
    else:
        head, numeric = ["Choice", "Taken", "Share", "Teams"], {1, 2}
    return [
        Heading(4, _line(st.title, " (", Span(st.id, "code"), ")", key)),
        Para(_line(_s(st.total, "decision"), _times(st.time, "; time: "), "."), "muted"),
        Bars(
            [((f"{r.number}. " if r.number else "") + r.text, r.count, r.pct) for r in st.rows],
            f"Decisions at {st.title}",
        ),
        Table(head, rows, numeric, "choices"),
    ]


# --- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_inline(text: str) -> str:
    """Text from a log or a scenario, safe inside a Markdown table cell or a line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(shown(text).split()))


def md_slug(text: str, taken: dict[str, int]) -> str:
    """The anchor a Markdown viewer (GitHub's rule) gives a heading; ``taken`` counts the ones used."""
    slug = re.sub(r"[^\w\- ]", "", shown(text).strip().lower()).replace(" ", "-")
    n = taken.get(slug, 0)
    taken[slug] = n + 1
    return f"{slug}-{n}" if n else slug


def _md_anchors(blocks: list[Block], taken: dict[str, int], out: dict[str, str]) -> dict[str, str]:
    """Heading id -> its Markdown anchor, for every heading in order."""
    for b in blocks:
        if isinstance(b, Group):
            _md_anchors(b.blocks, taken, out)
        elif isinstance(b, Heading):
            slug = md_slug(_md_line(b.text), taken)
            if b.id:
                out[b.id] = slug
    return out


def _md_span(span: Span, anchors: dict[str, str] | None = None) -> str:
    text = re.sub(r"\s+", " ", shown(span.text))
    if span.target and anchors is not None and span.target in anchors:
        label = _MD_SPECIAL.sub(r"\\\1", text.strip())
        return f"[{label}](#{anchors[span.target]})"
    if span.style == "prose":
        return text
    if span.style == "code":
        return f"`{text.replace('`', '')}`"
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return f"**{escaped}**" if span.style == "strong" else escaped


def _md_line(line: Line, anchors: dict[str, str] | None = None) -> str:
    return "".join(_md_span(s, anchors) for s in line).strip()


def _md_blocks(blocks: list[Block], anchors: dict[str, str]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Group):
            out += _md_blocks(b.blocks, anchors)
        elif isinstance(b, Heading):
            out.append("#" * b.level + " " + _md_line(b.text))
        elif isinstance(b, Para):
            text = _md_line(b.text)
            out.append(f"*{text}*" if b.style == "note" else text)
        elif isinstance(b, Bullets):
            out.append("\n".join("- " + _md_line(item, anchors) for item in b.items))
        elif isinstance(b, Table):
            rows = ["| " + " | ".join(md_inline(h) for h in b.head) + " |"]
            rows.append(
                "| " + " | ".join("---:" if i in b.numeric else "---" for i in range(len(b.head))) + " |"
            )
            for row in b.rows:
                rows.append("| " + " | ".join(" / ".join(_md_line(ln) for ln in cell) for cell in row) + " |")
            out.append("\n".join(rows))
        elif isinstance(b, Prose):
            out.append(shown(b.markdown).strip())
        # Bars: a picture; the table next to it says the same in Markdown
    return out


def render_markdown(report: Report) -> str:
    blocks = document(report).blocks
    return "\n\n".join(_md_blocks(blocks, _md_anchors(blocks, {}, {}))) + "\n"


# --- HTML

_CSS = """
:root { --ink: #1b1f24; --muted: #5b6470; --rule: #d5d9de; --bar: #2f5d8a; --bar2: #c9d6e3; --bg: #ffffff; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: var(--bg); margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.meta, .note, .muted { color: var(--muted); }
.note { font-style: italic; }
code { font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid var(--ink); }
tbody th { border-bottom: 1px solid var(--rule); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.scroll { overflow-x: auto; }
.scene { break-inside: avoid; page-break-inside: avoid; }
svg.bars { display: block; max-width: 100%; height: auto; margin: .4rem 0; }
svg.bars text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg.bars rect.track { fill: #eef1f4; }
svg.bars rect.bar { fill: var(--bar); }
.debrief p { margin: .3rem 0; }
ul.summary { padding-left: 1.2rem; }
ul.toc { list-style: none; padding-left: 0; columns: 2; }
ul.toc a { color: var(--ink); }
table.paths { table-layout: fixed; }
table.paths td, table.paths th { overflow-wrap: anywhere; font-size: .85rem; }
table.paths th:first-child { width: 14%; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { page-break-before: auto; break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  table, .scene, svg { break-inside: avoid; page-break-inside: avoid; }
  .scroll { overflow: visible; }
  svg.bars rect.bar { fill: #333 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg.bars rect.track { fill: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

_HTML_TAGS = {"strong": "strong", "stat": "strong", "code": "code"}


def e(text: str) -> str:
    return html.escape(shown(str(text)), quote=True)


def _html_span(span: Span) -> str:
    if span.target:
        return f'<a href="#{e(span.target)}">{e(span.text)}</a>'
    if span.style == "muted":
        return f'<span class="muted">{e(span.text)}</span>'
    tag = _HTML_TAGS.get(span.style)
    return f"<{tag}>{e(span.text)}</{tag}>" if tag else e(span.text)


def _html_line(line: Line) -> str:
    return "".join(_html_span(s) for s in line)


_BOLD = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")


def _paragraphs(markdown: str) -> str:
    """Scenario Markdown as escaped paragraphs: lines of a paragraph flow together (a line ending in two
    spaces breaks), ``**bold**`` is bold; no other markup is interpreted."""
    blocks = [b.strip("\n") for b in markdown.strip().split("\n\n") if b.strip()]
    out = []
    for b in blocks:
        lines = b.splitlines()
        text = ""
        for i, ln in enumerate(lines):
            text += e(ln.strip())
            if i < len(lines) - 1:
                text += "<br>" if ln.endswith("  ") else " "
        out.append("<p>" + _BOLD.sub(r"<strong>\1</strong>", text) + "</p>")
    return "".join(out)


def bar_chart(rows: list[tuple[str, int, int]], label: str) -> str:
    """An inline SVG of horizontal bars: (label, count, percent) per row."""
    width, label_w, bar_w, row_h = 640, 250, 300, 26
    height = row_h * len(rows) + 4
    parts = [
        f'<svg class="bars" xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{e(label)}"><title>{e(label)}</title>'
    ]
    for i, (name, count, pct) in enumerate(rows):
        y = 2 + i * row_h
        short = name if len(name) <= 38 else name[:37] + "\u2026"
        parts.append(f'<text x="0" y="{y + 17}">{e(short)}</text>')
        parts.append(f'<rect class="track" x="{label_w}" y="{y + 4}" width="{bar_w}" height="{row_h - 8}"/>')
        if pct:
            parts.append(
                f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{bar_w * pct / 100:.1f}" '
                f'height="{row_h - 8}"/>'
            )
        parts.append(f'<text x="{label_w + bar_w + 8}" y="{y + 17}">{count} ({pct}%)</text>')
    parts.append("</svg>")
    return "".join(parts)


def _html_table(t: Table) -> str:
    num = ' class="num"'
    head = "".join(f"<th{num if i in t.numeric else ''}>{e(h)}</th>" for i, h in enumerate(t.head))
    rows = []
    for row in t.rows:
        cells = []
        for i, cell in enumerate(row):
            tag = "th" if t.row_heads and i == 0 else "td"
            cells.append(
                f"<{tag}{num if i in t.numeric else ''}>{'<br>'.join(_html_line(ln) for ln in cell)}</{tag}>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    table = "\n".join(
        [f'<table class="{t.cls}"><thead><tr>{head}</tr></thead><tbody>', *rows, "</tbody></table>"]
    )
    return f'<div class="scroll">{table}</div>' if t.scroll else table


def _html_blocks(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Group):
            ident = f' id="{e(b.id)}"' if b.id else ""
            out += [f'<{b.kind} class="{b.cls}"{ident}>', *_html_blocks(b.blocks), f"</{b.kind}>"]
        elif isinstance(b, Heading):
            ident = f' id="{e(b.id)}"' if b.id else ""
            out.append(f"<h{b.level}{ident}>{_html_line(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            cls = f' class="{b.style}"' if b.style else ""
            out.append(f"<p{cls}>{_html_line(b.text)}</p>")
        elif isinstance(b, Bullets):
            cls = f' class="{b.cls}"' if b.cls else ""
            out += [f"<ul{cls}>", *(f"<li>{_html_line(item)}</li>" for item in b.items), "</ul>"]
        elif isinstance(b, Table):
            out.append(_html_table(b))
        elif isinstance(b, Bars):
            out.append(bar_chart(b.rows, b.label))
        elif isinstance(b, Prose):
            out.append(_paragraphs(b.markdown))
    return out


def html_page(doc: Document, css: str = _CSS) -> str:
    """A document as one self-contained HTML page: no script, nothing loaded from anywhere."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">',
        f"<title>{e(doc.title)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        *_html_blocks(doc.blocks),
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def render_html(report: Report) -> str:
    return html_page(document(report))


def render(report: Report, fmt: str) -> str:
    """The report as ``md``, ``html`` or ``json`` (the report model)."""
    if fmt == "json":
        import json

        from briefing.workshop.report import report_json

        return json.dumps(report_json(report), ensure_ascii=False, indent=1) + "\n"
    return render_html(report) if fmt == "html" else render_markdown(report)
