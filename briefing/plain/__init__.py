"""The plain-text player: any terminal, a pipe or a screen reader. No Textual here."""
