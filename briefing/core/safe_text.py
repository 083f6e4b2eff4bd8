"""Text that may reach a terminal: no control characters, no lone surrogates.

Scenario files are refused when their text holds control characters (the YAML reader); saves, logs and
anything else read back from disk are checked or cleaned here before they are shown.
"""

from __future__ import annotations

import re

# C0 controls other than tab and newline, DEL, C1 controls: never allowed to reach a terminal.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def is_clean(text: str) -> bool:
    """True when ``text`` has no control character (bar tab and newline) and no lone surrogate."""
    return not CONTROL_CHARS.search(text) and not _SURROGATES.search(text)


def clean(text: str) -> str:
    """``text`` with control characters and lone surrogates removed."""
    return _SURROGATES.sub("", CONTROL_CHARS.sub("", text))
