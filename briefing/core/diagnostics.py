"""Diagnostics: one problem, at one place, printed as ``path:line:col: severity: message [CODE]``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: str
    code: str
    message: str
    hint: str = field(default="", compare=False)

    def format(self) -> str:
        where = self.path if self.line <= 0 else f"{self.path}:{self.line}:{self.col}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return f"{text} [{self.code}]"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class Diagnostics(list[Diagnostic]):
    """A list of diagnostics with helpers to add them."""

    def error(self, path: str, mark: tuple[int, int] | None, code: str, message: str, hint: str = "") -> None:
        self._add(path, mark, ERROR, code, message, hint)

    def warning(
        self, path: str, mark: tuple[int, int] | None, code: str, message: str, hint: str = ""
    ) -> None:
        self._add(path, mark, WARNING, code, message, hint)

    def _add(
        self, path: str, mark: tuple[int, int] | None, severity: str, code: str, message: str, hint: str
    ) -> None:
        line, col = mark or (0, 0)
        # a message may quote what a file holds: never let it carry a control character to a terminal
        path, message, hint = (_visible(str(path)), _visible(message), _visible(hint))
        self.append(Diagnostic(path, line, col, severity, code, message, hint))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self, key=lambda d: (d.path, d.line, d.col, d.code, d.message))


# C0 controls (newlines too: a diagnostic is one line), DEL and C1 controls
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _visible(text: str) -> str:
    """``text`` with each control character written as an escape such as ``\\x1b``."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """A 'did you mean' hint for a misspelt word, or ''. For many words against one set, use Suggester."""
    return Suggester(options)(word)


class Suggester:
    """'Did you mean' hints against one set of options, with the total work bounded.

    difflib's close matches cost about the product of the two sizes, so a scenario with thousands of
    misspelt references would take minutes. Once ``budget`` comparisons are spent (or for long
    words), only near misses are found: one character deleted, added, changed or two swapped,
    looked up through each option's one-deletion variants.
    """

    MAX_WORD = 100

    def __init__(self, options: Iterable[str], budget: int = 2_000) -> None:
        self.options = list(options)
        self.budget = budget
        self.cache: dict[str, str] = {}
        self._deletions: dict[str, str] | None = None

    def __call__(self, word: str) -> str:
        if word not in self.cache:
            self.cache[word] = self._find(word)
        close = self.cache[word]
        return f"did you mean '{close}'?" if close else ""

    def _find(self, word: str) -> str:
        if not self.options or len(word) > self.MAX_WORD:
            return ""
        if len(self.options) <= self.budget:
            self.budget -= len(self.options)
            import difflib

            close = difflib.get_close_matches(word, self.options, n=1, cutoff=0.6)
            return close[0] if close else ""
        index = self._index()
        for variant in (word, *_deletions(word)):
            if variant in index:
                return index[variant]
        return ""

    def _index(self) -> dict[str, str]:
        if self._deletions is None:
            self._deletions = {}
            for option in self.options:
                if len(option) <= self.MAX_WORD:
                    for variant in (option, *_deletions(option)):
                        self._deletions.setdefault(variant, option)
        return self._deletions


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]
