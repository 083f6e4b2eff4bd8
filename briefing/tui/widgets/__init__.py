"""The widgets of the terminal player: they show state and post messages; no game rules."""
