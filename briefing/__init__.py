"""briefing: a terminal briefing game and the toolkit to write its scenarios."""

__version__ = "0.1.0"
