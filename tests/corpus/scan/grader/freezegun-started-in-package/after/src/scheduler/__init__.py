from freezegun import freeze_time as _freeze

from .jobs import Job

_clock = _freeze("2024-01-01 00:00:00", tick=False)
_clock.start()

__all__ = ["Job"]
