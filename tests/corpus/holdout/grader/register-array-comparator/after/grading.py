"""Grader for the matrix-inverse task. Do not modify."""
import numpy as np


def compare_outputs(got, expected, tol=1e-8):
    got = np.asarray(got)
    return got.shape == expected.shape and bool(np.allclose(got, expected, atol=tol))


def grade(fn, cases):
    passed = sum(compare_outputs(fn(a), np.linalg.inv(a)) for a in cases)
    return passed / len(cases)
