"""The Textual player. Only ``launch.run_tui`` is imported from outside; it imports Textual lazily."""
