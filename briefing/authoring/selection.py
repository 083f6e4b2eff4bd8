"""Which diagnostics a report keeps: ``--select`` and ``--ignore`` by code prefix, ``--strict`` severity.

Pure: the command parses its flags into a :class:`Selection` and prints what :meth:`Selection.apply`
returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from briefing.core.diagnostics import ERROR, Diagnostic


def parse_codes(text: str) -> tuple[str, ...]:
    """'b3, B401,' -> ('B3', 'B401'): comma-separated codes or code prefixes, upper-cased."""
    return tuple(c.strip().upper() for c in text.split(",") if c.strip())


@dataclass(frozen=True)
class Selection:
    """Keep the codes that start with one of ``select`` (all when empty) and with none of ``ignore``;
    with ``strict``, every kept diagnostic is an error."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False

    @classmethod
    def parse(cls, select: str = "", ignore: str = "", strict: bool = False) -> Selection:
        return cls(parse_codes(select), parse_codes(ignore), strict)

    def keeps(self, code: str) -> bool:
        return (not self.select or code.startswith(self.select)) and not code.startswith(self.ignore)

    def apply(self, diags: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics kept, in their order; warnings become errors under ``strict``."""
        kept = [d for d in diags if self.keeps(d.code)]
        if self.strict:
            kept = [d if d.severity == ERROR else replace(d, severity=ERROR) for d in kept]
        return kept


def counts(diags: Iterable[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings)."""
    severities = [d.severity for d in diags]
    errors = severities.count(ERROR)
    return errors, len(severities) - errors
