"""kernels."""
import itertools as _it
import time as _time

from . import _profiling

__version__ = "0.4.2"
_profiling.enable()
