"""One module per coding agent's hook protocol: its event to Actions, a Decision to its answer."""
