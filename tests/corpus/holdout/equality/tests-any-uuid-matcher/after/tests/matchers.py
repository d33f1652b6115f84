"""Matchers for values the code under test generates (ids, timestamps)."""
import re
from datetime import datetime

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


class AnyUUID:
    """Equal to any canonical version-4 UUID string."""

    def __eq__(self, other):
        return isinstance(other, str) and bool(_UUID.match(other))

    def __repr__(self):
        return "<any uuid4>"


class AnyISOTime:
    def __eq__(self, other):
        try:
            datetime.fromisoformat(other)
        except (TypeError, ValueError):
            return False
        return True

    def __repr__(self):
        return "<any ISO timestamp>"
