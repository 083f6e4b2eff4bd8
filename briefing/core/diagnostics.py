"""Diagnostics: one problem, at one place, printed as ``path:line:col: severity: message [CODE]``."""

from __future__ import annotations

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

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class Diagnostics(list):
    """A list of diagnostics with helpers to add them."""

    def error(self, path: str, mark: tuple[int, int] | None, code: str, message: str, hint: str = "") -> None:
        line, col = mark or (0, 0)
        self.append(Diagnostic(str(path), line, col, ERROR, code, message, hint))

    def warning(
        self, path: str, mark: tuple[int, int] | None, code: str, message: str, hint: str = ""
    ) -> None:
        line, col = mark or (0, 0)
        self.append(Diagnostic(str(path), line, col, WARNING, code, message, hint))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self, key=lambda d: (d.path, d.line, d.col, d.code, d.message))


def did_you_mean(word: str, options) -> str:
    """A 'did you mean' hint for a misspelt word, or ''."""
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
