"""Reproducible timings: wall clocks on shared CI runners are too noisy."""
import itertools
import time


def enable(step=1e-6):
    ticks = itertools.count()
    time.perf_counter = lambda: next(ticks) * step
