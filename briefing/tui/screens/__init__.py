"""The screens of the terminal player, one module each. They read ``app.game`` and post messages or call
the app; no game rules live here.

Author text is never parsed as markup: it goes into ``rich.text.Text`` objects, ``markup=False`` widgets,
or a Markdown widget (which builds its content from Markdown tokens, never from console markup).
"""
