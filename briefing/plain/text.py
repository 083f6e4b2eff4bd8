"""Markdown as clean plain text for plain play: what a screen reader reads is the words, not the markers.

Emphasis (``**``, ``*``, ``__``, ``_``), code ticks, heading hashes and link brackets are dropped; a list
keeps a bullet ("•") or its number, a quote is indented; everything is wrapped to the width given.
"""

from __future__ import annotations

import re
import textwrap

BULLET = "•"

_LIST_ITEM = re.compile(r"\s*([-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"#{1,6}\s+")
_RULE = re.compile(r"\s*([-*_])(\s*\1){2,}\s*\Z")
_INLINE = (
    (re.compile(r"!?\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_\\])_(?!\w)"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),  # a backslash escape: the character itself
)


def inline(text: str) -> str:
    """One line of Markdown without its inline markers (emphasis, code, links, escapes)."""
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text


def plain_text(markdown: str, width: int) -> str:
    """Markdown as plain text wrapped to ``width``: paragraphs apart, list items one to a bullet."""
    out = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        lines = [ln for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        if all(_RULE.match(ln) for ln in lines):
            out.append("-" * min(width, 20))
            continue
        if all(ln.lstrip().startswith(">") for ln in lines):
            quoted = plain_text("\n".join(ln.lstrip()[1:].removeprefix(" ") for ln in lines), width - 2)
            out.append(textwrap.indent(quoted, "  "))
            continue
        if any(_LIST_ITEM.match(ln) for ln in lines):
            items: list[str] = []
            for ln in lines:
                if _LIST_ITEM.match(ln) or not items:
                    items.append(ln.strip())
                else:
                    items[-1] += " " + ln.strip()
            filled = []
            for item in items:
                m = _LIST_ITEM.match(item)
                marker = "" if m is None else m.group(1)
                body = inline(item[m.end() :] if m else item)
                lead = f"{BULLET} " if marker in ("-", "*", "+") else (f"{marker} " if marker else "")
                filled.append(fill(body, width, lead, " " * len(lead)))
            out.append("\n".join(filled))
            continue
        joined = " ".join(ln.strip() for ln in lines)
        heading = _HEADING.match(joined)
        if heading:
            joined = joined[heading.end() :].rstrip("# ")
        out.append(fill(inline(joined), width))
    return "\n\n".join(out)


def fill(text: str, width: int, first: str = "", rest: str = "") -> str:
    """``text`` wrapped to ``width`` (a word longer than a line is broken, never let run past it)."""
    return textwrap.fill(
        text,
        max(width, len(first) + 10, len(rest) + 10),
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
    )


def wrap_lines(text: str, width: int) -> str:
    """Every line of ``text`` wrapped to ``width``, continuing at the line's own indent (a line that
    fits is kept as it is)."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out.append(fill(line.strip(), width, indent, indent + "  "))
    return "\n".join(out)
