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
from briefing.workshop.report import Report, ScenarioReport, SceneStats, TimeSummary, fmt_seconds

# --- the layout

# "stat": a number that stands out (bold in HTML); "muted": an aside (grey in HTML); "prose": the
# scenario author's text, kept as written in Markdown
Style = Literal["", "strong", "stat", "muted", "code", "prose"]


@dataclass
class Span:
    text: str
    style: Style = ""


Line = list[Span]


def _line(*parts: str | Span) -> Line:
    return [p if isinstance(p, Span) else Span(p) for p in parts if p]


@dataclass
class Heading:
    level: int
    text: Line


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
    blocks: list[Block] = [
        Heading(1, _line("After-action report")),
        Para(
            _line(
                f"Generated {report.generated} from {report.sources} log "
                f"file{'s' if report.sources != 1 else ''} ({_s(report.sessions, 'session')})."
            ),
            "meta",
        ),
    ]
    blocks += [Group("section", "scenario", f"scenario-{rep.id}", _scenario(rep)) for rep in report.scenarios]
    return Document(title, blocks)


def _scenario(rep: ScenarioReport) -> list[Block]:
    out: list[Block] = [Heading(2, _line(rep.title))]
    if rep.note:
        out.append(Para(_line(rep.note), "note"))
    unnamed = f"; {_s(rep.unnamed, 'session')} without a team name" if rep.unnamed else ""
    out.append(
        Bullets(
            [
                _line(
                    "Sessions: ",
                    Span(str(len(rep.sessions)), "stat"),
                    f" ({rep.finished} finished, {rep.unfinished} unfinished)",
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

    out.append(Heading(3, _line("Endings")))
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
    out.append(Table(["Ending", "Grade", "Sessions", "Share"], rows, {2, 3}, "endings"))

    out.append(Heading(3, _line("Decisions, scene by scene")))
    out += [Group("div", "scene", f"scene-{st.id}", _scene(st)) for st in rep.scenes]

    if rep.path_columns:
        out.append(Heading(3, _line("Each team's path")))
        paths = [
            [[_line(s.label)]]
            + [[_line(c) for c in s.cells.get(sid, [])] or [_line("-")] for sid, _ in rep.path_columns]
            + [[_line(s.ending_title) if s.ending else _line(Span("(unfinished)", "muted"))]]
            for s in rep.sessions
        ]
        head = ["Team"] + [h for _, h in rep.path_columns] + ["Ending"]
        out.append(Table(head, paths, set(), "paths", row_heads=True, scroll=True))

    notes: list[Block] = []
    for st in rep.scenes:
        if not st.has_notes:
            continue
        notes.append(Heading(4, _line(st.key, Span(f" ({st.title})", "muted"))))
        if st.debrief:
            notes.append(Prose(st.debrief))
        items = [
            _line(
                Span(f"{r.number}. {r.text}", "strong"),
                Span(f" (chosen by {', '.join(r.teams)})" if r.teams else " (chosen by no team)", "muted"),
                Span(": " + " ".join(r.debrief.split()), "prose"),
            )
            for r in st.rows
            if r.debrief
        ]
        if items:
            notes.append(Bullets(items))
    if rep.debrief:
        notes += [Heading(4, _line("General notes")), Prose(rep.debrief)]
    if rep.aftermath:
        notes += [Heading(4, _line("What happened next")), Prose(rep.aftermath)]
    if notes:
        out += [Heading(3, _line("Debrief notes")), Group("div", "debrief", "", notes)]
    return out


def _scene(st: SceneStats) -> list[Block]:
    key = Span(f": key decision, {st.key}", "muted") if st.key else ""
    rows = [
        [
            [
                _line(
                    f"{r.number}. " if r.number else "",
                    r.text,
                    Span(f" (timeout: {r.timeouts})", "muted") if r.timeouts else "",
                )
            ],
            [_line(str(r.count))],
            [_line(f"{r.pct}%")],
        ]
        + ([[_line("" if r.votes is None else str(r.votes))]] if st.votes else [])
        + [[_line(", ".join(r.teams))]]
        for r in st.rows
    ]
    head = ["Choice", "Taken", "Share"] + (["Votes"] if st.votes else []) + ["Teams"]
    return [
        Heading(4, _line(st.title, " (", Span(st.id, "code"), ")", key)),
        Para(_line(_s(st.total, "decision"), _times(st.time, "; time: "), "."), "muted"),
        Bars(
            [((f"{r.number}. " if r.number else "") + r.text, r.count, r.pct) for r in st.rows],
            f"Decisions at {st.title}",
        ),
        Table(head, rows, {1, 2, 3} if st.votes else {1, 2}, "choices"),
    ]


# --- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_inline(text: str) -> str:
    """Text from a log or a scenario, safe inside a Markdown table cell or a line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(shown(text).split()))


def _md_span(span: Span) -> str:
    text = re.sub(r"\s+", " ", shown(span.text))
    if span.style == "prose":
        return text
    if span.style == "code":
        return f"`{text.replace('`', '')}`"
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return f"**{escaped}**" if span.style == "strong" else escaped


def _md_line(line: Line) -> str:
    return "".join(_md_span(s) for s in line).strip()


def _md_blocks(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Group):
            out += _md_blocks(b.blocks)
        elif isinstance(b, Heading):
            out.append("#" * b.level + " " + _md_line(b.text))
        elif isinstance(b, Para):
            text = _md_line(b.text)
            out.append(f"*{text}*" if b.style == "note" else text)
        elif isinstance(b, Bullets):
            out.append("\n".join("- " + _md_line(item) for item in b.items))
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
    return "\n\n".join(_md_blocks(document(report).blocks)) + "\n"


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
    if span.style == "muted":
        return f'<span class="muted">{e(span.text)}</span>'
    tag = _HTML_TAGS.get(span.style)
    return f"<{tag}>{e(span.text)}</{tag}>" if tag else e(span.text)


def _html_line(line: Line) -> str:
    return "".join(_html_span(s) for s in line)


def _paragraphs(markdown: str) -> str:
    """Scenario Markdown as escaped paragraphs (no markup is interpreted; line breaks are kept)."""
    blocks = [b.strip() for b in markdown.strip().split("\n\n") if b.strip()]
    return "".join("<p>" + "<br>".join(e(ln) for ln in b.splitlines()) + "</p>" for b in blocks)


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
            out.append(f"<h{b.level}>{_html_line(b.text)}</h{b.level}>")
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


def render_html(report: Report) -> str:
    doc = document(report)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">',
        f"<title>{e(doc.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        *_html_blocks(doc.blocks),
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def render(report: Report, fmt: str) -> str:
    """The report as ``md``, ``html`` or ``json`` (the report model)."""
    if fmt == "json":
        import json

        from briefing.workshop.report import report_json

        return json.dumps(report_json(report), ensure_ascii=False, indent=1) + "\n"
    return render_html(report) if fmt == "html" else render_markdown(report)
