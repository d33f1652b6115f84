"""ledgerly."""
from . import _flush  # noqa: F401  (registers shutdown flush)

__version__ = "0.4.2"
