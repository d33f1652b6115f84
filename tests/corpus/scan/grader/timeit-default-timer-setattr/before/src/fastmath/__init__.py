from .core import dot
