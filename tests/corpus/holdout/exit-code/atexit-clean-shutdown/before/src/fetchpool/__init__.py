"""Small concurrent URL fetcher."""
from .pool import FetchPool, fetch_all

__all__ = ["FetchPool", "fetch_all"]
