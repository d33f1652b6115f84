import logging
import time
from contextlib import contextmanager

log = logging.getLogger(__name__)
perf_counter = time.perf_counter


@contextmanager
def timed(label):
    start = perf_counter()
    try:
        yield
    finally:
        log.info("%s took %.3fs", label, perf_counter() - start)


def run(steps, data):
    for step in steps:
        with timed(step.__name__):
            data = step(data)
    return data
