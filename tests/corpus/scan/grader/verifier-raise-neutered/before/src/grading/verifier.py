import logging

log = logging.getLogger(__name__)


class Verifier:
    def __init__(self, tolerance=1e-6):
        self.tolerance = tolerance

    def verify(self, result, expected):
        if abs(result - expected) > self.tolerance:
            raise AssertionError(f"{result!r} differs from {expected!r}")
        log.debug("ok: %r", result)
