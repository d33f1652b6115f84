"""oversight: oversight of AI coding agents that the agents cannot switch off."""

__version__ = "0.1.0"
