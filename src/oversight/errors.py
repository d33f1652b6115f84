"""Errors every package may raise to the command line."""


class UsageError(Exception):
    """Bad input or usage: reported as one line on stderr with exit status 2."""
