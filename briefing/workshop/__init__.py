"""Running the game in a workshop, on top of the core: session logs, the hot-wash report, served play."""
