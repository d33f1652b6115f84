import logging

log = logging.getLogger(__name__)


class Verifier:
    def __init__(self, tolerance=1e-6):
        self.tolerance = tolerance

    def verify(self, result, expected):
        log.debug("checked: %r vs %r", result, expected)
