from .core import Matrix
