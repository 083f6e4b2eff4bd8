"""Tools for authors, on top of the core: analysis, lint, automated playthroughs, graphs, schemas, scaffolds."""
