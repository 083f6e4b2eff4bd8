"""The pure core: the scenario model, the file format, expressions, the rules, the engine and saves.

Nothing here imports Textual, the terminal player, the workshop or the command line.
"""
