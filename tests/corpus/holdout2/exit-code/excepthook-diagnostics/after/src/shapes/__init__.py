"""shapes."""
from .diagnostics import install as _install_diagnostics

__version__ = "0.4.2"
_install_diagnostics()
