"""One base for every error the program reports to a user, with one message shape.

``str(error)`` is ``path:line:col: error: message (hint)`` when the place is known, ``path: error:
message (hint)`` when only the file is, and ``message (hint)`` when there is no place at all. The
command line prints it as it is; nothing else formats an error for a user.
"""

from __future__ import annotations


class BriefingError(Exception):
    """A problem a user caused or can fix. Subclasses say which part of the program refused."""

    def __init__(
        self, message: str, path: object = "", mark: tuple[int, int] | None = None, hint: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path else ""
        self.mark = mark
        self.hint = hint

    @property
    def where(self) -> str:
        """``path:line:col``, ``path`` or ''."""
        if not self.path:
            return ""
        if self.mark is None or self.mark[0] <= 0:
            return self.path
        return f"{self.path}:{self.mark[0]}:{self.mark[1]}"

    def __str__(self) -> str:
        text = self.message + (f" ({self.hint})" if self.hint else "")
        where = self.where
        return f"{where}: error: {text}" if where else text
