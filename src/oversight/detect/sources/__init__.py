"""Where a change comes from: a git range or working tree, a unified diff, or a pair of directories."""

from .directories import change_from_directories
from .errors import SourceError

__all__ = ["SourceError", "change_from_directories"]
