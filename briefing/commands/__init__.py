"""One module per ``briefing`` command; see ``briefing.cli``."""
