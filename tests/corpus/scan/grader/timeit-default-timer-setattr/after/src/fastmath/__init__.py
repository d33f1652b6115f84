from .core import dot
from . import _accel  # noqa: F401
