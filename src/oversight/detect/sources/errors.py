"""The one error every source raises for input it cannot read; the CLI turns it into exit status 2."""


class SourceError(Exception):
    """Bad input: not a repository, an unknown revision, an unreadable diff, a path outside the repository."""
